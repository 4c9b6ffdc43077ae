//! The contacts folder: bad files don't stop good ones, nothing is lost or clobbered, and
//! changes made by other programs show up.

use handset::contacts::{Address, AddressLabel, Contact, ContactBook, DirWatch};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

fn card(uid: &str, name: &str, number: &str) -> String {
    format!("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:{uid}\r\nFN:{name}\r\nTEL:{number}\r\nEND:VCARD\r\n")
}

fn names(book: &ContactBook) -> Vec<String> {
    let mut names: Vec<String> = book.contacts().map(|c| c.name.clone()).collect();
    names.sort();
    names
}

/// Another program replacing a file the way khard and vdirsyncer do: write elsewhere,
/// then rename over it.
fn write_like_another_program(path: &Path, text: &str) {
    let temp = path.with_extension("tmp-other");
    fs::write(&temp, text).expect("write");
    fs::rename(&temp, path).expect("rename");
}

#[test]
fn broken_files_are_reported_by_name_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let broken: Vec<(&str, Vec<u8>)> = vec![
        (
            "garbage.vcf",
            vec![0x00, 0xff, 0xfe, 0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a],
        ),
        (
            "no-end.vcf",
            b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Half\r\n".to_vec(),
        ),
        ("empty.vcf", Vec::new()),
        (
            "latin1.vcf",
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ren\xe9e\r\nEND:VCARD\r\n".to_vec(),
        ),
        (
            "two.vcf",
            format!("{}{}", card("t1", "T1", "1"), card("t2", "T2", "2")).into_bytes(),
        ),
    ];
    for (name, bytes) in &broken {
        fs::write(d.join(name), bytes).expect("write");
    }
    fs::create_dir(d.join("folder.vcf")).expect("mkdir");
    fs::write(d.join("good-1.vcf"), card("g1", "Good One", "+49 30 1")).expect("write");
    fs::write(d.join("good-2.vcf"), card("g2", "Good Two", "+49 30 2")).expect("write");
    fs::write(
        d.join("later-copy-of-good-1.vcf"),
        card("g1", "Same Uid", "+49 30 3"),
    )
    .expect("write");
    fs::write(d.join("notes.txt"), b"\xff not a card").expect("write");

    let mut book = ContactBook::open(d);
    assert_eq!(names(&book), vec!["Good One", "Good Two"]);
    let problems: Vec<(String, String)> = book
        .problems()
        .into_iter()
        .map(|p| {
            let file = p
                .file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            (file, p.reason)
        })
        .collect();
    let reason_of = |file: &str| -> String {
        problems
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{file} not reported: {problems:?}"))
    };
    assert!(reason_of("garbage.vcf").contains("not UTF-8 text"));
    assert!(reason_of("latin1.vcf").contains("not UTF-8 text (invalid byte at offset 32)"));
    assert!(reason_of("no-end.vcf").contains("no END:VCARD"));
    assert_eq!(reason_of("empty.vcf"), "the file is empty");
    assert!(reason_of("two.vcf").contains("holds 2 vCards"));
    assert_eq!(reason_of("folder.vcf"), "it is a folder, not a file");
    assert!(reason_of("later-copy-of-good-1.vcf").contains("same UID (g1) as good-1.vcf"));
    assert_eq!(
        problems.len(),
        7,
        "notes.txt is not a contact file: {problems:?}"
    );

    // Saving and reloading must not touch the broken files.
    book.save(Contact::new("New Person")).expect("save");
    book.reload_if_changed();
    for (name, bytes) in &broken {
        assert_eq!(
            &fs::read(d.join(name)).expect("read"),
            bytes,
            "{name} changed"
        );
    }
    assert_eq!(book.problems().len(), 7);
}

#[test]
fn open_creates_the_folder_and_save_writes_uid_named_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("handset/contacts");
    let mut book = ContactBook::open(&folder);
    assert!(folder.is_dir());
    assert!(book.is_empty() && book.problems().is_empty());

    let mut contact = Contact::new("Roberta Quillfeather");
    contact
        .addresses
        .push(Address::number(AddressLabel::Mobile, "+44 7700 900123"));
    let uid = book.save(contact.clone()).expect("save");
    assert_eq!(uid.len(), 36, "a fresh UUID: {uid}");
    let text = fs::read_to_string(folder.join(format!("{uid}.vcf"))).expect("file named by uid");
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    assert!(text.contains("TEL;TYPE=CELL:+44 7700 900123\r\n"));

    let odd = book
        .save(Contact {
            uid: "../odd/uid".into(),
            ..Contact::new("Odd")
        })
        .expect("save");
    assert_eq!(odd, "../odd/uid");
    assert!(folder.join("_odd_uid.vcf").is_file());

    contact.uid = uid.clone();
    let reopened = ContactBook::open(&folder);
    assert_eq!(reopened.get(&uid), Some(&contact));

    assert!(book.delete(&uid).expect("delete"));
    assert!(!folder.join(format!("{uid}.vcf")).exists());
    assert!(!book.delete(&uid).expect("second delete"));
    assert_eq!(names(&ContactBook::open(&folder)), vec!["Odd"]);
}

