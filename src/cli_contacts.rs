//! `handset import FILE.vcf` and `handset export [--contact UID]`: the contacts from a shell,
//! for moving them in and out of Handset without the window.

use clap::Args;
use handset::contacts::ContactBook;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A .vcf file of vCards (versions 2.1, 3.0 and 4.0).
    #[arg(value_name = "FILE.vcf")]
    pub file: PathBuf,
    /// The data folder holding `contacts/` (default: the XDG data folder).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only this contact (its uid, the file name without `.vcf`).
    #[arg(long, value_name = "UID")]
    pub contact: Option<String>,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE.vcf")]
    pub output: Option<PathBuf>,
    /// The data folder holding `contacts/` (default: the XDG data folder).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

fn open_book(data: Option<PathBuf>) -> Result<ContactBook, String> {
    let dir = handset::data_dir::resolve(data, None)?;
    Ok(ContactBook::open(handset::data_dir::contacts_dir(&dir)))
}

/// Imports and prints what was added, merged and skipped, and why.
pub fn run_import(args: ImportArgs) -> Result<(), String> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let mut book = open_book(args.data)?;
    let report = book.import_vcf_bytes(&bytes);
    println!(
        "{}: {} added, {} merged, {} skipped",
        args.file.display(),
        report.added.len(),
        report.merged.len(),
        report.skipped.len()
    );
    for skipped in &report.skipped {
        println!(
            "  skipped card {} (line {}): {}",
            skipped.card, skipped.line, skipped.reason
        );
    }
    match report.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

pub fn run_export(args: ExportArgs) -> Result<(), String> {
    let book = open_book(args.data)?;
    let text = match &args.contact {
        Some(uid) => book
            .export_one(uid)
            .ok_or_else(|| format!("no contact with uid {uid}"))?,
        None => book.export_all(),
    };
    match &args.output {
        Some(path) => write_file(path, &text),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write: {e}")),
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    handset::config::write_atomically(path, text.as_bytes(), 0o644)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
