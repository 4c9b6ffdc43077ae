//! `handset`: the GUI by default, `handset headless` for scripts and tests, and
//! `handset import` / `handset export` for contacts.

mod cli;
mod cli_contacts;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_logging();
    let outcome = match cli.command {
        None => cli::run_gui(cli.gui),
        Some(cli::Mode::Gui(args)) => cli::run_gui(args),
        Some(cli::Mode::Headless(args)) => cli::run_headless(args),
        Some(cli::Mode::Import(args)) => cli_contacts::run_import(args),
        Some(cli::Mode::Export(args)) => cli_contacts::run_export(args),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("handset: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr so they never mix with the headless face's JSON on stdout.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("HANDSET_LOG")
        // Warnings, and the one line that tells the user where they can be called.
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,handset::reachable=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
