//! The contacts and the call history are opened off the UI thread: ten thousand vCards and a
//! long history take a good part of a second to read, and the window must not wait for them.

use crate::contacts::Phonebook;
use crate::history::CallLog;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What was opened, and what to tell the user about it.
pub struct Loaded {
    pub phonebook: Phonebook,
    pub call_log: CallLog,
    /// A damaged history moved aside, or one that cannot be kept this time.
    pub problem: Option<String>,
}

/// Carries [`Loaded`] in a message (messages are cloned; this is taken once).
#[derive(Clone)]
pub struct LoadedData(Arc<Mutex<Option<Loaded>>>);

impl LoadedData {
    pub fn take(&self) -> Option<Loaded> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

impl fmt::Debug for LoadedData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LoadedData")
    }
}

/// Opens the contacts folder and the history in `data_dir`, on a blocking thread.
pub async fn load(data_dir: PathBuf, country: Option<String>) -> LoadedData {
    let opened = tokio::task::spawn_blocking(move || {
        let phonebook = Phonebook::open(
            &crate::data_dir::contacts_dir(&data_dir),
            country.as_deref(),
        );
        let (call_log, problem) = CallLog::open(&crate::data_dir::history_file(&data_dir));
        crate::freed_memory::give_back();
        Loaded {
            phonebook,
            call_log,
            problem,
        }
    })
    .await;
    let loaded = opened.unwrap_or_else(|e| Loaded {
        phonebook: Phonebook::empty(),
        call_log: CallLog::disabled(),
        problem: Some(format!(
            "The contacts and call history could not be read: {e}"
        )),
    });
    LoadedData(Arc::new(Mutex::new(Some(loaded))))
}
