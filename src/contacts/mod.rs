//! Handset's contacts: a folder of vCard files shared with khard and vdirsyncer, import
//! and export of .vcf files, finding the contact of a caller, and search as you type.
//!
//! - [`ContactBook`]: the folder (`$XDG_DATA_HOME/handset/contacts/`), one vCard 4.0 file
//!   per contact; loading, saving, deleting, import, export, picking up outside changes.
//! - [`DirWatch`]: tells when another program changed the folder.
//! - [`ContactIndex`]: caller lookup ([`ContactIndex::find`]) and search
//!   ([`ContactIndex::search`]) over a snapshot of the contacts.
//!
//! This module names nothing else of Handset.

mod error;
mod export;
mod export_file;
mod files;
mod fnv;
mod fold;
mod import;
mod index;
mod key_table;
mod load;
mod matching;
mod model;
mod phone;
#[doc(hidden)]
pub mod sample;
mod save;
mod search;
mod store;
mod vcard;
mod vcard_address;
mod vcard_legacy;
mod vcf_text;
mod watch;

pub use error::{ContactsError, FileProblem, WatchError};
pub use export_file::Exported;
pub use import::{ImportReport, SkippedCard};
pub use index::ContactIndex;
pub use model::{dial_target, Address, AddressKind, AddressLabel, Contact};
pub use store::ContactBook;
pub use watch::DirWatch;

impl ContactBook {
    /// An index of the current contacts for caller lookup and search.
    pub fn index(&self, default_country: Option<&str>) -> ContactIndex {
        ContactIndex::build_shared(self.shared_contacts(), default_country)
    }
}

mod desktop_country;
mod phonebook;
pub use desktop_country::{country_of_locale, desktop_country};
pub use phonebook::Phonebook;
