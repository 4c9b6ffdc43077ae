//! Any bytes offered as a .vcf file import without panicking: every card is added, merged or
//! skipped with a reason, what was added exports and reads back, and the same bytes, taken as
//! a caller's address, look a contact up without panicking.
#![no_main]

use handset::contacts::{ContactBook, ContactIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let mut book = ContactBook::open(dir.path().join("contacts"));
    let report = book.import_vcf_bytes(data);
    if report.error.is_none() {
        // Merges land in contacts this import added: the book holds exactly those.
        assert_eq!(book.len(), report.added.len());
    }
    let exported = book.export_all();
    let mut again = ContactBook::open(dir.path().join("again"));
    let second = again.import_vcf(&exported);
    assert!(second.skipped.is_empty(), "an export must read back: {:?}", second.skipped);
    let contacts: Vec<_> = book.contacts().cloned().collect();
    let index = ContactIndex::build(&contacts, Some("DE"));
    let remote = String::from_utf8_lossy(data);
    let _ = index.find(&remote);
    let _ = index.search(&remote);
});
