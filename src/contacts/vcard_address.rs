//! Phone numbers and SIP addresses in a vCard, both ways.
//!
//! Read from: `TEL` (a `sip:`/`sips:` value is a SIP address, a `tel:` value a number),
//! `IMPP` with a `sip:`/`sips:` value, and `X-SIP` (Android and some PBX exports).
//! Written as: `TEL` for numbers and `IMPP:sip:…` for SIP addresses, with `TYPE` for the
//! label and `PREF` for the preference. An entry whose address did not change is kept as
//! it is, so its group (`item1.TEL` + `item1.X-ABLabel`) and other parameters survive.

use super::model::{has_sip_scheme, strip_prefix_ignore_case, Address, AddressKind, AddressLabel};
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardType,
};

/// TYPE values that carry a label (lower case); others (voice, fax, text, …) are kept.
const LABEL_TYPES: [&str; 9] = [
    "work", "home", "cell", "mobile", "iphone", "sip", "x-sip", "other", "x-other",
];

/// The address an entry holds, if it is one Handset dials.
pub(crate) fn read_address(entry: &VCardEntry, card: &VCard) -> Option<Address> {
    let value = entry.values.first()?.as_text()?.trim();
    if value.is_empty() {
        return None;
    }
    let (kind, value) = match &entry.name {
        VCardProperty::Tel if has_sip_scheme(value) => (AddressKind::Sip, value.to_string()),
        VCardProperty::Tel => {
            let number = strip_prefix_ignore_case(value, "tel:").unwrap_or(value);
            (AddressKind::Number, number.trim().to_string())
        }
        VCardProperty::Impp if has_sip_scheme(value) => (AddressKind::Sip, value.to_string()),
        VCardProperty::Other(name) if name.eq_ignore_ascii_case("X-SIP") => {
            let uri = if has_sip_scheme(value) {
                value.to_string()
            } else {
                format!("sip:{value}")
            };
            (AddressKind::Sip, uri)
        }
        _ => return None,
    };
    if value.is_empty() {
        return None;
    }
    Some(Address {
        label: read_label(entry, card, kind),
        kind,
        value,
        pref: read_pref(entry),
    })
}

fn read_label(entry: &VCardEntry, card: &VCard, kind: AddressKind) -> AddressLabel {
    let types: Vec<String> = entry
        .parameters(&VCardParameterName::Type)
        .filter_map(|v| v.as_text())
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |names: &[&str]| types.iter().any(|t| names.contains(&t.as_str()));
    if has(&["cell", "mobile", "iphone"]) {
        return AddressLabel::Mobile;
    }
    if has(&["work"]) {
        return AddressLabel::Work;
    }
    if has(&["home"]) {
        return AddressLabel::Home;
    }
    if has(&["sip", "x-sip"]) {
        return AddressLabel::Sip;
    }
    if has(&["other", "x-other"]) {
        return AddressLabel::Other;
    }
    if let Some(label) = apple_label(entry, card) {
        return label;
    }
    match kind {
        AddressKind::Sip => AddressLabel::Sip,
        AddressKind::Number => AddressLabel::Other,
    }
}

/// Apple writes custom labels as a sibling `itemN.X-ABLabel:_$!<Mobile>!$_` line.
fn apple_label(entry: &VCardEntry, card: &VCard) -> Option<AddressLabel> {
    let group = entry.group.as_deref()?;
    let text = card
        .entries
        .iter()
        .find(|e| is_apple_label_of(e, group))?
        .values
        .first()?
        .as_text()?;
    let text = text.trim_start_matches("_$!<").trim_end_matches(">!$_");
    Some(match text.to_ascii_lowercase().as_str() {
        "mobile" | "cell" | "iphone" => AddressLabel::Mobile,
        "work" => AddressLabel::Work,
        "home" => AddressLabel::Home,
        "sip" => AddressLabel::Sip,
        _ => AddressLabel::Other,
    })
}

fn is_apple_label_of(entry: &VCardEntry, group: &str) -> bool {
    matches!(&entry.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case("X-ABLabel"))
        && entry
            .group
            .as_deref()
            .is_some_and(|g| g.eq_ignore_ascii_case(group))
}

fn read_pref(entry: &VCardEntry) -> Option<u8> {
    entry
        .parameters(&VCardParameterName::Pref)
        .find_map(|v| match v {
            VCardParameterValue::Integer(n) => Some(*n),
            VCardParameterValue::Text(t) => t.trim().parse().ok(),
            _ => None,
        })
        .map(|n| n.clamp(1, 100) as u8)
}

