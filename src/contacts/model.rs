//! The contact as Handset sees it: the few fields a softphone needs.
//! Everything else a vCard may hold stays in the stored card (see `vcard.rs`).

use super::fnv::fnv1a;

/// What kind of thing an address is: something to dial as a phone number, or a SIP URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressKind {
    Number,
    Sip,
}

/// The label a person gave an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressLabel {
    Work,
    Mobile,
    Home,
    Sip,
    Other,
}

/// One phone number or SIP address of a contact.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address {
    pub label: AddressLabel,
    pub kind: AddressKind,
    /// As the person wrote it ("030 123 45-67") or the SIP URI ("sip:bob@example.org").
    pub value: String,
    /// vCard PREF: 1 is the most preferred; `None` when the card says nothing.
    pub pref: Option<u8>,
}

impl Address {
    pub fn number(label: AddressLabel, value: impl Into<String>) -> Self {
        Address {
            label,
            kind: AddressKind::Number,
            value: value.into(),
            pref: None,
        }
    }

    pub fn sip(label: AddressLabel, value: impl Into<String>) -> Self {
        Address {
            label,
            kind: AddressKind::Sip,
            value: value.into(),
            pref: None,
        }
    }

    /// What to put in a Dial command; see [`dial_target`].
    pub fn dial_target(&self) -> String {
        dial_target(self)
    }
}

/// One contact. `uid` is empty for a contact not saved yet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    pub uid: String,
    pub name: String,
    pub organisation: String,
    pub addresses: Vec<Address>,
    pub favourite: bool,
    pub note: String,
}

/// Colours chosen so white initials on them keep a WCAG contrast ratio of at least 4.5
/// (a unit test checks this), and distinct enough to tell neighbours apart in a list.
const AVATAR_PALETTE: [(u8, u8, u8); 10] = [
    (0xC6, 0x28, 0x28), // red
    (0xAD, 0x14, 0x57), // pink
    (0x6A, 0x1B, 0x9A), // purple
    (0x45, 0x27, 0xA0), // deep purple
    (0x28, 0x35, 0x93), // indigo
    (0x15, 0x65, 0xC0), // blue
    (0x00, 0x69, 0x5C), // teal
    (0x2E, 0x7D, 0x32), // green
    (0xBF, 0x36, 0x0C), // burnt orange
    (0x5D, 0x40, 0x37), // brown
];

impl Contact {
    pub fn new(name: impl Into<String>) -> Self {
        Contact {
            name: name.into(),
            ..Contact::default()
        }
    }

    /// The name to show: the formatted name, else the organisation, else the first address.
    pub fn display_name(&self) -> &str {
        if !self.name.trim().is_empty() {
            self.name.trim()
        } else if !self.organisation.trim().is_empty() {
            self.organisation.trim()
        } else {
            self.addresses
                .first()
                .map(|a| a.value.as_str())
                .unwrap_or("")
        }
    }

    /// "RQ" for "Roberta Quillfeather": first and last word; one letter for one word;
    /// from the organisation when there is no name; "?" when there is neither.
    pub fn initials(&self) -> String {
        let source = if !self.name.trim().is_empty() {
            &self.name
        } else {
            &self.organisation
        };
        let letters: Vec<char> = source
            .split_whitespace()
            .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
            .collect();
        let picked = match letters.as_slice() {
            [] => return "?".to_string(),
            [only] => vec![*only],
            [first, .., last] => vec![*first, *last],
        };
        picked
            .into_iter()
            // "ß".to_uppercase() is "SS": one letter per word is what fits in the circle.
            .filter_map(|c| c.to_uppercase().next())
            .collect()
    }

    /// A colour for the avatar circle that stays the same for this contact across runs
    /// (FNV-1a of the uid, or of the name for a contact not saved yet).
    pub fn avatar_colour(&self) -> (u8, u8, u8) {
        let key = if self.uid.is_empty() {
            &self.name
        } else {
            &self.uid
        };
        let index = (fnv1a(key.as_bytes()) % AVATAR_PALETTE.len() as u64) as usize;
        AVATAR_PALETTE[index]
    }

    /// The address to dial when the person just clicks the contact: the first one with the
    /// best (lowest) vCard PREF, else the first one.
    pub fn default_address(&self) -> Option<&Address> {
        let best_pref = self.addresses.iter().filter_map(|a| a.pref).min();
        match best_pref {
            Some(best) => self.addresses.iter().find(|a| a.pref == Some(best)),
            None => self.addresses.first(),
        }
    }
}

