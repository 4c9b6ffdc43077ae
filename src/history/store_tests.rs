//! The store's queries on a real file: filters, the badge, deleting and a contact's calls.

use super::*;
use tempfile::TempDir;

fn open() -> (TempDir, History) {
    let dir = tempfile::tempdir().unwrap();
    let opened = History::open(dir.path().join("history.db")).unwrap();
    assert!(opened.damage.is_none());
    (dir, opened.history)
}

fn call(remote: &str, started_unix: i64, missed: bool) -> NewEntry {
    NewEntry {
        direction: Direction::Incoming,
        remote: remote.into(),
        contact: None,
        contact_uid: None,
        account: Some(AccountId(1)),
        started_unix,
        answered_unix: (!missed).then_some(started_unix + 2),
        duration_secs: if missed { 0 } else { 30 },
        end_reason: if missed {
            "end-caller-cancelled".into()
        } else {
            "end-remote-hangup".into()
        },
        missed,
    }
}

fn remotes(entries: &[Entry]) -> Vec<&str> {
    entries.iter().map(|entry| entry.remote.as_str()).collect()
}

#[test]
fn a_recorded_call_reads_back_field_for_field() {
    let (_dir, mut history) = open();
    let new = NewEntry {
        direction: Direction::Outgoing,
        remote: "sip:bob@192.0.2.9".into(),
        contact: Some("Bob Builder".into()),
        contact_uid: Some("uid-bob".into()),
        account: Some(AccountId(u32::MAX)),
        started_unix: 1_700_000_000,
        answered_unix: Some(1_700_000_004),
        duration_secs: 61,
        end_reason: "end-local-hangup".into(),
        missed: false,
    };
    let id = history.record(&new).unwrap();
    let entry = history.get(id).unwrap().unwrap();
    assert_eq!(
        entry,
        Entry {
            id,
            direction: new.direction,
            remote: new.remote,
            contact: new.contact,
            contact_uid: new.contact_uid,
            account: new.account,
            started_unix: new.started_unix,
            answered_unix: new.answered_unix,
            duration_secs: new.duration_secs,
            end_reason: new.end_reason,
            missed: false,
            seen: true,
        }
    );
}

#[test]
fn the_list_is_newest_first_and_limited() {
    let (_dir, mut history) = open();
    history.record(&call("sip:old@h", 100, false)).unwrap();
    history.record(&call("sip:new@h", 300, false)).unwrap();
    history.record(&call("sip:mid@h", 200, true)).unwrap();
    // Same second as the newest: the later recording comes first.
    history.record(&call("sip:new2@h", 300, false)).unwrap();
    let all = history.list(Filter::All, 10).unwrap();
    assert_eq!(
        remotes(&all),
        ["sip:new2@h", "sip:new@h", "sip:mid@h", "sip:old@h"]
    );
    let two = history.list(Filter::All, 2).unwrap();
    assert_eq!(remotes(&two), ["sip:new2@h", "sip:new@h"]);
    assert!(history.list(Filter::All, 0).unwrap().is_empty());
    assert_eq!(history.list(Filter::All, usize::MAX).unwrap().len(), 4);
}

#[test]
fn the_missed_filter_shows_only_missed_calls() {
    let (_dir, mut history) = open();
    history.record(&call("sip:a@h", 1, false)).unwrap();
    history.record(&call("sip:b@h", 2, true)).unwrap();
    history.record(&call("sip:c@h", 3, true)).unwrap();
    let missed = history.list(Filter::Missed, 10).unwrap();
    assert_eq!(remotes(&missed), ["sip:c@h", "sip:b@h"]);
    assert!(missed.iter().all(|entry| entry.missed && !entry.seen));
}

#[test]
fn the_badge_counts_unseen_missed_calls_until_they_are_seen() {
    let (_dir, mut history) = open();
    assert_eq!(history.unseen_missed().unwrap(), 0);
    history.record(&call("sip:a@h", 1, true)).unwrap();
    history.record(&call("sip:b@h", 2, false)).unwrap();
    history.record(&call("sip:c@h", 3, true)).unwrap();
    assert_eq!(history.unseen_missed().unwrap(), 2);
    assert_eq!(history.mark_missed_seen().unwrap(), 2);
    assert_eq!(history.unseen_missed().unwrap(), 0);
    // Still missed, just seen.
    assert_eq!(history.list(Filter::Missed, 10).unwrap().len(), 2);
    history.record(&call("sip:d@h", 4, true)).unwrap();
    assert_eq!(history.unseen_missed().unwrap(), 1);
    assert_eq!(history.mark_missed_seen().unwrap(), 1);
}

#[test]
fn deleting_removes_one_call_and_deleting_again_says_so() {
    let (_dir, mut history) = open();
    let keep = history.record(&call("sip:keep@h", 1, true)).unwrap();
    let gone = history.record(&call("sip:gone@h", 2, true)).unwrap();
    assert!(history.delete(gone).unwrap());
    assert!(!history.delete(gone).unwrap());
    assert_eq!(history.get(gone).unwrap(), None);
    assert_eq!(
        remotes(&history.list(Filter::All, 10).unwrap()),
        ["sip:keep@h"]
    );
    assert_eq!(history.unseen_missed().unwrap(), 1);
    assert!(history.get(keep).unwrap().is_some());
}

