//! Opening the history file as a user's disk may hold it: missing, garbage, cut short, from
//! another program, from a newer Handset.

use handset::config::AccountId;
use handset::engine::api::Direction;
use handset::history::{DamageKind, Filter, History, HistoryError, NewEntry, SCHEMA_VERSION};
use std::fs;
use std::path::{Path, PathBuf};

fn entry(n: i64) -> NewEntry {
    NewEntry {
        direction: Direction::Incoming,
        remote: format!("sip:caller{n}@example.invalid"),
        contact: Some(format!("Caller {n}")),
        contact_uid: None,
        account: Some(AccountId(1)),
        started_unix: 1_700_000_000 + n,
        answered_unix: None,
        duration_secs: 0,
        end_reason: "end-caller-cancelled".into(),
        missed: true,
    }
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The file works as a history: a call recorded now can be listed.
fn assert_usable(history: &mut History) {
    let id = history.record(&entry(1)).unwrap();
    let listed = history.list(Filter::All, 10).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, id);
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Compares file content without printing megabytes when it differs.
fn assert_content(path: &Path, expected: &[u8]) {
    let actual = fs::read(path).unwrap();
    assert!(
        actual == expected,
        "{} differs: {} bytes, expected {}",
        path.display(),
        actual.len(),
        expected.len()
    );
}

#[test]
fn a_missing_folder_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/history.db");
    let mut opened = History::open(&path).unwrap();
    assert!(opened.damage.is_none());
    assert!(path.exists());
    assert_usable(&mut opened.history);
}

#[test]
fn a_folder_that_cannot_be_made_is_a_readable_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    fs::write(&blocker, "a file where the folder should be").unwrap();
    let error = History::open(blocker.join("history.db")).unwrap_err();
    assert!(matches!(error, HistoryError::CreateDir { .. }), "{error:?}");
    assert!(error.to_string().contains("data"), "{error}");
    assert_eq!(
        fs::read(&blocker).unwrap(),
        b"a file where the folder should be"
    );
}

#[test]
fn calls_stay_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    {
        let mut history = History::open(&path).unwrap().history;
        for n in 0..3 {
            history.record(&entry(n)).unwrap();
        }
    }
    let opened = History::open(&path).unwrap();
    assert!(opened.damage.is_none());
    assert_eq!(opened.history.list(Filter::All, 10).unwrap().len(), 3);
    assert_eq!(opened.history.unseen_missed().unwrap(), 3);
}

#[test]
fn garbage_is_reported_moved_aside_intact_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    let garbage: Vec<u8> = b"these are not the calls you are looking for\n"
        .iter()
        .cycle()
        .take(8192)
        .copied()
        .collect();
    fs::write(&path, &garbage).unwrap();
    fs::write(companion(&path, "-wal"), b"stale wal").unwrap();
    fs::write(companion(&path, "-shm"), b"stale shm").unwrap();

    let mut opened = History::open(&path).unwrap();

    let damage = opened.damage.clone().expect("the garbage is reported");
    assert_eq!(damage.kind, DamageKind::NotADatabase);
    assert_eq!(damage.kind.i18n_key(), "history-damaged-not-a-database");
    assert!(
        damage.reason.contains("not a database"),
        "{}",
        damage.reason
    );
    assert_eq!(damage.moved_to.parent(), Some(dir.path()));
    assert_content(&damage.moved_to, &garbage);
    // The WAL may hold the latest calls: kept as it was. (The -shm is only SQLite's index of
    // the WAL, rebuilt by any reader; it moves along but its content is not the user's.)
    assert_content(&companion(&damage.moved_to, "-wal"), b"stale wal");
    assert!(companion(&damage.moved_to, "-shm").exists());
    assert_usable(&mut opened.history);
    drop(opened);
    // Next start: the new file is fine and keeps its call.
    let again = History::open(&path).unwrap();
    assert!(again.damage.is_none());
    assert_eq!(again.history.list(Filter::All, 10).unwrap().len(), 1);
}

#[test]
fn a_truncated_database_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    {
        let mut history = History::open(&path).unwrap().history;
        let batch: Vec<NewEntry> = (0..3000).map(entry).collect();
        history.record_all(&batch).unwrap();
    }
    // Closing the last connection checkpoints the WAL into the file and removes it.
    assert!(!companion(&path, "-wal").exists());
    let full = fs::read(&path).unwrap();
    assert!(full.len() > 64 * 1024, "a few pages at least");
    let truncated = &full[..full.len() / 2];
    fs::write(&path, truncated).unwrap();

    let mut opened = History::open(&path).unwrap();

    let damage = opened.damage.clone().expect("the truncation is reported");
    assert_eq!(damage.kind, DamageKind::Corrupt, "{damage:?}");
    assert!(!damage.reason.is_empty());
    assert_content(&damage.moved_to, truncated);
    assert_usable(&mut opened.history);
}

#[test]
fn another_programs_database_is_moved_aside_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
        )
        .unwrap();
    }
    let before = fs::read(&path).unwrap();

    let mut opened = History::open(&path).unwrap();

    let damage = opened.damage.clone().expect("reported");
    assert_eq!(damage.kind, DamageKind::Unrecognised);
    assert!(damage.reason.contains("recipes"), "{}", damage.reason);
    assert_content(&damage.moved_to, &before);
    assert_usable(&mut opened.history);
}

#[test]
fn a_history_whose_calls_table_was_dropped_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    drop(History::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("DROP TABLE calls").unwrap();
    }
    let mut opened = History::open(&path).unwrap();
    let damage = opened.damage.clone().expect("reported");
    assert_eq!(damage.kind, DamageKind::Unrecognised);
    assert!(damage.reason.contains("calls"), "{}", damage.reason);
    assert_usable(&mut opened.history);
}

