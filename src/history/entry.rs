//! One call as the history keeps it.

use crate::config::AccountId;
use crate::engine::api::Direction;

/// Identifies one stored call; stable until the entry is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub i64);

/// A finished call, ready to be recorded. [`super::Recorder`] makes these from engine events;
/// the caller fills `contact` and `contact_uid` from the address book before recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub direction: Direction,
    /// The other side's address as the engine reported it (the caller's `From` URI on an
    /// incoming call, the dialled target on an outgoing one).
    pub remote: String,
    /// The matching contact's name when the call ended; kept so that the list still reads well
    /// after the contact is renamed or deleted.
    pub contact: Option<String>,
    /// The matching contact's uid, so that the contact's page finds its calls.
    pub contact_uid: Option<String>,
    /// The account the call used; `None` in peer-to-peer mode or when the engine did not say.
    pub account: Option<AccountId>,
    /// When the call started ringing or was dialled, in seconds since the Unix epoch.
    pub started_unix: i64,
    /// When the call was established, if it ever was.
    pub answered_unix: Option<i64>,
    /// Seconds from establishment to the end; 0 when it never was established.
    pub duration_secs: u32,
    /// Why it ended: an `EndReason::i18n_key()` such as `end-remote-hangup`.
    pub end_reason: String,
    /// An incoming call that never got established and that the user did not decline.
    pub missed: bool,
}

/// A stored call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: EntryId,
    pub direction: Direction,
    pub remote: String,
    pub contact: Option<String>,
    pub contact_uid: Option<String>,
    pub account: Option<AccountId>,
    pub started_unix: i64,
    pub answered_unix: Option<i64>,
    pub duration_secs: u32,
    pub end_reason: String,
    pub missed: bool,
    /// Whether the user has looked at this missed call (always true for other calls).
    pub seen: bool,
}

/// Which calls [`super::History::list`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Missed,
}

/// How a direction is spelled in the database; these strings are part of the file format.
pub(crate) fn direction_to_sql(direction: Direction) -> &'static str {
    match direction {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
    }
}

pub(crate) fn direction_from_sql(text: &str) -> Option<Direction> {
    match text {
        "incoming" => Some(Direction::Incoming),
        "outgoing" => Some(Direction::Outgoing),
        _ => None,
    }
}
