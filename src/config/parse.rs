//! Config text to [`Settings`]: syntax and type errors with their line and column, unknown keys
//! collected as warnings, older formats migrated. No I/O here; the store reads the file.

use super::error::LoadWarning;
use super::migrate::migrate;
use super::settings::{Settings, CURRENT_VERSION};
use serde::Deserialize;
use std::collections::HashSet;

/// A successfully parsed config file.
#[derive(Debug)]
pub struct Parsed {
    pub settings: Settings,
    pub warnings: Vec<LoadWarning>,
    /// The format version the text was in (0 for the pre-release format without `version`).
    pub from_version: u32,
}

/// Why the text could not be turned into settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not TOML, or a value of the wrong type.
    Invalid {
        line: Option<usize>,
        column: Option<usize>,
        detail: String,
    },
    /// A format version newer than this build's.
    TooNew(i64),
}

#[derive(Deserialize)]
struct VersionProbe {
    version: Option<i64>,
}

/// Parses config text of any known format version.
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    // First pass: syntax, and the version (with its position if it has the wrong type).
    let table: toml::Table = toml::from_str(text).map_err(|e| invalid(text, &e))?;
    let probe: VersionProbe = toml::from_str(text).map_err(|e| invalid(text, &e))?;
    let version = probe.version.unwrap_or(0);
    if version > i64::from(CURRENT_VERSION) {
        return Err(ParseError::TooNew(version));
    }
    let from_version = u32::try_from(version).map_err(|_| ParseError::Invalid {
        line: None,
        column: None,
        detail: format!("version {version} is not a format version"),
    })?;

    let mut unknown = Vec::new();
    let collect = |path: serde_ignored::Path| unknown.push(path.to_string());
    let settings: Settings = if from_version == CURRENT_VERSION {
        // Straight from the text, so that type errors keep their position.
        let deserializer = toml::Deserializer::parse(text).map_err(|e| invalid(text, &e))?;
        serde_ignored::deserialize(deserializer, collect).map_err(|e| invalid(text, &e))?
    } else {
        let migrated = migrate(table, from_version).map_err(|detail| ParseError::Invalid {
            line: None,
            column: None,
            detail,
        })?;
        serde_ignored::deserialize(migrated, collect).map_err(|e| invalid(text, &e))?
    };

    let mut warnings: Vec<LoadWarning> = unknown.into_iter().map(unknown_key).collect();
    let mut settings = settings;
    settings.version = CURRENT_VERSION;
    renumber_duplicate_ids(&mut settings, &mut warnings);
    Ok(Parsed {
        settings,
        warnings,
        from_version,
    })
}

fn unknown_key(path: String) -> LoadWarning {
    if path.rsplit('.').next() == Some("password") {
        LoadWarning {
            key: "config.warning.password_in_file",
            path,
            detail:
                "passwords are not read from the config file; enter it in the account settings \
                     so it is kept in the keyring"
                    .to_string(),
        }
    } else {
        LoadWarning {
            key: "config.warning.unknown_key",
            path,
            detail: "ignored, and not kept when the settings are saved".to_string(),
        }
    }
}

/// Two accounts with one id would share a password entry; the later ones get fresh ids.
fn renumber_duplicate_ids(settings: &mut Settings, warnings: &mut Vec<LoadWarning>) {
    let mut seen = HashSet::new();
    let mut next = settings.next_account_id();
    for (index, account) in settings.accounts.iter_mut().enumerate() {
        if !seen.insert(account.id) {
            warnings.push(LoadWarning {
                key: "config.warning.duplicate_account_id",
                path: format!("accounts.{index}.id"),
                detail: format!(
                    "id {} was used twice; this account is now {next}",
                    account.id
                ),
            });
            account.id = next;
            seen.insert(next);
            next.0 = next.0.saturating_add(1);
        }
    }
}

fn invalid(text: &str, error: &toml::de::Error) -> ParseError {
    let (line, column) = match error.span().and_then(|span| line_column(text, span.start)) {
        Some((line, column)) => (Some(line), Some(column)),
        None => (None, None),
    };
    ParseError::Invalid {
        line,
        column,
        detail: error.message().trim().to_string(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..)?.chars().count() + 1;
    Some((line, column))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        assert_eq!(line_column("ab\ncd", 0), Some((1, 1)));
        assert_eq!(line_column("ab\ncd", 4), Some((2, 2)));
        assert_eq!(line_column("ab", 9), None);
    }

    #[test]
    fn a_wrong_type_is_reported_at_its_line() {
        let text = "version = 1\n[network]\nsip_port = \"five\"\n";
        match parse(text) {
            Err(ParseError::Invalid { line, .. }) => assert_eq!(line, Some(3)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_prefix_of_a_full_file_parses_or_fails_cleanly() {
        // What a crash mid-write by another program, or a full disk, leaves behind.
        let full = include_str!("../../tests/fixtures/config/v1-full.toml");
        let mut failures = 0;
        for cut in (0..full.len()).filter(|&i| full.is_char_boundary(i)) {
            match parse(&full[..cut]) {
                Ok(parsed) => assert_eq!(parsed.settings.version, CURRENT_VERSION),
                Err(ParseError::Invalid { detail, .. }) => {
                    assert!(!detail.is_empty());
                    failures += 1;
                }
                Err(other) => panic!("cut at {cut}: {other:?}"),
            }
        }
        assert!(failures > 0);
    }

    #[test]
    fn transports_typed_in_upper_case_load() {
        let parsed = parse("version = 1\n[[accounts]]\nid = 1\ntransport = \"TLS\"\n").unwrap();
        assert_eq!(
            parsed.settings.accounts[0].transport,
            crate::config::Transport::Tls
        );
    }

    #[test]
    fn a_newer_version_is_refused() {
        assert_eq!(parse("version = 7\n").err(), Some(ParseError::TooNew(7)));
    }

    #[test]
    fn duplicate_ids_are_renumbered_with_a_warning() {
        let text =
            "version = 1\n[[accounts]]\nid = 4\nuser = \"a\"\n[[accounts]]\nid = 4\nuser = \"b\"\n";
        let parsed = parse(text).unwrap();
        let ids: Vec<u32> = parsed.settings.accounts.iter().map(|a| a.id.0).collect();
        assert_eq!(ids, [4, 5]);
        assert_eq!(
            parsed.warnings[0].key,
            "config.warning.duplicate_account_id"
        );
    }

    #[test]
    fn global_shortcuts_are_off_in_older_files_and_kept_when_on() {
        let old = parse(include_str!(
            "../../tests/fixtures/config/v0-single-account.toml"
        ))
        .unwrap();
        assert!(!old.settings.general.global_shortcuts);
        let full = parse(include_str!("../../tests/fixtures/config/v1-full.toml")).unwrap();
        assert!(!full.settings.general.global_shortcuts);
        assert!(full.warnings.is_empty(), "{:?}", full.warnings);
        let on = parse("version = 1\n[general]\nglobal_shortcuts = true\n").unwrap();
        assert!(on.settings.general.global_shortcuts);
        assert!(on.warnings.is_empty(), "{:?}", on.warnings);
    }
}
