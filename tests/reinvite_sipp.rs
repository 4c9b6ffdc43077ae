//! sipp calls Handset offering PCMU, then re-INVITEs the same dialog offering only PCMA:
//! Handset must answer both with 200, restart its media with PCMA (a second `media_started`),
//! and end the call as a remote hangup when sipp sends BYE.
//!
//! sipp exits 0 only if every response it expected came; Handset's events show the rest.

mod common;

use common::handset::{Handset, LONG, SHORT};
use common::ports::free_port_block;
use common::process::ChildGuard;
use common::scratch::Scratch;
use common::tools::require;
use serde_json::{json, Value};
use std::fs::File;
use std::process::{Command, Stdio};
use std::time::Duration;

/// An SDP offer with one codec, written with sipp's keywords.
fn sdp(payload_type: u8, rtpmap: &str) -> String {
    format!(
        "      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP {payload_type}
      a=rtpmap:{payload_type} {rtpmap}"
    )
}

/// An INVITE in the dialog (To tag from the last response once there is one) with CSeq `seq`;
/// sipp fails the call unless the 200's SDP has an `m=` line with only `answer_pt`.
fn invite(seq: u32, to: &str, body: &str, answer_pt: u8) -> String {
    format!(
        r#"  <send retrans="500">
    <![CDATA[

      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
      To: {to}
      Call-ID: [call_id]
      CSeq: {seq} INVITE
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Subject: re-INVITE test
      Content-Type: application/sdp
      Content-Length: [len]

{body}

    ]]>
  </send>
  <recv response="100" optional="true" />
  <recv response="180" optional="true" />
  <recv response="200" rtd="true">
    <action>
      <ereg regexp="m=audio [0-9]+ RTP/AVP {answer_pt}[ \r]" search_in="body" check_it="true" assign_to="m{seq}" />
    </action>
  </recv>
  <Reference variables="m{seq}" />
"#
    )
}

/// A request in the confirmed dialog: ACK or BYE with CSeq `seq`.
fn in_dialog(method: &str, seq: u32) -> String {
    format!(
        r#"  <send>
    <![CDATA[

      {method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: {seq} {method}
      Contact: sip:sipp@[local_ip]:[local_port]
      Max-Forwards: 70
      Content-Length: 0

    ]]>
  </send>
"#
    )
}

fn scenario() -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n\
         <scenario name=\"call, re-INVITE from PCMU to PCMA, BYE\">\n",
    );
    xml += &invite(
        1,
        "[service] <sip:[service]@[remote_ip]:[remote_port]>",
        &sdp(0, "PCMU/8000"),
        0,
    );
    xml += &in_dialog("ACK", 1);
    xml += "  <pause milliseconds=\"1000\" />\n";
    xml += &invite(2, "[last_To:]", &sdp(8, "PCMA/8000"), 8)
        .replace("      To: [last_To:]", "      [last_To:]");
    xml += &in_dialog("ACK", 2);
    xml += "  <pause milliseconds=\"1000\" />\n";
    xml += &in_dialog("BYE", 3);
    xml += "  <recv response=\"200\" crlf=\"true\" />\n</scenario>\n";
    xml
}

fn sipp_report(dir: &std::path::Path, screen: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.to_string_lossy().ends_with("_errors.log") {
            text += &std::fs::read_to_string(&path).unwrap_or_default();
        }
    }
    let screen = std::fs::read_to_string(screen).unwrap_or_default();
    let tail: String = screen
        .chars()
        .rev()
        .take(3000)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("sipp errors:\n{text}\nsipp screen (end):\n{tail}")
}

fn media_started(handset: &mut Handset) -> Value {
    handset.wait_event("media_started", LONG)
}

#[test]
fn sipp_reinvite_switches_the_call_from_pcmu_to_pcma() {
    let program = require("sipp", "sip-tester");
    let scratch = Scratch::new("reinvite-sipp");
    let (mut handset, handset_port) = Handset::start_on_loopback(
        &scratch,
        &["--auto-answer", "--codecs", "PCMU,PCMA", "--audio", "null"],
    );
    let dir = scratch.subdir("sipp");
    let scenario_path = dir.join("reinvite.xml");
    std::fs::write(&scenario_path, scenario()).unwrap();
    let base = free_port_block(8);
    let screen = dir.join("sipp.out");
    let out = File::create(&screen).unwrap();
    let mut command = Command::new(program);
    command
        .current_dir(&dir)
        .arg("-sf")
        .arg(&scenario_path)
        .arg(format!("127.0.0.1:{handset_port}"))
        .args([
            "-s",
            &handset.user(),
            "-i",
            "127.0.0.1",
            "-p",
            &base.to_string(),
        ])
        .args(["-mp", &(base + 4).to_string()])
        // Liveness bound: sipp gives up (and fails) instead of hanging the test.
        .args(["-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error"])
        .arg("-trace_err")
        .stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(out);
    let mut sipp = ChildGuard::spawn("sipp-reinvite", &mut command);

    let first = media_started(&mut handset);
    assert_eq!(first["codec"], "PCMU/8000", "{first}");
    let second = media_started(&mut handset);
    assert_eq!(second["codec"], "PCMA/8000", "{second}");
    assert_eq!(
        second["call"], first["call"],
        "the re-INVITE made a new call"
    );
    assert_eq!(
        second["local_rtp"], first["local_rtp"],
        "the RTP port changed across the re-INVITE"
    );
    let reason = handset.wait_call_ended(SHORT);
    assert_eq!(reason, json!({"reason": "remote_hangup"}));

    let status = sipp.wait_or_fail(Duration::from_secs(60));
    assert!(
        status.success(),
        "sipp did not complete the re-INVITE scenario ({status})\n{}",
        sipp_report(&dir, &screen)
    );
    assert!(handset.quit().success());
}
