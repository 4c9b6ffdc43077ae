//! The window with a full address book: 10,000 contacts and 100,000 calls in the history.
//! Prints, side by side with Linphone's desktop client where it does the same:
//! - time to first frame (process start to the window opened, from the log's time stamp);
//! - search time per keystroke (p50 / p99), typing a name and a number;
//! - the GUI's peak RSS, idle;
//! - vCard import rate (contacts per second), on the disk and on tmpfs.
//!
//! Run with `cargo bench --bench window_bench`. Nothing here is asserted: the numbers are for
//! reading. Linphone's client is `apt-get install -y linphone-desktop`; without it its column
//! says so.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/gui_support/mod.rs"]
mod gui_support;

use common::process::proc_usage;
use common::scratch::Scratch;
use gui_support::Xvfb;
use handset::contacts::{sample, ContactBook, Phonebook};
use handset::engine::api::Direction;
use handset::history::{History, NewEntry};
use handset::ui::screens::contacts::{ContactsScreen, Message};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const CONTACTS: usize = 10_000;
const CALLS: usize = 100_000;
const STARTS: usize = 5;
/// Left alone this long before its memory is read: first frames, fonts and the lists drawn.
const SETTLE: Duration = Duration::from_secs(5);
const LIMIT: Duration = Duration::from_secs(60);

fn main() {
    let scratch = Scratch::new("window-bench");
    let vcf = sample::generate(CONTACTS);
    println!("window_bench: {CONTACTS} contacts, {CALLS} calls in the history");

    let disk = scratch.subdir("import-disk");
    println!(
        "vCard import, ext4 (fsync):       {:>8.0} contacts/s",
        import_rate(&disk, &vcf)
    );
    match tempfile::Builder::new().tempdir_in("/dev/shm") {
        Ok(shm) => println!(
            "vCard import, tmpfs (fsync):      {:>8.0} contacts/s",
            import_rate(shm.path(), &vcf)
        ),
        Err(e) => println!("vCard import, tmpfs: not measured ({e})"),
    }

    let home = scratch.subdir("home");
    let data = home.join("data/handset");
    fill(&data, &vcf);
    search_times(&data);

    let xvfb = Xvfb::start();
    let empty_home = scratch.subdir("empty-home");
    match handset_start(&xvfb, &empty_home, STARTS) {
        Ok((first_frame, peak)) => report_starts("GUI, no data", &[first_frame], &[peak]),
        Err(e) => println!("handset GUI start with no data: {e}"),
    }
    let mut first_frames = Vec::new();
    let mut rss = Vec::new();
    for run in 0..STARTS {
        match handset_start(&xvfb, &home, run) {
            Ok((first_frame, peak)) => {
                first_frames.push(first_frame);
                rss.push(peak);
            }
            Err(e) => println!("handset GUI start {run}: {e}"),
        }
    }
    report_starts("handset GUI", &first_frames, &rss);
    let linphone_home = scratch.subdir("linphone-home");
    match linphone_start(&xvfb, &linphone_home) {
        Ok((first_frame, peak)) => report_starts("linphone-desktop", &[first_frame], &[peak]),
        Err(e) => println!("linphone-desktop: {e}"),
    }
}

/// Imports the sample into an empty contacts folder under `dir`.
fn import_rate(dir: &Path, vcf: &str) -> f64 {
    let mut book = ContactBook::open(dir.join("contacts"));
    let started = Instant::now();
    let report = book.import_vcf(vcf);
    let took = started.elapsed();
    assert_eq!(report.added.len(), CONTACTS, "{:?}", report.skipped.first());
    CONTACTS as f64 / took.as_secs_f64()
}

/// The data folder a user with a full address book has.
fn fill(data: &Path, vcf: &str) {
    let mut book = ContactBook::open(data.join("contacts"));
    book.import_vcf(vcf);
    let mut history = History::open(data.join("history.db"))
        .expect("a history")
        .history;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let calls: Vec<NewEntry> = (0..CALLS)
        .map(|i| {
            let missed = i % 7 == 0;
            NewEntry {
                direction: if i % 2 == 0 {
                    Direction::Incoming
                } else {
                    Direction::Outgoing
                },
                remote: format!("sip:+49171{:07}@pbx.example", i % CONTACTS),
                contact: None,
                contact_uid: None,
                account: None,
                started_unix: now - (CALLS - i) as i64 * 60,
                answered_unix: (!missed).then_some(now - (CALLS - i) as i64 * 60 + 5),
                duration_secs: if missed { 0 } else { 95 },
                end_reason: "end-remote-hangup".to_owned(),
                missed,
            }
        })
        .collect();
    history.record_all(&calls).expect("the calls are written");
}

/// Search as the window does it: one refresh of the contacts screen per keystroke.
fn search_times(data: &Path) {
    let book = Phonebook::open(&data.join("contacts"), Some("DE"));
    let mut screen = ContactsScreen::default();
    for (what, typed) in [
        ("a name", "katharina schmidt"),
        ("a number", "0171 0004242"),
    ] {
        let mut times = Vec::new();
        for _ in 0..20 {
            let mut query = String::new();
            for key in typed.chars() {
                query.push(key);
                let started = Instant::now();
                screen.update(Message::QueryChanged(query.clone()), &book);
                times.push(started.elapsed());
            }
        }
        times.sort();
        let at = |p: f64| times[((times.len() - 1) as f64 * p) as usize].as_secs_f64() * 1e3;
        println!(
            "search per keystroke, typing {what:<8}  p50 {:>6.2} ms   p99 {:>6.2} ms   ({} keystrokes)",
            at(0.5),
            at(0.99),
            times.len()
        );
    }
}

