//! The history survives its process being killed (SIGKILL) in the middle of writing: no damage
//! on the next start, and every call that was recorded is whole.
//!
//! The writer is this test binary run again as a child (`writer_child`, ignored on its own),
//! so that the test needs nothing but itself.

use handset::config::AccountId;
use handset::engine::api::Direction;
use handset::history::{Filter, History, NewEntry};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const DB_ENV: &str = "HANDSET_HISTORY_KILL_TEST_DB";
const READY: &str = "history-writer-ready";

/// Call number `n` as the writer records it; the check rebuilds it from the number in `remote`.
fn entry(n: u64) -> NewEntry {
    let answered = !n.is_multiple_of(3);
    let started = 1_700_000_000 + i64::try_from(n).unwrap();
    NewEntry {
        direction: if n.is_multiple_of(2) {
            Direction::Incoming
        } else {
            Direction::Outgoing
        },
        remote: format!("sip:writer-{n}@example.invalid"),
        contact: Some(format!("Writer number {n}")),
        contact_uid: (!n.is_multiple_of(5)).then(|| format!("uid-{n}")),
        account: Some(AccountId(u32::try_from(n % 7).unwrap())),
        started_unix: started,
        answered_unix: answered.then_some(started + 2),
        duration_secs: if answered {
            u32::try_from(n % 600).unwrap()
        } else {
            0
        },
        end_reason: if answered {
            "end-remote-hangup"
        } else {
            "end-caller-cancelled"
        }
        .into(),
        missed: !answered && n.is_multiple_of(2),
    }
}

/// Run as a child process by the tests below: records calls as fast as it can until killed.
#[test]
#[ignore = "the writer process of the kill tests; they start it themselves"]
fn writer_child() {
    let path = std::env::var(DB_ENV)
        .unwrap_or_else(|_| panic!("started by the kill tests, which set {DB_ENV}"));
    let opened = History::open(&path).unwrap();
    assert!(opened.damage.is_none(), "{:?}", opened.damage);
    let mut history = opened.history;
    let first = history.list(Filter::All, usize::MAX).unwrap().len() as u64;
    for n in first.. {
        history.record(&entry(n)).unwrap();
        if n == first {
            // At least one call is committed: the parent may kill us from now on.
            println!("{READY}");
            std::io::stdout().flush().unwrap();
        }
    }
}

fn spawn_writer(path: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["writer_child", "--exact", "--ignored", "--nocapture"])
        .args(["--test-threads=1"])
        .env(DB_ENV, path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Blocks until the writer has committed its first call; fails with its output if it died.
fn wait_until_writing(child: &mut Child) {
    let stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        // libtest prints "test writer_child ... " on the same line first.
        if line.ends_with(READY) {
            return;
        }
        seen.push_str(&line);
        seen.push('\n');
    }
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    panic!("the writer stopped before writing:\n{seen}{stderr}");
}

/// A small xorshift, seeded from the clock and printed, so that a failing run can be repeated.
struct Jitter(u64);

impl Jitter {
    fn from_clock() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let seed = (nanos as u64) | 1;
        eprintln!("kill delays seeded with {seed}");
        Jitter(seed)
    }

    fn millis(&mut self, max: u64) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(self.0 % (max + 1))
    }
}

/// Opens the file as the next start would and checks it; returns how many calls it holds.
fn check_after_kill(path: &Path, round: usize) -> usize {
    let opened = History::open(path).unwrap();
    assert!(
        opened.damage.is_none(),
        "round {round}: {:?}",
        opened.damage
    );
    let entries = opened.history.list(Filter::All, usize::MAX).unwrap();
    drop(opened);

    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok", "round {round}");

    // Every call is whole, and they are calls 0..len: none lost, none twice.
    let mut numbers: Vec<u64> = Vec::with_capacity(entries.len());
    for stored in &entries {
        let n: u64 = stored
            .remote
            .strip_prefix("sip:writer-")
            .and_then(|rest| rest.strip_suffix("@example.invalid"))
            .and_then(|number| number.parse().ok())
            .unwrap_or_else(|| panic!("round {round}: odd remote {:?}", stored.remote));
        let expected = entry(n);
        let actual = NewEntry {
            direction: stored.direction,
            remote: stored.remote.clone(),
            contact: stored.contact.clone(),
            contact_uid: stored.contact_uid.clone(),
            account: stored.account,
            started_unix: stored.started_unix,
            answered_unix: stored.answered_unix,
            duration_secs: stored.duration_secs,
            end_reason: stored.end_reason.clone(),
            missed: stored.missed,
        };
        assert_eq!(actual, expected, "round {round}: call {n} is incomplete");
        assert_eq!(stored.seen, !expected.missed, "round {round}: call {n}");
        numbers.push(n);
    }
    numbers.sort_unstable();
    let contiguous = numbers.iter().enumerate().all(|(i, n)| *n == i as u64);
    assert!(contiguous, "round {round}: calls lost or doubled");
    entries.len()
}

#[test]
fn history_survives_kill_9_during_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    let mut jitter = Jitter::from_clock();
    let mut before = 0;
    for round in 0..20 {
        let mut writer = spawn_writer(&path);
        wait_until_writing(&mut writer);
        std::thread::sleep(jitter.millis(60));
        writer.kill().unwrap(); // SIGKILL on Unix
        writer.wait().unwrap();

        let after = check_after_kill(&path, round);
        // Each writer committed at least one call before it was killed.
        assert!(
            after > before,
            "round {round}: {before} calls, then {after}"
        );
        before = after;
    }
    eprintln!("{before} calls recorded across 20 killed writers");
}

#[test]
fn a_history_killed_while_being_created_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut jitter = Jitter::from_clock();
    for round in 0..10 {
        // A fresh file each time, killed anywhere from before it exists to its first writes.
        let path = dir.path().join(format!("history-{round}.db"));
        let mut writer = spawn_writer(&path);
        std::thread::sleep(jitter.millis(40));
        writer.kill().unwrap();
        writer.wait().unwrap();
        check_after_kill(&path, round);
    }
}
