//! What the voice processing costs per call: one minute of a far end talking while the
//! microphone hears it back (an echo at 60 ms) and the near end talks too, pushed through
//! `VoiceProcessing` as the media loop does, with each part switched on in turn. Printed as
//! the share of one core the processing takes in real time, at the rates calls run at.

use handset::media::voice_processing::{VoiceProcessing, VoiceSwitches};
use std::time::Instant;

const SECONDS: usize = 60;

fn sine_speech(rate: u32, seconds: usize, freq: f64, syllable_hz: f64) -> Vec<i16> {
    // A tone whose loudness rises and falls a few times a second: speech's envelope without a
    // speech file at every rate.
    (0..rate as usize * seconds)
        .map(|n| {
            let t = n as f64 / f64::from(rate);
            let envelope = (0.5 + 0.5 * (std::f64::consts::TAU * syllable_hz * t).sin()).powi(2);
            (9000.0 * envelope * (std::f64::consts::TAU * freq * t).sin()) as i16
        })
        .collect()
}

fn share_of_a_core(rate: u32, switches: VoiceSwitches) -> Option<f64> {
    let mut voice = VoiceProcessing::new(rate, switches)?;
    voice.set_delay_hint(100);
    let far = sine_speech(rate, SECONDS, 210.0, 3.0);
    let near_talker = sine_speech(rate, SECONDS, 330.0, 2.3);
    let echo_lag = rate as usize * 60 / 1000;
    let frame = rate as usize / 50;
    let mut mic = vec![0i16; frame];
    let started = Instant::now();
    for (at, far_frame) in far.chunks_exact(frame).enumerate() {
        voice.far_end(far_frame);
        for (i, sample) in mic.iter_mut().enumerate() {
            let n = at * frame + i;
            let echo = n.checked_sub(echo_lag).map_or(0, |k| far[k] / 4);
            *sample = echo.saturating_add(near_talker[n] / 2);
        }
        voice.near_end(&mut mic);
    }
    Some(started.elapsed().as_secs_f64() / SECONDS as f64 * 100.0)
}

fn main() {
    let configurations = [
        ("echo cancellation", (true, false, false)),
        ("noise suppression", (false, true, false)),
        ("gain control", (false, false, true)),
        ("all three (the default)", (true, true, true)),
    ];
    println!("voice processing, % of one core in real time ({SECONDS} s of double talk)");
    println!("{:<26} {:>8} {:>8} {:>8}", "", "8 kHz", "16 kHz", "48 kHz");
    for (name, (echo_cancellation, noise_suppression, gain_control)) in configurations {
        let switches = VoiceSwitches {
            echo_cancellation,
            noise_suppression,
            gain_control,
        };
        let shares: Vec<String> = [8_000, 16_000, 48_000]
            .iter()
            .map(|&rate| {
                share_of_a_core(rate, switches).map_or("—".into(), |s| format!("{s:.2}"))
            })
            .collect();
        println!(
            "{:<26} {:>8} {:>8} {:>8}",
            name, shares[0], shares[1], shares[2]
        );
    }
}
