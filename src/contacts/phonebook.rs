//! The contacts as a face uses them: the book on disk, a search index kept in step with it,
//! a watch on the folder for changes other programs make, and the caller-ID lookups that name
//! the other side of a call.

use super::{Contact, ContactBook, ContactIndex, DirWatch, FileProblem, ImportReport};
use crate::engine::api::Event;
use std::path::Path;

pub struct Phonebook {
    /// `None`: no contacts folder this run (headless without a data folder).
    book: Option<ContactBook>,
    index: ContactIndex,
    /// Positions of the favourites in the index's list, by name.
    favourites: Vec<usize>,
    problems: Vec<FileProblem>,
    watch: Option<DirWatch>,
    country: Option<String>,
}

impl Phonebook {
    /// The contacts in `dir` (created if missing); files that cannot be read are listed in
    /// [`Phonebook::problems`] and left alone. `country` (ISO code) says how local numbers
    /// are written; see [`Phonebook::country_for`].
    pub fn open(dir: &Path, country: Option<&str>) -> Phonebook {
        let book = ContactBook::open(dir);
        let watch = match DirWatch::start(dir) {
            Ok(watch) => Some(watch),
            Err(e) => {
                // Changes by other programs then show at the next start.
                tracing::warn!("contacts folder not watched: {e}");
                None
            }
        };
        let mut phonebook = Phonebook::empty();
        phonebook.book = Some(book);
        phonebook.watch = watch;
        phonebook.country = country.map(str::to_owned);
        phonebook.rebuild();
        phonebook
    }

    /// No contacts at all.
    pub fn empty() -> Phonebook {
        Phonebook {
            book: None,
            index: ContactIndex::build(&[], None),
            favourites: Vec::new(),
            problems: Vec::new(),
            watch: None,
            country: None,
        }
    }

    fn rebuild(&mut self) {
        let Some(book) = &self.book else { return };
        self.index = book.index(self.country.as_deref());
        let contacts = self.index.contacts();
        self.favourites = (0..contacts.len())
            .filter(|at| contacts[*at].favourite)
            .collect();
        self.favourites
            .sort_by_cached_key(|at| contacts[*at].display_name().to_lowercase());
        self.problems = book.problems();
    }

    /// The country for local numbers: the user's choice, else the desktop locale's.
    pub fn country_for(chosen: Option<&str>) -> Option<String> {
        chosen.map(str::to_owned).or_else(super::desktop_country)
    }

    pub fn set_default_country(&mut self, country: Option<&str>) {
        if self.country.as_deref() != country {
            self.country = country.map(str::to_owned);
            let contacts = self.index.contacts().to_vec();
            self.index = ContactIndex::build_shared(contacts, self.country.as_deref());
        }
    }

    pub fn get(&self, uid: &str) -> Option<&Contact> {
        // The index lists the book's contacts in uid order (see `ContactBook::shared_contacts`),
        // so no map by uid is needed beside it.
        let contacts = self.contacts();
        contacts
            .binary_search_by(|contact| contact.uid.as_str().cmp(uid))
            .ok()
            .and_then(|at| contacts.get(at))
            .map(|contact| &**contact)
    }

    fn contacts(&self) -> &[std::sync::Arc<Contact>] {
        self.index.contacts()
    }

    pub fn len(&self) -> usize {
        self.contacts().len()
    }

    pub fn is_empty(&self) -> bool {
        self.contacts().is_empty()
    }

    pub fn favourites(&self) -> impl Iterator<Item = &Contact> + '_ {
        self.favourites
            .iter()
            .filter_map(|at| self.contacts().get(*at))
            .map(|contact| &**contact)
    }

    /// The uids of the contacts matching `query` (names, organisations, numbers; case,
    /// accents and number formatting ignored), favourites first.
    pub fn search(&self, query: &str) -> Vec<String> {
        self.index
            .search(query)
            .into_iter()
            .filter_map(|at| self.contacts().get(at))
            .map(|contact| contact.uid.clone())
            .collect()
    }

    pub fn problems(&self) -> &[FileProblem] {
        &self.problems
    }

    /// The contact a caller or callee address belongs to: (name, uid).
    pub fn identify(&self, remote: &str) -> Option<(String, String)> {
        let contact = self.index.find(remote)?;
        Some((contact.display_name().to_owned(), contact.uid.clone()))
    }

    /// `event` with the other side's name filled in where the engine reports a call.
    pub fn name_caller(&self, event: Event) -> Event {
        match event {
            Event::IncomingCall {
                call,
                from,
                to,
                account,
                contact,
            } => Event::IncomingCall {
                contact: contact.or_else(|| self.identify(&from).map(|(name, _)| name)),
                call,
                from,
                to,
                account,
            },
            Event::CallState {
                call,
                state,
                direction,
                remote,
                contact,
                account,
            } => Event::CallState {
                contact: contact.or_else(|| self.identify(&remote).map(|(name, _)| name)),
                call,
                state,
                direction,
                remote,
                account,
            },
            other => other,
        }
    }

    /// Reads the folder again if another program changed it; true when something changed.
    pub fn reload_if_changed(&mut self) -> bool {
        let Some(book) = &mut self.book else {
            return false;
        };
        let noticed = self.watch.as_ref().is_none_or(|watch| watch.take_changed());
        if !noticed || !book.reload_if_changed() {
            return false;
        }
        self.rebuild();
        true
    }

    /// Saves a new or changed contact; its uid on success.
    pub fn save(&mut self, contact: Contact) -> Result<String, String> {
        let book = self.book.as_mut().ok_or_else(no_folder)?;
        let uid = book.save(contact).map_err(|e| e.to_string())?;
        self.rebuild();
        Ok(uid)
    }

    pub fn delete(&mut self, uid: &str) -> Result<(), String> {
        let book = self.book.as_mut().ok_or_else(no_folder)?;
        book.delete(uid).map_err(|e| e.to_string())?;
        self.rebuild();
        Ok(())
    }

    /// Imports every card of a .vcf file's bytes.
    pub fn import(&mut self, bytes: &[u8]) -> Result<ImportReport, String> {
        let book = self.book.as_mut().ok_or_else(no_folder)?;
        let report = book.import_vcf_bytes(bytes);
        self.rebuild();
        Ok(report)
    }

    /// One contact's card as vCard 4.0, or None when there is no such contact.
    pub fn export_one(&self, uid: &str) -> Option<String> {
        self.book.as_ref().and_then(|book| book.export_one(uid))
    }

    /// All contacts as one vCard 4.0 text.
    pub fn export_all(&self) -> String {
        self.book
            .as_ref()
            .map(|book| book.export_all())
            .unwrap_or_default()
    }
}

fn no_folder() -> String {
    "there is no contacts folder this time".to_owned()
}
