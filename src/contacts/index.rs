//! A read-only index of contacts for finding the caller of a call and for search as you
//! type. Built once per change of the contact list; everything a lookup needs is folded
//! and normalised here so lookups only compare strings.

use super::fold::{digits, fold};
use super::key_table::KeyTable;
use super::matching::{parse_remote, Remote};
use super::model::{AddressKind, Contact};
use super::phone::Region;
use std::sync::Arc;

pub struct ContactIndex {
    pub(crate) contacts: Vec<Arc<Contact>>,
    /// Display order: favourites first, then by folded name.
    pub(crate) order: Vec<usize>,
    /// rank[i] is contact i's position in `order`.
    pub(crate) rank: Vec<usize>,
    /// Per contact: folded name, organisation and SIP users/hosts, for text search.
    pub(crate) text: Haystack,
    /// Per contact: every digit form of its numbers (as written, E.164, national).
    pub(crate) numbers: Haystack,
    pub(crate) by_e164: KeyTable,
    pub(crate) by_digits: KeyTable,
    /// By SIP user and host.
    pub(crate) by_sip: KeyTable,
    pub(crate) region: Region,
}

/// The search strings of all contacts in one block, so one substring searcher scans them
/// all; contact i's string is `blob[starts[i]..starts[i + 1]]`, ending in a newline that
/// no query contains, so a match never spans two contacts.
#[derive(Debug, Default)]
pub(crate) struct Haystack {
    blob: String,
    starts: Vec<usize>,
}

impl Haystack {
    fn push(&mut self, text: &str) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.blob.push_str(text);
        self.blob.push('\n');
        self.starts.push(self.blob.len());
    }

    /// Gives back what the blob and the starts grew beyond their final size.
    fn seal(&mut self) {
        self.blob.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    pub(crate) fn segment(&self, i: usize) -> &[u8] {
        let (start, end) = (self.starts[i], self.starts[i + 1]);
        &self.blob.as_bytes()[start..end]
    }

    /// Sets `hits[i]` for every contact whose string contains the finder's needle.
    pub(crate) fn mark(&self, finder: &memchr::memmem::Finder<'_>, hits: &mut [bool]) {
        let bytes = self.blob.as_bytes();
        let mut from = 0;
        while let Some(found) = bytes.get(from..).and_then(|rest| finder.find(rest)) {
            let at = from + found;
            let i = self.starts.partition_point(|&start| start <= at) - 1;
            if let Some(hit) = hits.get_mut(i) {
                *hit = true;
            }
            from = self.starts.get(i + 1).copied().unwrap_or(bytes.len());
        }
    }
}

impl ContactIndex {
    /// `default_country` is an ISO 3166 code ("DE") for numbers written without a country
    /// code; None (or an unknown code) compares such numbers by their digits only.
    pub fn build(contacts: &[Contact], default_country: Option<&str>) -> ContactIndex {
        let shared = contacts.iter().cloned().map(Arc::new).collect();
        ContactIndex::build_shared(shared, default_country)
    }

    /// [`ContactIndex::build`] over contacts that the caller keeps too, without copying them.
    pub fn build_shared(
        contacts: Vec<Arc<Contact>>,
        default_country: Option<&str>,
    ) -> ContactIndex {
        let region = Region::from_code(default_country);
        let mut index = ContactIndex {
            contacts: Vec::new(),
            order: Vec::new(),
            rank: Vec::new(),
            text: Haystack::default(),
            numbers: Haystack::default(),
            by_e164: KeyTable::default(),
            by_digits: KeyTable::default(),
            by_sip: KeyTable::default(),
            region,
        };
        let mut sort_keys = Vec::with_capacity(contacts.len());
        for (i, contact) in contacts.iter().enumerate() {
            sort_keys.push(fold(contact.display_name()));
            index.add_contact(i, contact);
        }
        let mut order: Vec<usize> = (0..contacts.len()).collect();
        order.sort_by(|&a, &b| {
            let (ca, cb) = (&contacts[a], &contacts[b]);
            cb.favourite
                .cmp(&ca.favourite)
                .then_with(|| sort_keys[a].cmp(&sort_keys[b]))
                .then_with(|| ca.display_name().cmp(cb.display_name()))
                .then_with(|| ca.uid.cmp(&cb.uid))
        });
        index.by_e164.seal();
        index.by_digits.seal();
        index.by_sip.seal();
        index.text.seal();
        index.numbers.seal();
        index.rank = vec![0; contacts.len()];
        for (position, &i) in order.iter().enumerate() {
            index.rank[i] = position;
        }
        index.order = order;
        index.contacts = contacts;
        index
    }

    fn add_contact(&mut self, i: usize, contact: &Contact) {
        let mut text = fold(&contact.name);
        let organisation = fold(&contact.organisation);
        let mut forms = Vec::new();
        for address in &contact.addresses {
            match address.kind {
                AddressKind::Number => {
                    self.add_number(i, &address.value, &mut forms);
                }
                AddressKind::Sip => {
                    if let Some(Remote::Sip { user, host }) = parse_remote(&address.value) {
                        for part in [fold(&user), fold(&host)] {
                            text.push(' ');
                            text.push_str(&part);
                        }
                        if super::fold::looks_like_number(&user) {
                            self.add_number(i, &user, &mut forms);
                        }
                        self.by_sip.insert(&[&user, &host], i);
                    }
                }
            }
        }
        text.push(' ');
        text.push_str(&organisation);
        forms.sort();
        forms.dedup();
        self.text.push(&text);
        self.numbers.push(&forms.join("|"));
    }

    fn add_number(&mut self, i: usize, number: &str, forms: &mut Vec<String>) {
        let written = digits(number);
        if written.is_empty() {
            return;
        }
        if let Some(parsed) = self.region.forms(number) {
            self.by_e164.insert(&[&parsed.e164], i);
            forms.push(parsed.e164_digits);
            forms.push(parsed.national_digits);
        }
        self.by_digits.insert(&[&written], i);
        forms.push(written);
    }

    /// The contacts, in the order given to [`ContactIndex::build`]; search results index
    /// into this.
    pub fn contacts(&self) -> &[Arc<Contact>] {
        &self.contacts
    }

    pub fn len(&self) -> usize {
        self.contacts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty()
    }

    /// Of several candidates, the one shown first in the list.
    pub(crate) fn first_ranked(&self, candidates: impl Iterator<Item = usize>) -> Option<&Contact> {
        let best = candidates.min_by_key(|&i| self.rank.get(i).copied().unwrap_or(usize::MAX))?;
        self.contacts.get(best).map(|contact| &**contact)
    }
}
