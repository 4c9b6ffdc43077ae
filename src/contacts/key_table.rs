//! A lookup from strings (a number's E.164 form, its digits, a SIP user and host) to the
//! contacts that have them, in twelve bytes an entry.
//!
//! A hash map of `String` to `Vec<usize>` costs about a hundred bytes an entry in keys, vectors
//! and empty buckets; ten thousand contacts with two numbers each, in two such maps, took
//! about 4 MiB of the window's memory. Here each entry is the key's 64-bit hash and the
//! contact's position, sorted, so a lookup is one binary search. Two different keys with the
//! same hash would mix their contacts up; among the keys of even a million contacts the
//! chance of that is about one in ten million, and what it could cost is a wrong name on an
//! incoming call, which any caller can already put in a From header.

use super::fnv::Fnv1a;
use std::hash::Hasher;

#[derive(Debug, Default)]
pub(crate) struct KeyTable {
    /// (hash of the key, contact position), sorted.
    entries: Vec<(u64, u32)>,
}

impl KeyTable {
    /// Gathers entries; call [`KeyTable::seal`] before looking anything up.
    pub(crate) fn insert(&mut self, key: &[&str], contact: usize) {
        if let Ok(contact) = u32::try_from(contact) {
            self.entries.push((hash(key), contact));
        }
    }

    pub(crate) fn seal(&mut self) {
        self.entries.sort_unstable();
        self.entries.dedup();
        self.entries.shrink_to_fit();
    }

    /// The contacts with this key.
    pub(crate) fn get(&self, key: &[&str]) -> impl Iterator<Item = usize> + '_ {
        let wanted = hash(key);
        let from = self.entries.partition_point(|&(h, _)| h < wanted);
        self.entries[from..]
            .iter()
            .take_while(move |&&(h, _)| h == wanted)
            .map(|&(_, contact)| contact as usize)
    }
}

/// FNV-1a over the parts, each followed by a 0xFF byte (which UTF-8 never contains), so
/// ("ab", "c") and ("a", "bc") hash apart.
fn hash(parts: &[&str]) -> u64 {
    let mut hasher = Fnv1a::default();
    for part in parts {
        hasher.write(part.as_bytes());
        hasher.write_u8(0xFF);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_contact_with_a_key_and_nothing_else() {
        let mut table = KeyTable::default();
        table.insert(&["+4930123"], 7);
        table.insert(&["+4930999"], 1);
        table.insert(&["+4930123"], 2);
        table.insert(&["+4930123"], 7);
        table.seal();
        let mut found: Vec<usize> = table.get(&["+4930123"]).collect();
        found.sort();
        assert_eq!(found, vec![2, 7]);
        assert_eq!(table.get(&["+4930999"]).collect::<Vec<_>>(), vec![1]);
        assert_eq!(table.get(&["+49"]).count(), 0);
    }

    #[test]
    fn parts_do_not_run_into_each_other() {
        let mut table = KeyTable::default();
        table.insert(&["ab", "c"], 1);
        table.seal();
        assert_eq!(table.get(&["a", "bc"]).count(), 0);
        assert_eq!(table.get(&["ab", "c"]).count(), 1);
    }
}
