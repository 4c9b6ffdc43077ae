//! With "ring on every output device" (Settings → Audio) an incoming call rings on each sound
//! card at once, here two PulseAudio null sinks, and all of them stop when the caller gives
//! up; without it only the ringer device rings.

mod common;

use common::pulse::{CALL_SINK, DEFAULT_SINK};
use common::ringing::{loud_blocks, ring, Rang, RingSetup};
use common::scratch::Scratch;
use std::time::Duration;

fn ring_both_sinks(label: &str, config: &str) -> Rang {
    let scratch = Scratch::new(label);
    let default = format!("{DEFAULT_SINK}.monitor");
    let call = format!("{CALL_SINK}.monitor");
    ring(
        &format!("{label}-ring"),
        RingSetup {
            // No sound theme: our chime, whatever the machine has installed.
            env: vec![
                (
                    "XDG_DATA_DIRS".to_string(),
                    scratch.subdir("no-themes").display().to_string(),
                ),
                // Its info lines name the devices it rings on.
                ("HANDSET_LOG".to_string(), "warn,handset=info".to_string()),
            ],
            config: Some(config),
            home_files: Vec::new(),
            sources: vec![&default, &call],
            ring_for: Duration::from_millis(4500),
        },
    )
}

#[test]
fn every_output_device_rings_when_the_setting_is_on_and_all_stop_together() {
    let rang = ring_both_sinks(
        "sounds-every-output",
        "version = 1\n[audio]\nring_every_output = true\n",
    );
    for (sink, ringing) in [DEFAULT_SINK, CALL_SINK].iter().zip(&rang.ringing) {
        let loud = loud_blocks(ringing);
        assert!(
            loud >= 20,
            "{sink} rang ({loud} loud 50 ms blocks); log:\n{}",
            rang.log
        );
    }
    let devices = rang
        .log
        .lines()
        .find_map(|line| line.split("ringing on every output device: ").nth(1))
        .unwrap_or_else(|| panic!("Handset names the devices it rings on:\n{}", rang.log));
    let mut named: Vec<&str> = devices.split(", ").map(str::trim).collect();
    named.sort_unstable();
    assert_eq!(named, [CALL_SINK, DEFAULT_SINK], "each sink once");
    for (sink, after) in [DEFAULT_SINK, CALL_SINK].iter().zip(&rang.after) {
        assert_eq!(
            loud_blocks(after),
            0,
            "{sink} stopped when the caller cancelled"
        );
    }
}

#[test]
fn only_the_ringer_device_rings_when_the_setting_is_off() {
    let rang = ring_both_sinks("sounds-one-output", "version = 1\n[audio]\n");
    assert!(loud_blocks(&rang.ringing[0]) >= 20, "{DEFAULT_SINK} rang");
    assert_eq!(loud_blocks(&rang.ringing[1]), 0, "{CALL_SINK} stayed quiet");
}