/// A newer Handset's file is refused, not moved: after downgrading and upgrading again the user
/// still has every call, instead of two halves of a history in two files.
#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    {
        let mut history = History::open(&path).unwrap().history;
        history.record(&entry(1)).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.execute_batch("CREATE TABLE from_the_future (x)")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();

    let error = History::open(&path).unwrap_err();

    match &error {
        HistoryError::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!(*found, SCHEMA_VERSION + 1);
            assert_eq!(*supported, SCHEMA_VERSION);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert_eq!(error.i18n_key(), "history-error-newer-schema");
    assert!(error.to_string().contains("newer Handset"), "{error}");
    assert_content(&path, &before);
    // A reader of a WAL-mode file may leave an empty -wal and an -shm beside it; nothing else.
    for name in files_in(dir.path()) {
        assert!(
            ["history.db", "history.db-wal", "history.db-shm"].contains(&name.as_str()),
            "unexpected {name}"
        );
    }
    let wal = companion(&path, "-wal");
    assert!(!wal.exists() || fs::metadata(&wal).unwrap().len() == 0);
}

#[test]
fn a_path_that_is_a_folder_is_an_error_and_the_folder_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep.txt"), "mine").unwrap();
    let error = History::open(&path).unwrap_err();
    assert_eq!(error.i18n_key(), "history-error-open", "{error:?}");
    assert_eq!(fs::read(path.join("keep.txt")).unwrap(), b"mine");
}

/// Writes `rows` calls and closes without checkpointing, so that the newest calls stay in the
/// WAL, as after a crash or while another Handset process has the file open.
fn history_with_calls_in_wal(path: &Path, checkpointed: i64, in_wal: i64) {
    {
        let mut history = History::open(path).unwrap().history;
        let batch: Vec<NewEntry> = (0..checkpointed).map(entry).collect();
        history.record_all(&batch).unwrap();
    }
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .unwrap();
    for n in 0..in_wal {
        conn.execute(
            "INSERT INTO calls (direction, remote, started_unix, end_reason, missed, seen)
             VALUES ('outgoing', ?, 1, 'end-busy', 0, 1)",
            [format!("sip:in-wal-{n}@example.invalid")],
        )
        .unwrap();
    }
    drop(conn);
    assert!(fs::metadata(companion(path, "-wal")).unwrap().len() > 0);
}

#[test]
fn a_newer_schemas_uncheckpointed_calls_are_left_in_its_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    history_with_calls_in_wal(&path, 10, 5);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let main = fs::read(&path).unwrap();
    let wal = fs::read(companion(&path, "-wal")).unwrap();

    let error = History::open(&path).unwrap_err();

    assert!(
        matches!(error, HistoryError::NewerSchema { .. }),
        "{error:?}"
    );
    assert_content(&path, &main);
    assert_content(&companion(&path, "-wal"), &wal);
}

#[test]
fn a_corrupt_files_wal_moves_with_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    history_with_calls_in_wal(&path, 3000, 3);
    let wal = fs::read(companion(&path, "-wal")).unwrap();
    let mut main = fs::read(&path).unwrap();
    let (from, to) = (main.len() * 2 / 5, main.len() * 3 / 5);
    main[from..to].fill(0xA5);
    fs::write(&path, &main).unwrap();

    let opened = History::open(&path).unwrap();

    let damage = opened.damage.clone().expect("reported");
    assert_eq!(damage.kind, DamageKind::Corrupt, "{damage:?}");
    assert_content(&damage.moved_to, &main);
    assert_content(&companion(&damage.moved_to, "-wal"), &wal);
    assert!(opened.history.list(Filter::All, 10).unwrap().is_empty());
}

/// A crash in the middle of a rollback-journal transaction (how the file is first switched to
/// WAL) leaves a hot journal: the next start rolls it back and finds the calls from before.
#[test]
fn a_file_left_mid_transaction_is_rolled_back_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.db");
    {
        let mut history = History::open(&original).unwrap().history;
        let batch: Vec<NewEntry> = (0..100).map(entry).collect();
        history.record_all(&batch).unwrap();
    }
    let crashed = dir.path().join("crashed.db");
    let conn = rusqlite::Connection::open(&original).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    let committed = fs::read(&original).unwrap();
    // A tiny cache makes SQLite write changed pages into the file before the commit.
    conn.pragma_update(None, "cache_size", 5).unwrap();
    conn.execute_batch("BEGIN").unwrap();
    for n in 0..3000 {
        conn.execute(
            "INSERT INTO calls (direction, remote, started_unix, end_reason, missed, seen)
             VALUES ('outgoing', ?, 1, 'end-busy', 0, 1)",
            [format!("sip:uncommitted-{n}@example.invalid")],
        )
        .unwrap();
    }
    // The crash: the files as they are on disk at this moment, without the process.
    fs::copy(
        companion(&original, "-journal"),
        companion(&crashed, "-journal"),
    )
    .unwrap();
    fs::copy(&original, &crashed).unwrap();
    drop(conn);
    assert!(
        fs::read(&crashed).unwrap() != committed,
        "the test needs uncommitted pages in the file"
    );

    let opened = History::open(&crashed).unwrap();

    assert!(opened.damage.is_none(), "{:?}", opened.damage);
    let calls = opened.history.list(Filter::All, usize::MAX).unwrap();
    assert_eq!(calls.len(), 100);
    assert!(calls
        .iter()
        .all(|call| !call.remote.contains("uncommitted")));
}
