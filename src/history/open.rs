//! Opening the history file: checking it, moving it aside when it is damaged, bringing its
//! schema up to date, and setting SQLite up for crash safety.

use super::damage::{self, Damage, DamageKind, Found};
use super::migrations::{self, MIGRATIONS, SCHEMA_VERSION};
use super::store::{History, SELECT_ENTRY};
use super::HistoryError;
use rusqlite::config::DbConfig;
use rusqlite::{ffi, Connection, ErrorCode, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a write waits for another Handset process holding the file before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An opened history, and the damaged file it replaced, if any, for the face to tell the user.
#[derive(Debug)]
pub struct Opened {
    pub history: History,
    pub damage: Option<Damage>,
}

/// Why a try at opening failed: the file is damaged (move it aside), or something else is wrong
/// and the file must be left alone.
enum Problem {
    Damaged(Found),
    Failed(HistoryError),
}

impl History {
    /// Opens or creates the history at `path` (creating its folder). A damaged file is moved
    /// aside and reported in [`Opened::damage`]; a file from a newer Handset is refused with
    /// [`HistoryError::NewerSchema`] and left untouched, so that nothing is lost on an upgrade.
    pub fn open(path: impl AsRef<Path>) -> Result<Opened, HistoryError> {
        let path = path.as_ref();
        create_parent(path)?;
        let found = match try_open(path) {
            Ok(history) => {
                return Ok(Opened {
                    history,
                    damage: None,
                })
            }
            Err(Problem::Failed(error)) => return Err(error),
            Err(Problem::Damaged(found)) => found,
        };
        let damage = damage::move_aside(path, found)?;
        match try_open(path) {
            Ok(history) => Ok(Opened {
                history,
                damage: Some(damage),
            }),
            Err(Problem::Failed(error)) => Err(error),
            Err(Problem::Damaged(found)) => Err(HistoryError::StillDamaged {
                path: path.to_owned(),
                reason: found.reason,
            }),
        }
    }
}

fn create_parent(path: &Path) -> Result<(), HistoryError> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| HistoryError::CreateDir {
                path: dir.to_owned(),
                source,
            })
        }
        _ => Ok(()),
    }
}

fn try_open(path: &Path) -> Result<History, Problem> {
    let sql = |error| sqlite_problem(path, error);
    // A file of 0 bytes is a new database to SQLite; there is nothing to inspect yet.
    let has_content = std::fs::metadata(path).is_ok_and(|meta| meta.len() > 0);
    if has_content {
        inspect(path)?;
    }
    let mut conn = Connection::open(path).map_err(sql)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
    configure(&conn).map_err(sql)?;
    migrations::migrate(&mut conn, MIGRATIONS).map_err(|failed| {
        match damage::classify(failed.source) {
            Ok(found) => Problem::Damaged(found),
            Err(source) => Problem::Failed(HistoryError::Migration {
                path: path.to_owned(),
                version: failed.version,
                source,
            }),
        }
    })?;
    check_shape(&conn).map_err(sql)??;
    Ok(History::new(conn, path.to_owned()))
}

/// Checks an existing file before anything writes to it. A file left mid-transaction by a crash
/// (a hot rollback journal, as while the file is first switched to WAL) cannot be read
/// read-only: it is first rolled back, as any SQLite writer would, and then checked.
fn inspect(path: &Path) -> Result<(), Problem> {
    match inspect_read_only(path) {
        Err(Problem::Failed(HistoryError::Open { source, .. })) if needs_recovery(&source) => {
            recover(path).map_err(|error| sqlite_problem(path, error))?;
            inspect_read_only(path)
        }
        result => result,
    }
}

fn needs_recovery(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(failure, _)
            if failure.extended_code == ffi::SQLITE_READONLY_ROLLBACK
                || failure.extended_code == ffi::SQLITE_READONLY_RECOVERY
    )
}

/// A read through a read-write connection: SQLite rolls a hot journal back (or rebuilds the WAL
/// index) before it answers.
fn recover(path: &Path) -> rusqlite::Result<()> {
    let conn = Connection::open(path)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    migrations::user_version(&conn).map(drop)
}

/// Looks at an existing file without changing it: read-only, and without the checkpoint SQLite
/// otherwise runs when a connection closes, so that a file (and its WAL) that turns out to be
/// damaged or newer than us is moved aside or left exactly as it was found.
fn inspect_read_only(path: &Path) -> Result<(), Problem> {
    let sql = |error| sqlite_problem(path, error);
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(sql)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .map_err(sql)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
    // The first read of the file: this is where a file that is no database shows.
    let version = migrations::user_version(&conn).map_err(sql)?;
    if version > SCHEMA_VERSION {
        return Err(Problem::Failed(HistoryError::NewerSchema {
            path: path.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        }));
    }
    if let Some(found) = damage::quick_check(&conn).map_err(sql)? {
        return Err(Problem::Damaged(found));
    }
    if version == 0 {
        reject_foreign_tables(&conn).map_err(sql)??;
    } else if version == SCHEMA_VERSION {
        // (An older file gets the same check after its migration.)
        check_shape(&conn).map_err(sql)??;
    }
    Ok(())
}

fn sqlite_problem(path: &Path, error: rusqlite::Error) -> Problem {
    match damage::classify(error) {
        Ok(found) => Problem::Damaged(found),
        Err(source) => Problem::Failed(HistoryError::Open {
            path: path.to_owned(),
            source,
        }),
    }
}

/// The page cache's size, as SQLite takes it: negative is KiB.
const CACHE_KIB: i64 = -256;

/// WAL: a writer killed mid-transaction leaves the file as it was before it, readers never
/// block the writer, and a commit is one append. `synchronous = FULL` syncs the WAL at every
/// commit, so a call that was recorded survives a power cut too (NORMAL is crash-safe for the
/// process but may lose the last commits on power loss); with one commit per ended call, the
/// extra fsync costs nothing a user notices. `secure_delete` overwrites deleted entries, so that
/// "clear history" leaves no readable numbers in free pages. The page cache is kept small:
/// SQLite's default of 2 MiB would fill with the whole file during the integrity check at
/// open and stay resident for as long as the window runs, while the screens read a few pages
/// at a time (a page of recent calls, one new row per call).
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // Where WAL is impossible (a file system without shared memory) SQLite answers with the
    // mode it kept, the rollback journal, which is crash-safe too: carry on with it.
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "cache_size", CACHE_KIB)?;
    Ok(())
}

/// A version-0 file with tables in it is some other program's database: not ours to change.
fn reject_foreign_tables(conn: &Connection) -> rusqlite::Result<Result<(), Problem>> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_schema ORDER BY name LIMIT 5")?;
    let names: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if names.is_empty() {
        return Ok(Ok(()));
    }
    Ok(Err(Problem::Damaged(Found {
        kind: DamageKind::Unrecognised,
        reason: format!(
            "an SQLite database that is not a call history (it holds {})",
            names.join(", ")
        ),
    })))
}

/// A file at our version must have our table and columns (someone may have dropped them).
fn check_shape(conn: &Connection) -> rusqlite::Result<Result<(), Problem>> {
    match conn.prepare(&format!("{SELECT_ENTRY} LIMIT 0")) {
        Ok(_) => Ok(Ok(())),
        Err(error) if error.sqlite_error_code() == Some(ErrorCode::Unknown) => {
            Ok(Err(Problem::Damaged(Found {
                kind: DamageKind::Unrecognised,
                reason: format!("the calls table is missing or incomplete: {error}"),
            })))
        }
        Err(error) => Err(error),
    }
}
