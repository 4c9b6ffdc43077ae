//! User-visible strings, looked up by stable key in the bundled Fluent file.
//!
//! Only the subset of Fluent that Handset's files use is understood: `key = value` messages,
//! indented continuation lines, `#` comments, and `{ $name }` placeables. That keeps the GUI
//! free of a full Fluent runtime while the files stay valid Fluent for translators' tools.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The bundled English strings; the build fails if the file goes missing.
const EN_US: &str = include_str!("../../i18n/en-US/handset.ftl");
const EN_US_WINDOW: &str = include_str!("../../i18n/en-US/window.ftl");

/// Messages parsed from one Fluent file: key to value with placeables left in.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Bundle {
    messages: HashMap<String, String>,
}

impl Bundle {
    /// Parse the subset of Fluent described in the module docs. Lines it does not understand
    /// are skipped rather than failing: a bad line in a translation must not stop the phone.
    pub fn parse(source: &str) -> Bundle {
        let mut messages: HashMap<String, String> = HashMap::new();
        let mut current: Option<String> = None;
        for line in source.lines() {
            let is_continuation = line.starts_with(' ') && !line.trim().is_empty();
            if is_continuation {
                if let Some(value) = current.as_ref().and_then(|key| messages.get_mut(key)) {
                    if !value.is_empty() {
                        value.push('\n');
                    }
                    value.push_str(line.trim());
                }
                continue;
            }
            current = None;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let Some((key, value)) = trimmed.split_once('=') else {
                continue;
            };
            let key = key.trim();
            if !is_identifier(key) {
                continue;
            }
            messages.insert(key.to_owned(), value.trim().to_owned());
            current = Some(key.to_owned());
        }
        Bundle { messages }
    }

    /// The message for `key` with `{ $name }` placeables filled from `args`. A missing key
    /// yields the key itself, so a gap shows up on screen and in tests instead of crashing.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        match self.messages.get(key) {
            Some(pattern) => fill_placeables(pattern, args),
            None => key.to_owned(),
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.messages.contains_key(key)
    }
}

/// Fluent identifiers: a letter, then letters, digits, `-` or `_`.
fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn fill_placeables(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after_open = &rest[open + 1..];
        let Some(close) = after_open.find('}') else {
            // An unclosed brace is shown as written.
            out.push_str(&rest[open..]);
            return out;
        };
        let inside = after_open[..close].trim();
        let value = inside
            .strip_prefix('$')
            .and_then(|name| args.iter().find(|(arg, _)| *arg == name))
            .map(|(_, value)| *value);
        match value {
            Some(value) => out.push_str(value),
            // Unknown variables stay visible, as Fluent does, so they are easy to spot.
            None => {
                out.push('{');
                out.push_str(inside);
                out.push('}');
            }
        }
        rest = &after_open[close + 1..];
    }
    out.push_str(rest);
    out
}

fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| Bundle::parse(&format!("{EN_US}\n{EN_US_WINDOW}")))
}

/// The user-visible text for `key`.
pub fn tr(key: &str) -> String {
    bundle().format(key, &[])
}

/// The user-visible text for `key` with placeables filled from `args`.
pub fn tr_args(key: &str, args: &[(&str, &str)]) -> String {
    bundle().format(key, args)
}

/// Whether the bundled strings define `key`.
pub fn has_key(key: &str) -> bool {
    bundle().contains(key)
}

// TEMPORARY until the Fluent module lands.
pub fn set_language(_language: Option<&str>) {}
pub fn format_when(unix: i64, _now: i64) -> String {
    unix.to_string()
}
pub fn format_duration_secs(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_message_is_found_by_key() {
        let bundle = Bundle::parse("# comment\nhello = Hello there\n");
        assert_eq!(bundle.format("hello", &[]), "Hello there");
    }

    #[test]
    fn placeables_are_filled_and_unknown_ones_stay_visible() {
        let bundle = Bundle::parse("greet = Hi { $name }, from { $place }!");
        assert_eq!(
            bundle.format("greet", &[("name", "Bob")]),
            "Hi Bob, from {$place}!"
        );
    }

    #[test]
    fn continuation_lines_join_the_message() {
        let bundle = Bundle::parse("long = first\n    second\nnext = x");
        assert_eq!(bundle.format("long", &[]), "first\nsecond");
        assert_eq!(bundle.format("next", &[]), "x");
    }

    #[test]
    fn missing_key_shows_the_key() {
        assert_eq!(tr("no-such-key"), "no-such-key");
        assert!(!has_key("no-such-key"));
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let bundle = Bundle::parse("= nothing\n9bad = x\nno equals sign\nok = yes\nbrace = a { b");
        assert_eq!(bundle.format("ok", &[]), "yes");
        assert!(!bundle.contains("9bad"));
        assert_eq!(bundle.format("brace", &[]), "a { b");
    }

    #[test]
    fn bundled_file_has_the_window_title() {
        assert_eq!(tr("app-title"), "Handset");
    }

    /// Every `tr("…")` / `tr_args("…"` literal in the GUI sources must exist in en-US, so a
    /// typo in a key cannot ship as a raw key on screen.
    #[test]
    fn every_key_used_by_the_gui_exists() {
        let sources = [
            include_str!("app.rs"),
            include_str!("app_view.rs"),
            include_str!("app_engine.rs"),
            include_str!("screens/contacts.rs"),
            include_str!("screens/in_call.rs"),
            include_str!("screens/incoming.rs"),
            include_str!("screens/ended.rs"),
            include_str!("screens/mod.rs"),
            include_str!("screens/password_prompt.rs"),
            include_str!("screens/settings/mod.rs"),
            include_str!("screens/settings/view.rs"),
            include_str!("screens/settings/transport_view.rs"),
            include_str!("screens/settings/network_view.rs"),
        ];
        let mut checked = 0;
        for source in sources {
            // Calls, and keys passed on to helpers (small_button, toggle...) by their prefix.
            let markers = [
                ("tr(\"", ""),
                ("tr_args(\"", ""),
                ("\"settings-", "settings-"),
                ("\"password-prompt-", "password-prompt-"),
            ];
            for (marker, kept) in markers {
                for (at, _) in source.match_indices(marker) {
                    let rest = &source[at + marker.len()..];
                    let key = format!("{kept}{}", &rest[..rest.find('"').unwrap()]);
                    if key == "no-such-key" {
                        continue;
                    }
                    assert!(has_key(&key), "i18n key {key:?} is missing in en-US");
                    checked += 1;
                }
            }
        }
        assert!(
            checked > 20,
            "expected to find the GUI's keys, found {checked}"
        );
    }
}
