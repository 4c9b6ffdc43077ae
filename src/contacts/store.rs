//! The contacts folder ("vdir"): one vCard 4.0 file per contact, `<uid>.vcf`, shared with
//! khard, vdirsyncer and text editors.

use super::error::FileProblem;
use super::files::FileStamp;
use super::load::{list_folder, load_file, uid_from_file_name, LoadedCard};
use super::Contact;
use calcard::vcard::VCard;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// All contacts of one folder, and the files in it that could not be loaded.
#[derive(Debug)]
pub struct ContactBook {
    pub(crate) dir: PathBuf,
    /// By uid. A rewrite reads the card from its file again, so it keeps what Handset does
    /// not understand without holding every parsed card in memory.
    pub(crate) cards: BTreeMap<String, StoredCard>,
    pub(crate) files: HashMap<String, FileState>,
    /// File names given to new contacts that are not written yet.
    pub(crate) reserved: HashSet<String>,
    folder_problem: Option<FileProblem>,
    pub(crate) durable: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct StoredCard {
    /// Shared with the search index, so ten thousand contacts are held once, not twice.
    pub contact: Arc<Contact>,
    /// Only while staged: the card the next flush writes. Once its file is written (or when
    /// it was read from one) the file holds it, and it is dropped here: ten thousand parsed
    /// cards would otherwise cost tens of MiB.
    pub card: Option<VCard>,
    pub file_name: String,
}

#[derive(Debug, Clone)]
pub(crate) struct FileState {
    pub stamp: FileStamp,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    Loaded {
        uid: String,
    },
    Problem {
        reason: String,
    },
    /// Loaded fine, but another file already has its UID; tried again when files change.
    /// Boxed: it is rare, and keeps every file's entry small.
    DuplicateOf(Box<Duplicate>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    pub uid: String,
    pub other_file: String,
}

impl ContactBook {
    /// Opens the folder, creating it when missing. Never fails as a whole: files that
    /// cannot be loaded are listed in [`ContactBook::problems`] and left untouched.
    pub fn open(dir: impl Into<PathBuf>) -> ContactBook {
        let dir = dir.into();
        let mut book = ContactBook {
            folder_problem: None,
            dir,
            cards: BTreeMap::new(),
            files: HashMap::new(),
            reserved: HashSet::new(),
            durable: true,
        };
        if let Err(e) = fs::create_dir_all(&book.dir) {
            book.folder_problem = Some(FileProblem {
                file: book.dir.clone(),
                reason: format!("the contacts folder could not be created: {e}"),
            });
        }
        book.reload_if_changed();
        book
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The contacts, ordered by uid.
    pub fn contacts(&self) -> impl Iterator<Item = &Contact> + '_ {
        self.cards.values().map(|s| &*s.contact)
    }

    /// The contacts, ordered by uid, as the shared handles an index keeps.
    pub(crate) fn shared_contacts(&self) -> Vec<Arc<Contact>> {
        self.cards
            .values()
            .map(|s| Arc::clone(&s.contact))
            .collect()
    }

    pub fn get(&self, uid: &str) -> Option<&Contact> {
        self.cards.get(uid).map(|s| &*s.contact)
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// The files that could not be loaded, by file name, with the reason.
    pub fn problems(&self) -> Vec<FileProblem> {
        let mut problems: Vec<FileProblem> = self
            .files
            .iter()
            .filter_map(|(name, state)| {
                let reason = match &state.outcome {
                    Outcome::Loaded { .. } => return None,
                    Outcome::Problem { reason } => reason.clone(),
                    Outcome::DuplicateOf(duplicate) => {
                        let Duplicate { uid, other_file } = &**duplicate;
                        format!("it has the same UID ({uid}) as {other_file}, so it was not loaded")
                    }
                };
                Some(FileProblem {
                    file: self.dir.join(name),
                    reason,
                })
            })
            .collect();
        problems.sort_by(|a, b| a.file.cmp(&b.file));
        problems.extend(self.folder_problem.clone());
        problems
    }

    /// Picks up files added, changed or removed by other programs. Costs one listing of
    /// the folder (a `stat` per file) when nothing changed; re-reads only changed files.
    /// Returns true when the contacts or problems changed.
    pub fn reload_if_changed(&mut self) -> bool {
        let Ok(on_disk) = list_folder(&self.dir) else {
            return false;
        };
        let removed: Vec<String> = self
            .files
            .keys()
            .filter(|name| !on_disk.contains_key(*name))
            .cloned()
            .collect();
        let mut changed: Vec<String> = on_disk
            .iter()
            .filter(|(name, stamp)| self.files.get(*name).map(|s| &s.stamp) != Some(stamp))
            .map(|(name, _)| name.clone())
            .collect();
        if removed.is_empty() && changed.is_empty() {
            return false;
        }
        for name in removed.iter().chain(&changed) {
            self.forget_file(name);
        }
        // A duplicate may be the rightful owner of its UID now.
        changed.extend(
            self.files
                .iter()
                .filter(|(_, s)| matches!(s.outcome, Outcome::DuplicateOf(_)))
                .map(|(name, _)| name.clone()),
        );
        changed.sort();
        changed.dedup();
        for name in changed {
            if let Some(stamp) = on_disk.get(&name) {
                self.load_one(&name, *stamp);
            }
        }
        true
    }

    pub(crate) fn forget_file(&mut self, name: &str) {
        if let Some(FileState {
            outcome: Outcome::Loaded { uid },
            ..
        }) = self.files.remove(name)
        {
            self.cards.remove(&uid);
        }
    }

    pub(crate) fn load_one(&mut self, name: &str, stamp: FileStamp) {
        let outcome = match load_file(&self.dir.join(name), uid_from_file_name(name)) {
            Err(reason) => Outcome::Problem { reason },
            Ok(LoadedCard { contact, .. }) => match self.cards.get(&contact.uid) {
                Some(other) if other.file_name != name => {
                    Outcome::DuplicateOf(Box::new(Duplicate {
                        uid: contact.uid,
                        other_file: other.file_name.clone(),
                    }))
                }
                _ => {
                    let uid = contact.uid.clone();
                    self.cards.insert(
                        uid.clone(),
                        StoredCard {
                            contact: Arc::new(contact),
                            card: None,
                            file_name: name.to_string(),
                        },
                    );
                    Outcome::Loaded { uid }
                }
            },
        };
        self.files
            .insert(name.to_string(), FileState { stamp, outcome });
    }

    /// Skips the fsync calls (for benchmarks measuring their cost; data is then only as
    /// safe as the page cache).
    #[doc(hidden)]
    pub fn set_durable(&mut self, durable: bool) {
        self.durable = durable;
    }
}
