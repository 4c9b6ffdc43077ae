//! Real-world shapes of .vcf files (tests/fixtures/vcards/): each imports to the contacts a
//! person would expect, exports and imports back to the same contacts, and keeps what
//! Handset does not understand when Handset rewrites the file.

use handset::contacts::{Address, AddressKind, AddressLabel, Contact, ContactBook, ImportReport};
use std::path::{Path, PathBuf};

const FIXTURES: [&str; 8] = [
    "v21_quoted_printable.vcf",
    "v30_phone_export.vcf",
    "v40_full.vcf",
    "folded_lines.vcf",
    "photo_base64.vcf",
    "apple_grouped.vcf",
    "sip_forms.vcf",
    "mixed_broken.vcf",
];

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vcards")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(name: &str) -> (tempfile::TempDir, ContactBook, ImportReport) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = ContactBook::open(dir.path().join("contacts"));
    let report = book.import_vcf_bytes(&fixture(name));
    assert_eq!(report.error, None, "{name}");
    (dir, book, report)
}

fn by_name<'a>(book: &'a ContactBook, name: &str) -> &'a Contact {
    book.contacts().find(|c| c.name == name).unwrap_or_else(|| {
        panic!(
            "no contact named {name:?} in {:#?}",
            book.contacts().collect::<Vec<_>>()
        )
    })
}

fn shape(contact: &Contact) -> Vec<(AddressKind, AddressLabel, &str, Option<u8>)> {
    contact
        .addresses
        .iter()
        .map(|a| (a.kind, a.label, a.value.as_str(), a.pref))
        .collect()
}

fn file_of(book: &ContactBook, uid: &str) -> String {
    let files: Vec<PathBuf> = std::fs::read_dir(book.dir())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let needle = format!("UID:{uid}\r\n");
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .find(|text| text.contains(&needle))
        .unwrap_or_else(|| panic!("no file for {uid}"))
}

use AddressKind::{Number, Sip};
use AddressLabel as L;

