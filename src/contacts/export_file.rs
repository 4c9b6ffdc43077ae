//! Exporting from the window: the cards go into a new .vcf file in a folder the user can
//! find (their documents), under a name that says what it holds, never over an existing file.

use super::files::{sync_dir, sync_file, write_temp};
use super::Phonebook;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub file: PathBuf,
    pub contacts: usize,
}

impl Phonebook {
    /// Writes one contact (`Some(uid)`) or all of them to a new file in `dir`: named after
    /// the contact, or `contacts.vcf`, with " (2)", " (3)"… added when that name is taken.
    pub fn export_to(&self, dir: &Path, uid: Option<&str>) -> Result<Exported, String> {
        let (stem, text, contacts) = match uid {
            Some(uid) => {
                let contact = self
                    .get(uid)
                    .ok_or_else(|| "this contact no longer exists".to_owned())?;
                let text = self
                    .export_one(uid)
                    .ok_or_else(|| "this contact no longer exists".to_owned())?;
                (file_stem(contact.display_name()), text, 1)
            }
            None => ("contacts".to_owned(), self.export_all(), self.len()),
        };
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let file =
            write_new_file(dir, &stem, &text).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Exported { file, contacts })
    }
}

/// A file name from a person's name: path separators, control characters and a leading dot
/// (a hidden file) do not belong in it.
fn file_stem(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    let mut stem: String = cleaned.chars().take(100).collect();
    if stem.is_empty() {
        stem = "contact".to_owned();
    }
    stem
}

/// Written to a hidden temporary file and flushed first, then linked under the first free
/// name: a crash leaves no half-written .vcf behind, and `link` fails rather than replace a
/// file that appeared meanwhile.
fn write_new_file(dir: &Path, stem: &str, text: &str) -> io::Result<PathBuf> {
    let temp = write_temp(dir, stem, text)?;
    let linked = sync_file(&temp).and_then(|()| link_under_free_name(&temp, dir, stem));
    let _ = fs::remove_file(&temp);
    let file = linked?;
    sync_dir(dir)?;
    Ok(file)
}

fn link_under_free_name(temp: &Path, dir: &Path, stem: &str) -> io::Result<PathBuf> {
    for n in 1..=999 {
        let name = if n == 1 {
            format!("{stem}.vcf")
        } else {
            format!("{stem} ({n}).vcf")
        };
        let file = dir.join(name);
        match fs::hard_link(temp, &file) {
            Ok(()) => return Ok(file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{stem}.vcf and 998 numbered copies exist already"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::{Address, AddressLabel, Contact};

    fn book_with(dir: &Path, names: &[&str]) -> (Phonebook, Vec<String>) {
        let mut book = Phonebook::open(&dir.join("contacts"), None);
        let mut uids = Vec::new();
        for name in names {
            let mut contact = Contact::new(*name);
            contact
                .addresses
                .push(Address::number(AddressLabel::Mobile, "+49 171 1234567"));
            uids.push(book.save(contact).expect("saved"));
        }
        (book, uids)
    }

    #[test]
    fn one_contact_goes_to_a_file_named_after_them_and_reads_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (book, uids) = book_with(dir.path(), &["Anna Müller", "Bob"]);
        let out = dir.path().join("Documents");
        let exported = book.export_to(&out, Some(&uids[0])).expect("exported");
        assert_eq!(exported.file, out.join("Anna Müller.vcf"));
        assert_eq!(exported.contacts, 1);
        let text = fs::read_to_string(&exported.file).expect("file");
        assert!(text.contains("FN:Anna Müller"), "{text}");
        assert!(!text.contains("FN:Bob"), "{text}");
    }

    #[test]
    fn exporting_twice_never_overwrites() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (book, _) = book_with(dir.path(), &["Anna", "Bob"]);
        let out = dir.path().join("out");
        let first = book.export_to(&out, None).expect("first");
        fs::write(&first.file, "mine").expect("user edits the first export");
        let second = book.export_to(&out, None).expect("second");
        assert_eq!(first.file, out.join("contacts.vcf"));
        assert_eq!(second.file, out.join("contacts (2).vcf"));
        assert_eq!(second.contacts, 2);
        assert_eq!(fs::read_to_string(&first.file).expect("kept"), "mine");
        let all = fs::read_to_string(&second.file).expect("second file");
        assert_eq!(all.matches("BEGIN:VCARD").count(), 2);
        let leftovers: Vec<_> = fs::read_dir(&out)
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }

    #[test]
    fn names_cannot_escape_the_folder() {
        assert_eq!(file_stem("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_stem(".hidden"), "hidden");
        assert_eq!(file_stem("  "), "contact");
    }

    #[test]
    fn an_unwritable_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (book, _) = book_with(dir.path(), &["Anna"]);
        let blocker = dir.path().join("file");
        fs::write(&blocker, "").expect("file");
        let error = book
            .export_to(&blocker.join("sub"), None)
            .expect_err("not a folder");
        assert!(error.contains("sub"), "{error}");
    }
}
