//! The sources against the English file: every key the window names exists, and every
//! English key is named somewhere. New screens add their file to `GUI_SOURCES`.

use super::catalog_tests::english_keys;
use std::collections::BTreeSet;
use std::path::Path;

/// `("src/ui/PATH", the file's text)`, PATH relative to src/ui.
macro_rules! ui_source {
    ($path:literal) => {
        (
            concat!("src/ui/", $path),
            include_str!(concat!("../", $path)),
        )
    };
}

/// Every non-test source under src/ui that names a message key. A new screen adds one line
/// here (`ui_source!("screens/history.rs"),`); `every_source_naming_a_key_is_scanned` says
/// which line is missing.
const GUI_SOURCES: &[(&str, &str)] = &[
    ui_source!("app.rs"),
    ui_source!("app_chrome.rs"),
    ui_source!("app_engine.rs"),
    ui_source!("app_pages.rs"),
    ui_source!("app_view.rs"),
    ui_source!("app_desktop.rs"),
    ui_source!("app_global_shortcuts.rs"),
    ui_source!("settings_io.rs"),
    ui_source!("i18n/dates.rs"),
    ui_source!("screens/account_choice.rs"),
    ui_source!("screens/contact_editor.rs"),
    ui_source!("screens/contact_page.rs"),
    ui_source!("screens/contact_words.rs"),
    ui_source!("screens/contacts.rs"),
    ui_source!("screens/dial_pad.rs"),
    ui_source!("screens/history.rs"),
    ui_source!("screens/ended.rs"),
    ui_source!("screens/in_call.rs"),
    ui_source!("screens/row_window.rs"),
    ui_source!("screens/call_devices.rs"),
    ui_source!("screens/incoming.rs"),
    ui_source!("screens/password_prompt.rs"),
    ui_source!("screens/settings/mod.rs"),
    ui_source!("screens/settings/audio_test_view.rs"),
    ui_source!("screens/settings/audio_devices.rs"),
    ui_source!("screens/settings/certificate.rs"),
    ui_source!("screens/settings/codecs.rs"),
    ui_source!("screens/settings/codecs_view.rs"),
    ui_source!("screens/settings/form.rs"),
    ui_source!("screens/settings/general_view.rs"),
    ui_source!("screens/settings/network.rs"),
    ui_source!("screens/settings/network_view.rs"),
    ui_source!("screens/settings/registration.rs"),
    ui_source!("screens/settings/ringing_view.rs"),
    ui_source!("screens/settings/shortcuts_view.rs"),
    ui_source!("screens/settings/sounds.rs"),
    ui_source!("screens/settings/transport_view.rs"),
    ui_source!("screens/settings/view.rs"),
    ui_source!("screens/settings/voice_view.rs"),
    ui_source!("screens/settings/words.rs"),
];

/// `("src/PATH", the file's text)`, PATH relative to src.
macro_rules! src_source {
    ($path:literal) => {
        (
            concat!("src/", $path),
            include_str!(concat!("../../", $path)),
        )
    };
}

/// Sources outside src/ui whose keys the window looks up at run time: the end reasons
/// (`EndReason::i18n_key`), the dotted config, secrets and TLS codes that `keyed_text`
/// turns into Fluent keys, and the desktop face's notifications and tray.
const KEY_SOURCES: &[(&str, &str)] = &[
    src_source!("engine/api.rs"),
    src_source!("desktop/tray_view.rs"),
    src_source!("config/validate.rs"),
    src_source!("config/error.rs"),
    src_source!("config/secrets/error.rs"),
    src_source!("engine/transport/tls/error.rs"),
    src_source!("desktop/notifications_text.rs"),
    src_source!("desktop/inhibit_bus.rs"),
    src_source!("desktop/global_shortcuts.rs"),
];

/// A string literal starting with one of these is a key wherever it stands: handed to a
/// helper (`small_button("settings-save", …)`), returned by `label_key` or `i18n_key`.
const KEY_PREFIXES: [&str; 3] = ["settings-", "password-prompt-", "end-"];

