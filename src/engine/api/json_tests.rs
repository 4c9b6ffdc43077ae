//! The JSON lines a script writes and reads for the engine's queries: each shape exactly as
//! documented, and back again unchanged.

use super::*;
use serde_json::{json, Value};

fn command_round_trip(command: Command, expected: Value) {
    assert_eq!(serde_json::to_value(&command).unwrap(), expected);
    let parsed: Command = serde_json::from_value(expected).unwrap();
    assert_eq!(parsed, command);
}

fn event_round_trip(event: Event, expected: Value) {
    assert_eq!(serde_json::to_value(&event).unwrap(), expected);
    let parsed: Event = serde_json::from_value(expected).unwrap();
    assert_eq!(parsed, event);
}

#[test]
fn list_audio_devices_is_a_bare_command() {
    command_round_trip(
        Command::ListAudioDevices,
        json!({"command": "list_audio_devices"}),
    );
    // As a script types it on one line.
    let typed: Command = serde_json::from_str(r#"{"command":"list_audio_devices"}"#).unwrap();
    assert_eq!(typed, Command::ListAudioDevices);
}

#[test]
fn check_certificate_carries_the_path_and_the_request() {
    command_round_trip(
        Command::CheckCertificate {
            path: PathBuf::from("/etc/handset/pbx.pem"),
            request: 7,
        },
        json!({"command": "check_certificate", "path": "/etc/handset/pbx.pem", "request": 7}),
    );
}

#[test]
fn check_certificate_without_a_request_number_is_refused() {
    let missing = serde_json::from_str::<Command>(r#"{"command":"check_certificate","path":"/x"}"#);
    assert!(missing.is_err(), "{missing:?}");
}

#[test]
fn audio_devices_lists_each_device_with_its_direction_and_default_flag() {
    event_round_trip(
        Event::AudioDevices {
            devices: vec![
                AudioDevice {
                    name: "callsink".to_owned(),
                    description: "CallSink".to_owned(),
                    direction: AudioDirection::Output,
                    is_default: false,
                },
                AudioDevice {
                    name: "nullsink.monitor".to_owned(),
                    description: "Monitor of NullSink".to_owned(),
                    direction: AudioDirection::Input,
                    is_default: true,
                },
            ],
        },
        json!({
            "event": "audio_devices",
            "devices": [
                {"name": "callsink", "description": "CallSink",
                 "direction": "output", "is_default": false},
                {"name": "nullsink.monitor", "description": "Monitor of NullSink",
                 "direction": "input", "is_default": true},
            ]
        }),
    );
    event_round_trip(
        Event::AudioDevices {
            devices: Vec::new(),
        },
        json!({"event": "audio_devices", "devices": []}),
    );
}

#[test]
fn certificate_checked_says_usable_or_why_not() {
    event_round_trip(
        Event::CertificateChecked {
            request: 1,
            path: PathBuf::from("/etc/handset/pbx.pem"),
            outcome: CertificateOutcome::Usable,
        },
        json!({
            "event": "certificate_checked",
            "request": 1,
            "path": "/etc/handset/pbx.pem",
            "outcome": {"result": "usable"}
        }),
    );
    event_round_trip(
        Event::CertificateChecked {
            request: 2,
            path: PathBuf::from("/etc/handset/key.pem"),
            outcome: CertificateOutcome::Refused {
                code: "tls.no_pem_certificate".to_owned(),
                detail: "/etc/handset/key.pem".to_owned(),
            },
        },
        json!({
            "event": "certificate_checked",
            "request": 2,
            "path": "/etc/handset/key.pem",
            "outcome": {
                "result": "refused",
                "code": "tls.no_pem_certificate",
                "detail": "/etc/handset/key.pem"
            }
        }),
    );
}