/// One GUI start on the full data folder: (time to the window opened, peak RSS in KiB).
fn handset_start(xvfb: &Xvfb, home: &Path, run: usize) -> Result<(Duration, u64), String> {
    let log = home.join(format!("handset-{run}.log"));
    let spawned = SystemTime::now();
    let gui = Guard(
        Command::new(common::handset::binary())
            .args(["--listen", "127.0.0.1:0"])
            .env("DISPLAY", &xvfb.display)
            .env_remove("WAYLAND_DISPLAY")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("HANDSET_LOG", "handset=info,warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).map_err(|e| e.to_string())?)
            .spawn()
            .map_err(|e| format!("cannot start the GUI: {e}"))?,
    );
    let opened_at = wait_for_log_time(&log, "window opened")?;
    let first_frame = opened_at
        .duration_since(spawned)
        .map_err(|e| e.to_string())?;
    thread::sleep(SETTLE);
    let peak = proc_usage(gui.0.id())
        .map(|usage| usage.peak_rss_kib)
        .ok_or("cannot read /proc")?;
    print_rss_parts(gui.0.id());
    Ok((first_frame, peak))
}

/// Where the resident memory is now: the heap and other private memory (anon) against the
/// program's code, the libraries and the fonts mapped from files (file), which no data
/// structure of ours can shrink.
fn print_rss_parts(pid: u32) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse::<f64>().ok())
            .map_or(0.0, |kib| kib / 1024.0)
    };
    println!(
        "  idle: RSS {:.1} MiB = anon {:.1} + file {:.1} + shmem {:.1}",
        field("VmRSS:"),
        field("RssAnon:"),
        field("RssFile:"),
        field("RssShmem:")
    );
}

/// The time stamp of the first log line containing `needle` (tracing's RFC 3339 UTC time).
fn wait_for_log_time(log: &Path, needle: &str) -> Result<SystemTime, String> {
    let started = Instant::now();
    while started.elapsed() < LIMIT {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        if let Some(line) = text.lines().find(|line| line.contains(needle)) {
            return parse_utc(line.split_whitespace().next().unwrap_or_default())
                .ok_or_else(|| format!("no time stamp in {line:?}"));
        }
        thread::sleep(Duration::from_millis(20));
    }
    Err(format!("{needle:?} never appeared in {}", log.display()))
}

/// `2026-12-07T11:50:01.123456Z` → a SystemTime (enough of RFC 3339 for tracing's output).
fn parse_utc(stamp: &str) -> Option<SystemTime> {
    let stamp = stamp
        .trim_start_matches("\u{1b}[2m")
        .trim_end_matches("\u{1b}[0m");
    let (date, time) = stamp.trim_end_matches('Z').split_once('T')?;
    let mut ymd = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (ymd.next()??, ymd.next()??, ymd.next()??);
    let mut hms = time.split(':');
    let (h, min) = (
        hms.next()?.parse::<i64>().ok()?,
        hms.next()?.parse::<i64>().ok()?,
    );
    let seconds: f64 = hms.next()?.parse().ok()?;
    // Days from the civil date (Howard Hinnant's algorithm, proleptic Gregorian).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let whole = days * 86_400 + h * 3600 + min * 60;
    Some(UNIX_EPOCH + Duration::from_secs(whole as u64) + Duration::from_secs_f64(seconds))
}

/// Linphone's desktop client under the same display: time until its window maps (polled with
/// xdotool, so within ~20 ms), and its peak RSS after the same settling time.
fn linphone_start(xvfb: &Xvfb, home: &Path) -> Result<(Duration, u64), String> {
    if !Path::new("/usr/bin/linphone").exists() {
        return Err("not installed (apt-get install -y linphone-desktop)".to_owned());
    }
    let started = Instant::now();
    let linphone = Guard(
        Command::new("linphone")
            .env("DISPLAY", &xvfb.display)
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("QT_QPA_PLATFORM", "xcb")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start linphone: {e}"))?,
    );
    let pid = linphone.0.id().to_string();
    let mapped = loop {
        let output = xvfb.run("xdotool", &["search", "--onlyvisible", "--pid", &pid]);
        if !String::from_utf8_lossy(&output.stdout).trim().is_empty() {
            break started.elapsed();
        }
        if started.elapsed() > LIMIT {
            return Err("no window appeared".to_owned());
        }
        thread::sleep(Duration::from_millis(20));
    };
    thread::sleep(SETTLE);
    let peak = proc_usage(linphone.0.id())
        .map(|usage| usage.peak_rss_kib)
        .ok_or("cannot read /proc")?;
    Ok((mapped, peak))
}

fn report_starts(who: &str, first_frames: &[Duration], rss: &[u64]) {
    if first_frames.is_empty() {
        return;
    }
    let mut ms: Vec<f64> = first_frames.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    let peak = rss.iter().copied().max().unwrap_or(0) as f64 / 1024.0;
    println!(
        "{who:<18} time to first frame: median {median:>7.1} ms ({:.1}–{:.1}, {} starts); peak RSS idle {peak:>6.1} MiB",
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
}

struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
