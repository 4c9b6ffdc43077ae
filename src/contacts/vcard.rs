//! Between a parsed `calcard` vCard and Handset's [`Contact`].
//!
//! Handset owns UID, FN (and N while N agrees with FN), ORG's first component, NOTE, the
//! `favourite` category and the address entries (see `vcard_address.rs`). It changes only
//! those, and only when the contact's value for them changed; every other line (PHOTO,
//! BDAY, X-…, group-prefixed lines) stays in the card as it was parsed.
//!
//! Favourite is stored as the category `favourite` in CATEGORIES: CATEGORIES is standard
//! vCard, khard shows and edits it, vdirsyncer syncs it untouched, and CardDAV servers and
//! clients keep it; an `X-` property would be invisible in every other tool and some
//! servers drop unknown `X-` lines. "favorite", "favourites", "favorites" and "starred"
//! are read as favourite too.

use super::model::Contact;
use super::vcard_address::{read_address, write_addresses};
use super::vcard_legacy::normalise;
use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue, VCardVersion};
use calcard::Entry;

const FAVOURITE: &str = "favourite";
const FAVOURITE_ALIASES: [&str; 5] = [
    "favourite",
    "favorite",
    "favourites",
    "favorites",
    "starred",
];

/// Parses the text of one card (BEGIN:VCARD … END:VCARD) and brings it to vCard 4.0 form.
pub(crate) fn parse_card(text: &str) -> Result<VCard, String> {
    match VCard::parse(text) {
        Ok(mut card) => {
            normalise(&mut card);
            Ok(card)
        }
        Err(Entry::InvalidLine(line)) => Err(format!(
            "\"{}\" is not a vCard line",
            line.chars().take(40).collect::<String>()
        )),
        Err(Entry::UnterminatedComponent(_)) => Err("it has no END:VCARD line".into()),
        Err(Entry::Eof) => Err("there is no vCard in it".into()),
        Err(_) => Err("it is not a vCard".into()),
    }
}

/// The card as vCard 4.0 text (CRLF line ends, folded at 75 octets).
pub(crate) fn write_card(card: &VCard) -> String {
    let mut out = String::with_capacity(256);
    // Writing into a String cannot fail.
    let _ = card.write_to(&mut out, VCardVersion::V4_0);
    out
}

/// "Given Family" from N, or None when N has no name in it.
pub(crate) fn name_from_n(card: &VCard) -> Option<String> {
    let n = card.property(&VCardProperty::N)?;
    let part = |i: usize| -> String {
        match n.values.get(i) {
            Some(VCardValue::Component(items)) => items.join(" "),
            Some(value) => value.as_text().unwrap_or("").to_string(),
            None => String::new(),
        }
    };
    let joined = [part(3), part(1), part(2), part(0), part(4)]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!joined.is_empty()).then_some(joined)
}

pub(crate) fn first_text(card: &VCard, property: &VCardProperty) -> String {
    card.property(property)
        .and_then(|e| e.values.first())
        .and_then(VCardValue::as_text)
        .unwrap_or("")
        .trim()
        .to_string()
}

/// The contact a card describes. `fallback_uid` (the file name) is used when it has no UID.
pub(crate) fn read_contact(card: &VCard, fallback_uid: &str) -> Contact {
    let uid = card.uid().map(str::trim).unwrap_or("");
    Contact {
        uid: if uid.is_empty() { fallback_uid } else { uid }.to_string(),
        name: first_text(card, &VCardProperty::Fn),
        organisation: first_text(card, &VCardProperty::Org),
        addresses: card
            .entries
            .iter()
            .filter_map(|e| read_address(e, card))
            .collect(),
        favourite: card
            .properties(&VCardProperty::Categories)
            .flat_map(|e| e.values.iter())
            .any(is_favourite_value),
        note: first_text(card, &VCardProperty::Note),
    }
}

fn is_favourite_value(value: &VCardValue) -> bool {
    value.as_text().is_some_and(|t| {
        FAVOURITE_ALIASES
            .iter()
            .any(|alias| t.trim().eq_ignore_ascii_case(alias))
    })
}

