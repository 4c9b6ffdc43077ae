//! Importing into a book that already has people in it: the same person is merged, not
//! duplicated.

use handset::contacts::{AddressKind, ContactBook};
use std::fs;

fn values(book: &ContactBook, uid: &str) -> Vec<String> {
    book.get(uid)
        .expect("contact")
        .addresses
        .iter()
        .map(|a| a.value.clone())
        .collect()
}

#[test]
fn the_same_uid_is_merged_with_its_new_addresses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = ContactBook::open(dir.path());
    let first = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:ann-1\r\nFN:Ann Lee\r\nTEL:030 1234567\r\nX-KEEP:me\r\nEND:VCARD\r\n";
    assert_eq!(book.import_vcf(first).added, vec!["ann-1".to_string()]);
    let again = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ann-1\r\nFN:Ann Lee\r\nTEL:+49 30 1234567\r\nIMPP:sip:ann@example.org\r\nEND:VCARD\r\n";
    let report = book.import_vcf(again);
    assert_eq!(
        (report.added.len(), report.merged.clone()),
        (0, vec!["ann-1".to_string()])
    );
    assert_eq!(book.len(), 1);
    assert_eq!(
        values(&book, "ann-1"),
        vec!["030 1234567", "sip:ann@example.org"]
    );
    let text = fs::read_to_string(dir.path().join("ann-1.vcf")).expect("file");
    assert!(
        text.contains("X-KEEP:me\r\n"),
        "the existing card's lines stay: {text}"
    );
}

#[test]
fn the_same_name_with_a_shared_number_is_merged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = ContactBook::open(dir.path());
    book.import_vcf("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:bob\r\nFN:Bob Stone\r\nTEL:0171 5551234\r\nEND:VCARD\r\n");
    let report = book.import_vcf(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:bob stone\r\nTEL;TYPE=CELL:+49 171 555-1234\r\nTEL;TYPE=WORK:089 7777\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\nTEL:0999 111111\r\nEND:VCARD\r\n",
    );
    assert_eq!(report.merged, vec!["bob".to_string()]);
    assert_eq!(
        report.added.len(),
        1,
        "another Bob Stone with no shared number is someone else"
    );
    assert_eq!(values(&book, "bob"), vec!["0171 5551234", "089 7777"]);
    assert_eq!(book.len(), 2);
}

#[test]
fn the_same_person_twice_in_one_file_becomes_one_contact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = ContactBook::open(dir.path());
    let report = book.import_vcf(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cleo\r\nTEL:+44 20 7946 0018\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cleo\r\nTEL:+44 20 7946 0018\r\nX-SIP:cleo@example.org\r\nEND:VCARD\r\n",
    );
    assert_eq!(report.added.len(), 1);
    assert!(
        report.merged.is_empty() && report.skipped.is_empty(),
        "{report:?}"
    );
    let cleo = book.get(&report.added[0]).expect("cleo");
    assert_eq!(cleo.addresses.len(), 2);
    assert_eq!(cleo.addresses[1].kind, AddressKind::Sip);
    let files = fs::read_dir(dir.path()).expect("list").count();
    assert_eq!(files, 1, "one file, no temporary files left");
    assert_eq!(ContactBook::open(dir.path()).get(&cleo.uid), Some(cleo));
}

#[test]
fn input_that_is_not_vcards_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = ContactBook::open(dir.path());
    let report = book.import_vcf_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff");
    assert!(
        report
            .error
            .as_deref()
            .is_some_and(|e| e.contains("not UTF-8")),
        "{report:?}"
    );
    let report = book.import_vcf("name,phone\nAnn,123\n");
    assert_eq!(
        report.error.as_deref(),
        Some("there is no vCard in it (no BEGIN:VCARD line)")
    );
    assert!(book.is_empty());
}

#[test]
fn a_big_import_is_written_whole_and_reads_back_after_a_restart() {
    // Hundreds of cards take the one-flush-for-all path; every card must still be a
    // complete file of its own, with no temporary files left behind.
    let dir = tempfile::tempdir().expect("temp dir");
    let vcf = handset::contacts::sample::generate(300);
    let report = ContactBook::open(dir.path()).import_vcf(&vcf);
    assert_eq!(report.added.len(), 300, "{:?}", report.skipped.first());
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("folder")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        300,
        "one file per card, nothing else: {names:?}"
    );
    assert!(names.iter().all(|name| !name.starts_with('.')));
    let reopened = ContactBook::open(dir.path());
    assert_eq!(reopened.len(), 300);
    assert!(reopened.problems().is_empty(), "{:?}", reopened.problems());
}
