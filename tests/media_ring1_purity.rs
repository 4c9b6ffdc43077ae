//! Ring 1 stays pure: the code under src/media does no I/O, starts no threads, reads no clock
//! and draws no unseeded randomness, so that every media behaviour can be replayed in a test.

use std::path::{Path, PathBuf};

/// Names whose presence in src/media means I/O, threads, clocks, OS randomness or a ring-2/3
/// crate crept in.
const FORBIDDEN: &[&str] = &[
    "tokio",
    "cpal",
    "iced",
    "ringbuf",
    "hound",
    "UdpSocket",
    "TcpStream",
    "TcpListener",
    "std::thread",
    "std::fs",
    "std::process",
    "std::io::stdin",
    "Instant",
    "SystemTime",
    "thread_rng",
    "rand::rng()",
    "OsRng",
    "from_entropy",
    "from_os_rng",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn media_core_names_no_io_threads_clocks_or_os_randomness() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/media");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        files.len() >= 10,
        "only {} files under {}",
        files.len(),
        root.display()
    );
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            // Comments may talk about clocks; code may not use them.
            let code = line.split("//").next().unwrap_or_default();
            for name in FORBIDDEN.iter().filter(|name| code.contains(*name)) {
                found.push(format!("{}:{}: {name}", file.display(), number + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "ring 1 must stay pure:\n{}",
        found.join("\n")
    );
}
