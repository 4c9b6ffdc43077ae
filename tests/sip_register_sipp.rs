//! Handset registering with sipp playing the registrar (scenarios in tests/sipp/): a 423
//! Interval Too Brief with Min-Expires, and a 200 OK that lists several devices' Contacts.
//!
//! The scenarios check what Handset sends (regexp actions) and sipp exits 0 only when every
//! message matched, so sipp's exit code is one oracle; the `registration` events Handset
//! reports are the other.

mod common;

use common::accounts::write_account_folder;
use common::handset::{args, registration_state, Handset, SHORT};
use common::ports::free_port_block;
use common::process::ChildGuard;
use common::scratch::Scratch;
use common::tools::require;
use serde_json::Value;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// sipp as a registrar for one registration (`-m 1`), logs in `dir`.
struct SippRegistrar {
    child: ChildGuard,
    port: u16,
    dir: PathBuf,
}

impl SippRegistrar {
    fn start(dir: &Path, scenario: &str) -> SippRegistrar {
        let program = require("sipp", "sip-tester");
        let scenario = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/sipp")
            .join(scenario);
        // SIP on base; sipp binds media sockets on -mp and the next ports even when unused.
        let base = free_port_block(6);
        let out = File::create(dir.join("sipp.out")).unwrap();
        let mut command = Command::new(program);
        command
            .current_dir(dir)
            .arg("-sf")
            .arg(&scenario)
            .args(["-i", "127.0.0.1", "-p", &base.to_string()])
            .args(["-mp", &(base + 2).to_string(), "-m", "1"])
            // Liveness bound: sipp gives up (and fails) instead of hanging the test.
            .args(["-nostdin", "-timeout", "60s", "-timeout_error"])
            .args(["-trace_err", "-trace_msg", "-trace_logs"])
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        let child = ChildGuard::spawn("sipp registrar", &mut command);
        SippRegistrar {
            child,
            port: base,
            dir: dir.to_path_buf(),
        }
    }

    /// Waits for sipp to end (its -timeout bounds this) and fails with its logs unless it
    /// exited 0, which it does only when the whole scenario matched.
    fn assert_scenario_passed(&mut self) {
        let status = self.child.wait_or_fail(Duration::from_secs(90));
        assert!(
            status.success(),
            "sipp exited {status}: the scenario did not match\n{}",
            self.report()
        );
    }

    /// sipp's error and scenario logs, the messages it exchanged and its screen.
    fn report(&self) -> String {
        let mut text = String::new();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|dir| dir.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for path in entries {
            let name = path.to_string_lossy();
            if name.ends_with(".log") || name.ends_with("sipp.out") {
                let body = std::fs::read_to_string(&path).unwrap_or_default();
                let start = body.len().saturating_sub(6000);
                let tail = body.get(start..).unwrap_or(&body);
                text.push_str(&format!("--- {name}\n{tail}\n"));
            }
        }
        text
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Runs Handset as alice (asking for `expires` seconds) against `scenario` until it reports
/// an outcome, quits it (it unregisters, which the scenarios expect), and checks sipp passed.
/// Returns the outcome event and the wall-clock seconds just before Handset started.
fn register_against(label: &str, scenario: &str, expires: u32) -> (Value, u64, Handset) {
    let scratch = Scratch::new(label);
    let mut sipp = SippRegistrar::start(&scratch.subdir("sipp"), scenario);
    let config = scratch.subdir("accounts");
    write_account_folder(&config, "alice", "alicepw", sipp.port, expires);
    let started = unix_now();
    let (mut handset, _) = Handset::start(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--config",
            config.to_str().unwrap(),
        ]),
    );
    let outcome = handset.wait_for(SHORT, "a registration outcome", |e| {
        matches!(registration_state(e), Some("registered" | "failed"))
    });
    assert_eq!(
        registration_state(&outcome),
        Some("registered"),
        "{outcome}\n{}",
        sipp.report()
    );
    assert!(handset.quit().success());
    sipp.assert_scenario_passed();
    (outcome, started, handset)
}

/// The seconds of registration an outcome event reports, against the wall clock at `started`
/// (the event came later, so this may read a little less than granted, never more).
fn granted_seconds(outcome: &Value, started: u64) -> u64 {
    let until = outcome["state"]["until_unix"]
        .as_u64()
        .unwrap_or_else(|| panic!("a registered event carries until_unix: {outcome}"));
    until.saturating_sub(started)
}

#[test]
fn a_423_with_min_expires_is_retried_with_the_minimum_and_registers() {
    // 60 s is below the scenario's Min-Expires of 120 (and the lowest the config allows).
    let (outcome, started, handset) =
        register_against("sipp-register-423", "register_423_min_expires.xml", 60);
    // The 423 was handled on the way, not shown to the user as a failure.
    let failures: Vec<&Value> = handset
        .events_seen()
        .iter()
        .filter(|e| registration_state(e) == Some("failed"))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    // Registered for the 120 s granted, not the 60 asked for first.
    let granted = granted_seconds(&outcome, started);
    assert!((100..=121).contains(&granted), "{granted} s: {outcome}");
}

#[test]
fn our_own_contact_among_several_gives_the_registration_its_lifetime() {
    // The scenario grants our binding 90 s, lists the other devices' with 3600 s and 7200 s,
    // and we ask for 600 s: only our Contact's expires parameter gives 90.
    let (outcome, started, _) = register_against(
        "sipp-register-contacts",
        "register_several_contacts.xml",
        600,
    );
    let granted = granted_seconds(&outcome, started);
    assert!((70..=91).contains(&granted), "{granted} s: {outcome}");
}
