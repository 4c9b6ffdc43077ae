//! Media interop with a real baresip 1.0 over loopback: our SDP offer and answer are accepted,
//! its answer and offer are understood, and the tone it sends arrives through our RTP parser,
//! jitter buffer and G.711 decoder as the same tone, and ours reaches it (its sndfile module
//! records what it decoded). SIP is a minimal hand-written exchange
//! here; the engine's own tests cover real signalling.

mod common;

use common::ports::free_port_block;
use common::process::ChildGuard;
use common::tools::require;
use handset::media::codec::{create, supported};
use handset::media::sdp::{self, LocalMedia, Negotiated};
use handset::media::stream::{MediaStream, StreamConfig, StreamStats};
use std::net::{SocketAddr, UdpSocket};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What baresip sends us (from a WAV file) and what we send it.
const TONE_HZ: f64 = 440.0;
const OUR_TONE_HZ: f64 = 1000.0;

fn write_tone(path: &Path) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).unwrap();
    for i in 0..8000 * 6 {
        let t = f64::from(i) / 8000.0;
        let sample = if t < 1.0 {
            0.0
        } else {
            (2.0 * std::f64::consts::PI * TONE_HZ * t).sin() * 8000.0
        };
        writer.write_sample(sample as i16).unwrap();
    }
    writer.finalize().unwrap();
}

/// Start baresip sending the tone; `dial` makes it call that URI.
/// baresip answering (or dialling `dial`) on `sip_port` (and TLS on the next port), with RTP
/// on an even port from `rtp_port` and the next, RTCP above it (so give it a block of four);
/// killed when the test ends, however it ends.
fn start_baresip(dir: &Path, sip_port: u16, rtp_port: u16, dial: Option<&str>) -> ChildGuard {
    let wav = dir.join("tone.wav");
    write_tone(&wav);
    let config = format!(
        "module_path /usr/lib/baresip/modules\nsip_listen 127.0.0.1:{sip_port}\n\
         net_interface 127.0.0.1\nrtp_ports {rtp_port}-{}\naudio_source aufile,{}\n\
         module g711.so\nmodule aufile.so\nmodule account.so\nmodule menu.so\n\
         module sndfile.so\nsnd_path {}\n",
        rtp_port + 1,
        wav.display(),
        dir.display()
    );
    std::fs::write(dir.join("config"), config).unwrap();
    std::fs::write(
        dir.join("accounts"),
        format!("<sip:alice@127.0.0.1:{sip_port}>;regint=0;answermode=auto\n"),
    )
    .unwrap();
    std::fs::write(dir.join("contacts"), "").unwrap();
    let mut command = Command::new(require("baresip", "baresip"));
    command.arg("-f").arg(dir).args(["-t", "15"]);
    if let Some(uri) = dial {
        command.args(["-e", &format!("/dial {uri}")]);
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    ChildGuard::spawn("baresip", &mut command)
}

fn local(rtp_port: u16) -> LocalMedia {
    LocalMedia {
        address: "127.0.0.1".parse().unwrap(),
        rtp_port,
        codecs: supported(),
        telephone_event_pt: Some(101),
        session_id: 777,
        session_version: 777,
    }
}

fn receive_sip(socket: &UdpSocket, wanted: impl Fn(&str) -> bool) -> (String, SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buffer = vec![0u8; 65536];
    while Instant::now() < deadline {
        if let Ok((len, from)) = socket.recv_from(&mut buffer) {
            let text = String::from_utf8_lossy(&buffer[..len]).into_owned();
            if wanted(text.lines().next().unwrap_or_default()) {
                return (text, from);
            }
        }
    }
    panic!("no SIP message from baresip within 10 s");
}

fn header<'a>(message: &'a str, name: &str) -> &'a str {
    message
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with(&format!("{}:", name.to_ascii_lowercase()))
        })
        .unwrap_or_else(|| panic!("no {name} header in {message}"))
}

fn body(message: &str) -> &str {
    message
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default()
}