#[test]
fn vcard_2_1_with_quoted_printable_and_charsets() {
    let (_dir, book, report) = import("v21_quoted_printable.vcf");
    assert_eq!(
        (report.added.len(), report.skipped.len()),
        (2, 0),
        "{report:?}"
    );
    let jurgen = by_name(&book, "Jürgen Müller");
    assert_eq!(
        shape(jurgen),
        vec![
            (Number, L::Mobile, "+49 170 1234567", Some(1)),
            (Number, L::Work, "030 1234567", None)
        ]
    );
    assert_eq!(jurgen.note, "Straße 1, Grüße an Frau Müller");
    let renee = by_name(&book, "Renée Lefèvre");
    assert_eq!(
        shape(renee),
        vec![(Number, L::Home, "+33 1 98 76 54 32", None)]
    );
    let file = file_of(&book, &renee.uid);
    assert!(file.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{file}");
    assert!(file.contains("X-IRMC-LUID:0002\r\n"), "{file}");
    assert!(!file.contains("QUOTED-PRINTABLE"), "{file}");
}

#[test]
fn vcard_3_0_from_a_phone_export() {
    let (_dir, book, report) = import("v30_phone_export.vcf");
    assert_eq!(report.added.len(), 2, "{report:?}");
    assert_eq!(report.skipped.len(), 1);
    assert_eq!((report.skipped[0].card, report.skipped[0].line), (3, 17));
    assert!(report.skipped[0]
        .reason
        .contains("no name and no phone number"));
    let roberta = by_name(&book, "Roberta Quillfeather");
    assert_eq!(roberta.organisation, "Quill & Ink Ltd.");
    assert_eq!(roberta.initials(), "RQ");
    assert_eq!(
        shape(roberta),
        vec![
            (Number, L::Mobile, "+44 7700 900123", None),
            (Number, L::Home, "020 7946 0018", None)
        ]
    );
    let plumber = by_name(&book, "Plumber");
    assert_eq!(
        plumber.default_address().map(|a| a.value.as_str()),
        Some("0171 5551234")
    );
    assert!(file_of(&book, &roberta.uid).contains("EMAIL;TYPE=INTERNET:roberta@example.org"));
}

#[test]
fn vcard_4_0_with_uri_values_and_favourite() {
    let (_dir, book, report) = import("v40_full.vcf");
    assert_eq!(
        report.added,
        vec!["urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1".to_string()]
    );
    let c = by_name(&book, "Siobhán O'Connor");
    assert_eq!(c.organisation, "Initech");
    assert!(c.favourite);
    assert_eq!(
        c.note,
        "Prefers calls after 10:00, not before.\nSecond line."
    );
    assert_eq!(
        shape(c),
        vec![
            (Number, L::Work, "+353-1-555-0142", None),
            (Number, L::Mobile, "+353-87-555-0199", Some(1)),
            (Sip, L::Home, "sip:siobhan@sip.example.ie", Some(2)),
        ]
    );
    assert_eq!(
        c.default_address().map(|a| a.dial_target()).as_deref(),
        Some("+353875550199")
    );
}

#[test]
fn folded_lines_even_inside_a_utf8_character() {
    let (_dir, book, report) = import("folded_lines.vcf");
    assert_eq!(report.added.len(), 1, "{report:?}");
    let c = by_name(&book, "Hans Müller €uro");
    assert!(
        c.note.contains("at seventy-five octets, with"),
        "{}",
        c.note
    );
    assert_eq!(shape(c), vec![(Number, L::Work, "+49 89 1234 5678", None)]);
}

#[test]
fn embedded_photos_are_kept() {
    let (_dir, book, report) = import("photo_base64.vcf");
    assert_eq!(
        report.added,
        vec!["photo-1".to_string(), "photo-2".to_string()]
    );
    let file = file_of(&book, "photo-1").replace("\r\n ", "");
    assert!(
        file.contains("PHOTO:data:image/jpeg;base64,/9j/4AAQSkZJRgAAAQIDBAUG"),
        "{file}"
    );
    assert!(
        file.contains("+vv8/f7//9k=\r\n"),
        "the photo's last bytes are there: {file}"
    );
    assert!(
        file.contains("X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;KJ;1;;;"),
        "{file}"
    );
    let png = file_of(&book, "photo-2").replace("\r\n ", "");
    assert!(
        png.contains("PHOTO:data:image/png;base64,iVBORw0KGgo"),
        "{png}"
    );
}

#[test]
fn apple_grouped_lines_and_custom_labels() {
    let (_dir, book, _) = import("apple_grouped.vcf");
    let c = by_name(&book, "María García");
    assert_eq!(c.organisation, "Café Noir");
    assert_eq!(
        shape(c),
        vec![
            (Number, L::Mobile, "+34 612 34 56 78", None),
            (Number, L::Other, "+34 91 123 45 67", None),
            (Number, L::Work, "+34 93 765 43 21", Some(1)),
        ]
    );
}

#[test]
fn sip_addresses_from_x_sip_tel_uri_and_impp() {
    let (_dir, book, report) = import("sip_forms.vcf");
    assert_eq!(report.added.len(), 3);
    assert_eq!(
        shape(by_name(&book, "Olga Ivanova")),
        vec![
            (Sip, L::Sip, "sip:olga@pbx.example.com", None),
            (Sip, L::Work, "sip:olga.work@pbx.example.com", None)
        ]
    );
    assert_eq!(
        shape(by_name(&book, "Noah Costa")),
        vec![
            (Sip, L::Sip, "sip:noah@voip.example.net", None),
            (Number, L::Home, "+351-21-555-0100", None)
        ]
    );
    assert_eq!(
        shape(by_name(&book, "Grace Smith")),
        vec![
            (Sip, L::Work, "sip:grace@example.org", Some(1)),
            (Sip, L::Sip, "sips:grace.secure@example.org", None)
        ]
    );
    assert!(file_of(&book, "sip-forms-3").contains("IMPP:xmpp:grace@chat.example.org\r\n"));
}

#[test]
fn broken_cards_are_skipped_with_card_and_line() {
    let (_dir, book, report) = import("mixed_broken.vcf");
    assert_eq!(report.added.len(), 2, "{report:?}");
    let skipped: Vec<String> = report.skipped.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        skipped,
        vec![
            "card 2 (line 6): it has no END:VCARD line".to_string(),
            "card 3 (line 10): it has no name and no phone number or SIP address".to_string(),
        ]
    );
    by_name(&book, "Good One");
    by_name(&book, "Good Two");
}

