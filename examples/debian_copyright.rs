//! Prints debian/copyright: Handset's licence, and the licence of every crate linked into the
//! binary, from `cargo metadata --locked`. Run from the repository:
//! `cargo run --example debian_copyright > debian/copyright`.
//! tests/debian_copyright.rs fails when the file falls behind Cargo.lock.

#[allow(dead_code)] // the parser is for the test
#[path = "../tests/copyright_support/mod.rs"]
mod copyright_support;

use std::process::ExitCode;

fn main() -> ExitCode {
    let generated = copyright_support::linked_crates(env!("CARGO_MANIFEST_DIR").as_ref())
        .and_then(|crates| copyright_support::render(&crates));
    match generated {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("debian_copyright: {e}");
            ExitCode::FAILURE
        }
    }
}
