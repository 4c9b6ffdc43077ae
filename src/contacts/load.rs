//! Reading the contacts folder: every file on its own, so one bad file cannot hide the rest.

use super::files::{is_contact_file_name, FileStamp};
use super::vcard::{parse_card, read_contact};
use super::vcf_text::{decode, split_cards};
use super::Contact;
use calcard::vcard::VCard;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// A contact file read and understood.
#[derive(Debug, Clone)]
pub(crate) struct LoadedCard {
    pub contact: Contact,
    pub card: VCard,
}

/// The `.vcf` files of the folder with their stamps; entries that vanish while listing
/// (another program renaming a temporary file) are simply not there.
pub(crate) fn list_folder(dir: &Path) -> std::io::Result<HashMap<String, FileStamp>> {
    let mut found = HashMap::new();
    for entry in fs::read_dir(dir)? {
        let Ok(entry) = entry else { continue };
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if !is_contact_file_name(&name) {
            continue;
        }
        let Ok(mut metadata) = entry.metadata() else {
            continue;
        };
        if metadata.file_type().is_symlink() {
            // A link to a card elsewhere is read like a card, so stamp what it points to.
            let Ok(target) = fs::metadata(entry.path()) else {
                continue;
            };
            metadata = target;
        }
        found.insert(name, FileStamp::of(&metadata));
    }
    Ok(found)
}

/// Reads one file of the folder, or says in words why it is not a contact.
pub(crate) fn load_file(path: &Path, fallback_uid: &str) -> Result<LoadedCard, String> {
    let metadata = fs::metadata(path).map_err(|e| format!("could not be read: {e}"))?;
    if metadata.is_dir() {
        return Err("it is a folder, not a file".into());
    }
    if !metadata.is_file() {
        return Err("it is not a regular file".into());
    }
    let bytes = fs::read(path).map_err(|e| format!("could not be read: {e}"))?;
    parse_file(&bytes, fallback_uid)
}

pub(crate) fn parse_file(bytes: &[u8], fallback_uid: &str) -> Result<LoadedCard, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty".into());
    }
    let text = decode(bytes).map_err(|e| {
        format!(
            "it is not UTF-8 text (invalid byte at offset {}); vCard files must be UTF-8",
            e.byte_offset
        )
    })?;
    let cards = split_cards(&text);
    let card_text = match cards.as_slice() {
        [] => return Err("there is no vCard in it (no BEGIN:VCARD line)".into()),
        [one] => one,
        many => {
            return Err(format!(
            "it holds {} vCards, but each file of a contacts folder holds one; import it instead",
            many.len()
        ))
        }
    };
    if !card_text.terminated {
        return Err(format!(
            "the vCard starting at line {} has no END:VCARD line",
            card_text.line
        ));
    }
    let card = parse_card(card_text.text)?;
    let contact = read_contact(&card, fallback_uid);
    Ok(LoadedCard { contact, card })
}

/// The uid to use for a card without UID: the file name without `.vcf`.
pub(crate) fn uid_from_file_name(name: &str) -> &str {
    name.get(..name.len().saturating_sub(4)).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_files_get_reasons() {
        let reason = |bytes: &[u8]| parse_file(bytes, "x").err().unwrap_or_default();
        assert_eq!(reason(b""), "the file is empty");
        assert!(reason(b"\x00\x9f\x92\x96garbage").contains("not UTF-8"));
        assert!(reason(b"hello").contains("no vCard"));
        assert!(reason(b"BEGIN:VCARD\nFN:A\n").contains("no END:VCARD"));
        assert!(
            reason(b"BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n")
                .contains("holds 2 vCards")
        );
        assert!(parse_file(b"BEGIN:VCARD\nFN:A\nEND:VCARD\n", "x").is_ok());
    }

    #[test]
    fn scrambled_cards_never_panic() {
        // Pieces of real vCards put together in random order, a cheap stand-in for the
        // fuzz target until there is one.
        const PIECES: [&[u8]; 22] = [
            b"BEGIN:VCARD\r\n",
            b"END:VCARD\r\n",
            b"VERSION:2.1\r\n",
            b"VERSION:4.0\r\n",
            b"FN:A\r\n",
            b"N:;;;;\r\n",
            b"TEL;CELL;PREF:+49 1\r\n",
            b"item1.",
            b"X-ABLabel:",
            b";ENCODING=QUOTED-PRINTABLE:=C3=",
            b"=\r\n",
            b"\r\n ",
            b";ENCODING=b:/9j/",
            b"IMPP:sip:",
            b"@",
            b";TYPE=\"",
            b"\\",
            b"\xc3",
            b"\xff",
            b":",
            b";",
            b"PHOTO:data:",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut readable = 0;
        for _ in 0..3000 {
            let mut bytes = Vec::new();
            for _ in 0..(next() % 24) {
                bytes.extend_from_slice(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            readable += usize::from(parse_file(&bytes, "x").is_ok());
        }
        assert!(readable > 0, "some scrambles are still cards");
    }

    #[test]
    fn a_card_without_uid_is_named_after_its_file() {
        let loaded =
            parse_file(b"BEGIN:VCARD\nVERSION:4.0\nFN:A\nEND:VCARD\n", "from-file").expect("loads");
        assert_eq!(loaded.contact.uid, "from-file");
        assert_eq!(uid_from_file_name("abc.vcf"), "abc");
    }
}
