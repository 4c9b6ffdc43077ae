//! Writes handset(1), and a page per subcommand (handset-headless(1), …), generated from the
//! command-line definition in src/cli.rs, into the folder given as the only argument.
//! debian/rules runs it: `cargo run --release --example man_page -- DIR`.
//!
//! The definition is compiled in from the binary's own source, so the pages cannot drift from
//! `handset --help`; the functions that run the modes are unused here.

#[allow(dead_code)]
#[path = "../src/cli.rs"]
mod cli;
#[allow(dead_code)]
#[path = "../src/cli_contacts.rs"]
mod cli_contacts;

use clap::CommandFactory;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: man_page DIR");
        return ExitCode::FAILURE;
    };
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| clap_mangen::generate_to(cli::Cli::command(), &dir));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("man_page: {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