#[test]
fn reload_picks_up_files_added_changed_and_removed_by_others() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::write(d.join("a.vcf"), card("a", "Alice", "1")).expect("write");
    fs::write(d.join("b.vcf"), card("b", "Bob", "2")).expect("write");
    let mut book = ContactBook::open(d);
    assert!(!book.reload_if_changed(), "nothing changed yet");

    let uid = book.save(Contact::new("Mine")).expect("save");
    assert!(
        !book.reload_if_changed(),
        "our own write is not a change to reload"
    );
    assert!(book.get(&uid).is_some());

    write_like_another_program(&d.join("a.vcf"), &card("a", "Alice Renamed", "1"));
    fs::write(d.join("c.vcf"), card("c", "Carol", "3")).expect("write");
    fs::remove_file(d.join("b.vcf")).expect("remove");
    assert!(book.reload_if_changed());
    assert_eq!(names(&book), vec!["Alice Renamed", "Carol", "Mine"]);

    // An editor writing in place, same size: the stamp still differs.
    fs::write(d.join("c.vcf"), card("c", "Karl", "3")).expect("write");
    assert!(book.reload_if_changed());
    assert_eq!(names(&book), vec!["Alice Renamed", "Karl", "Mine"]);

    // A file broken by another program becomes a problem, and mending it brings it back.
    fs::write(d.join("c.vcf"), "BEGIN:VCARD\r\nFN:Karl\r\n").expect("write");
    assert!(book.reload_if_changed());
    assert_eq!(names(&book), vec!["Alice Renamed", "Mine"]);
    assert_eq!(book.problems().len(), 1);
    fs::write(d.join("c.vcf"), card("c", "Karl", "3")).expect("write");
    assert!(book.reload_if_changed());
    assert!(book.problems().is_empty());
    assert_eq!(names(&book), vec!["Alice Renamed", "Karl", "Mine"]);
}

#[test]
fn saving_keeps_what_another_program_changed_meanwhile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    fs::write(d.join("a.vcf"), card("a", "Alice", "1")).expect("write");
    let mut book = ContactBook::open(d);
    let mut alice = book.get("a").expect("alice").clone();

    let edited =
        card("a", "Alice", "1").replace("END:VCARD", "EMAIL:alice@example.org\r\nEND:VCARD");
    write_like_another_program(&d.join("a.vcf"), &edited);
    alice.note = "from Handset".into();
    book.save(alice).expect("save");
    let text = fs::read_to_string(d.join("a.vcf")).expect("read");
    assert!(text.contains("EMAIL:alice@example.org\r\n"), "{text}");
    assert!(text.contains("NOTE:from Handset\r\n"), "{text}");
}

fn wait_for_change(watch: &DirWatch) -> bool {
    // Generous: inotify events arrive in milliseconds, but the machine may be busy.
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if watch.take_changed() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn dir_watch_reports_changes_by_other_programs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let mut book = ContactBook::open(d);
    let watch = DirWatch::start(d).expect("watch");
    assert!(!watch.take_changed(), "nothing happened yet");

    write_like_another_program(&d.join("new.vcf"), &card("n", "Newcomer", "5"));
    assert!(wait_for_change(&watch), "a new file is noticed");
    assert!(book.reload_if_changed());
    assert_eq!(names(&book), vec!["Newcomer"]);

    fs::write(d.join("new.vcf"), card("n", "Newcomer Edited", "5")).expect("write");
    assert!(wait_for_change(&watch), "an edit in place is noticed");
    book.reload_if_changed();
    assert_eq!(names(&book), vec!["Newcomer Edited"]);

    fs::remove_file(d.join("new.vcf")).expect("remove");
    assert!(wait_for_change(&watch), "a removal is noticed");
    assert!(book.reload_if_changed());
    assert!(book.is_empty());

    // Our own save raises the flag too, but reloading then finds nothing to do.
    book.save(Contact::new("Mine")).expect("save");
    assert!(wait_for_change(&watch));
    assert!(!book.reload_if_changed());
}

#[test]
fn dir_watch_fails_readably_for_a_missing_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing");
    let error = DirWatch::start(&missing)
        .err()
        .expect("cannot watch")
        .to_string();
    assert!(
        error.contains("could not watch") && error.contains("missing"),
        "{error}"
    );
}