/// Makes the card's address entries say `addresses`, in that order, touching only entries
/// whose address changed.
pub(crate) fn write_addresses(card: &mut VCard, addresses: &[Address]) {
    let old: Vec<Option<Address>> = card.entries.iter().map(|e| read_address(e, card)).collect();
    let first_position = old.iter().position(Option::is_some);
    let mut used = vec![false; old.len()];
    let mut rewritten_groups = Vec::new();
    let mut new_entries = Vec::with_capacity(addresses.len());
    for address in addresses {
        let reuse = old.iter().enumerate().position(|(i, o)| {
            !used[i]
                && o.as_ref()
                    .is_some_and(|o| o.kind == address.kind && o.value == address.value)
        });
        let entry = match reuse {
            Some(i) => {
                used[i] = true;
                let mut entry = card.entries[i].clone();
                let before = old[i].as_ref();
                if before.map(|b| b.label) != Some(address.label) {
                    set_label(&mut entry, address);
                    rewritten_groups.extend(entry.group.clone());
                }
                if before.and_then(|b| b.pref) != address.pref {
                    set_pref(&mut entry, address.pref);
                }
                entry
            }
            None => new_entry(address),
        };
        new_entries.push(entry);
    }
    for (i, o) in old.iter().enumerate() {
        if o.is_some() && !used[i] {
            rewritten_groups.extend(card.entries[i].group.clone());
        }
    }
    let mut result = Vec::with_capacity(card.entries.len() + addresses.len());
    let mut pending = Some(new_entries);
    for (i, entry) in std::mem::take(&mut card.entries).into_iter().enumerate() {
        if Some(i) == first_position {
            result.extend(pending.take().unwrap_or_default());
        }
        if old[i].is_some() {
            continue;
        }
        // An Apple label whose address was removed or relabelled would now lie.
        if rewritten_groups
            .iter()
            .any(|g| is_apple_label_of(&entry, g))
        {
            continue;
        }
        result.push(entry);
    }
    result.extend(pending.unwrap_or_default());
    card.entries = result;
}

fn new_entry(address: &Address) -> VCardEntry {
    let (name, value) = match address.kind {
        AddressKind::Number => (VCardProperty::Tel, address.value.trim().to_string()),
        AddressKind::Sip => {
            let value = address.value.trim();
            let uri = if has_sip_scheme(value) {
                value.to_string()
            } else {
                format!("sip:{value}")
            };
            (VCardProperty::Impp, uri)
        }
    };
    let mut entry = VCardEntry::new(name).with_value(value);
    set_label(&mut entry, address);
    set_pref(&mut entry, address.pref);
    entry
}

fn set_label(entry: &mut VCardEntry, address: &Address) {
    entry.params.retain(|p| {
        p.name != VCardParameterName::Type
            || !p
                .value
                .as_text()
                .is_some_and(|t| LABEL_TYPES.contains(&t.to_ascii_lowercase().as_str()))
    });
    let value = match (address.label, address.kind) {
        (AddressLabel::Work, _) => VCardParameterValue::Type(VCardType::Work),
        (AddressLabel::Home, _) => VCardParameterValue::Type(VCardType::Home),
        (AddressLabel::Mobile, _) => VCardParameterValue::Type(VCardType::Cell),
        (AddressLabel::Sip, AddressKind::Number) => VCardParameterValue::Text("x-sip".into()),
        (AddressLabel::Other, AddressKind::Sip) => VCardParameterValue::Text("other".into()),
        (AddressLabel::Sip, AddressKind::Sip) | (AddressLabel::Other, AddressKind::Number) => {
            return;
        }
    };
    entry.params.push(VCardParameter::typ(value));
}

