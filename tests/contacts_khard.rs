//! Sharing the contacts folder with the real khard: what khard writes, Handset sees, and
//! what Handset writes, khard lists.

use handset::contacts::{
    Address, AddressKind, AddressLabel, Contact, ContactBook, ContactIndex, DirWatch,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Khard {
    _home: tempfile::TempDir,
    home: PathBuf,
    vdir: PathBuf,
    config: PathBuf,
}

impl Khard {
    /// A khard set up with one address book, `contacts`, in a temporary folder.
    fn new() -> Khard {
        let available = Command::new("khard")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(available, "install khard: apt-get install -y khard");
        let home = tempfile::tempdir().expect("temp dir");
        let vdir = home.path().join("data/handset/contacts");
        std::fs::create_dir_all(&vdir).expect("vdir");
        let config = home.path().join("khard.conf");
        std::fs::write(
            &config,
            format!(
                "[addressbooks]\n[[contacts]]\npath = {}\n\n[general]\ndefault_action = list\n\
                 editor = /bin/false\nmerge_editor = /bin/false\n\n[vcard]\npreferred_version = 4.0\n",
                vdir.display()
            ),
        )
        .expect("config");
        Khard {
            home: home.path().to_path_buf(),
            _home: home,
            vdir,
            config,
        }
    }

    /// Runs khard with `stdin`; panics with khard's own words when it fails.
    fn run(&self, args: &[&str], stdin: &str) -> String {
        let mut child = Command::new("khard")
            .arg("-c")
            .arg(&self.config)
            .args(args)
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join("config"))
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start khard");
        if let Some(mut input) = child.stdin.take() {
            input.write_all(stdin.as_bytes()).expect("stdin");
        }
        let output = child.wait_with_output().expect("khard output");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "khard {args:?} failed ({}):\n{stdout}\n{stderr}",
            output.status
        );
        stdout
    }

    fn template(&self, name: &str) -> PathBuf {
        self.home.join(name)
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vcards")
        .join(name);
    std::fs::read(path).expect("fixture")
}

fn wait_for_change(watch: &DirWatch) -> bool {
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
fn contacts_written_by_handset_are_listed_by_khard() {
    let khard = Khard::new();
    let mut book = ContactBook::open(&khard.vdir);
    let uid = book
        .save(Contact {
            name: "Roberta Quillfeather".into(),
            organisation: "Quill & Ink".into(),
            addresses: vec![
                Address::number(AddressLabel::Mobile, "+44 7700 900123"),
                Address::sip(AddressLabel::Work, "roberta@sip.example.org"),
            ],
            favourite: true,
            note: "Call after ten".into(),
            ..Contact::default()
        })
        .expect("save");
    for fixture_name in [
        "photo_base64.vcf",
        "apple_grouped.vcf",
        "v21_quoted_printable.vcf",
    ] {
        let report = book.import_vcf_bytes(&fixture(fixture_name));
        assert!(report.skipped.is_empty(), "{report:?}");
    }

    // Without --skip-unparsable, khard stops at the first card it cannot read.
    let list = khard.run(&["list"], "");
    for name in [
        "Roberta Quillfeather",
        "Karin Jensen",
        "María García",
        "Jürgen Müller",
    ] {
        assert!(list.contains(name), "khard does not list {name}:\n{list}");
    }
    let shown = khard.run(&["show", &format!("uid:{uid}")], "");
    assert!(shown.contains("+44 7700 900123"), "{shown}");
    assert!(shown.contains("Quill & Ink"), "{shown}");
    assert!(shown.contains("favourite"), "{shown}");
    assert!(shown.contains("Call after ten"), "{shown}");
}

#[test]
fn a_contact_created_by_khard_is_picked_up() {
    let khard = Khard::new();
    let mut book = ContactBook::open(&khard.vdir);
    let watch = DirWatch::start(&khard.vdir).expect("watch");
    let template = khard.template("new.yaml");
    std::fs::write(
        &template,
        "Formatted name : Kim Khard\nFirst name : Kim\nLast name : Khard\n\
         Phone :\n    cell : +49 30 7654321\n    work : 089 111222\nNote : made by khard\n",
    )
    .expect("template");
    khard.run(
        &["new", "-a", "contacts", "-i", &template.to_string_lossy()],
        "",
    );

    assert!(
        wait_for_change(&watch),
        "the watcher noticed khard's new file"
    );
    assert!(book.reload_if_changed());
    let kim = book
        .contacts()
        .find(|c| c.name == "Kim Khard")
        .expect("Handset sees khard's contact")
        .clone();
    assert_eq!(kim.note, "made by khard");
    let numbers: Vec<_> = kim
        .addresses
        .iter()
        .map(|a| (a.kind, a.label, a.value.as_str()))
        .collect();
    assert_eq!(
        numbers,
        vec![
            (AddressKind::Number, AddressLabel::Mobile, "+49 30 7654321"),
            (AddressKind::Number, AddressLabel::Work, "089 111222"),
        ]
    );
    let index = book.index(Some("DE"));
    assert_eq!(
        index.find("sip:+49307654321@pbx").map(|c| c.uid.as_str()),
        Some(kim.uid.as_str())
    );
    assert_eq!(
        index.find("+49 89 111222").map(|c| c.uid.as_str()),
        Some(kim.uid.as_str())
    );
}

#[test]
fn a_contact_edited_by_khard_is_picked_up_and_handset_can_edit_it_back() {
    let khard = Khard::new();
    let mut book = ContactBook::open(&khard.vdir);
    let uid = book
        .save(Contact {
            name: "Handset Person".into(),
            addresses: vec![
                Address::number(AddressLabel::Mobile, "+49 170 1234567"),
                Address::sip(AddressLabel::Work, "sip:hp@example.org"),
            ],
            ..Contact::default()
        })
        .expect("save");

    let template = khard.template("edit.yaml");
    std::fs::write(
        &template,
        "Formatted name : Handy Person\nFirst name : Handy\nLast name : Person\n\
         Phone :\n    cell : +49 170 1234567\n    home : 030 999888\nNote : edited in khard\n",
    )
    .expect("template");
    // khard asks "Do you want to proceed? (y/N)" before writing.
    khard.run(
        &[
            "edit",
            "-i",
            &template.to_string_lossy(),
            &format!("uid:{uid}"),
        ],
        "y\n",
    );

    assert!(book.reload_if_changed(), "khard's edit is noticed");
    let edited = book.get(&uid).expect("same uid").clone();
    assert_eq!(edited.name, "Handy Person");
    assert_eq!(edited.note, "edited in khard");
    let values: Vec<_> = edited.addresses.iter().map(|a| a.value.as_str()).collect();
    assert!(values.contains(&"030 999888"), "{values:?}");
    assert!(
        values.contains(&"sip:hp@example.org"),
        "khard kept the IMPP line: {values:?}"
    );
    let index = ContactIndex::build(std::slice::from_ref(&edited), Some("DE"));
    assert!(index.find("+49 30 999888").is_some());

    let mut again = edited;
    again.favourite = true;
    book.save(again).expect("save over khard's file");
    let shown = khard.run(&["show", &format!("uid:{uid}")], "");
    assert!(
        shown.contains("Handy Person") && shown.contains("favourite"),
        "{shown}"
    );
    assert!(shown.contains("030 999888"), "{shown}");
}
