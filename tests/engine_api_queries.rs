//! The engine answers the faces' questions about the machine through Commands and Events
//! alone: which sound devices there are (a private PulseAudio server with null sinks gives it
//! something to list), and whether a file is a trusted certificate a TLS connection can use.
//! In-process through the library API, and as the JSON lines `handset headless` speaks.
//! Needs `pulseaudio` and `pulseaudio-utils`; a missing binary fails the test saying so.

mod common;
mod engine_support;

use common::handset::{args, Handset, SHORT};
use common::pulse::{PrivatePulse, ProcessPulse, CALL_SINK, DEFAULT_SINK};
use common::scratch::Scratch;
use engine_support::{next_event, start_engine};
use handset::config::Settings;
use handset::engine::api::{AudioDevice, AudioDirection, CertificateOutcome, Command, Event};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn good_certificate() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trusted-certificate.pem")
}

fn lists(devices: &[AudioDevice], name: &str, direction: AudioDirection) -> bool {
    devices
        .iter()
        .any(|device| device.name == name && device.direction == direction)
}

#[tokio::test]
async fn the_engine_lists_the_sound_devices_of_the_audio_server() {
    let scratch = Scratch::new("engine-api-devices");
    let _pulse = ProcessPulse::start(scratch.path());
    let mut engine = start_engine(Settings::default(), |_| None).await;
    engine.commands.send(Command::ListAudioDevices).unwrap();
    let Event::AudioDevices { devices } = next_event(&mut engine, |event| {
        matches!(event, Event::AudioDevices { .. })
    })
    .await
    else {
        unreachable!("next_event returns only what was asked for");
    };
    assert!(
        lists(&devices, CALL_SINK, AudioDirection::Output),
        "{devices:?}"
    );
    let monitor = format!("{CALL_SINK}.monitor");
    assert!(
        lists(&devices, &monitor, AudioDirection::Input),
        "{devices:?}"
    );
    let default_output = devices
        .iter()
        .find(|device| device.is_default && device.direction == AudioDirection::Output);
    assert_eq!(
        default_output.map(|device| device.name.as_str()),
        Some(DEFAULT_SINK),
        "{devices:?}"
    );
}

#[tokio::test]
async fn the_engine_checks_certificate_files_as_a_tls_connection_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let not_one = dir.path().join("notes.txt");
    std::fs::write(&not_one, "this is not a certificate\n").unwrap();
    let missing = dir.path().join("no-such.pem");
    let mut engine = start_engine(Settings::default(), |_| None).await;
    for (request, path) in [(1, good_certificate()), (2, not_one.clone()), (3, missing)] {
        engine
            .commands
            .send(Command::CheckCertificate { path, request })
            .unwrap();
    }
    // Each check runs on its own; the answers may come in any order.
    let mut answers = BTreeMap::new();
    while answers.len() < 3 {
        let event = next_event(&mut engine, |event| {
            matches!(event, Event::CertificateChecked { .. })
        })
        .await;
        if let Event::CertificateChecked {
            request,
            path,
            outcome,
        } = event
        {
            answers.insert(request, (path, outcome));
        }
    }
    assert_eq!(
        answers[&1],
        (good_certificate(), CertificateOutcome::Usable)
    );
    assert_eq!(
        answers[&2].1,
        CertificateOutcome::Refused {
            code: "tls.no_pem_certificate".to_owned(),
            detail: not_one.display().to_string(),
        }
    );
    let CertificateOutcome::Refused { code, detail } = &answers[&3].1 else {
        panic!("a missing file cannot be usable: {:?}", answers[&3]);
    };
    assert_eq!(code, "tls.read_trusted_certificate");
    assert!(detail.contains("No such file"), "{detail}");
}

#[test]
fn headless_answers_the_same_questions_as_json_lines() {
    let scratch = Scratch::new("engine-api-headless");
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let launch = args(&["--listen", "127.0.0.1:0", "--audio", "null"]);
    let mut handset = Handset::spawn_with_env(&scratch, &launch, &pulse.env());
    handset.wait_event("ready", SHORT);

    handset.send(json!({"command": "list_audio_devices"}));
    let listed = handset.wait_event("audio_devices", SHORT);
    let devices = listed["devices"].as_array().cloned().unwrap_or_default();
    let call_sink = devices
        .iter()
        .find(|device| device["name"] == CALL_SINK && device["direction"] == "output");
    let call_sink = call_sink.unwrap_or_else(|| panic!("{CALL_SINK} is listed: {listed}"));
    assert!(call_sink["description"].is_string(), "{listed}");
    assert_eq!(call_sink["is_default"], false, "{listed}");

    let path = good_certificate().display().to_string();
    handset.send(json!({"command": "check_certificate", "path": path, "request": 7}));
    let checked = handset.wait_event("certificate_checked", SHORT);
    assert_eq!(
        checked,
        json!({
            "event": "certificate_checked",
            "request": 7,
            "path": path,
            "outcome": {"result": "usable"}
        })
    );

    let key = scratch.join("key.pem");
    std::fs::write(
        &key,
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    )
    .unwrap();
    let key = key.display().to_string();
    handset.send(json!({"command": "check_certificate", "path": key, "request": 8}));
    let refused: Value = handset.wait_event("certificate_checked", SHORT);
    assert_eq!(refused["request"], 8, "{refused}");
    assert_eq!(refused["outcome"]["result"], "refused", "{refused}");
    assert_eq!(
        refused["outcome"]["code"], "tls.no_pem_certificate",
        "{refused}"
    );
    assert_eq!(refused["outcome"]["detail"], key.as_str(), "{refused}");
    assert!(handset.quit().success());
}
