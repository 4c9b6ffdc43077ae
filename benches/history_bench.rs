//! Call-history speed on this machine's disk: recording (one transaction per call, as Handset
//! does, and batched), opening a full file (which includes the integrity check), and the queries
//! behind the history screen and the missed-call badge. Prints numbers; asserts nothing.
//!
//! cargo bench --bench history_bench   (HISTORY_BENCH_ROWS=10000 for a quicker run: recording
//! one call per transaction waits for an fsync each time, about 200 s for 100,000 here)

use handset::config::AccountId;
use handset::engine::api::Direction;
use handset::history::{Filter, History, NewEntry};
use std::path::Path;
use std::time::{Duration, Instant};

const DEFAULT_ROWS: u64 = 100_000;

fn entry(n: u64) -> NewEntry {
    let missed = n.is_multiple_of(3);
    let started = 1_600_000_000 + i64::try_from(n).unwrap_or(0) * 60;
    NewEntry {
        direction: if n.is_multiple_of(2) {
            Direction::Incoming
        } else {
            Direction::Outgoing
        },
        remote: format!("sip:+49301234{:05}@sip.example.invalid", n % 5000),
        contact: (!n.is_multiple_of(4)).then(|| format!("Contact {}", n % 5000)),
        contact_uid: (!n.is_multiple_of(4)).then(|| format!("uid-{}", n % 5000)),
        account: Some(AccountId(1)),
        started_unix: started,
        answered_unix: (!missed).then_some(started + 5),
        duration_secs: if missed { 0 } else { 95 },
        end_reason: if missed {
            "end-caller-cancelled"
        } else {
            "end-remote-hangup"
        }
        .into(),
        missed,
    }
}

fn fresh(dir: &Path, name: &str) -> History {
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    History::open(&path).expect("open a fresh history").history
}

fn per_second(count: u64, took: Duration) -> f64 {
    count as f64 / took.as_secs_f64()
}

/// Median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let rows = std::env::var("HISTORY_BENCH_ROWS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(DEFAULT_ROWS);
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder");
    println!(
        "history benchmark, {rows} calls, files in {}",
        dir.path().display()
    );

    let mut history = fresh(dir.path(), "one-by-one.db");
    let start = Instant::now();
    for n in 0..rows {
        history.record(&entry(n)).expect("record");
    }
    let took = start.elapsed();
    println!(
        "record, one transaction per call (synchronous=FULL): {:.2} s, {:.0} calls/s, {:.1} µs/call",
        took.as_secs_f64(),
        per_second(rows, took),
        took.as_secs_f64() * 1e6 / rows as f64
    );
    drop(history);

    let mut batched = fresh(dir.path(), "batched.db");
    let all: Vec<NewEntry> = (0..rows).map(entry).collect();
    let start = Instant::now();
    batched.record_all(&all).expect("record_all");
    let took = start.elapsed();
    println!(
        "record_all, one transaction for all:                 {:.2} s, {:.0} calls/s",
        took.as_secs_f64(),
        per_second(rows, took)
    );
    drop(batched);

    let path = dir.path().join("one-by-one.db");
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "file size with {rows} calls: {:.1} MiB",
        size as f64 / 1048576.0
    );
    let open = median(5, || {
        let opened = History::open(&path).expect("open");
        assert!(opened.damage.is_none());
    });
    println!(
        "open (quick_check, migrations, pragmas), median of 5: {:.1} ms",
        ms(open)
    );

    let mut history = History::open(&path).expect("open").history;
    let list_all = median(101, || {
        assert_eq!(history.list(Filter::All, 200).expect("list").len(), 200);
    });
    let list_missed = median(101, || {
        assert_eq!(history.list(Filter::Missed, 200).expect("list").len(), 200);
    });
    let unseen = median(101, || {
        history.unseen_missed().expect("badge");
    });
    let badge = history.unseen_missed().expect("badge");
    println!(
        "list(All, 200), median of 101:       {:.3} ms",
        ms(list_all)
    );
    println!(
        "list(Missed, 200), median of 101:    {:.3} ms",
        ms(list_missed)
    );
    println!(
        "unseen_missed() = {badge}, median of 101: {:.3} ms",
        ms(unseen)
    );
    let contact = median(101, || {
        let calls = history
            .for_contact("uid-1234", &["sip:+4930123401234@sip.example.invalid"], 200)
            .expect("for_contact");
        assert!(!calls.is_empty());
    });
    println!(
        "for_contact(uid, 1 address, 200), median of 101: {:.3} ms",
        ms(contact)
    );
    let start = Instant::now();
    let marked = history.mark_missed_seen().expect("mark");
    println!(
        "mark_missed_seen() on {marked} calls: {:.1} ms",
        ms(start.elapsed())
    );
    let unseen = median(101, || {
        history.unseen_missed().expect("badge");
    });
    println!(
        "unseen_missed() = 0 after that, median of 101: {:.3} ms",
        ms(unseen)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
