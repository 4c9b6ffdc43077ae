//! Ring 1 (src/sip, src/media) stays pure: no runtime, audio, GUI, sockets, threads or
//! clocks. Names are matched as whole words anywhere in the file, comments included, so a
//! violation cannot hide; write comments that describe ring 1 without naming these.

use std::path::{Path, PathBuf};

/// Whole-word patterns that must not appear in ring-1 sources.
const FORBIDDEN: &[&str] = &[
    "tokio",
    "cpal",
    "iced",
    "std::net::UdpSocket",
    "std::net::TcpStream",
    "std::net::TcpListener",
    "UdpSocket",
    "TcpStream",
    "TcpListener",
    "std::thread",
    "thread::spawn",
    "thread::sleep",
    "Instant::now",
    "SystemTime",
    "std::fs",
    "std::process",
    "std::io::stdin",
    "ringbuf",
    "hound",
    // Randomness must come from the seed the driver passes in.
    "thread_rng",
    "rand::rng",
    "rand::random",
    "OsRng",
    "from_entropy",
    "from_os_rng",
];

const RING_ONE: &[&str] = &["src/sip", "src/media"];

#[test]
fn ring_one_names_no_io_threads_or_clocks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in RING_ONE {
        collect_rust_files(&root.join(dir), &mut files);
    }
    assert!(
        !files.is_empty(),
        "found no Rust sources under {RING_ONE:?}: the scan would prove nothing"
    );
    let mut violations = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file.strip_prefix(root).unwrap_or(file);
        violations.extend(find_violations(&shown.display().to_string(), &text));
    }
    assert!(
        violations.is_empty(),
        "ring 1 must do no I/O (see docs: three rings); found:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_scan_reports_file_line_and_name() {
    let source = "use std::net::SocketAddr;\n\
                  // sliced and voiced are fine words\n\
                  fn f() { let t = std::time::Instant::now(); }\n\
                  use tokio::net::UdpSocket;\n";
    let found = find_violations("src/sip/example.rs", source);
    assert_eq!(
        found,
        vec![
            "src/sip/example.rs:3: `Instant::now`".to_string(),
            "src/sip/example.rs:4: `tokio`".to_string(),
            "src/sip/example.rs:4: `UdpSocket`".to_string(),
        ]
    );
}

/// One message per forbidden name per line: `file:line: `name``.
fn find_violations(file: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut names: Vec<&str> = FORBIDDEN
            .iter()
            .copied()
            .filter(|name| contains_word(line, name))
            .collect();
        // A path such as `std::net::UdpSocket` also matches `UdpSocket`; report the longest.
        let all = names.clone();
        names.retain(|name| {
            !all.iter()
                .any(|other| other != name && other.contains(name))
        });
        for name in names {
            found.push(format!("{file}:{}: `{name}`", index + 1));
        }
    }
    found
}

/// Whether `needle` occurs in `line` with no identifier character on either side.
fn contains_word(line: &str, needle: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    line.match_indices(needle).any(|(start, _)| {
        let before = line[..start].chars().next_back();
        let after = line[start + needle.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

fn collect_rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}
