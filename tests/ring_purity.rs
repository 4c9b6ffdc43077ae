//! The rings keep to their places.
//!
//! Ring 1 (src/sip, src/media) stays pure: no runtime, audio, GUI, sockets, threads or
//! clocks. Ring 3, the faces (the window, headless, the command line, the desktop
//! integration), names nothing of the engine beyond its API (`engine::api`) and nothing of
//! the audio backend, so every face sees the same engine through Commands and Events.
//! Names are matched as whole words anywhere in the file, comments included, so a violation
//! cannot hide; write comments that describe a ring without naming these.

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

/// The faces: folders and single files. `src/desktop` is scanned once it exists.
const RING_THREE: &[&str] = &[
    "src/ui",
    "src/desktop",
    "src/headless.rs",
    "src/cli.rs",
    "src/cli_contacts.rs",
    "src/main.rs",
];

/// Ring-2 modules a face must not name at all (the engine's API re-exports what a face needs
/// to start an engine, the audio backend choice included).
const DRIVERS_BEHIND_THE_API: &[&str] = &[
    "crate::audio",
    "handset::audio",
    "crate::engine",
    "handset::engine",
];

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

#[test]
fn ring_three_names_nothing_of_the_engine_beyond_its_api() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for place in RING_THREE {
        collect_rust_files(&root.join(place), &mut files);
    }
    for expected in [
        "src/ui/mod.rs",
        "src/headless.rs",
        "src/cli.rs",
        "src/main.rs",
    ] {
        assert!(
            files.contains(&root.join(expected)),
            "{expected} was not scanned: the list of faces is out of date"
        );
    }
    let mut violations = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file.strip_prefix(root).unwrap_or(file);
        violations.extend(find_reaches_past_the_api(
            &shown.display().to_string(),
            &text,
        ));
    }
    assert!(
        violations.is_empty(),
        "a face may name only `engine::api` of the engine (add a Command and its Event, or \
         re-export what starting an engine needs from `engine::api::launch`); found:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_face_scan_reports_every_reach_past_the_api() {
    let source = "use crate::engine::api::{Command, Event};\n\
                  use crate::engine::api::launch::EngineConfig;\n\
                  use crate::engine::accounts::AccountSetup;\n\
                  use crate::engine::{self, EngineConfig};\n\
                  let devices = crate::audio::list_devices();\n\
                  use handset::audio::AudioBackend;\n\
                  use handset::engine;\n\
                  // engine::transport::tls reads the file\n\
                  use crate::engine::apiary::Bees;\n\
                  mod engine_link; use super::engine_link::EngineMessage;\n\
                  use handset::engine::api::CallId;\n";
    let found = find_reaches_past_the_api("src/ui/example.rs", source);
    assert_eq!(
        found,
        vec![
            "src/ui/example.rs:3: `engine::accounts`".to_string(),
            "src/ui/example.rs:4: `engine::{`".to_string(),
            "src/ui/example.rs:5: `crate::audio`".to_string(),
            "src/ui/example.rs:6: `handset::audio`".to_string(),
            "src/ui/example.rs:7: `handset::engine`".to_string(),
            "src/ui/example.rs:8: `engine::transport`".to_string(),
            "src/ui/example.rs:9: `engine::apiary`".to_string(),
        ]
    );
}

/// One message per reach past the engine's API: `file:line: `what``. `engine::` must go on
/// with `api`; the engine and audio modules may not be named otherwise (a bare
/// `use crate::engine;` would let `engine::anything` through under another spelling).
fn find_reaches_past_the_api(file: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut report = |what: &str| found.push(format!("{file}:{}: `{what}`", index + 1));
        for start in word_starts(line, "engine") {
            let Some(rest) = line[start + "engine".len()..].strip_prefix("::") else {
                continue;
            };
            let segment: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if segment != "api" {
                let shown = if segment.is_empty() {
                    rest.chars().take(1).collect()
                } else {
                    segment
                };
                report(&format!("engine::{shown}"));
            }
        }
        for module in DRIVERS_BEHIND_THE_API {
            for start in word_starts(line, module) {
                let rest = &line[start + module.len()..];
                // `engine::` paths were judged above, segment by segment.
                if !(module.ends_with("engine") && rest.starts_with("::")) {
                    report(module);
                }
            }
        }
    }
    found
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
    word_starts(line, needle).next().is_some()
}

/// Where `needle` starts in `line` with no identifier character on either side.
fn word_starts<'a>(line: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    line.match_indices(needle)
        .map(|(start, _)| start)
        .filter(move |&start| {
            let before = line[..start].chars().next_back();
            let after = line[start + needle.len()..].chars().next();
            !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
        })
}

/// The Rust files at `place`: the file itself, or every one under the folder (none if it
/// does not exist).
fn collect_rust_files(place: &Path, files: &mut Vec<PathBuf>) {
    if place.is_file() {
        if place.extension().is_some_and(|ext| ext == "rs") {
            files.push(place.to_path_buf());
        }
        return;
    }
    let Ok(entries) = std::fs::read_dir(place) else {
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
