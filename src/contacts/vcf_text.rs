//! From the bytes of a .vcf file to the text of each card in it, with line numbers for
//! messages. The cards themselves are parsed by `calcard`; this only finds where each
//! BEGIN:VCARD … END:VCARD block starts and ends.

use std::borrow::Cow;

/// The text of one card, as found in a .vcf file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CardText<'a> {
    /// 1-based line of its BEGIN:VCARD.
    pub line: usize,
    pub text: &'a str,
    /// False when the file ended, or another card began, before END:VCARD.
    pub terminated: bool,
}

/// Why bytes are not vCard text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotUtf8 {
    pub byte_offset: usize,
}

/// The text of a .vcf file. Some writers fold lines every 75 bytes even in the middle of a
/// multi-byte UTF-8 character, which leaves the file as a whole invalid UTF-8; unfolding
/// before decoding (as RFC 6350 §3.2 says unfolding happens before anything else) heals it.
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(first_error) => String::from_utf8(unfold_bytes(bytes))
            .map(Cow::Owned)
            .map_err(|_| NotUtf8 {
                byte_offset: first_error.valid_up_to(),
            }),
    }
}

fn unfold_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let newline = if rest.starts_with(b"\r\n") {
            2
        } else if rest.starts_with(b"\n") {
            1
        } else {
            0
        };
        if newline > 0 && matches!(rest.get(newline), Some(b' ' | b'\t')) {
            i += newline + 1;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Every BEGIN:VCARD … END:VCARD block of the text, in order. Lines outside a block are
/// ignored. A BEGIN inside a block ends that block as unterminated (nested 2.1 AGENT cards
/// are not supported: a missing END is far more common in broken exports).
pub(crate) fn split_cards(text: &str) -> Vec<CardText<'_>> {
    let mut cards = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (line, byte start)
    let mut offset = 0;
    for (index, raw_line) in text.split_inclusive('\n').enumerate() {
        let line = raw_line.trim_end_matches(['\r', '\n']).trim_end();
        let line = line.trim_start_matches('\u{feff}');
        if line.eq_ignore_ascii_case("BEGIN:VCARD") {
            if let Some((start_line, start)) = open.take() {
                cards.push(CardText {
                    line: start_line,
                    text: &text[start..offset],
                    terminated: false,
                });
            }
            open = Some((index + 1, offset));
        } else if line.eq_ignore_ascii_case("END:VCARD") {
            if let Some((start_line, start)) = open.take() {
                cards.push(CardText {
                    line: start_line,
                    text: &text[start..offset + raw_line.len()],
                    terminated: true,
                });
            }
        }
        offset += raw_line.len();
    }
    if let Some((start_line, start)) = open {
        cards.push(CardText {
            line: start_line,
            text: &text[start..],
            terminated: false,
        });
    }
    cards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_cards_with_line_numbers() {
        let text = "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n\r\nbegin:vcard\nFN:B\nend:vcard\n";
        let cards = split_cards(text);
        assert_eq!(cards.len(), 2);
        assert_eq!((cards[0].line, cards[0].terminated), (1, true));
        assert_eq!(cards[0].text, "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n");
        assert_eq!((cards[1].line, cards[1].terminated), (5, true));
    }

    #[test]
    fn a_missing_end_is_reported_and_the_next_card_still_found() {
        let text = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\nBEGIN:VCARD\nFN:C\n";
        let cards = split_cards(text);
        let shape: Vec<_> = cards.iter().map(|c| (c.line, c.terminated)).collect();
        assert_eq!(shape, vec![(1, false), (3, true), (6, false)]);
    }

    #[test]
    fn folding_inside_a_utf8_character_is_healed() {
        // "ü" is C3 BC; this writer folded between the two bytes.
        let bytes = b"BEGIN:VCARD\r\nFN:M\xC3\r\n \xBCller\r\nEND:VCARD\r\n";
        let text = decode(bytes).expect("unfolded text is UTF-8");
        assert!(text.contains("FN:Müller"));
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_offset() {
        assert_eq!(decode(b"FN:\xFF\xFE"), Err(NotUtf8 { byte_offset: 3 }));
        assert!(decode(b"\xEF\xBB\xBFBEGIN:VCARD").is_ok());
    }
}