#[test]
fn every_fixture_round_trips_through_export() {
    for name in FIXTURES {
        let (_dir, book, _) = import(name);
        let reopened = ContactBook::open(book.dir());
        assert_eq!(reopened.problems(), vec![], "{name}");
        assert_eq!(
            reopened.contacts().collect::<Vec<_>>(),
            book.contacts().collect::<Vec<_>>(),
            "{name}: the files hold what was imported"
        );
        let exported = book.export_all();
        let other_dir = tempfile::tempdir().expect("temp dir");
        let mut other = ContactBook::open(other_dir.path());
        let report = other.import_vcf(&exported);
        assert_eq!(report.added.len(), book.len(), "{name}: {report:?}");
        assert_eq!(
            other.contacts().collect::<Vec<_>>(),
            book.contacts().collect::<Vec<_>>(),
            "{name}: export then import gives the same contacts"
        );
        for contact in book.contacts() {
            let one = book.export_one(&contact.uid).expect("exported");
            assert_eq!(
                other.export_one(&contact.uid),
                Some(one),
                "{name}: same card text"
            );
        }
    }
}

#[test]
fn unknown_lines_survive_a_rewrite_by_handset() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Cards placed in the folder as another program would, not imported.
    std::fs::write(dir.path().join("maria.vcf"), fixture("apple_grouped.vcf")).expect("write");
    std::fs::write(dir.path().join("siobhan.vcf"), fixture("v40_full.vcf")).expect("write");
    let photo = String::from_utf8(fixture("photo_base64.vcf")).expect("utf-8");
    let first_card = &photo[..photo.find("END:VCARD\r\n").expect("end") + 11];
    std::fs::write(dir.path().join("karin.vcf"), first_card).expect("write");
    let mut book = ContactBook::open(dir.path());
    assert_eq!(book.problems(), vec![]);
    assert_eq!(book.len(), 3);

    for (uid_file, kept) in [
        (
            "maria.vcf",
            vec![
                "item1.X-ABLabel:_$!<Mobile>!$_",
                "item2.X-ABLabel:Boat",
                "item3.URL;PREF=1:https://cafe.example.es",
                "X-ABUID:",
                "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
                "ORG:Café Noir;",
            ],
        ),
        (
            "siobhan.vcf",
            vec![
                "X-HANDSET-TEST:kept",
                "BDAY:--0412",
                "KIND:INDIVIDUAL",
                "N:O'Connor;Siobhán;;Dr.;",
                "CATEGORIES:friends,favourite",
            ],
        ),
        (
            "karin.vcf",
            vec![
                "PHOTO:data:image/jpeg;base64,/9j/4AAQ",
                "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;KJ;1",
            ],
        ),
    ] {
        let path = dir.path().join(uid_file);
        let uid = book
            .contacts()
            .find(|c| std::fs::read_to_string(&path).is_ok_and(|t| t.contains(&c.name)))
            .map(|c| c.uid.clone())
            .expect("contact of file");
        let mut contact = book.get(&uid).expect("contact").clone();
        contact.note = "Edited in Handset".into();
        book.save(contact.clone()).expect("save");
        let text = std::fs::read_to_string(&path)
            .expect("same file rewritten")
            .replace("\r\n ", "");
        assert!(text.contains("NOTE:Edited in Handset\r\n"), "{text}");
        for line in kept {
            assert!(text.contains(line), "{uid_file} lost {line:?}:\n{text}");
        }
        assert_eq!(book.get(&uid), Some(&contact));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        assert_eq!(names.len(), 3, "no temporary files left: {names:?}");
    }
}

#[test]
fn changing_an_address_label_keeps_the_other_grouped_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("maria.vcf"), fixture("apple_grouped.vcf")).expect("write");
    let mut book = ContactBook::open(dir.path());
    let mut maria = book.contacts().next().expect("one").clone();
    maria.addresses[0].label = L::Work;
    maria
        .addresses
        .push(Address::sip(L::Sip, "maria@cafe.example.es"));
    book.save(maria.clone()).expect("save");
    let text = std::fs::read_to_string(dir.path().join("maria.vcf")).expect("read");
    assert!(
        text.contains("item1.TEL;TYPE=WORK:+34 612 34 56 78\r\n"),
        "{text}"
    );
    assert!(
        !text.contains("_$!<Mobile>!$_"),
        "stale label removed: {text}"
    );
    assert!(text.contains("item2.X-ABLabel:Boat\r\n"), "{text}");
    assert!(
        text.contains("IMPP:sip:maria@cafe.example.es\r\n"),
        "{text}"
    );
    let reopened = ContactBook::open(dir.path());
    let back = reopened.contacts().next().expect("one");
    assert_eq!(back.addresses[0].label, L::Work);
    assert_eq!(back.addresses[3].value, "sip:maria@cafe.example.es");
}