fn set_pref(entry: &mut VCardEntry, pref: Option<u8>) {
    entry.params.retain(|p| {
        p.name != VCardParameterName::Pref
            && !(p.name == VCardParameterName::Type
                && p.value
                    .as_text()
                    .is_some_and(|t| t.eq_ignore_ascii_case("pref")))
    });
    if let Some(pref) = pref {
        entry
            .params
            .push(VCardParameter::pref(VCardParameterValue::Integer(
                u32::from(pref),
            )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::vcard::{parse_card, write_card};

    fn addresses_of(text: &str) -> Vec<Address> {
        let card = parse_card(text).expect("parses");
        card.entries
            .iter()
            .filter_map(|e| read_address(e, &card))
            .collect()
    }

    #[test]
    fn reads_labels_from_types_and_apple_labels() {
        let got = addresses_of(
            "BEGIN:VCARD\nVERSION:3.0\nFN:A\nTEL;TYPE=CELL,VOICE:1\nTEL;TYPE=WORK:2\n\
             TEL;TYPE=HOME;TYPE=pref:3\nTEL:4\nitem1.TEL:5\nitem1.X-ABLabel:_$!<Mobile>!$_\n\
             item2.TEL;TYPE=VOICE:6\nitem2.X-ABLabel:Boat\nEND:VCARD\n",
        );
        let labels: Vec<_> = got.iter().map(|a| (a.value.as_str(), a.label)).collect();
        use AddressLabel::*;
        assert_eq!(
            labels,
            vec![
                ("1", Mobile),
                ("2", Work),
                ("3", Home),
                ("4", Other),
                ("5", Mobile),
                ("6", Other)
            ]
        );
        assert_eq!(got[2].pref, Some(1), "3.0 TYPE=pref is a preference");
        assert!(got.iter().all(|a| a.kind == AddressKind::Number));
    }

    #[test]
    fn reads_sip_addresses_from_impp_x_sip_and_tel() {
        let got = addresses_of(
            "BEGIN:VCARD\nVERSION:4.0\nFN:A\nIMPP;TYPE=work;PREF=2:sip:bob@example.org\n\
             IMPP:xmpp:bob@example.org\nX-SIP:alice@example.com\n\
             TEL;VALUE=uri:sip:carol@example.net\nTEL;VALUE=uri:tel:+49-30-1234567\nEND:VCARD\n",
        );
        let shape: Vec<_> = got
            .iter()
            .map(|a| (a.kind, a.label, a.value.as_str(), a.pref))
            .collect();
        use AddressKind::*;
        use AddressLabel as L;
        assert_eq!(
            shape,
            vec![
                (Sip, L::Work, "sip:bob@example.org", Some(2)),
                (Sip, L::Sip, "sip:alice@example.com", None),
                (Sip, L::Sip, "sip:carol@example.net", None),
                (Number, L::Other, "+49-30-1234567", None),
            ]
        );
    }

    #[test]
    fn unchanged_addresses_keep_their_lines_and_new_ones_are_impp_and_tel() {
        let mut card = parse_card(
            "BEGIN:VCARD\nVERSION:4.0\nFN:A\nitem1.TEL:5\nitem1.X-ABLabel:Boat\n\
             X-SIP:alice@example.com\nNOTE:n\nEND:VCARD\n",
        )
        .expect("parses");
        let mut wanted: Vec<Address> = card
            .entries
            .iter()
            .filter_map(|e| read_address(e, &card))
            .collect();
        wanted.push(Address::sip(AddressLabel::Work, "bob@example.org"));
        wanted.push(Address::number(AddressLabel::Mobile, "+49 170 1"));
        write_addresses(&mut card, &wanted);
        let text = write_card(&card);
        assert!(text.contains("item1.TEL:5\r\n"), "{text}");
        assert!(text.contains("item1.X-ABLabel:Boat\r\n"), "{text}");
        assert!(text.contains("X-SIP:alice@example.com\r\n"), "{text}");
        assert!(
            text.contains("IMPP;TYPE=WORK:sip:bob@example.org\r\n"),
            "{text}"
        );
        assert!(text.contains("TEL;TYPE=CELL:+49 170 1\r\n"), "{text}");
        assert!(text.find("X-SIP").unwrap_or(0) < text.find("NOTE").unwrap_or(0));
    }

    #[test]
    fn relabelling_drops_the_stale_apple_label_and_removing_drops_the_line() {
        let mut card = parse_card(
            "BEGIN:VCARD\nVERSION:4.0\nFN:A\nitem1.TEL:5\nitem1.X-ABLabel:_$!<Mobile>!$_\n\
             TEL;TYPE=voice:6\nEND:VCARD\n",
        )
        .expect("parses");
        write_addresses(&mut card, &[Address::number(AddressLabel::Work, "5")]);
        let text = write_card(&card);
        assert!(text.contains("item1.TEL;TYPE=WORK:5\r\n"), "{text}");
        assert!(!text.contains("X-ABLabel"), "{text}");
        assert!(!text.contains(":6"), "{text}");
        let back: Vec<_> = card
            .entries
            .iter()
            .filter_map(|e| read_address(e, &card))
            .collect();
        assert_eq!(back, vec![Address::number(AddressLabel::Work, "5")]);
    }
}
