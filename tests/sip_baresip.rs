//! The user agent against baresip 1.0 over real UDP on loopback, in both directions.
//! Needs baresip (Debian package baresip).

mod support_sim;

use std::path::Path;
use std::time::Duration;

use handset::sip::{EndCause, UaEvent};
use support_sim::socket_driver::{Driver, PeerProcess, SDP};

/// A baresip config dir: SIP on `sip_port`, auto-answer, a tone file as microphone and a
/// bridge device as speaker (no sound card needed).
fn baresip_dir(dir: &Path, sip_port: u16, rtp_ports: &str) {
    let tone = dir.join("tone.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut wav = hound::WavWriter::create(&tone, spec).unwrap();
    for n in 0..8000 * 20 {
        let phase = n as f32 * 440.0 * std::f32::consts::TAU / 8000.0;
        wav.write_sample((phase.sin() * 8000.0) as i16).unwrap();
    }
    wav.finalize().unwrap();
    let config = format!(
        "sip_listen 127.0.0.1:{sip_port}\nnet_interface 127.0.0.1\nrtp_ports {rtp_ports}\n\
module_path /usr/lib/baresip/modules\nmodule g711.so\nmodule aufile.so\nmodule aubridge.so\n\
module account.so\nmodule menu.so\naudio_source aufile,{}\naudio_player aubridge,x\n\
audio_alert aubridge,x\n",
        tone.display()
    );
    std::fs::write(dir.join("config"), config).unwrap();
    std::fs::write(
        dir.join("accounts"),
        format!("<sip:bob@127.0.0.1:{sip_port}>;regint=0;answermode=auto\n"),
    )
    .unwrap();
    std::fs::write(dir.join("contacts"), "").unwrap();
}

fn baresip(dir: &Path, extra: &[&str]) -> PeerProcess {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["-f", dir, "-t", "15"];
    args.extend_from_slice(extra);
    PeerProcess::spawn("baresip", &args, "baresip")
}

#[test]
fn baresip_answers_our_call_and_takes_our_bye() {
    let dir = tempfile::tempdir().unwrap();
    baresip_dir(dir.path(), 15281, "31120-31129");
    let peer = baresip(dir.path(), &[]);
    std::thread::sleep(Duration::from_millis(800));
    let mut driver = Driver::new(15290);
    let now = driver.now();
    let call = driver
        .ua
        .invite(
            now,
            "sip:bob@127.0.0.1:15281",
            ([127, 0, 0, 1], 15281).into(),
            SDP.to_vec(),
        )
        .unwrap();
    let answered = driver.run(Duration::from_secs(8), |_, _, e| {
        matches!(e, UaEvent::Answered { .. } | UaEvent::Ended { .. })
    });
    let answered = answered
        && driver
            .events
            .iter()
            .any(|e| matches!(e, UaEvent::Answered { sdp: Some(_), .. }));
    assert!(answered, "{:?}\n{}", driver.events, peer.kill());
    driver.run(Duration::from_millis(500), |_, _, _| false);
    let now = driver.now();
    driver.ua.hangup(now, call).unwrap();
    driver.run(Duration::from_secs(5), |_, _, e| {
        matches!(e, UaEvent::Ended { .. })
    });
    let output = peer.kill();
    assert_eq!(
        driver.events.last(),
        Some(&UaEvent::Ended {
            call,
            cause: EndCause::LocalHangup
        }),
        "{output}"
    );
    assert!(output.contains("Call established"), "{output}");
}

#[test]
fn baresip_calls_us_and_we_hang_up() {
    let dir = tempfile::tempdir().unwrap();
    baresip_dir(dir.path(), 15285, "31130-31139");
    let mut driver = Driver::new(15294);
    let peer = baresip(dir.path(), &["-e", "/dial sip:handset@127.0.0.1:15294"]);
    let confirmed = driver.run(Duration::from_secs(8), |ua, now, e| match e {
        UaEvent::Incoming { call, .. } => {
            ua.ringing(now, *call).unwrap();
            ua.answer(now, *call, SDP.to_vec()).unwrap();
            false
        }
        UaEvent::Confirmed { .. } => true,
        _ => false,
    });
    assert!(confirmed, "{:?}\n{}", driver.events, peer.kill());
    let Some(UaEvent::Incoming { call, sdp, .. }) = driver.events.first().cloned() else {
        panic!("{:?}", driver.events);
    };
    assert!(sdp.is_some());
    driver.run(Duration::from_millis(500), |_, _, _| false);
    let now = driver.now();
    driver.ua.hangup(now, call).unwrap();
    driver.run(Duration::from_secs(5), |_, _, e| {
        matches!(e, UaEvent::Ended { .. })
    });
    let output = peer.kill();
    assert_eq!(
        driver.events.last(),
        Some(&UaEvent::Ended {
            call,
            cause: EndCause::LocalHangup
        }),
        "{output}"
    );
    assert!(output.contains("Call established"), "{output}");
}
