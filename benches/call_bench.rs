//! Call benchmark: Handset next to baresip on the same machine, in the same run.
//!
//! Run with `cargo bench --bench call_bench` (release build). It makes two calls of about
//! 37 s each over loopback, both on G.711 µ-law with the same speech in both directions:
//!
//! 1. baresip calls baresip, the reference;
//! 2. Handset (`headless --play --record`) calls baresip.
//!
//! and prints (a) PESQ-NB of what each side received, (b) the file-to-file lag found by
//! cross-correlation, and (c) peak resident memory (VmHWM) and CPU time (utime + stime) of
//! every process over its call. Nothing here is asserted: the numbers are for reading.

#[path = "../tests/common/mod.rs"]
mod common;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, Handset, LONG, SHORT};
use common::pesq::{score, Score};
use common::ports::free_port;
use common::process::{proc_usage, ProcUsage};
use common::scratch::Scratch;
use common::speech::{long_speech_wav, wav_seconds};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Duration;

/// What one side of a call received, scored against what the other side sent.
struct Direction {
    label: String,
    score: Score,
}

/// Resources one process used during its call.
struct Usage {
    label: String,
    usage: ProcUsage,
}

fn main() {
    let scratch = Scratch::new("call-bench");
    let speech = long_speech_wav(30);
    println!(
        "call_bench: speech {:.1} s, G.711 PCMU, loopback, handset binary {}",
        wav_seconds(&speech),
        common::handset::binary().display()
    );

    let mut directions = Vec::new();
    let mut usages = Vec::new();
    let mut failures = Vec::new();
    // One broken stack must not hide the other's numbers, so each call may fail alone.
    let reference = catch_unwind(AssertUnwindSafe(|| {
        baresip_calls_baresip(&scratch, &speech, &mut directions, &mut usages)
    }));
    if let Err(panic) = reference {
        failures.push(format!(
            "baresip -> baresip call failed: {}",
            panic_text(&panic)
        ));
    }
    let handset = catch_unwind(AssertUnwindSafe(|| {
        handset_calls_baresip(&scratch, &speech, &mut directions, &mut usages)
    }));
    if let Err(panic) = handset {
        failures.push(format!(
            "Handset -> baresip call failed: {}",
            panic_text(&panic)
        ));
    }

    println!();
    println!("(a) speech quality and (b) file-to-file lag");
    println!(
        "| {:<36} | {:>7} | {:>8} | {:>7} |",
        "direction", "PESQ-NB", "xcorr", "lag ms"
    );
    println!("|{:-<38}|{:->9}|{:->10}|{:->9}|", "", "", "", "");
    for direction in &directions {
        println!(
            "| {:<36} | {:>7} | {:>8.4} | {:>7.0} |",
            direction.label,
            direction.score.pesq_text(),
            direction.score.xcorr,
            direction.score.lag_ms
        );
    }
    println!();
    println!("(c) resources over one call");
    println!(
        "| {:<36} | {:>13} | {:>11} |",
        "process", "peak RSS MiB", "CPU seconds"
    );
    println!("|{:-<38}|{:->15}|{:->13}|", "", "", "");
    for usage in &usages {
        println!(
            "| {:<36} | {:>13.1} | {:>11.2} |",
            usage.label,
            usage.usage.peak_rss_kib as f64 / 1024.0,
            usage.usage.cpu_seconds
        );
    }
    println!();
    println!(
        "lag: where the speech sits in the receiver's recording relative to the sender's file. \
         Each recorder starts at its own moment (baresip's sndfile at the first decoded \
         packet), so compare lags between stacks, not as absolute mouth-to-ear delay."
    );
    for failure in &failures {
        println!("FAILED: {failure}");
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|text| text.to_string()))
        .unwrap_or_else(|| "unknown panic".to_string())
}

fn handset_calls_baresip(
    scratch: &Scratch,
    speech: &Path,
    directions: &mut Vec<Direction>,
    usages: &mut Vec<Usage>,
) {
    let mut baresip = Baresip::start(
        &scratch.subdir("h2b-baresip"),
        &BaresipSetup::new("bob", AnswerMode::Auto, speech),
    );
    let recording = scratch.join("h2b-handset-heard.wav");
    let listen = format!("127.0.0.1:{}", free_port());
    let (mut handset, _ready) = Handset::start(
        scratch,
        &args(&[
            "--listen",
            &listen,
            "--play",
            speech.to_str().unwrap(),
            "--record",
            recording.to_str().unwrap(),
        ]),
    );
    handset.dial(&baresip.uri());
    handset.wait_call_state("established", SHORT);
    baresip.wait_event("CALL_CLOSED", LONG);
    handset.wait_call_ended(LONG);
    // Read the figures while both processes still run; VmHWM is the peak so far.
    usages.push(Usage {
        label: "handset headless (Handset->baresip)".into(),
        usage: usage_of(handset.pid()),
    });
    usages.push(Usage {
        label: "baresip (Handset->baresip)".into(),
        usage: usage_of(baresip.pid()),
    });
    handset.quit();
    baresip.quit();
    directions.push(Direction {
        label: "Handset -> baresip".into(),
        score: score(speech, &baresip.received_audio()),
    });
    directions.push(Direction {
        label: "baresip -> Handset".into(),
        score: score(speech, &recording),
    });
}

fn baresip_calls_baresip(
    scratch: &Scratch,
    speech: &Path,
    directions: &mut Vec<Direction>,
    usages: &mut Vec<Usage>,
) {
    let mut callee = Baresip::start(
        &scratch.subdir("b2b-callee"),
        &BaresipSetup::new("bob", AnswerMode::Auto, speech),
    );
    let mut caller = Baresip::start(
        &scratch.subdir("b2b-caller"),
        &BaresipSetup::new("alice", AnswerMode::Auto, speech),
    );
    caller.dial(&callee.uri());
    caller.wait_event("CALL_ESTABLISHED", SHORT);
    caller.wait_event("CALL_CLOSED", LONG);
    callee.wait_event("CALL_CLOSED", LONG);
    // Let sndfile close its files before reading usage and recordings.
    std::thread::sleep(Duration::from_millis(300));
    usages.push(Usage {
        label: "baresip caller (baresip->baresip)".into(),
        usage: usage_of(caller.pid()),
    });
    usages.push(Usage {
        label: "baresip callee (baresip->baresip)".into(),
        usage: usage_of(callee.pid()),
    });
    caller.quit();
    callee.quit();
    directions.push(Direction {
        label: "baresip -> baresip (caller->callee)".into(),
        score: score(speech, &callee.received_audio()),
    });
    directions.push(Direction {
        label: "baresip -> baresip (callee->caller)".into(),
        score: score(speech, &caller.received_audio()),
    });
}

fn usage_of(pid: u32) -> ProcUsage {
    proc_usage(pid).unwrap_or_else(|| panic!("process {pid} is gone before it was measured"))
}
