//! Ring 1 stays pure: nothing under src/sip names I/O, threads, clocks or ring-2/3 crates.

use std::path::Path;

const FORBIDDEN: &[&str] = &[
    "tokio",
    "cpal",
    "iced",
    "UdpSocket",
    "TcpStream",
    "TcpListener",
    "std::thread",
    "thread::spawn",
    "Instant",
    "SystemTime",
    "std::fs",
    "thread_rng",
    "rand::rng()",
    "OsRng",
];

fn visit(dir: &Path, found: &mut Vec<String>, files: &mut usize) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, found, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            *files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for name in FORBIDDEN {
                    if code.contains(name) {
                        found.push(format!("{}:{}: {name}", path.display(), n + 1));
                    }
                }
            }
        }
    }
}

#[test]
fn sip_core_names_no_io_threads_or_clocks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sip");
    let mut found = Vec::new();
    let mut files = 0;
    visit(&root, &mut found, &mut files);
    assert!(files >= 10, "only {files} files under {}", root.display());
    assert!(
        found.is_empty(),
        "ring 1 must stay pure:\n{}",
        found.join("\n")
    );
}