/// Exchange RTP for `seconds` (we send a 1 kHz tone); returns what we heard and our counters.
/// Only the test drives real time and sockets; the stream itself stays sans-IO.
fn run_media(rtp: &UdpSocket, agreed: &Negotiated, seconds: u64) -> (Vec<i16>, StreamStats) {
    let codec = create(&agreed.codec).unwrap();
    let mut stream = MediaStream::new(
        codec,
        StreamConfig {
            ssrc: 0x4841_4e44,
            initial_sequence: 4000,
            initial_timestamp: 123_456,
            telephone_event_pt: agreed.telephone_event_pt,
        },
    );
    rtp.set_nonblocking(true).unwrap();
    let start = Instant::now();
    let frame = stream.ptime();
    let mut heard = Vec::new();
    let mut buffer = vec![0u8; 2048];
    let mut phase = 0usize;
    for tick in 0..(seconds * 1000 / frame.as_millis() as u64) {
        let due = start + frame * tick as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let now = start.elapsed();
        while let Ok((len, _)) = rtp.recv_from(&mut buffer) {
            stream.receive(now, &buffer[..len]);
        }
        let pcm: Vec<i16> = (0..stream.samples_per_frame())
            .map(|_| {
                phase += 1;
                let t = phase as f64 / 8000.0;
                ((2.0 * std::f64::consts::PI * OUR_TONE_HZ * t).sin() * 6000.0) as i16
            })
            .collect();
        let mut packet = Vec::new();
        stream.send_frame(&pcm, &mut packet);
        let _ = rtp.send_to(&packet, agreed.remote_rtp);
        // The jitter buffer plays 10 ms a pull.
        for _ in 0..frame.as_millis() / 10 {
            stream.playout(now, &mut heard);
        }
    }
    (heard, stream.stats())
}

/// The frequency of the loud part of `pcm`, from its zero crossings.
fn dominant_frequency(pcm: &[i16]) -> f64 {
    let loud: Vec<i16> = pcm
        .chunks(160)
        .filter(|frame| frame.iter().map(|&s| f64::from(s).abs()).sum::<f64>() / 160.0 > 2000.0)
        .flatten()
        .copied()
        .collect();
    assert!(loud.len() > 8000, "less than a second of loud audio heard");
    let crossings = loud.windows(2).filter(|w| (w[0] < 0) != (w[1] < 0)).count();
    crossings as f64 / 2.0 / (loud.len() as f64 / 8000.0)
}

fn check_heard(heard: &[i16], stats: &StreamStats) {
    assert_eq!(stats.malformed_packets, 0, "{stats:?}");
    assert_eq!(stats.unknown_payload_types, 0, "{stats:?}");
    assert_eq!(stats.jitter.decode_errors, 0, "{stats:?}");
    assert!(stats.packets_received > 100, "{stats:?}");
    let frequency = dominant_frequency(heard);
    assert!(
        (frequency - TONE_HZ).abs() < 10.0,
        "heard {frequency:.1} Hz instead of {TONE_HZ} Hz"
    );
}

/// baresip's sndfile module writes what it decoded from our RTP to `dump-*-dec.wav`: it must
/// be our 1 kHz tone.
fn check_baresip_heard_us(dir: &Path) {
    std::thread::sleep(Duration::from_millis(300));
    let dump = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.to_string_lossy().ends_with("-dec.wav"))
        .expect("baresip wrote no dump of the audio it received");
    let bytes = std::fs::read(dump).unwrap();
    // The header may not be final while baresip runs: take the samples after the data tag.
    let data_at = bytes.windows(4).position(|w| w == b"data").unwrap() + 8;
    let samples: Vec<i16> = bytes[data_at..]
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    let frequency = dominant_frequency(&samples);
    assert!(
        (frequency - OUR_TONE_HZ).abs() < 10.0,
        "baresip heard {frequency:.1} Hz instead of {OUR_TONE_HZ} Hz"
    );
}

