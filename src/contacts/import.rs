//! Importing a .vcf file of many cards (vCard 2.1, 3.0 or 4.0) into the contacts folder.

use super::fold::{digits, fold};
use super::model::{dialable_number, Address, AddressKind};
use super::store::ContactBook;
use super::vcard::{apply_contact, parse_card, read_contact};
use super::vcf_text::{decode, split_cards};
use super::Contact;
use std::collections::HashMap;

/// What an import did, card by card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Uids of the contacts added.
    pub added: Vec<String>,
    /// Uids of existing contacts that took in the new addresses of an imported card (same
    /// UID, or same name and a shared number or SIP address).
    pub merged: Vec<String>,
    pub skipped: Vec<SkippedCard>,
    /// A problem with the whole input (not text, or the folder could not be synced).
    pub error: Option<String>,
}

/// A card that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedCard {
    /// 1-based position of the card in the input.
    pub card: usize,
    /// 1-based line of its BEGIN:VCARD.
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for SkippedCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "card {} (line {}): {}",
            self.card, self.line, self.reason
        )
    }
}

impl ContactBook {
    /// Imports the bytes of a .vcf file; see [`ContactBook::import_vcf`]. Unlike a `&str`,
    /// bytes can hold a line folded inside a UTF-8 character, which is healed here.
    pub fn import_vcf_bytes(&mut self, bytes: &[u8]) -> ImportReport {
        match decode(bytes) {
            Ok(text) => self.import_vcf(&text),
            Err(e) => ImportReport {
                error: Some(format!(
                    "the file is not UTF-8 text (invalid byte at offset {})",
                    e.byte_offset
                )),
                ..ImportReport::default()
            },
        }
    }

    /// Imports every card of a .vcf text. Each card is saved as its own vCard 4.0 file,
    /// keeping everything in it (photos, birthdays, X- lines); a card for someone already
    /// here is merged into their contact instead.
    pub fn import_vcf(&mut self, text: &str) -> ImportReport {
        let mut report = ImportReport::default();
        let mut by_name = self.uids_by_name();
        // Cards are staged in memory and written together at the end (see `flush`).
        let mut pending: Vec<String> = Vec::new();
        let mut origin: HashMap<String, (usize, usize)> = HashMap::new();
        let cards = split_cards(text);
        if cards.is_empty() {
            report.error = Some("there is no vCard in it (no BEGIN:VCARD line)".into());
        }
        for (index, card_text) in cards.iter().enumerate() {
            let skip = |reason: String| SkippedCard {
                card: index + 1,
                line: card_text.line,
                reason,
            };
            if !card_text.terminated {
                report.skipped.push(skip("it has no END:VCARD line".into()));
                continue;
            }
            let mut card = match parse_card(card_text.text) {
                Ok(card) => card,
                Err(reason) => {
                    report
                        .skipped
                        .push(skip(format!("it could not be read: {reason}")));
                    continue;
                }
            };
            let imported = read_contact(&card, "");
            if imported.display_name().is_empty() {
                report.skipped.push(skip(
                    "it has no name and no phone number or SIP address".into(),
                ));
                continue;
            }
            let uid = match self.same_person(&imported, &by_name) {
                Some(uid) => match self.merge(&uid, &imported) {
                    Ok(changed) => {
                        if !origin.contains_key(&uid) && !report.merged.contains(&uid) {
                            report.merged.push(uid.clone());
                        }
                        if !changed {
                            continue;
                        }
                        uid
                    }
                    Err(e) => {
                        report.skipped.push(skip(e.to_string()));
                        continue;
                    }
                },
                None => {
                    let uid = if imported.uid.is_empty() || self.cards.contains_key(&imported.uid) {
                        super::files::new_uid()
                    } else {
                        imported.uid.clone()
                    };
                    let with_uid = Contact {
                        uid: uid.clone(),
                        ..imported.clone()
                    };
                    apply_contact(&mut card, &imported, &with_uid);
                    self.stage_new_card(&uid, card);
                    by_name
                        .entry(fold(&with_uid.name))
                        .or_default()
                        .push(uid.clone());
                    report.added.push(uid.clone());
                    uid
                }
            };
            if !origin.contains_key(&uid) {
                origin.insert(uid.clone(), (index + 1, card_text.line));
                pending.push(uid);
            }
        }
        let (failed, folder_error) = self.flush(&pending);
        for (uid, error) in failed {
            report.added.retain(|u| *u != uid);
            report.merged.retain(|u| *u != uid);
            let (card, line) = origin.get(&uid).copied().unwrap_or_default();
            report.skipped.push(SkippedCard {
                card,
                line,
                reason: error.to_string(),
            });
        }
        report.skipped.sort_by_key(|s| s.card);
        if let Some(error) = folder_error {
            report.error = Some(error.to_string());
        }
        report
    }