/// The target for a Dial command. A SIP URI is kept as it is (with `sip:` added when it has
/// no scheme). A phone number keeps a leading `+`, its digits and the dial characters `*`
/// and `#`; spaces, dashes, dots, slashes and brackets go. A `tel:` prefix goes too, and
/// anything after `;` (URI parameters) or a letter (an extension such as "ext. 12").
pub fn dial_target(address: &Address) -> String {
    let value = address.value.trim();
    match address.kind {
        AddressKind::Sip => {
            if has_sip_scheme(value) {
                value.to_string()
            } else {
                format!("sip:{value}")
            }
        }
        AddressKind::Number => dialable_number(value),
    }
}

pub(crate) fn has_sip_scheme(value: &str) -> bool {
    let lower = value.get(..5).unwrap_or(value).to_ascii_lowercase();
    lower.starts_with("sip:") || lower.starts_with("sips:")
}

pub(crate) fn dialable_number(value: &str) -> String {
    let value = strip_prefix_ignore_case(value.trim(), "tel:").unwrap_or(value.trim());
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '+' if out.is_empty() => out.push('+'),
            '0'..='9' | '*' | '#' => out.push(c),
            ';' => break,
            c if c.is_alphabetic() => break,
            _ => {}
        }
    }
    out
}

pub(crate) fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &value[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, org: &str) -> Contact {
        Contact {
            name: name.into(),
            organisation: org.into(),
            ..Contact::default()
        }
    }

    #[test]
    fn initials_take_first_and_last_word() {
        assert_eq!(named("Roberta Quillfeather", "").initials(), "RQ");
        assert_eq!(named("roberta anne quillfeather", "").initials(), "RQ");
        assert_eq!(named("Cher", "").initials(), "C");
        assert_eq!(named("", "Acme Widgets").initials(), "AW");
        assert_eq!(named("  ", "").initials(), "?");
        assert_eq!(named("Łukasz Żak", "").initials(), "ŁŻ");
        assert_eq!(named("ßara (Work)", "").initials(), "SW");
    }

    #[test]
    fn avatar_colour_is_stable_and_from_the_palette() {
        let mut c = named("Roberta Quillfeather", "");
        c.uid = "3f1c2a9e-1111-4222-8333-444455556666".into();
        // A fixed expectation: a change of hash or palette would recolour everyone's avatars.
        assert_eq!(
            c.avatar_colour(),
            AVATAR_PALETTE[fnv1a(c.uid.as_bytes()) as usize % 10]
        );
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(c.avatar_colour(), c.clone().avatar_colour());
        let colours: std::collections::HashSet<_> = (0..100)
            .map(|i| {
                let mut c = named("x", "");
                c.uid = format!("uid-{i}");
                c.avatar_colour()
            })
            .collect();
        assert!(
            colours.len() >= 8,
            "uids spread over the palette: {colours:?}"
        );
    }

    #[test]
    fn avatar_palette_is_readable_with_white_text() {
        fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
            let lin = |c: u8| {
                let c = f64::from(c) / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
        }
        for colour in AVATAR_PALETTE {
            let ratio = 1.05 / (luminance(colour) + 0.05);
            assert!(ratio >= 4.5, "{colour:?} has contrast {ratio:.2}");
        }
    }

    #[test]
    fn default_address_prefers_lowest_pref_then_first() {
        let mut c = named("A", "");
        assert!(c.default_address().is_none());
        c.addresses = vec![
            Address::number(AddressLabel::Home, "1"),
            Address::sip(AddressLabel::Sip, "sip:a@b"),
        ];
        assert_eq!(c.default_address().map(|a| a.value.as_str()), Some("1"));
        c.addresses[1].pref = Some(2);
        assert_eq!(
            c.default_address().map(|a| a.value.as_str()),
            Some("sip:a@b")
        );
        c.addresses.push(Address {
            pref: Some(1),
            ..Address::number(AddressLabel::Work, "3")
        });
        assert_eq!(c.default_address().map(|a| a.value.as_str()), Some("3"));
    }

    #[test]
    fn dial_target_cleans_numbers_and_keeps_sip_uris() {
        let n = |v: &str| dial_target(&Address::number(AddressLabel::Other, v));
        assert_eq!(n("+49 (30) 123-45.67"), "+49301234567");
        assert_eq!(n("030 / 123 45 67"), "0301234567");
        assert_eq!(n("tel:+1-201-555-0123;ext=7"), "+12015550123");
        assert_eq!(n("+1 201 555 0123 ext. 7"), "+12015550123");
        assert_eq!(n("*31#"), "*31#");
        assert_eq!(
            n("0049 + 30"),
            "004930",
            "a + after the start is formatting"
        );
        let s = |v: &str| dial_target(&Address::sip(AddressLabel::Sip, v));
        assert_eq!(s("sip:bob@example.org"), "sip:bob@example.org");
        assert_eq!(s("SIPS:bob@example.org"), "SIPS:bob@example.org");
        assert_eq!(s(" bob@example.org "), "sip:bob@example.org");
    }
}