#[test]
fn we_call_baresip_and_audio_flows_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let (sip_port, baresip_rtp) = (free_port_block(2), free_port_block(4));
    let _baresip = start_baresip(dir.path(), sip_port, baresip_rtp, None);
    std::thread::sleep(Duration::from_millis(1500));

    let sip = UdpSocket::bind("127.0.0.1:0").unwrap();
    sip.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let rtp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let our_sip = sip.local_addr().unwrap().port();
    let local = local(rtp.local_addr().unwrap().port());
    let offer = sdp::offer(&local);
    let invite = format!(
        "INVITE sip:alice@127.0.0.1:{sip_port} SIP/2.0\r\n\
         Via: SIP/2.0/UDP 127.0.0.1:{our_sip};branch=z9hG4bK-media-1;rport\r\n\
         Max-Forwards: 70\r\nFrom: <sip:handset@127.0.0.1:{our_sip}>;tag=h1\r\n\
         To: <sip:alice@127.0.0.1:{sip_port}>\r\nCall-ID: media-interop-1@127.0.0.1\r\n\
         CSeq: 1 INVITE\r\nContact: <sip:handset@127.0.0.1:{our_sip}>\r\n\
         Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{offer}",
        offer.len()
    );
    let baresip_sip: SocketAddr = format!("127.0.0.1:{sip_port}").parse().unwrap();
    sip.send_to(invite.as_bytes(), baresip_sip).unwrap();
    let (ok, _) = receive_sip(&sip, |first| first.contains(" 200 "));
    let agreed = sdp::accept_answer(body(&ok), &local).unwrap();
    assert_eq!(agreed.codec.name, "PCMU");
    // baresip picks an even port near its range for RTP; the exact one is its business.
    assert_eq!(agreed.remote_rtp.ip().to_string(), "127.0.0.1");
    let ack = format!(
        "ACK sip:alice@127.0.0.1:{sip_port} SIP/2.0\r\n\
         Via: SIP/2.0/UDP 127.0.0.1:{our_sip};branch=z9hG4bK-media-2;rport\r\n\
         Max-Forwards: 70\r\nFrom: <sip:handset@127.0.0.1:{our_sip}>;tag=h1\r\n{}\r\n\
         Call-ID: media-interop-1@127.0.0.1\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n",
        header(&ok, "To")
    );
    sip.send_to(ack.as_bytes(), baresip_sip).unwrap();

    let (heard, stats) = run_media(&rtp, &agreed, 5);
    check_heard(&heard, &stats);
    check_baresip_heard_us(dir.path());
}

#[test]
fn baresip_calls_us_accepts_our_answer_and_audio_flows_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let sip = UdpSocket::bind("127.0.0.1:0").unwrap();
    sip.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let rtp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let our_sip = sip.local_addr().unwrap().port();
    let (sip_port, baresip_rtp) = (free_port_block(2), free_port_block(4));
    let uri = format!("sip:handset@127.0.0.1:{our_sip}");
    let _baresip = start_baresip(dir.path(), sip_port, baresip_rtp, Some(&uri));

    let (invite, from) = receive_sip(&sip, |first| first.starts_with("INVITE "));
    let local = local(rtp.local_addr().unwrap().port());
    let (answer, agreed) = sdp::answer(body(&invite), &local).unwrap();
    assert_eq!(agreed.codec.name, "PCMU");
    let vias: Vec<&str> = invite
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("via:"))
        .collect();
    let ok = format!(
        "SIP/2.0 200 OK\r\n{}\r\n{}\r\n{};tag=h2\r\n{}\r\n{}\r\n\
         Contact: <sip:handset@127.0.0.1:{our_sip}>\r\nContent-Type: application/sdp\r\n\
         Content-Length: {}\r\n\r\n{answer}",
        vias.join("\r\n"),
        header(&invite, "From"),
        header(&invite, "To"),
        header(&invite, "Call-ID"),
        header(&invite, "CSeq"),
        answer.len()
    );
    sip.send_to(ok.as_bytes(), from).unwrap();
    let _ = receive_sip(&sip, |first| first.starts_with("ACK "));

    // Baresip learnt our RTP port only from our answer: hearing it proves it read the answer.
    let (heard, stats) = run_media(&rtp, &agreed, 5);
    check_heard(&heard, &stats);
    check_baresip_heard_us(dir.path());
}
