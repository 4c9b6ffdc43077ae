//! The schema, as the list of steps that build it. The file's `PRAGMA user_version` counts the
//! steps applied; each step runs in its own transaction together with the version bump, so a
//! crash leaves the file at one version or the next, never between.
//!
//! A released step is never edited: a change is a new step at the end. Tests keep a hand-written
//! copy of every released version's SQL (tests/history_fixtures.rs) and open it with this code.

use rusqlite::{Connection, TransactionBehavior};

/// One step: the SQL that takes a file from version `version - 1` to `version`.
pub(crate) struct Migration {
    pub version: u32,
    pub sql: &'static str,
}

/// Version 1: one table of calls. Indexes follow the queries: the list by start time, missed
/// calls by start time, the unseen-missed badge, and one contact's or one address's calls.
const V1: &str = "
CREATE TABLE calls (
    id            INTEGER PRIMARY KEY,
    direction     TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    remote        TEXT    NOT NULL,
    contact_name  TEXT,
    contact_uid   TEXT,
    account_id    INTEGER CHECK (account_id IS NULL OR account_id BETWEEN 0 AND 4294967295),
    started_unix  INTEGER NOT NULL,
    answered_unix INTEGER,
    duration_secs INTEGER NOT NULL DEFAULT 0 CHECK (duration_secs BETWEEN 0 AND 4294967295),
    end_reason    TEXT    NOT NULL,
    missed        INTEGER NOT NULL CHECK (missed IN (0, 1)),
    seen          INTEGER NOT NULL CHECK (seen IN (0, 1))
);
CREATE INDEX calls_by_start ON calls (started_unix, id);
CREATE INDEX calls_missed_by_start ON calls (started_unix, id) WHERE missed = 1;
CREATE INDEX calls_unseen_missed ON calls (id) WHERE missed = 1 AND seen = 0;
CREATE INDEX calls_by_contact ON calls (contact_uid, started_unix) WHERE contact_uid IS NOT NULL;
CREATE INDEX calls_by_remote ON calls (remote, started_unix);
";

pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    sql: V1,
}];

/// The schema version this code writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// A step that failed, and SQLite's reason. The steps before it stay applied.
#[derive(Debug)]
pub(crate) struct Failed {
    pub version: u32,
    pub source: rusqlite::Error,
}

/// Applies every step above the file's version, each in its own immediate transaction (taken
/// before reading the version again, so two processes opening at once do not both migrate).
pub(crate) fn migrate(conn: &mut Connection, steps: &[Migration]) -> Result<(), Failed> {
    for step in steps {
        apply(conn, step).map_err(|source| Failed {
            version: step.version,
            source,
        })?;
    }
    Ok(())
}

fn apply(conn: &mut Connection, step: &Migration) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if user_version(&tx)? >= step.version {
        return Ok(());
    }
    tx.execute_batch(step.sql)?;
    tx.pragma_update(None, "user_version", step.version)?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_names(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        let names = stmt.query_map([], |row| row.get(0)).unwrap();
        names.collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn versions_count_up_from_one_without_gaps() {
        for (index, step) in MIGRATIONS.iter().enumerate() {
            assert_eq!(step.version as usize, index + 1);
        }
        assert_eq!(SCHEMA_VERSION as usize, MIGRATIONS.len());
    }

    #[test]
    fn an_empty_file_gets_the_whole_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        assert_eq!(user_version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(table_names(&conn), ["calls"]);
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        conn.execute(
            "INSERT INTO calls (direction, remote, started_unix, end_reason, missed, seen)
             VALUES ('incoming', 'sip:a@b', 1, 'end-busy', 0, 1)",
            [],
        )
        .unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM calls", [], |row| row.get(0))
            .unwrap();
        assert_eq!(rows, 1);
    }

    const STEPS: &[Migration] = &[
        Migration {
            version: 1,
            sql: "CREATE TABLE a (x INTEGER);",
        },
        Migration {
            version: 2,
            sql: "ALTER TABLE a ADD COLUMN y TEXT;",
        },
    ];

    #[test]
    fn only_the_missing_steps_run() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &STEPS[..1]).unwrap();
        conn.execute("INSERT INTO a (x) VALUES (7)", []).unwrap();
        migrate(&mut conn, STEPS).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2);
        let (x, y): (i64, Option<String>) = conn
            .query_row("SELECT x, y FROM a", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        assert_eq!((x, y), (7, None));
    }

    #[test]
    fn a_failing_step_leaves_the_file_at_the_previous_version() {
        let broken = [
            Migration {
                version: 1,
                sql: "CREATE TABLE a (x INTEGER);",
            },
            // The first statement would succeed on its own; the step must not half-apply.
            Migration {
                version: 2,
                sql: "CREATE TABLE b (x INTEGER); THIS IS NOT SQL;",
            },
        ];
        let mut conn = Connection::open_in_memory().unwrap();
        let failed = migrate(&mut conn, &broken).unwrap_err();
        assert_eq!(failed.version, 2);
        assert_eq!(user_version(&conn).unwrap(), 1);
        assert_eq!(table_names(&conn), ["a"]);
    }
}
