//! The account form's codec list: every codec Handset supports, in the account's order of
//! preference, each switched on or off. Saving keeps the switched-on ones, in order, as the
//! account's `codecs`.

use crate::config::FieldError;
use crate::media::codec;

/// The `FieldError::field` the config uses for an account's codecs.
pub const CODECS_FIELD: &str = "codecs";

/// One codec as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecRow {
    /// The name as SDP and the config spell it (`opus`, `G722`, `PCMU`, …).
    pub name: String,
    pub enabled: bool,
}

/// What the user did to the row at an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodecChange {
    Toggled(usize, bool),
    Up(usize),
    Down(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecList {
    rows: Vec<CodecRow>,
}

impl CodecList {
    /// The account's codecs first, switched on and in its order; then every other supported
    /// codec, switched off, in the default order. Names the account has twice or that we do
    /// not support are dropped (the config's validation would refuse them anyway).
    pub fn from_account(codecs: &[String]) -> CodecList {
        let supported: Vec<&'static str> = codec::supported().iter().map(|s| s.name).collect();
        let mut rows: Vec<CodecRow> = Vec::new();
        for wanted in codecs {
            let known = supported.iter().find(|s| s.eq_ignore_ascii_case(wanted));
            if let Some(name) = known {
                if !rows.iter().any(|row| row.name == *name) {
                    rows.push(CodecRow {
                        name: (*name).to_owned(),
                        enabled: true,
                    });
                }
            }
        }
        for name in supported {
            if !rows.iter().any(|row| row.name == name) {
                rows.push(CodecRow {
                    name: name.to_owned(),
                    enabled: false,
                });
            }
        }
        CodecList { rows }
    }

    pub fn rows(&self) -> &[CodecRow] {
        &self.rows
    }

    /// Apply a change; indexes outside the list are ignored.
    pub fn change(&mut self, change: CodecChange) {
        match change {
            CodecChange::Toggled(index, on) => {
                if let Some(row) = self.rows.get_mut(index) {
                    row.enabled = on;
                }
            }
            CodecChange::Up(index) => {
                if index > 0 && index < self.rows.len() {
                    self.rows.swap(index - 1, index);
                }
            }
            CodecChange::Down(index) => {
                if index + 1 < self.rows.len() {
                    self.rows.swap(index, index + 1);
                }
            }
        }
    }

    /// The switched-on codecs, best first: what the account saves.
    pub fn enabled_names(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter(|row| row.enabled)
            .map(|row| row.name.clone())
            .collect()
    }

    /// The complaint to show at once when every codec is switched off (Save would refuse it
    /// too, through the config's validation).
    pub fn error(&self) -> Option<FieldError> {
        self.rows
            .iter()
            .all(|row| !row.enabled)
            .then(|| FieldError {
                field: CODECS_FIELD,
                key: "config.account.codecs.empty",
                detail: String::new(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &CodecList) -> Vec<(&str, bool)> {
        list.rows()
            .iter()
            .map(|row| (row.name.as_str(), row.enabled))
            .collect()
    }

    fn list(codecs: &[&str]) -> CodecList {
        let codecs: Vec<String> = codecs.iter().map(|c| c.to_string()).collect();
        CodecList::from_account(&codecs)
    }

    #[test]
    fn the_account_order_comes_first_and_the_rest_is_listed_switched_off() {
        let list = list(&["pcma", "GSM", "mp3", "PCMA"]);
        assert_eq!(
            names(&list),
            [
                ("PCMA", true),
                ("GSM", true),
                ("opus", false),
                ("G722", false),
                ("PCMU", false),
                ("iLBC", false)
            ]
        );
        assert_eq!(list.enabled_names(), ["PCMA", "GSM"]);
    }

    #[test]
    fn moving_past_either_end_changes_nothing() {
        let mut codecs = list(&["PCMU", "PCMA"]);
        let before = codecs.clone();
        codecs.change(CodecChange::Up(0));
        codecs.change(CodecChange::Down(5));
        codecs.change(CodecChange::Down(99));
        codecs.change(CodecChange::Toggled(99, false));
        assert_eq!(codecs, before);
    }
}
