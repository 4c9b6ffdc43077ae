//! Exporting contacts as vCard 4.0 text, with everything their files hold.

use super::store::ContactBook;
use super::vcard::write_card;

impl ContactBook {
    /// Every contact, one card after the other, ordered by uid.
    pub fn export_all(&self) -> String {
        self.cards.values().map(|s| write_card(&s.card)).collect()
    }

    /// One contact's card, or None when there is no contact with that uid.
    pub fn export_one(&self, uid: &str) -> Option<String> {
        self.cards.get(uid).map(|s| write_card(&s.card))
    }
}
