//! sipp's built-in scenarios complete against Handset in both roles.
//!
//! sipp exits 0 only when every call it was asked to make or take succeeded, so its exit code
//! is the oracle: it checks Handset's responses, dialog handling and BYE.

mod common;

use common::handset::{args, Handset, LONG, SHORT};
use common::ports::free_port_block;
use common::process::ChildGuard;
use common::scratch::Scratch;
use common::tools::require;
use serde_json::json;
use std::fs::File;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

/// A sipp run with its own SIP and media ports and its log files in `dir`.
struct Sipp {
    child: ChildGuard,
    port: u16,
    log: std::path::PathBuf,
}

impl Sipp {
    fn start(dir: &Path, name: &str, scenario_args: &[String]) -> Sipp {
        let program = require("sipp", "sip-tester");
        std::fs::create_dir_all(dir).unwrap();
        // SIP on base; sipp opens media sockets on -mp and the next ports.
        let base = free_port_block(8);
        let log = dir.join(format!("{name}.out"));
        let out = File::create(&log).unwrap();
        let mut command = Command::new(program);
        command
            .current_dir(dir)
            .args(scenario_args)
            .args(["-i", "127.0.0.1", "-p", &base.to_string()])
            .args(["-mp", &(base + 4).to_string()])
            // Liveness bound: sipp gives up (and fails) instead of hanging the test.
            .args([
                "-nostdin",
                "-timeout",
                "60s",
                "-timeout_error",
                "-trace_err",
            ])
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        let child = ChildGuard::spawn(name, &mut command);
        Sipp {
            child,
            port: base,
            log,
        }
    }

    fn uri(&self) -> String {
        format!("sip:service@127.0.0.1:{}", self.port)
    }

    /// Waits for sipp to finish; sipp's own -timeout bounds this.
    fn finish(&mut self) -> ExitStatus {
        self.child.wait_or_fail(Duration::from_secs(120))
    }

    /// sipp's error log and the end of its screen output, for failure messages.
    fn report(&self, dir: &Path) -> String {
        let mut text = String::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.to_string_lossy().ends_with("_errors.log") {
                    text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
                }
            }
        }
        let screen = std::fs::read_to_string(&self.log).unwrap_or_default();
        let start = screen.len().saturating_sub(3000);
        let start = (start..screen.len())
            .find(|index| screen.is_char_boundary(*index))
            .unwrap_or(screen.len());
        format!(
            "sipp errors:\n{text}\nsipp screen (end):\n{}",
            &screen[start..]
        )
    }
}

#[test]
fn sipp_uac_calls_handset_three_times() {
    let scratch = Scratch::new("sipp-uac");
    let (mut handset, handset_port) =
        Handset::start_on_loopback(&scratch, &["--auto-answer", "--audio", "null"]);
    let listen = format!("127.0.0.1:{handset_port}");
    let user = handset.user();

    let dir = scratch.subdir("sipp");
    let mut sipp = Sipp::start(
        &dir,
        "sipp-uac",
        &args(&[
            "-sn", "uac", &listen, "-s", &user, "-m", "3", "-l", "1", "-r", "1", "-d", "1000",
        ]),
    );
    for call in 1..=3 {
        let reason = handset.wait_call_ended(LONG);
        assert_eq!(
            reason,
            json!({"reason": "remote_hangup"}),
            "call {call}: sipp hangs up every call"
        );
    }
    let status = sipp.finish();
    assert!(
        status.success(),
        "sipp uac did not complete 3 calls ({status})\n{}",
        sipp.report(&dir)
    );
    assert!(handset.quit().success());
}

#[test]
fn handset_calls_sipp_uas_and_hangs_up() {
    let scratch = Scratch::new("sipp-uas");
    let dir = scratch.subdir("sipp");
    let mut sipp = Sipp::start(&dir, "sipp-uas", &args(&["-sn", "uas", "-m", "1"]));
    let target = sipp.uri();
    let mut handset = Handset::spawn(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--dial",
            &target,
            "--hangup-after",
            "2",
            "--exit-after-call",
        ]),
    );
    // Driven by its arguments alone, like a script that gives it no input.
    handset.close_stdin();

    let established = handset.wait_call_state("established", SHORT);
    assert_eq!(established["direction"], "outgoing");
    let reason = handset.wait_call_ended(SHORT);
    assert_eq!(reason, json!({"reason": "local_hangup"}));
    let handset_status = handset.wait_exit(SHORT);
    assert!(handset_status.success(), "handset: {handset_status}");

    let status = sipp.finish();
    assert!(
        status.success(),
        "sipp uas did not count a successful call ({status})\n{}",
        sipp.report(&dir)
    );
}

/// The yardstick: sipp against itself on this machine, independent of Handset.
#[test]
fn sipp_uac_and_uas_complete_calls_together() {
    let scratch = Scratch::new("sipp-self");
    let dir = scratch.subdir("sipp");
    let mut uas = Sipp::start(&dir, "sipp-uas", &args(&["-sn", "uas", "-m", "2"]));
    let target = format!("127.0.0.1:{}", uas.port);
    let mut uac = Sipp::start(
        &dir,
        "sipp-uac",
        &args(&["-sn", "uac", &target, "-m", "2", "-l", "1", "-d", "200"]),
    );
    let uac_status = uac.finish();
    assert!(
        uac_status.success(),
        "sipp uac: {uac_status}\n{}",
        uac.report(&dir)
    );
    let uas_status = uas.finish();
    assert!(
        uas_status.success(),
        "sipp uas: {uas_status}\n{}",
        uas.report(&dir)
    );
}

/// A sipp UAS scenario that refuses every INVITE with `status reason` and waits for the ACK.
fn reject_scenario(status: u16, reason: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="UAS that rejects every call with {status} {reason}">
  <recv request="INVITE" />
  <send>
    <![CDATA[

      SIP/2.0 {status} {reason}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
  <recv request="ACK" />
</scenario>
"#
    )
}

/// A final status from the far end reaches the user as a reason, with the code and its text
/// when there is no more specific reason for it.
#[test]
fn rejections_from_sipp_end_calls_with_matching_reasons() {
    let cases = [
        (
            404,
            "Not Found",
            json!({"reason": "rejected", "code": 404, "text": "Not Found"}),
        ),
        (486, "Busy Here", json!({"reason": "busy"})),
        (
            488,
            "Not Acceptable Here",
            json!({"reason": "media_incompatible"}),
        ),
    ];
    let scratch = Scratch::new("sipp-rejects");
    let (mut handset, _port) = Handset::start_on_loopback(&scratch, &["--audio", "null"]);
    for (status, text, expected) in cases {
        let dir = scratch.subdir(&format!("sipp-{status}"));
        let scenario = dir.join("reject.xml");
        std::fs::write(&scenario, reject_scenario(status, text)).unwrap();
        let mut sipp = Sipp::start(
            &dir,
            "sipp-reject",
            &args(&["-sf", scenario.to_str().unwrap(), "-m", "1"]),
        );
        handset.dial(&sipp.uri());
        let reason = handset.wait_call_ended(SHORT);
        assert_eq!(reason, expected, "after {status} {text}");
        let status_code = sipp.finish();
        assert!(
            status_code.success(),
            "sipp saw no ACK for {status} ({status_code})\n{}",
            sipp.report(&dir)
        );
    }
    assert!(handset.quit().success());
}
