//! The call history: every call that ended, in an SQLite file in the user's data folder, so
//! that the faces can list recent and missed calls, show a contact's calls and badge the missed
//! ones.
//!
//! [`Recorder`] turns the engine's events into [`NewEntry`] rows; the face adds the contact
//! match and calls [`History::record`]. [`History::open`] checks the file and moves a damaged one
//! aside (reported as [`Damage`]) rather than failing or deleting it.

mod damage;
mod entry;
mod error;
mod migrations;
mod open;
mod recorder;
mod store;

pub use damage::{Damage, DamageKind};
pub use entry::{Entry, EntryId, Filter, NewEntry};
pub use error::HistoryError;
pub use migrations::SCHEMA_VERSION;
pub use open::Opened;
pub use recorder::Recorder;
pub use store::History;

mod call_log;
pub use call_log::{now_unix, CallLog};