/// A new card holding just the contact.
pub(crate) fn new_card(contact: &Contact) -> VCard {
    let mut card = VCard::default();
    card.entries
        .push(VCardEntry::new(VCardProperty::Version).with_value("4.0".to_string()));
    apply_contact(&mut card, &Contact::default(), contact);
    card
}

/// Writes into `card` the fields that differ between `before` (what the card said when the
/// contact was read from it) and `after`.
pub(crate) fn apply_contact(card: &mut VCard, before: &Contact, after: &Contact) {
    if card.uid().map(str::trim) != Some(after.uid.as_str()) && !after.uid.is_empty() {
        set_single(card, VCardProperty::Uid, Some(after.uid.clone()));
    }
    if before.name != after.name || card.property(&VCardProperty::Fn).is_none() {
        let n_agreed = match name_from_n(card) {
            Some(n) => n == before.name.trim(),
            None => card.property(&VCardProperty::N).is_none(),
        };
        set_single(card, VCardProperty::Fn, Some(after.name.clone()));
        if n_agreed {
            set_single_values(card, VCardProperty::N, Some(n_values(&after.name)));
        }
    }
    if before.organisation != after.organisation {
        set_organisation(card, &after.organisation);
    }
    if before.note != after.note {
        let note = (!after.note.is_empty()).then(|| after.note.clone());
        set_single(card, VCardProperty::Note, note);
    }
    if before.favourite != after.favourite {
        set_favourite(card, after.favourite);
    }
    if before.addresses != after.addresses {
        write_addresses(card, &after.addresses);
    }
}

/// Sets the first entry of `property` to one text value, or removes it for `None`.
fn set_single(card: &mut VCard, property: VCardProperty, value: Option<String>) {
    set_single_values(card, property, value.map(|v| vec![VCardValue::Text(v)]));
}

fn set_single_values(card: &mut VCard, property: VCardProperty, values: Option<Vec<VCardValue>>) {
    let position = card.entries.iter().position(|e| e.name == property);
    match (position, values) {
        (Some(i), Some(values)) => card.entries[i].values = values,
        (Some(i), None) => {
            card.entries.remove(i);
        }
        (None, Some(values)) => card
            .entries
            .push(VCardEntry::new(property).with_values(values)),
        (None, None) => {}
    }
}

/// N for a formatted name: the last word is the family name, the rest given names.
fn n_values(name: &str) -> Vec<VCardValue> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (given, family) = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => (rest.join(" "), last.to_string()),
        Some((only, _)) => (only.to_string(), String::new()),
        None => (String::new(), String::new()),
    };
    [family, given, String::new(), String::new(), String::new()]
        .into_iter()
        .map(VCardValue::Text)
        .collect()
}

/// ORG's first component is the organisation; its units (after `;`) stay.
fn set_organisation(card: &mut VCard, organisation: &str) {
    let position = card
        .entries
        .iter()
        .position(|e| e.name == VCardProperty::Org);
    match (position, organisation.is_empty()) {
        (Some(i), true) => {
            card.entries.remove(i);
        }
        (Some(i), false) => {
            let values = &mut card.entries[i].values;
            match values.first_mut() {
                Some(first) => *first = VCardValue::Text(organisation.to_string()),
                None => values.push(VCardValue::Text(organisation.to_string())),
            }
        }
        (None, false) => card
            .entries
            .push(VCardEntry::new(VCardProperty::Org).with_value(organisation.to_string())),
        (None, true) => {}
    }
}

