//! What the caller hears before an answer, recorded from headless Handset's output (WAV
//! backend) while sipp plays the far end: ringback on 180 and on 183 without SDP, early media
//! on 183 with SDP, the busy tone on 486.

mod common;

use common::handset::{Handset, SHORT};
use common::ports::free_port_block;
use common::process::ChildGuard;
use common::scratch::Scratch;
use common::tone::{tone_blocks, tone_share};
use common::tools::require;
use handset::media::codec::linear_to_mulaw;
use serde_json::Value;
use std::fs::File;
use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const RATE: u32 = 8000;
/// 100 ms blocks.
const BLOCK: usize = 800;

fn sipp_uas(dir: &Path, scenario: &str) -> (ChildGuard, String) {
    let program = require("sipp", "sip-tester");
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join("scenario.xml");
    std::fs::write(&file, scenario).unwrap();
    let base = free_port_block(8);
    let out = File::create(dir.join("sipp.out")).unwrap();
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .args(["-sf", file.to_str().unwrap(), "-m", "1"])
        .args(["-i", "127.0.0.1", "-p", &base.to_string()])
        .args(["-mp", &(base + 4).to_string()])
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
    let child = ChildGuard::spawn("sipp-sounds", &mut command);
    (child, format!("sip:service@127.0.0.1:{base}"))
}

/// sipp sends `provisional` (with `sdp` when given), then waits for our CANCEL.
fn ringing_scenario(provisional: &str, sdp: bool) -> String {
    let body = if sdp {
        "Content-Type: application/sdp\n      Content-Length: [len]\n\n      v=0\n      o=sipp 1 1 IN IP4 127.0.0.1\n      s=-\n      c=IN IP4 127.0.0.1\n      t=0 0\n      m=audio [media_port] RTP/AVP 0\n      a=rtpmap:0 PCMU/8000"
    } else {
        "Content-Length: 0"
    };
    format!(
        r#"<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="UAS that rings until cancelled">
  <recv request="INVITE" />
  <send>
    <![CDATA[

      SIP/2.0 {provisional}
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port]>
      {body}

    ]]>
  </send>
  <recv request="CANCEL" />
  <send>
    <![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]>
  </send>
  <send>
    <![CDATA[

      SIP/2.0 487 Request Terminated
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      CSeq: [cseq] INVITE
      Content-Length: 0

    ]]>
  </send>
  <recv request="ACK" />
</scenario>
"#
    )
}

