//! The sources against the English file: every key the window names exists, and every
//! English key is named somewhere. New screens add their file to `GUI_SOURCES`.

use super::catalog_tests::english_keys;
use std::collections::BTreeSet;
use std::path::Path;

/// Every non-test source under src/ui that names a message key. A new screen adds one line
/// here; `every_source_naming_a_key_is_scanned` says which line is missing.
const GUI_SOURCES: &[(&str, &str)] = &[
    ("src/ui/app.rs", include_str!("../app.rs")),
    ("src/ui/app_engine.rs", include_str!("../app_engine.rs")),
    ("src/ui/app_view.rs", include_str!("../app_view.rs")),
    ("src/ui/settings_io.rs", include_str!("../settings_io.rs")),
    ("src/ui/i18n/dates.rs", include_str!("dates.rs")),
    (
        "src/ui/screens/dialer.rs",
        include_str!("../screens/dialer.rs"),
    ),
    (
        "src/ui/screens/ended.rs",
        include_str!("../screens/ended.rs"),
    ),
    (
        "src/ui/screens/in_call.rs",
        include_str!("../screens/in_call.rs"),
    ),
    (
        "src/ui/screens/incoming.rs",
        include_str!("../screens/incoming.rs"),
    ),
    (
        "src/ui/screens/password_prompt.rs",
        include_str!("../screens/password_prompt.rs"),
    ),
    (
        "src/ui/screens/settings/mod.rs",
        include_str!("../screens/settings/mod.rs"),
    ),
    (
        "src/ui/screens/settings/codecs.rs",
        include_str!("../screens/settings/codecs.rs"),
    ),
    (
        "src/ui/screens/settings/codecs_view.rs",
        include_str!("../screens/settings/codecs_view.rs"),
    ),
    (
        "src/ui/screens/settings/form.rs",
        include_str!("../screens/settings/form.rs"),
    ),
    (
        "src/ui/screens/settings/general_view.rs",
        include_str!("../screens/settings/general_view.rs"),
    ),
    (
        "src/ui/screens/settings/network.rs",
        include_str!("../screens/settings/network.rs"),
    ),
    (
        "src/ui/screens/settings/network_view.rs",
        include_str!("../screens/settings/network_view.rs"),
    ),
    (
        "src/ui/screens/settings/registration.rs",
        include_str!("../screens/settings/registration.rs"),
    ),
    (
        "src/ui/screens/settings/transport_view.rs",
        include_str!("../screens/settings/transport_view.rs"),
    ),
    (
        "src/ui/screens/settings/view.rs",
        include_str!("../screens/settings/view.rs"),
    ),
    (
        "src/ui/screens/settings/words.rs",
        include_str!("../screens/settings/words.rs"),
    ),
];

/// Sources outside src/ui whose keys the window looks up at run time: the end reasons
/// (`EndReason::i18n_key`) and the dotted config, secrets and TLS codes that `keyed_text`
/// turns into Fluent keys.
const KEY_SOURCES: &[(&str, &str)] = &[
    ("src/engine/api.rs", include_str!("../../engine/api.rs")),
    (
        "src/config/validate.rs",
        include_str!("../../config/validate.rs"),
    ),
    ("src/config/error.rs", include_str!("../../config/error.rs")),
    (
        "src/config/secrets/error.rs",
        include_str!("../../config/secrets/error.rs"),
    ),
    (
        "src/engine/transport/tls/error.rs",
        include_str!("../../engine/transport/tls/error.rs"),
    ),
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