    fn uids_by_name(&self) -> HashMap<String, Vec<String>> {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (uid, stored) in &self.cards {
            map.entry(fold(&stored.contact.name))
                .or_default()
                .push(uid.clone());
        }
        map
    }

    /// The contact an imported card describes too: the same UID, or the same name and a
    /// shared number or SIP address.
    fn same_person(
        &self,
        imported: &Contact,
        by_name: &HashMap<String, Vec<String>>,
    ) -> Option<String> {
        if self.cards.contains_key(&imported.uid) {
            return Some(imported.uid.clone());
        }
        let name = fold(&imported.name);
        if name.is_empty() {
            return None;
        }
        by_name.get(&name)?.iter().find_map(|uid| {
            let existing = &self.cards.get(uid)?.contact;
            let shares = existing
                .addresses
                .iter()
                .any(|a| imported.addresses.iter().any(|b| same_address(a, b)));
            shares.then(|| uid.clone())
        })
    }

    /// Stages the existing contact with what the imported card adds; false when it adds
    /// nothing.
    fn merge(&mut self, uid: &str, imported: &Contact) -> Result<bool, super::ContactsError> {
        let Some(existing) = self.cards.get(uid).map(|s| Contact::clone(&s.contact)) else {
            return Ok(false);
        };
        let merged = merged_contact(&existing, imported);
        if merged == existing {
            return Ok(false);
        }
        self.stage(merged)?;
        Ok(true)
    }
}

/// The existing contact with what the imported card adds: addresses it lacks, and name,
/// organisation and note where it has none.
fn merged_contact(existing: &Contact, imported: &Contact) -> Contact {
    let mut merged = existing.clone();
    for address in &imported.addresses {
        if !merged.addresses.iter().any(|a| same_address(a, address)) {
            merged.addresses.push(address.clone());
        }
    }
    for (mine, theirs) in [
        (&mut merged.name, &imported.name),
        (&mut merged.organisation, &imported.organisation),
        (&mut merged.note, &imported.note),
    ] {
        if mine.trim().is_empty() {
            mine.clone_from(theirs);
        }
    }
    merged.favourite |= imported.favourite;
    merged
}

/// The same SIP URI (ignoring case), or numbers with the same digits, allowing for one
/// written with a country code and one without ("+49 30 1234567" and "030 1234567"). Only
/// used between contacts with the same name, so being loose here is safe enough.
pub(crate) fn same_address(a: &Address, b: &Address) -> bool {
    match (a.kind, b.kind) {
        (AddressKind::Sip, AddressKind::Sip) => a.value.trim().eq_ignore_ascii_case(b.value.trim()),
        (AddressKind::Number, AddressKind::Number) => {
            numbers_look_same(&dialable_number(&a.value), &dialable_number(&b.value))
        }
        _ => false,
    }
}

fn numbers_look_same(a: &str, b: &str) -> bool {
    let (a, b) = (digits(a), digits(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (a, b) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 6 && long.ends_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::AddressLabel;

    #[test]
    fn numbers_with_and_without_country_code_are_the_same() {
        assert!(numbers_look_same("+49301234567", "0301234567"));
        assert!(numbers_look_same("0049 30 1234567", "030-1234567"));
        assert!(!numbers_look_same("0301234567", "0301234568"));
        assert!(!numbers_look_same("12", "012"), "too short to guess");
    }

    #[test]
    fn merging_adds_missing_addresses_only() {
        let existing = Contact {
            name: "Ann".into(),
            addresses: vec![Address::number(AddressLabel::Home, "030 1234567")],
            ..Contact::default()
        };
        let imported = Contact {
            name: "Ann".into(),
            organisation: "ACME".into(),
            addresses: vec![
                Address::number(AddressLabel::Mobile, "+49 30 1234567"),
                Address::sip(AddressLabel::Sip, "sip:ann@example.org"),
            ],
            ..Contact::default()
        };
        let merged = merged_contact(&existing, &imported);
        assert_eq!(merged.addresses.len(), 2);
        assert_eq!(merged.addresses[0].label, AddressLabel::Home);
        assert_eq!(merged.organisation, "ACME");
    }
}
