//! How contacts read on screen: label names, the first name for the favourites strip, which
//! address a click calls, and what kind of address the user just typed.

use crate::contacts::{Address, AddressKind, AddressLabel, Contact, ImportReport};
use crate::ui::i18n::tr_args;

/// The translation key of an address label.
pub fn label_key(label: AddressLabel) -> &'static str {
    match label {
        AddressLabel::Work => "label-work",
        AddressLabel::Mobile => "label-mobile",
        AddressLabel::Home => "label-home",
        AddressLabel::Sip => "label-sip",
        AddressLabel::Other => "label-other",
    }
}

/// The first word of the name shown: short enough for the favourites strip.
pub fn first_name(contact: &Contact) -> &str {
    contact
        .display_name()
        .split_whitespace()
        .next()
        .unwrap_or_default()
}

/// The position of the address a click on the contact calls.
pub fn default_address_index(contact: &Contact) -> Option<usize> {
    let default = contact.default_address()?;
    contact
        .addresses
        .iter()
        .position(|address| std::ptr::eq(address, default))
}

/// A new address from what was typed: a SIP address when it has `@` or a `sip:` scheme,
/// else a number (labelled mobile, the usual case for a number saved from a call).
pub fn guess_address(value: &str) -> Address {
    let value = value.trim();
    if is_sip(value) {
        Address::sip(AddressLabel::Sip, value)
    } else {
        Address::number(AddressLabel::Mobile, value)
    }
}

/// Change an address's value; its kind follows what it now looks like.
pub fn set_value(address: &mut Address, value: String) {
    address.kind = if is_sip(&value) {
        AddressKind::Sip
    } else {
        AddressKind::Number
    };
    address.value = value;
}

/// What an import did, in one notice: counts, then why cards were skipped.
pub fn import_summary(file: &str, report: &ImportReport) -> String {
    let mut summary = tr_args(
        "contacts-imported",
        &[
            ("file", file),
            ("added", &report.added.len().to_string()),
            ("merged", &report.merged.len().to_string()),
            ("skipped", &report.skipped.len().to_string()),
        ],
    );
    if let Some(error) = &report.error {
        summary.push_str(&format!(" {error}"));
    }
    if !report.skipped.is_empty() {
        let reasons: Vec<String> = report
            .skipped
            .iter()
            .take(5)
            .map(|skipped| format!("#{} ({})", skipped.card, skipped.reason))
            .collect();
        summary.push(' ');
        summary.push_str(&tr_args(
            "contacts-import-skipped",
            &[("reasons", &reasons.join("; "))],
        ));
    }
    summary
}

fn is_sip(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    value.contains('@') || lower.starts_with("sip:") || lower.starts_with("sips:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_address_becomes_a_number_or_a_sip_address() {
        assert_eq!(guess_address("030 1234567").kind, AddressKind::Number);
        assert_eq!(guess_address("bob@example.org").kind, AddressKind::Sip);
        assert_eq!(
            guess_address("sip:bob@example.org").label,
            AddressLabel::Sip
        );
        let mut address = guess_address("");
        set_value(&mut address, "alice@pbx".to_owned());
        assert_eq!(address.kind, AddressKind::Sip);
    }

    #[test]
    fn the_default_address_is_found_by_position() {
        let mut contact = Contact::new("Roberta Quillfeather");
        contact
            .addresses
            .push(Address::number(AddressLabel::Home, "1"));
        let mut work = Address::number(AddressLabel::Work, "2");
        work.pref = Some(1);
        contact.addresses.push(work);
        assert_eq!(default_address_index(&contact), Some(1));
        assert_eq!(first_name(&contact), "Roberta");
    }
}
