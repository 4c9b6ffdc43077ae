//! debian/copyright names every crate linked into the binary with the licence its
//! Cargo.toml declares (per Cargo.lock), and is exactly what the generator writes, so no
//! crate left the graph unnoticed either.

mod copyright_support;

use copyright_support::{linked_crates, paragraphs, render, REGENERATE};
use std::path::Path;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn debian_copyright() -> String {
    let path = manifest_dir().join("debian/copyright");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn every_linked_crate_is_named_with_its_licence() {
    let crates = linked_crates(manifest_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        crates.iter().any(|c| c.name == "iced"),
        "the linked crates should include iced, the window's toolkit: {crates:?}"
    );
    let paragraphs = paragraphs(&debian_copyright());
    let mut problems = Vec::new();
    for c in &crates {
        let pattern = c.files_pattern();
        match paragraphs
            .iter()
            .find(|p| p.get("Files").map(String::as_str) == Some(pattern.as_str()))
        {
            None => problems.push(format!(
                "{} {} is linked into handset but debian/copyright does not name it",
                c.name, c.version
            )),
            Some(p) if p.get("License") != Some(&c.licence) => problems.push(format!(
                "{} {}: debian/copyright says {:?}, its Cargo.toml says {:?}",
                c.name,
                c.version,
                p.get("License"),
                c.licence
            )),
            Some(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "debian/copyright is behind Cargo.lock; regenerate it with `{REGENERATE}`:\n{}",
        problems.join("\n")
    );
}

#[test]
fn debian_copyright_is_what_the_generator_writes() {
    let crates = linked_crates(manifest_dir()).unwrap_or_else(|e| panic!("{e}"));
    let expected = render(&crates).unwrap_or_else(|e| panic!("{e}"));
    let actual = debian_copyright();
    if actual != expected {
        let first_difference = actual
            .lines()
            .zip(expected.lines())
            .enumerate()
            .find(|(_, (a, e))| a != e)
            .map(|(n, (a, e))| format!("line {}: file has {a:?}, generator writes {e:?}", n + 1))
            .unwrap_or_else(|| "one is a prefix of the other".to_owned());
        panic!("debian/copyright is not what the generator writes ({first_difference}); regenerate it with `{REGENERATE}`");
    }
}