#[test]
fn clearing_empties_the_history_and_the_badge() {
    let (_dir, mut history) = open();
    for n in 0..5 {
        history
            .record(&call(&format!("sip:{n}@h"), n, n % 2 == 0))
            .unwrap();
    }
    assert_eq!(history.clear().unwrap(), 5);
    assert!(history.list(Filter::All, 10).unwrap().is_empty());
    assert_eq!(history.unseen_missed().unwrap(), 0);
    history.record(&call("sip:after@h", 9, false)).unwrap();
    assert_eq!(history.list(Filter::All, 10).unwrap().len(), 1);
}

#[test]
fn cleared_numbers_are_not_left_readable_in_the_file() {
    let (dir, mut history) = open();
    let secret = "sip:secret-lover-4711@h";
    history.record(&call(secret, 1, false)).unwrap();
    history.clear().unwrap();
    drop(history);
    for name in ["history.db", "history.db-wal"] {
        let Ok(bytes) = std::fs::read(dir.path().join(name)) else {
            continue;
        };
        let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
        assert!(!found, "{name} still holds the cleared number");
    }
}

#[test]
fn a_contact_page_finds_its_calls_by_uid_and_by_address() {
    let (_dir, mut history) = open();
    let mut by_uid = call("sip:alice-office@h", 10, false);
    by_uid.contact = Some("Alice".into());
    by_uid.contact_uid = Some("uid-alice".into());
    history.record(&by_uid).unwrap();
    // Before Alice was a contact: only her address.
    history.record(&call("sip:alice-home@h", 5, true)).unwrap();
    history.record(&call("sip:bob@h", 7, false)).unwrap();
    let alice = history
        .for_contact("uid-alice", &["sip:alice-home@h"], 10)
        .unwrap();
    assert_eq!(remotes(&alice), ["sip:alice-office@h", "sip:alice-home@h"]);
    let uid_only = history.for_contact("uid-alice", &[], 10).unwrap();
    assert_eq!(remotes(&uid_only), ["sip:alice-office@h"]);
    let bob = history.for_remote("sip:bob@h", 10).unwrap();
    assert_eq!(remotes(&bob), ["sip:bob@h"]);
    assert!(history
        .for_contact("uid-nobody", &[], 10)
        .unwrap()
        .is_empty());
}

#[test]
fn record_all_stores_every_entry_in_order() {
    let (_dir, mut history) = open();
    let batch: Vec<NewEntry> = (0..50)
        .map(|n| call(&format!("sip:{n}@h"), n, false))
        .collect();
    let ids = history.record_all(&batch).unwrap();
    assert_eq!(ids.len(), 50);
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
    assert_eq!(history.list(Filter::All, 100).unwrap().len(), 50);
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_not_a_panic() {
    let (dir, history) = open();
    drop(history);
    let conn = Connection::open(dir.path().join("history.db")).unwrap();
    // SQLite columns take any type; another tool could have written text into a time.
    conn.execute(
        "INSERT INTO calls (direction, remote, started_unix, end_reason, missed, seen)
         VALUES ('incoming', 'sip:x@h', 'yesterday', 'end-busy', 0, 1)",
        [],
    )
    .unwrap();
    drop(conn);
    let opened = History::open(dir.path().join("history.db")).unwrap();
    assert!(opened.damage.is_none());
    let error = opened.history.list(Filter::All, 10).unwrap_err();
    assert_eq!(error.i18n_key(), "history-error-database");
    assert!(error.to_string().contains("call history"), "{error}");
}

/// The queries a user waits on must use an index, not scan every call ever made.
#[test]
fn frequent_queries_use_indexes() {
    let (_dir, history) = open();
    let plans = [
        format!("{SELECT_ENTRY} {NEWEST_FIRST}"),
        format!("{SELECT_ENTRY} WHERE missed = 1 {NEWEST_FIRST}"),
        "SELECT count(*) FROM calls WHERE missed = 1 AND seen = 0".to_owned(),
        format!("{SELECT_ENTRY} WHERE contact_uid = ? OR remote IN (?, ?) {NEWEST_FIRST}"),
        format!("{SELECT_ENTRY} WHERE remote = ? {NEWEST_FIRST}"),
    ];
    for sql in plans {
        let mut stmt = history
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let unbound = vec![rusqlite::types::Null; stmt.parameter_count()];
        let steps: Vec<String> = stmt
            .query_map(params_from_iter(unbound), |row| row.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = steps.join(" | ");
        assert!(plan.contains("INDEX"), "{sql}\n  plan: {plan}");
        assert!(
            !plan.contains("SCAN calls |") && plan != "SCAN calls",
            "{sql}\n  plan: {plan}"
        );
    }
}
