//! The call history as a face uses it: opened once (a damaged file reported, never fatal),
//! fed every engine event, and read for the History page and the missed-call badge.
//!
//! A history that cannot be opened at all leaves the phone working without one: calls are not
//! worth losing over their log.

use super::{Entry, EntryId, Filter, History, HistoryError, Recorder};
use crate::engine::api::Event;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Who a remote address is among the user's contacts: (name, uid).
pub type Identify<'a> = &'a dyn Fn(&str) -> Option<(String, String)>;

pub struct CallLog {
    store: Option<History>,
    recorder: Recorder,
    /// Missed calls not yet seen, kept here because the badge is drawn with every frame.
    unseen: u32,
}

impl CallLog {
    /// The history at `path`, and what to tell the user about it: a damaged file that was
    /// moved aside, or a history that cannot be kept this time.
    pub fn open(path: &Path) -> (CallLog, Option<String>) {
        match History::open(path) {
            Ok(opened) => {
                let problem = opened.damage.map(|damage| {
                    format!(
                        "The call history was damaged ({}); it was moved to {} and a new one \
                         started.",
                        damage.reason,
                        damage.moved_to.display()
                    )
                });
                let mut log = CallLog::with_store(Some(opened.history));
                log.count_unseen();
                (log, problem)
            }
            Err(error) => {
                tracing::warn!("no call history this time: {error}");
                (CallLog::with_store(None), Some(describe(&error)))
            }
        }
    }

    /// A log that keeps nothing (tests, or when the file cannot be opened).
    pub fn disabled() -> CallLog {
        CallLog::with_store(None)
    }

    fn with_store(store: Option<History>) -> CallLog {
        CallLog {
            store,
            recorder: Recorder::new(),
            unseen: 0,
        }
    }

    /// Follows one engine event; true when a finished call was written.
    pub fn observe(&mut self, event: &Event, identify: Identify<'_>) -> bool {
        let Some(mut entry) = self.recorder.observe(event, now_unix()) else {
            return false;
        };
        if let Some((name, uid)) = identify(&entry.remote) {
            entry.contact = Some(name);
            entry.contact_uid = Some(uid);
        }
        let Some(store) = &mut self.store else {
            return false;
        };
        match store.record(&entry) {
            Ok(_) => {
                if entry.missed {
                    self.unseen = self.unseen.saturating_add(1);
                }
                true
            }
            Err(error) => {
                tracing::warn!("call not written to the history: {error}");
                false
            }
        }
    }

    /// Newest first; empty when there is no history.
    pub fn list(&self, filter: Filter, limit: usize) -> Vec<Entry> {
        self.read(|store| store.list(filter, limit))
    }

    /// One contact's calls, newest first.
    pub fn for_contact(&self, uid: &str, limit: usize) -> Vec<Entry> {
        self.read(|store| store.for_contact(uid, &[], limit))
    }

    pub fn delete(&mut self, id: EntryId) -> Result<(), String> {
        let outcome = self.write(|store| store.delete(id).map(|_| ()));
        self.count_unseen();
        outcome
    }

    pub fn clear(&mut self) -> Result<(), String> {
        let outcome = self.write(|store| store.clear().map(|_| ()));
        self.count_unseen();
        outcome
    }

    /// Missed calls the user has not looked at: the History button's badge.
    pub fn unseen_missed(&self) -> u32 {
        self.unseen
    }

    pub fn mark_missed_seen(&mut self) {
        if self.unseen == 0 {
            return;
        }
        if let Err(e) = self.write(|store| store.mark_missed_seen().map(|_| ())) {
            tracing::warn!("missed calls not marked as seen: {e}");
        }
        self.count_unseen();
    }

    fn count_unseen(&mut self) {
        self.unseen = self
            .store
            .as_ref()
            .and_then(|store| store.unseen_missed().ok())
            .unwrap_or(0);
    }

    fn read<T>(&self, query: impl FnOnce(&History) -> Result<Vec<T>, HistoryError>) -> Vec<T> {
        let Some(store) = &self.store else {
            return Vec::new();
        };
        query(store).unwrap_or_else(|error| {
            tracing::warn!("cannot read the call history: {error}");
            Vec::new()
        })
    }

    fn write(
        &mut self,
        change: impl FnOnce(&mut History) -> Result<(), HistoryError>,
    ) -> Result<(), String> {
        match &mut self.store {
            Some(store) => change(store).map_err(|error| error.to_string()),
            None => Err("there is no call history this time".to_owned()),
        }
    }
}

fn describe(error: &HistoryError) -> String {
    format!("The call history cannot be kept this time: {error}")
}

/// Seconds since the Unix epoch (0 if the clock is before 1970), as history rows hold time.
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}
