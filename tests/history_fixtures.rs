//! Every released history format still opens. Each version's schema is copied here by hand,
//! frozen, as it shipped: if a migration or the reading code stops understanding it, these fail.

use handset::config::AccountId;
use handset::engine::api::Direction;
use handset::history::{Entry, EntryId, Filter, History, NewEntry, SCHEMA_VERSION};

/// Version 1 exactly as released (keep in sync with nothing: never edit).
const V1_SCHEMA: &str = "
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
PRAGMA user_version = 1;
";

const V1_ROWS: &str = "
INSERT INTO calls VALUES
  (1, 'outgoing', 'sip:bob@192.0.2.9', 'Bob', 'uid-bob', 2, 1700000000, 1700000003, 120,
   'end-local-hangup', 0, 1),
  (2, 'incoming', 'sip:+4930123456@sip.example.invalid', NULL, NULL, NULL, 1700000500, NULL, 0,
   'end-caller-cancelled', 1, 0),
  (3, 'incoming', 'sip:carol@192.0.2.10', 'Carol', 'uid-carol', 4294967295, 1700000900, NULL, 0,
   'end-declined', 0, 1);
";

#[test]
fn a_version_1_file_opens_with_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(V1_SCHEMA).unwrap();
        conn.execute_batch(V1_ROWS).unwrap();
    }

    let opened = History::open(&path).unwrap();

    assert!(opened.damage.is_none(), "{:?}", opened.damage);
    let history = opened.history;
    let all = history.list(Filter::All, 10).unwrap();
    assert_eq!(
        all,
        [
            Entry {
                id: EntryId(3),
                direction: Direction::Incoming,
                remote: "sip:carol@192.0.2.10".into(),
                contact: Some("Carol".into()),
                contact_uid: Some("uid-carol".into()),
                account: Some(AccountId(u32::MAX)),
                started_unix: 1_700_000_900,
                answered_unix: None,
                duration_secs: 0,
                end_reason: "end-declined".into(),
                missed: false,
                seen: true,
            },
            Entry {
                id: EntryId(2),
                direction: Direction::Incoming,
                remote: "sip:+4930123456@sip.example.invalid".into(),
                contact: None,
                contact_uid: None,
                account: None,
                started_unix: 1_700_000_500,
                answered_unix: None,
                duration_secs: 0,
                end_reason: "end-caller-cancelled".into(),
                missed: true,
                seen: false,
            },
            Entry {
                id: EntryId(1),
                direction: Direction::Outgoing,
                remote: "sip:bob@192.0.2.9".into(),
                contact: Some("Bob".into()),
                contact_uid: Some("uid-bob".into()),
                account: Some(AccountId(2)),
                started_unix: 1_700_000_000,
                answered_unix: Some(1_700_000_003),
                duration_secs: 120,
                end_reason: "end-local-hangup".into(),
                missed: false,
                seen: true,
            },
        ]
    );
    assert_eq!(history.unseen_missed().unwrap(), 1);
    assert_eq!(history.for_contact("uid-bob", &[], 10).unwrap().len(), 1);
}

#[test]
fn a_version_1_file_is_brought_to_the_current_version_and_takes_new_calls() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(V1_SCHEMA).unwrap();
        conn.execute_batch(V1_ROWS).unwrap();
    }
    let mut history = History::open(&path).unwrap().history;
    history
        .record(&NewEntry {
            direction: Direction::Outgoing,
            remote: "sip:dave@192.0.2.11".into(),
            contact: None,
            contact_uid: None,
            account: Some(AccountId(2)),
            started_unix: 1_700_001_000,
            answered_unix: None,
            duration_secs: 0,
            end_reason: "end-busy".into(),
            missed: false,
        })
        .unwrap();
    let newest = &history.list(Filter::All, 1).unwrap()[0];
    assert_eq!(newest.remote, "sip:dave@192.0.2.11");
    drop(history);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM calls", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 4);
}