/// Dotted codes (`config.account.domain.empty`) become keys by `keyed_text`
/// (`config-account-domain-empty`); a code without a message gets the generic one.
const DOTTED_PREFIXES: [&str; 4] = ["config.", "secrets.", "tls.", "settings."];

/// The lookups whose first argument is a key.
const LOOKUPS: [&str; 3] = ["tr", "tr_args", "has_key"];

fn all_sources() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    GUI_SOURCES.iter().chain(KEY_SOURCES)
}
/// The string literals right after `name(` wherever `name` is a whole identifier.
fn call_arguments<'a>(source: &'a str, name: &str) -> Vec<&'a str> {
    let marker = format!("{name}(\"");
    source
        .match_indices(&marker)
        .filter(|(at, _)| {
            let before = source[..*at].chars().next_back();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .filter_map(|(at, _)| {
            let rest = &source[at + marker.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The string literals that start with `prefix`.
fn literals_with_prefix<'a>(source: &'a str, prefix: &str) -> Vec<&'a str> {
    let marker = format!("\"{prefix}");
    source
        .match_indices(&marker)
        .filter_map(|(at, _)| {
            let rest = &source[at + 1..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The keys a source names: lookups' arguments and literals with a key prefix.
fn named_keys(source: &str) -> BTreeSet<String> {
    let looked_up = LOOKUPS.iter().flat_map(|name| call_arguments(source, name));
    let prefixed = KEY_PREFIXES
        .iter()
        .flat_map(|p| literals_with_prefix(source, p));
    looked_up.chain(prefixed).map(str::to_owned).collect()
}

/// Whether `source` names `key`, as itself or as a dotted code.
fn names(source: &str, key: &str) -> bool {
    source.contains(&format!("\"{key}\""))
        || DOTTED_PREFIXES.iter().any(|prefix| {
            literals_with_prefix(source, prefix)
                .iter()
                .any(|code| code.replace(['.', '_'], "-") == key)
        })
}

/// Whether `key` is named in some scanned source.
fn is_used(key: &str) -> bool {
    all_sources().any(|(_, source)| names(source, key))
}
#[test]
fn every_key_the_window_names_exists_in_english() {
    let english = english_keys();
    let mut checked = 0;
    for (path, source) in all_sources() {
        for key in named_keys(source) {
            assert!(
                english.contains(&key),
                "{path} names the key {key:?}, which en-US lacks"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 100,
        "expected to find the window's keys, found {checked}"
    );
}

#[test]
fn every_english_key_is_named_by_some_source() {
    let unused: Vec<String> = english_keys()
        .into_iter()
        .filter(|key| !is_used(key))
        .collect();
    assert!(
        unused.is_empty(),
        "unused keys in i18n/en-US (remove them, or add the source that uses them to \
         GUI_SOURCES or KEY_SOURCES in src/ui/i18n/catalog_tests.rs): {unused:?}"
    );
}

#[test]
fn the_source_scan_finds_calls_helpers_and_codes() {
    let source =
        r#"tr("a-b"); x.tr_args("c-d", &[]); str("no"); small("settings-e"); "config.f_g.h""#;
    let keys = named_keys(source);
    let expected: BTreeSet<String> = ["a-b", "c-d", "settings-e"].map(str::to_owned).into();
    assert_eq!(keys, expected);
    assert_eq!(literals_with_prefix(source, "config."), ["config.f_g.h"]);
}

/// A non-test source under src/ui that names an English key (or looks one up) but is not in
/// GUI_SOURCES would escape both checks above.
#[test]
fn every_source_naming_a_key_is_scanned() {
    let english = english_keys();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![root.join("src/ui")];
    let mut missing = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let is_test = relative.contains("tests");
            if is_test || !relative.ends_with(".rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let names_a_key =
                !named_keys(&source).is_empty() || english.iter().any(|key| names(&source, key));
            if names_a_key && !GUI_SOURCES.iter().any(|(listed, _)| *listed == relative) {
                missing.push(relative);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to GUI_SOURCES in src/ui/i18n/catalog_tests.rs: {missing:?}"
    );
}
