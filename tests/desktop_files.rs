//! The files that put Handset on the desktop, as the .deb installs them: the desktop entry
//! opens sip:, sips:, tel: and callto: links and is D-Bus activatable, the D-Bus service file
//! starts the single instance, and the AppStream metainfo describes the same application.
//! Each passes its freedesktop validator (desktop-file-validate, appstreamcli).

mod common;

use common::tools::require;
use std::path::{Path, PathBuf};
use std::process::Command;

const APP_ID: &str = "org.handset.Handset";

fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The value of `key` in the `[group]` of a desktop-entry-style file.
fn value(text: &str, group: &str, key: &str) -> Option<String> {
    let mut in_group = false;
    for line in text.lines() {
        if line.starts_with('[') {
            in_group = line == format!("[{group}]");
        } else if in_group {
            if let Some((k, v)) = line.split_once('=') {
                if k.trim() == key {
                    return Some(v.trim().to_owned());
                }
            }
        }
    }
    None
}

fn assert_validates(program: &str, package: &str, args: &[&str], file: &Path) {
    let validator = require(program, package);
    let output = Command::new(&validator)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(
        output.status.success(),
        "{program} rejects {}:\n{}{}",
        file.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_desktop_entry_opens_call_links_and_is_dbus_activatable() {
    let path = asset(&format!("{APP_ID}.desktop"));
    assert_validates("desktop-file-validate", "desktop-file-utils", &[], &path);
    let entry = read(&path);
    let get = |key| value(&entry, "Desktop Entry", key);

    let schemes: Vec<String> = get("MimeType")
        .unwrap_or_default()
        .split(';')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    for scheme in ["sip", "sips", "tel", "callto"] {
        let mime = format!("x-scheme-handler/{scheme}");
        assert!(
            schemes.contains(&mime),
            "MimeType should list {mime}: {schemes:?}"
        );
    }
    assert_eq!(get("DBusActivatable").as_deref(), Some("true"));
    let exec = get("Exec").unwrap_or_default();
    assert!(
        exec.ends_with(" %U"),
        "Exec should hand the link on with %U: {exec:?}"
    );
    assert_eq!(get("Icon").as_deref(), Some(APP_ID));
}

#[test]
fn the_dbus_service_starts_the_application_service() {
    let service = read(&asset(&format!("{APP_ID}.service")));
    assert_eq!(
        value(&service, "D-BUS Service", "Name").as_deref(),
        Some(APP_ID)
    );
    assert_eq!(
        value(&service, "D-BUS Service", "Exec").as_deref(),
        Some("/usr/bin/handset --gapplication-service")
    );
}

#[test]
fn the_metainfo_validates_and_launches_the_desktop_entry() {
    let path = asset(&format!("{APP_ID}.metainfo.xml"));
    assert_validates(
        "appstreamcli",
        "appstream",
        &["validate", "--no-net"],
        &path,
    );
    let metainfo = read(&path);
    assert!(metainfo.contains(&format!("<id>{APP_ID}</id>")));
    assert!(metainfo.contains(&format!(
        "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
    )));
    // The screenshot the metainfo points at is the one in the repository.
    assert!(metainfo.contains("/assets/screenshots/contacts.png</image>"));
    assert!(asset("screenshots/contacts.png").is_file());
}

#[test]
fn the_binary_accepts_what_the_desktop_passes() {
    // --version exits before any window or D-Bus work, so this only checks the parsing.
    for args in [
        &["--gapplication-service", "--version"][..],
        &["sip:bob@example.com", "--version"][..],
        &["tel:+4930123456", "--version"][..],
        &["callto:bob", "--version"][..],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_handset"))
            .args(args)
            .output()
            .expect("run handset");
        assert!(
            output.status.success(),
            "handset {args:?} was refused: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