fn set_favourite(card: &mut VCard, favourite: bool) {
    if favourite {
        match card
            .entries
            .iter_mut()
            .find(|e| e.name == VCardProperty::Categories)
        {
            Some(entry) => entry.values.push(VCardValue::Text(FAVOURITE.into())),
            None => card
                .entries
                .push(VCardEntry::new(VCardProperty::Categories).with_value(FAVOURITE.to_string())),
        }
    } else {
        for entry in &mut card.entries {
            if entry.name == VCardProperty::Categories {
                entry.values.retain(|v| !is_favourite_value(v));
            }
        }
        card.entries
            .retain(|e| e.name != VCardProperty::Categories || !e.values.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::model::{Address, AddressLabel};

    fn card(text: &str) -> VCard {
        parse_card(text).expect("parses")
    }

    #[test]
    fn reads_a_v21_card_with_quoted_printable() {
        let c = card(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n\
             TEL;CELL;PREF:+49 170 1234567\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0A=\r\nline two\r\nEND:VCARD\r\n",
        );
        let contact = read_contact(&c, "file");
        assert_eq!(contact.name, "Jürgen Müller", "FN made from N");
        assert_eq!(contact.uid, "file");
        assert_eq!(contact.addresses[0].label, AddressLabel::Mobile);
        assert_eq!(contact.addresses[0].pref, Some(1));
        assert_eq!(contact.note, "Line one\r\nline two");
        let text = write_card(&c);
        assert!(
            text.contains("TEL;TYPE=CELL;PREF=1:+49 170 1234567\r\n"),
            "{text}"
        );
        assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{text}");
    }

    #[test]
    fn photo_becomes_a_data_uri_in_4_0() {
        let c = card(
            "BEGIN:VCARD\nVERSION:3.0\nFN:A\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\nEND:VCARD\n",
        );
        let text = write_card(&c);
        assert!(
            text.contains("PHOTO:data:image/jpeg;base64,/9j/4AAQ\r\n"),
            "{text}"
        );
        let again = card(&text);
        assert_eq!(write_card(&again), text, "stable on rewrite");
    }

    #[test]
    fn favourite_lives_in_categories_next_to_others() {
        let mut c =
            card("BEGIN:VCARD\nVERSION:4.0\nFN:A\nCATEGORIES:friends,Favorite\nEND:VCARD\n");
        let before = read_contact(&c, "x");
        assert!(before.favourite);
        let mut after = before.clone();
        after.favourite = false;
        apply_contact(&mut c, &before, &after);
        assert!(write_card(&c).contains("CATEGORIES:friends\r\n"));
        apply_contact(&mut c, &after, &before);
        assert!(write_card(&c).contains("CATEGORIES:friends,favourite\r\n"));
    }

    #[test]
    fn a_new_card_reads_back_as_the_same_contact() {
        let contact = Contact {
            uid: "u-1".into(),
            name: "Roberta Quillfeather".into(),
            organisation: "Quill; Ink".into(),
            addresses: vec![
                Address::number(AddressLabel::Work, "030 1234567"),
                Address {
                    pref: Some(1),
                    ..Address::sip(AddressLabel::Sip, "sip:rq@example.org")
                },
            ],
            favourite: true,
            note: "likes, commas; and\nnew lines".into(),
        };
        let text = write_card(&new_card(&contact));
        assert!(text.contains("N:Quillfeather;Roberta;;;\r\n"), "{text}");
        assert_eq!(read_contact(&card(&text), "other"), contact, "{text}");
    }

    #[test]
    fn renaming_updates_n_only_when_it_agreed() {
        let mut c = card("BEGIN:VCARD\nVERSION:4.0\nFN:Bob Smith\nN:Smith;Bob;;;\nEND:VCARD\n");
        let before = read_contact(&c, "x");
        let after = Contact {
            name: "Robert Smith".into(),
            ..before.clone()
        };
        apply_contact(&mut c, &before, &after);
        assert!(write_card(&c).contains("N:Smith;Robert;;;"));
        let mut c = card("BEGIN:VCARD\nVERSION:4.0\nFN:Bobby\nN:Smith;Robert;;;\nEND:VCARD\n");
        let before = read_contact(&c, "x");
        apply_contact(
            &mut c,
            &before,
            &Contact {
                name: "Bobby S".into(),
                ..before.clone()
            },
        );
        assert!(write_card(&c).contains("N:Smith;Robert;;;"));
    }

    #[test]
    fn parse_errors_are_readable() {
        assert_eq!(
            parse_card("").err().as_deref(),
            Some("there is no vCard in it")
        );
        assert!(parse_card("hello")
            .err()
            .unwrap_or_default()
            .contains("hello"));
    }
}
