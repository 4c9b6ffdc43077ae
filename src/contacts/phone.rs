//! Phone numbers the way libphonenumber (the `phonenumber` crate) understands them.

use phonenumber::country::Id;
use phonenumber::Mode;

/// A country for numbers written without a country code ("030 1234567" in Germany).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region(Option<Id>);

impl Region {
    /// From an ISO 3166 code such as "DE" (any case); unknown codes mean no country.
    pub(crate) fn from_code(code: Option<&str>) -> Region {
        Region(code.and_then(|c| c.trim().to_ascii_uppercase().parse::<Id>().ok()))
    }

    /// The number in E.164 form ("+49301234567"), or None when it is not a phone number
    /// libphonenumber can place.
    pub(crate) fn e164(self, number: &str) -> Option<String> {
        let parsed = phonenumber::parse(self.0, number).ok()?;
        Some(parsed.format().mode(Mode::E164).to_string())
    }

    /// The E.164 form and the digits a person would type for the number: E.164 without
    /// '+' and the national form ("+49301234567", "49301234567", "0301234567").
    pub(crate) fn forms(self, number: &str) -> Option<NumberForms> {
        let parsed = phonenumber::parse(self.0, number).ok()?;
        let e164 = parsed.format().mode(Mode::E164).to_string();
        let national: String = parsed
            .format()
            .mode(Mode::National)
            .to_string()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        Some(NumberForms {
            e164_digits: e164.trim_start_matches('+').to_string(),
            e164,
            national_digits: national,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumberForms {
    pub e164: String,
    pub e164_digits: String,
    pub national_digits: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_numbers_get_the_default_country() {
        let de = Region::from_code(Some("de"));
        assert_eq!(de.e164("030 1234567").as_deref(), Some("+49301234567"));
        assert_eq!(
            de.e164("+49 (30) 123-4567").as_deref(),
            Some("+49301234567")
        );
        assert_eq!(de.e164("0049 30 1234567").as_deref(), Some("+49301234567"));
        assert_eq!(
            Region::from_code(None).e164("+1 201 555 0123").as_deref(),
            Some("+12015550123")
        );
        assert_eq!(Region::from_code(Some("XX")), Region::from_code(None));
        let forms = de.forms("+49 30 1234567").expect("parses");
        assert_eq!(forms.e164_digits, "49301234567");
        assert_eq!(forms.national_digits, "0301234567");
    }

    #[test]
    fn non_numbers_do_not_parse() {
        let de = Region::from_code(Some("DE"));
        assert_eq!(de.e164("bob"), None);
        assert_eq!(de.e164(""), None);
    }
}
