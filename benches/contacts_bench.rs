//! Contacts performance on 10,000 generated contacts: import rate (with and without fsync),
//! folder open time, index build time, and search latency per keystroke. Each storage
//! figure is measured on the temp dir's filesystem and, when there is one, on tmpfs
//! (/dev/shm), next to the time the filesystem alone needs to create that many files.
//! Run: cargo bench --bench contacts_bench

use handset::contacts::{sample, ContactBook, ContactIndex};
use std::path::Path;
use std::time::{Duration, Instant};

const CONTACTS: usize = 10_000;
const ROUNDS: usize = 200;

fn main() {
    let vcf = sample::generate(CONTACTS);
    println!(
        "contacts benchmark, {CONTACTS} contacts, {} KiB of vCard",
        vcf.len() / 1024
    );
    let mut bases = vec![std::env::temp_dir()];
    if Path::new("/dev/shm").is_dir() {
        bases.push("/dev/shm".into());
    }
    for base in &bases {
        println!("-- folder on {}", base.display());
        storage(base, &vcf);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut book = ContactBook::open(dir.path());
    book.set_durable(false);
    book.import_vcf(&vcf);
    println!("-- index and search");
    let start = Instant::now();
    let index = book.index(Some("DE"));
    println!("index build (DE): {:.0} ms", ms(start.elapsed()));
    let start = Instant::now();
    let found = index.find("\"Caller\" <sip:+491710004567@pbx.example.org>");
    println!(
        "find one caller: {:.1} µs (found: {})",
        start.elapsed().as_secs_f64() * 1e6,
        found.is_some()
    );
    keystrokes(&index, "typed name", "Roberta Quillfeather");
    keystrokes(&index, "typed number", "0171 0004567");
}

fn storage(base: &Path, vcf: &str) {
    let floor = tempfile::tempdir_in(base).expect("temp dir");
    let start = Instant::now();
    for i in 0..CONTACTS {
        let path = floor.path().join(format!("{i:06}.vcf"));
        std::fs::write(path, b"BEGIN:VCARD\r\nEND:VCARD\r\n").expect("write");
    }
    let took = start.elapsed();
    println!(
        "filesystem alone, creating {CONTACTS} small files: {:.2} s, {:.0} files/s",
        took.as_secs_f64(),
        CONTACTS as f64 / took.as_secs_f64()
    );
    drop(floor);
    for durable in [false, true] {
        let dir = tempfile::tempdir_in(base).expect("temp dir");
        let mut book = ContactBook::open(dir.path());
        book.set_durable(durable);
        let start = Instant::now();
        let report = book.import_vcf(vcf);
        let took = start.elapsed();
        assert_eq!(report.added.len(), CONTACTS, "{:?}", report.skipped.first());
        println!(
            "import ({}): {:.2} s, {:.0} contacts/s",
            if durable {
                "fsync each file, one folder fsync"
            } else {
                "no fsync"
            },
            took.as_secs_f64(),
            CONTACTS as f64 / took.as_secs_f64()
        );
        if durable {
            let start = Instant::now();
            let mut book = ContactBook::open(dir.path());
            println!("open {} files: {:.0} ms", book.len(), ms(start.elapsed()));
            let start = Instant::now();
            let changed = book.reload_if_changed();
            println!(
                "reload_if_changed with nothing changed: {:.1} ms (changed: {changed})",
                ms(start.elapsed())
            );
        }
    }
}

/// Searches for every prefix of `typed`, as the list updates on each keystroke.
fn keystrokes(index: &ContactIndex, what: &str, typed: &str) {
    let prefixes: Vec<&str> = typed
        .char_indices()
        .map(|(i, c)| &typed[..i + c.len_utf8()])
        .collect();
    let mut times = Vec::with_capacity(prefixes.len() * ROUNDS);
    let mut last_hits = 0;
    for _ in 0..ROUNDS {
        for prefix in &prefixes {
            let start = Instant::now();
            let hits = index.search(prefix);
            times.push(start.elapsed());
            last_hits = hits.len();
        }
    }
    times.sort();
    let at = |q: f64| ms(times[((times.len() - 1) as f64 * q) as usize]);
    println!(
        "search per keystroke, {what} {typed:?}: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({last_hits} hits for the full text)",
        at(0.5),
        at(0.99),
        at(1.0),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
