//! Exporting contacts as vCard 4.0 text, with everything their files hold.

use super::store::{ContactBook, StoredCard};
use super::vcard::{new_card, write_card};

impl ContactBook {
    /// Every contact, one card after the other, ordered by uid.
    pub fn export_all(&self) -> String {
        self.cards.values().map(|s| self.exported(s)).collect()
    }

    /// One contact's card, or None when there is no contact with that uid.
    pub fn export_one(&self, uid: &str) -> Option<String> {
        self.cards.get(uid).map(|s| self.exported(s))
    }

    /// The card as its file holds it now, written as 4.0; only the contact's own fields
    /// when the file cannot be read any more.
    fn exported(&self, stored: &StoredCard) -> String {
        let card = self
            .current_card(stored)
            .unwrap_or_else(|_| new_card(&stored.contact));
        write_card(&card)
    }
}
