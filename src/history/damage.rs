//! Recognising a damaged history file and moving it out of the way, never deleting it: the user
//! (or a support request) may still recover calls from it.

use super::HistoryError;
use rusqlite::{Connection, ErrorCode};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// What was wrong with a history file that was moved aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DamageKind {
    /// The file is not an SQLite database at all.
    NotADatabase,
    /// SQLite's integrity check found damaged pages.
    Corrupt,
    /// An SQLite database, but not a call history this version knows.
    Unrecognised,
}

impl DamageKind {
    /// A stable key for translations and for tests.
    pub fn i18n_key(self) -> &'static str {
        match self {
            DamageKind::NotADatabase => "history-damaged-not-a-database",
            DamageKind::Corrupt => "history-damaged-corrupt",
            DamageKind::Unrecognised => "history-damaged-unrecognised",
        }
    }
}

/// A damaged history file was moved to `moved_to` and a new, empty history started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub moved_to: PathBuf,
    pub kind: DamageKind,
    /// The technical detail (SQLite's message or its integrity-check report).
    pub reason: String,
}

/// Why a file cannot be used, before it has been moved.
#[derive(Debug)]
pub(crate) struct Found {
    pub kind: DamageKind,
    pub reason: String,
}

/// Sorts an SQLite failure: damage to move aside, or an error to report that says nothing about
/// the file (busy, permissions, a full disk), where moving a good file aside would be wrong.
pub(crate) fn classify(error: rusqlite::Error) -> Result<Found, rusqlite::Error> {
    let kind = match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => DamageKind::NotADatabase,
        Some(ErrorCode::DatabaseCorrupt) => DamageKind::Corrupt,
        _ => return Err(error),
    };
    Ok(Found {
        kind,
        reason: error.to_string(),
    })
}

/// Runs `PRAGMA quick_check`: a few lines of trouble, or `None` when the file is sound.
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<Found>> {
    let mut stmt = conn.prepare("PRAGMA quick_check(10)")?;
    let lines: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        return Ok(None);
    }
    Ok(Some(Found {
        kind: DamageKind::Corrupt,
        reason: format!("integrity check failed: {}", lines.join("; ")),
    }))
}

/// Renames `path` and its `-wal` and `-shm` companions to `<path>.damaged-<unix time>` (with a
/// counter if that name is taken), keeping the companions' suffixes so that SQLite still reads
/// the moved set as one database.
pub(crate) fn move_aside(path: &Path, found: Found) -> Result<Damage, HistoryError> {
    let moved_to = free_name(path);
    let fail = |source| HistoryError::MoveAside {
        path: path.to_owned(),
        source,
    };
    // The main file last: if a companion cannot move, the history stays where it was.
    for suffix in ["-wal", "-shm"] {
        let companion = with_suffix(path, suffix);
        if companion.exists() {
            fs::rename(&companion, with_suffix(&moved_to, suffix)).map_err(fail)?;
        }
    }
    fs::rename(path, &moved_to).map_err(fail)?;
    if let Some(dir) = path.parent() {
        sync_dir(dir).map_err(fail)?;
    }
    Ok(Damage {
        moved_to,
        kind: found.kind,
        reason: found.reason,
    })
}

fn free_name(path: &Path) -> PathBuf {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let base = with_suffix(path, &format!(".damaged-{now}"));
    let taken = |candidate: &Path| {
        ["", "-wal", "-shm"]
            .iter()
            .any(|suffix| with_suffix(candidate, suffix).exists())
    };
    if !taken(&base) {
        return base;
    }
    (1u32..)
        .map(|n| with_suffix(&base, &format!(".{n}")))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_files_keep_their_companions_and_content() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("history.db");
        fs::write(&db, b"main").unwrap();
        fs::write(with_suffix(&db, "-wal"), b"wal").unwrap();
        let found = Found {
            kind: DamageKind::Corrupt,
            reason: "test".into(),
        };
        let damage = move_aside(&db, found).unwrap();
        assert!(!db.exists());
        assert!(!with_suffix(&db, "-wal").exists());
        assert_eq!(fs::read(&damage.moved_to).unwrap(), b"main");
        assert_eq!(
            fs::read(with_suffix(&damage.moved_to, "-wal")).unwrap(),
            b"wal"
        );
        let name = damage.moved_to.file_name().unwrap().to_string_lossy();
        assert!(name.starts_with("history.db.damaged-"), "{name}");
    }

    #[test]
    fn a_second_damage_in_the_same_second_does_not_overwrite_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("history.db");
        let mut moved = Vec::new();
        for content in ["first", "second", "third"] {
            fs::write(&db, content).unwrap();
            let found = Found {
                kind: DamageKind::NotADatabase,
                reason: "test".into(),
            };
            moved.push(move_aside(&db, found).unwrap().moved_to);
        }
        let contents: Vec<String> = moved
            .iter()
            .map(|path| fs::read_to_string(path).unwrap())
            .collect();
        assert_eq!(contents, ["first", "second", "third"]);
    }
}