fn rejecting_scenario(status: &str) -> String {
    r#"<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="UAS that is busy">
  <recv request="INVITE" />
  <send>
    <![CDATA[

      SIP/2.0 STATUS
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
    .replace("STATUS", status)
}

fn handset_recording_to(scratch: &Scratch, wav: &Path) -> Handset {
    let wav = wav.to_str().unwrap();
    Handset::start_on_loopback(scratch, &["--audio", "wav", "--record", wav]).0
}

fn read_wav(path: &Path) -> Vec<i16> {
    let mut reader = hound::WavReader::open(path)
        .unwrap_or_else(|e| panic!("recording {}: {e}", path.display()));
    assert_eq!(reader.spec().sample_rate, RATE, "recorded at 8 kHz");
    reader.samples::<i16>().map(|s| s.unwrap()).collect()
}

/// Lengths (in blocks) of the runs of 425 Hz and of quiet, in order, starting with a tone run.
fn cadence(samples: &[i16]) -> Vec<usize> {
    let flags: Vec<bool> = samples
        .chunks_exact(BLOCK)
        .map(|b| tone_blocks(b, RATE, 425.0, BLOCK) == 1)
        .collect();
    let first = flags.iter().position(|&on| on).unwrap_or(flags.len());
    let mut runs = Vec::new();
    let mut current = true;
    let mut length = 0;
    for &on in &flags[first..] {
        if on == current {
            length += 1;
        } else {
            runs.push(length);
            current = on;
            length = 1;
        }
    }
    runs.push(length);
    runs
}

/// Roughly `blocks` long: a tone edge may split a block either side.
fn about(run: usize, blocks: usize) -> bool {
    run + 2 >= blocks && run <= blocks + 1
}

fn recording(scratch: &Scratch, name: &str) -> PathBuf {
    scratch.subdir("audio").join(name)
}

/// Dial sipp answering `provisional` without SDP, listen 6.5 s, hang up: the recording's
/// runs of 425 Hz and quiet (see [`cadence`]).
fn ringback_heard_after(label: &str, provisional: &str) -> Vec<usize> {
    let scratch = Scratch::new(label);
    let wav = recording(&scratch, "ringback.wav");
    let (mut sipp, target) = sipp_uas(
        &scratch.subdir("sipp"),
        &ringing_scenario(provisional, false),
    );
    let mut handset = handset_recording_to(&scratch, &wav);
    handset.dial(&target);
    let ringing = handset.wait_call_state("ringing", SHORT);
    // Long enough for one whole cycle and the start of the next.
    std::thread::sleep(Duration::from_millis(6500));
    handset.hangup(common::handset::call_id(&ringing));
    handset.wait_call_ended(SHORT);
    assert!(handset.quit().success());
    assert!(
        sipp.wait_or_fail(Duration::from_secs(70)).success(),
        "sipp saw the CANCEL"
    );
    // The WAV backend writes a file only once something plays: none means silence.
    if !wav.exists() {
        return Vec::new();
    }
    cadence(&read_wav(&wav))
}

fn assert_ringback(runs: &[usize]) {
    assert!(
        runs.len() >= 3,
        "two bursts of 425 Hz with a pause between them, got runs {runs:?}"
    );
    assert!(about(runs[0], 10), "1 s of tone, got runs {runs:?}");
    assert!(about(runs[1], 40), "4 s of quiet, got runs {runs:?}");
}

#[test]
fn ringback_plays_425_hz_one_second_on_four_off_while_the_far_end_rings() {
    assert_ringback(&ringback_heard_after("sounds-ringback", "180 Ringing"));
}

/// A far end that progresses (183) but sends no SDP gives nothing to hear but our own ringback.
#[test]
fn a_183_without_sdp_plays_the_ringback_tone_too() {
    assert_ringback(&ringback_heard_after(
        "sounds-ringback-183",
        "183 Session Progress",
    ));
}

/// Sends 1000 Hz in PCMU to `to` for `packets` × 20 ms, paced like a real far end.
fn send_early_media(to: SocketAddr, packets: u16) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let tone = common::tone::sine(RATE, 1000.0, usize::from(packets) * 160);
    for (n, frame) in tone.chunks_exact(160).enumerate() {
        let n = n as u16;
        let timestamp = u32::from(n) * 160;
        let mut packet = vec![0x80, 0x00];
        packet.extend_from_slice(&n.to_be_bytes());
        packet.extend_from_slice(&timestamp.to_be_bytes());
        packet.extend_from_slice(&0x5eed_u32.to_be_bytes());
        packet.extend(frame.iter().map(|&s| linear_to_mulaw(s)));
        socket.send_to(&packet, to).unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn early_media_from_a_183_plays_instead_of_the_ringback_tone() {
    let scratch = Scratch::new("sounds-early-media");
    let wav = recording(&scratch, "early.wav");
    let (mut sipp, target) = sipp_uas(
        &scratch.subdir("sipp"),
        &ringing_scenario("183 Session Progress", true),
    );
    let mut handset = handset_recording_to(&scratch, &wav);
    handset.dial(&target);
    let ringing = handset.wait_call_state("ringing", SHORT);
    let media = handset.wait_event("media_started", SHORT);
    let local: SocketAddr = media["local_rtp"]
        .as_str()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("media_started names our RTP address: {media}"));
    send_early_media(local, 150);
    handset.hangup(common::handset::call_id(&ringing));
    handset.wait_call_ended(SHORT);
    assert!(handset.quit().success());
    assert!(
        sipp.wait_or_fail(Duration::from_secs(70)).success(),
        "sipp saw the CANCEL"
    );

    let samples = read_wav(&wav);
    let early = tone_blocks(&samples, RATE, 1000.0, BLOCK);
    let ringback = tone_blocks(&samples, RATE, 425.0, BLOCK);
    assert!(
        early >= 20,
        "2 s or more of the far end's 1000 Hz, got {early} blocks"
    );
    assert_eq!(ringback, 0, "no ringback tone under early media");
    assert!(tone_share(&samples, RATE, 425.0) < 0.01);
}

#[test]
fn a_busy_far_end_gives_the_busy_tone() {
    let scratch = Scratch::new("sounds-busy");
    let wav = recording(&scratch, "busy.wav");
    let (mut sipp, target) = sipp_uas(
        &scratch.subdir("sipp"),
        &rejecting_scenario("486 Busy Here"),
    );
    let mut handset = handset_recording_to(&scratch, &wav);
    handset.dial(&target);
    let ended: Value = handset.wait_call_ended(SHORT);
    assert_eq!(ended["reason"], "busy");
    // The tone plays 3 s by itself; quitting later keeps all of it.
    std::thread::sleep(Duration::from_millis(3800));
    assert!(handset.quit().success());
    assert!(sipp.wait_or_fail(Duration::from_secs(70)).success());

    let samples = read_wav(&wav);
    let runs = cadence(&samples);
    assert!(
        runs.len() >= 5,
        "three half-second beats of 425 Hz, got runs {runs:?}"
    );
    for run in &runs[..5] {
        assert!(about(*run, 5), "0.5 s on, 0.5 s off, got runs {runs:?}");
    }
}

#[test]
fn a_failed_call_gives_the_faster_error_tone() {
    let scratch = Scratch::new("sounds-error");
    let wav = recording(&scratch, "error.wav");
    let (mut sipp, target) = sipp_uas(
        &scratch.subdir("sipp"),
        &rejecting_scenario("503 Service Unavailable"),
    );
    let mut handset = handset_recording_to(&scratch, &wav);
    handset.dial(&target);
    let ended: Value = handset.wait_call_ended(SHORT);
    assert_eq!(ended["code"], 503, "{ended}");
    // The tone plays 2.4 s by itself.
    std::thread::sleep(Duration::from_millis(3200));
    assert!(handset.quit().success());
    assert!(sipp.wait_or_fail(Duration::from_secs(70)).success());

    let samples = read_wav(&wav);
    let beats = samples
        .chunks_exact(400)
        .map(|b| tone_blocks(b, RATE, 425.0, 400) == 1)
        .collect::<Vec<bool>>();
    let starts = beats.windows(2).filter(|w| !w[0] && w[1]).count()
        + usize::from(beats.first() == Some(&true));
    assert_eq!(
        starts, 6,
        "six 0.2 s beats of 425 Hz in 2.4 s, got {beats:?}"
    );
}
