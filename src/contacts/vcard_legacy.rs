//! Bringing a parsed card to vCard 4.0 form, so that writing it as 4.0 gives a valid card.

use super::vcard::{first_text, name_from_n};
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue, VCardVersion,
};

/// What vCard 2.1/3.0 say differently from 4.0, said the 4.0 way, so that writing the
/// card as 4.0 gives a valid card: bare 2.1 parameters (`TEL;CELL;PREF`) become TYPE and
/// PREF=1, 3.0 `TYPE=pref` becomes PREF=1, inline binary (PHOTO;ENCODING=b) becomes a
/// `data:` URI, and a card without FN gets one from N or ORG.
pub(crate) fn normalise(card: &mut VCard) {
    let legacy = card.version().is_some_and(|v| v < VCardVersion::V4_0);
    for entry in &mut card.entries {
        normalise_params(entry, legacy);
        split_unknown_structured_value(entry);
        if entry
            .values
            .iter()
            .any(|v| matches!(v, VCardValue::Binary(_)))
        {
            // The legacy TYPE=JPEG is now in the data: URI's media type.
            entry.params.retain(|p| {
                !(p.name == VCardParameterName::Type
                    && matches!(p.value, VCardParameterValue::Text(_)))
            });
            for value in &mut entry.values {
                if let VCardValue::Binary(data) = value {
                    *value = VCardValue::Text(data.to_unwrapped_string());
                }
            }
        }
    }
    if card.property(&VCardProperty::Fn).is_none() {
        let name = name_from_n(card).unwrap_or_else(|| first_text(card, &VCardProperty::Org));
        let at = card
            .entries
            .iter()
            .position(|e| e.name == VCardProperty::Version)
            .map_or(0, |i| i + 1);
        card.entries
            .insert(at, VCardEntry::new(VCardProperty::Fn).with_value(name));
    }
}

/// An unknown property's value is parsed as one text, so its `;` would be written back
/// escaped (`\;`), which changes what it means to its owner: Android's
/// `X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;KJ;1;…` is a `;`-separated list.
/// Kept as separate values, they are written back as they came. (A `\;` meant literally
/// in an unknown property is written back unescaped; that is much rarer.)
fn split_unknown_structured_value(entry: &mut VCardEntry) {
    let VCardProperty::Other(_) = entry.name else {
        return;
    };
    if let [VCardValue::Text(text)] = entry.values.as_slice() {
        if text.contains(';') {
            entry.values = text
                .split(';')
                .map(|part| VCardValue::Text(part.to_string()))
                .collect();
        }
    }
}

fn normalise_params(entry: &mut VCardEntry, legacy: bool) {
    let mut preferred = false;
    for param in &mut entry.params {
        match (&param.name, &param.value) {
            (VCardParameterName::Pref, VCardParameterValue::Null) => {
                param.value = VCardParameterValue::Integer(1);
            }
            (VCardParameterName::Type, VCardParameterValue::Text(t))
                if t.eq_ignore_ascii_case("pref") =>
            {
                preferred = true;
            }
            (VCardParameterName::Other(name), VCardParameterValue::Null) if legacy => {
                *param = VCardParameter::typ(VCardParameterValue::Text(name.to_ascii_lowercase()));
            }
            _ => {}
        }
    }
    if preferred {
        entry.params.retain(|p| {
            !(p.name == VCardParameterName::Type
                && p.value
                    .as_text()
                    .is_some_and(|t| t.eq_ignore_ascii_case("pref")))
        });
        if !entry
            .params
            .iter()
            .any(|p| p.name == VCardParameterName::Pref)
        {
            entry
                .params
                .push(VCardParameter::pref(VCardParameterValue::Integer(1)));
        }
    }
}
