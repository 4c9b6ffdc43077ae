//! Noticing other programs (khard, vdirsyncer, an editor) changing the contacts folder.

use super::error::WatchError;
use super::files::is_contact_file_name;
use notify::event::{EventKind, ModifyKind};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Watches a folder with inotify. It only raises a flag: the owner then calls
/// [`ContactBook::reload_if_changed`](super::ContactBook::reload_if_changed), which
/// re-reads only files whose stamp changed, so Handset's own writes (which also raise the
/// flag) cost one listing and cause no reload loop.
pub struct DirWatch {
    changed: Arc<AtomicBool>,
    _watcher: RecommendedWatcher,
}

impl DirWatch {
    pub fn start(dir: &Path) -> Result<DirWatch, WatchError> {
        DirWatch::start_with_wake(dir, || {})
    }

    /// Like [`DirWatch::start`], and calls `wake` (on the watcher's thread) after each
    /// relevant change, so a UI can wake up instead of polling.
    pub fn start_with_wake(
        dir: &Path,
        wake: impl Fn() + Send + 'static,
    ) -> Result<DirWatch, WatchError> {
        let changed = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&changed);
        let handler = move |event: notify::Result<Event>| {
            let relevant = match &event {
                Ok(event) => is_relevant(event),
                // Lost events (queue overflow): assume something changed.
                Err(_) => true,
            };
            if relevant {
                flag.store(true, Ordering::Release);
                wake();
            }
        };
        let error = |source| WatchError {
            dir: dir.to_path_buf(),
            source,
        };
        let mut watcher = notify::recommended_watcher(handler).map_err(error)?;
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(error)?;
        Ok(DirWatch {
            changed,
            _watcher: watcher,
        })
    }

    /// True when something changed in the folder since the last call. Never blocks.
    pub fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }
}

fn is_relevant(event: &Event) -> bool {
    if event.need_rescan() {
        return true;
    }
    match event.kind {
        // Reading files (our own loading included) must not look like a change.
        EventKind::Access(_) => false,
        // A rename's target may be a .vcf even when its source was a temporary file.
        EventKind::Modify(ModifyKind::Name(_)) => true,
        _ => event.paths.iter().any(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_contact_file_name)
        }),
    }
}
