//! Folding text the way a person searches it: no case, no accents, no punctuation.

/// Lower-case ASCII with accents folded (`deunicode`: é→e, ß→ss, ł→l, ø→o, æ→ae) and every
/// run of other characters turned into one space, trimmed.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let ascii = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(text))
    };
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Only the digits of a number as written: "+49 (30) 12-34" → "49301234".
pub(crate) fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// True when the text looks like someone typing a phone number: digits with only the
/// characters people put between them.
pub(crate) fn looks_like_number(text: &str) -> bool {
    let mut any_digit = false;
    for c in text.chars() {
        match c {
            '0'..='9' => any_digit = true,
            '+' | ' ' | '-' | '.' | '/' | '(' | ')' => {}
            _ => return false,
        }
    }
    any_digit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_case_accents_and_punctuation() {
        assert_eq!(fold("Renée  O'Brien-Straße"), "renee o brien strasse");
        assert_eq!(fold("Łukasz Żółć"), "lukasz zolc");
        assert_eq!(fold("Søren Ærø"), "soren aero");
        assert_eq!(fold("  ACME, Inc. "), "acme inc");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn numbers_are_told_from_names() {
        assert!(looks_like_number("+49 (30) 123-4"));
        assert!(looks_like_number("030 12"));
        assert!(!looks_like_number("Bob 12"));
        assert!(!looks_like_number("+ -"));
        assert_eq!(digits("+49 (30) 12-34"), "49301234");
    }
}
