//! Two engines in one process call each other over loopback with WAV audio: the whole stack
//! from Command to RTP and back, without any outside peer.

mod engine_support;

use engine_support::next_event;
use handset::audio::AudioBackend;
use handset::engine::api::{CallState, Command, Direction, EndReason, Event};
use handset::engine::{self, EngineConfig};
use std::path::Path;
use std::time::Duration;

const RATE: u32 = 8000;

fn write_sweep(path: &Path, seconds: f64) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(path, spec).unwrap();
    let n = (seconds * RATE as f64) as usize;
    // A slow sweep with amplitude changes: unlike a steady tone, it has one clear alignment.
    let mut phase = 0.0f64;
    for i in 0..n {
        let t = i as f64 / RATE as f64;
        let freq = 300.0 + 900.0 * (t * 0.7).sin().abs();
        phase += 2.0 * std::f64::consts::PI * freq / RATE as f64;
        let envelope = 0.3 + 0.2 * (t * 3.1).sin();
        w.write_sample((phase.sin() * envelope * 20000.0) as i16)
            .unwrap();
    }
    w.finalize().unwrap();
}

/// Samples at RATE. Recordings are at the codec's rate (48 kHz when the call runs Opus).
fn read_wav(path: &Path) -> Vec<f64> {
    let mut r = hound::WavReader::open(path).unwrap();
    let rate = r.spec().sample_rate;
    let samples: Vec<i16> = r.samples::<i16>().map(|s| s.unwrap()).collect();
    let mut resampled = Vec::new();
    handset::media::resample::Resampler::new(rate, RATE).process(&samples, &mut resampled);
    resampled.into_iter().map(f64::from).collect()
}

/// The best normalised cross-correlation of `reference` inside `recording`, and its lag.
fn best_correlation(reference: &[f64], recording: &[f64]) -> (f64, usize) {
    let energy = |s: &[f64]| s.iter().map(|x| x * x).sum::<f64>();
    let ref_energy = energy(reference);
    let mut best = (0.0, 0);
    for lag in (0..recording.len().saturating_sub(reference.len())).step_by(4) {
        let window = &recording[lag..lag + reference.len()];
        let dot: f64 = window.iter().zip(reference).map(|(a, b)| a * b).sum();
        let norm = (ref_energy * energy(window)).sqrt();
        if norm > 0.0 && dot / norm > best.0 {
            best = (dot / norm, lag);
        }
    }
    // Refine around the coarse peak.
    let (coarse, around) = best;
    let mut refined = (coarse, around);
    for lag in around.saturating_sub(4)..(around + 4).min(recording.len() - reference.len()) {
        let window = &recording[lag..lag + reference.len()];
        let dot: f64 = window.iter().zip(reference).map(|(a, b)| a * b).sum();
        let norm = (ref_energy * energy(window)).sqrt();
        if norm > 0.0 && dot / norm > refined.0 {
            refined = (dot / norm, lag);
        }
    }
    refined
}

fn config(audio: AudioBackend, auto_answer: bool, user: &str) -> EngineConfig {
    EngineConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        audio,
        auto_answer,
        user: user.to_owned(),
        display_name: None,
        codecs: Vec::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_g711_call_between_two_handsets_carries_audio_both_ways() {
    // G.711 is a waveform coder: the sweep comes through almost unchanged.
    for (who, share) in call_and_compare(&["PCMU"], "PCMU/8000", 0.95).await {
        assert!(
            share >= 0.7,
            "{who} should hear the other side's audio ({:.0} % heard clearly)",
            share * 100.0
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_handsets_agree_on_opus_by_default_and_hear_each_other() {
    // Opus is not a waveform coder: alone it keeps this sweep at a correlation of about 0.94.
    for (who, share) in call_and_compare(&[], "opus/48000", 0.85).await {
        assert!(
            share >= 0.7,
            "{who} should hear the other side's audio ({:.0} % heard clearly)",
            share * 100.0
        );
    }
}

/// Alice calls Bob, each playing the sweep, using `codecs`; returns the share of each side's
/// recording that matches the sweep with a correlation above `clear`.
async fn call_and_compare(
    codecs: &[&str],
    expected_codec: &str,
    clear: f64,
) -> Vec<(&'static str, f64)> {
    let codecs: Vec<String> = codecs.iter().map(|c| c.to_string()).collect();
    let dir = tempfile::tempdir().unwrap();
    let (a_mic, b_mic) = (dir.path().join("a.wav"), dir.path().join("b.wav"));
    let (a_heard, b_heard) = (
        dir.path().join("a-heard.wav"),
        dir.path().join("b-heard.wav"),
    );
    write_sweep(&a_mic, 3.0);
    write_sweep(&b_mic, 3.0);
    let wav = |play: &Path, record: &Path| AudioBackend::Wav {
        play: Some(play.to_owned()),
        record: Some(record.to_owned()),
    };
    let mut alice_config = config(wav(&a_mic, &a_heard), false, "alice");
    alice_config.codecs = codecs.clone();
    let mut bob_config = config(wav(&b_mic, &b_heard), true, "bob");
    bob_config.codecs = codecs;
    let mut alice = engine::start(alice_config).await.unwrap();
    let mut bob = engine::start(bob_config).await.unwrap();
    let target = format!("sip:bob@{}", bob.local_addr);
    alice
        .commands
        .send(Command::Dial {
            target,
            account: None,
        })
        .unwrap();

    let incoming = next_event(&mut bob, |e| matches!(e, Event::IncomingCall { .. })).await;
    let Event::IncomingCall { from, .. } = incoming else {
        unreachable!()
    };
    assert!(from.contains("alice"), "bob sees who calls: {from}");
    let Event::MediaStarted { codec, .. } =
        next_event(&mut alice, |e| matches!(e, Event::MediaStarted { .. })).await
    else {
        unreachable!()
    };
    assert_eq!(codec, expected_codec);
    let established = |e: &Event| {
        matches!(
            e,
            Event::CallState {
                state: CallState::Established,
                ..
            }
        )
    };
    let Event::CallState {
        call, direction, ..
    } = next_event(&mut alice, established).await
    else {
        unreachable!()
    };
    assert_eq!(direction, Direction::Outgoing);
    next_event(&mut bob, established).await;

    tokio::time::sleep(Duration::from_secs(4)).await;
    alice.commands.send(Command::Hangup { call }).unwrap();
    let ended = |e: &Event| matches!(e, Event::CallEnded { .. });
    let Event::CallEnded { reason, .. } = next_event(&mut alice, ended).await else {
        unreachable!()
    };
    assert_eq!(reason, EndReason::LocalHangup);
    let Event::CallEnded { reason, .. } = next_event(&mut bob, ended).await else {
        unreachable!()
    };
    assert_eq!(reason, EndReason::RemoteHangup);

    // The recordings are finished when the call has ended. The jitter buffer may stretch
    // the audio by a few pitch periods to follow its target delay, so each tenth of a second
    // is found in the recording on its own. The score is the share of them heard clearly; a
    // stretch or two may blur the tenth they fall in, more so in a debug build on a busy
    // machine.
    let reference = read_wav(&a_mic);
    let mut scores = Vec::new();
    for (who, heard) in [("bob", &b_heard), ("alice", &a_heard)] {
        let recording = read_wav(heard);
        // From 1 s in: the first second is the buffer finding its delay.
        let pieces: Vec<(f64, i64)> = (8000..22400)
            .step_by(800)
            .map(|start| {
                let (corr, lag) = best_correlation(&reference[start..start + 800], &recording);
                (corr, lag as i64 - start as i64)
            })
            .collect();
        let heard_clearly = pieces.iter().filter(|(corr, _)| *corr > clear).count();
        let share = heard_clearly as f64 / pieces.len() as f64;
        let summary: Vec<String> = pieces
            .iter()
            .map(|(corr, delay)| format!("{corr:.2}@{delay}"))
            .collect();
        println!(
            "{who} heard {:.0} % of the sweep clearly over {expected_codec} \
             (correlation@delay in samples: {})",
            share * 100.0,
            summary.join(" ")
        );
        scores.push((who, share));
    }
    scores
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declining_a_call_tells_the_caller() {
    let mut alice = engine::start(config(AudioBackend::Null, false, "alice"))
        .await
        .unwrap();
    let mut bob = engine::start(config(AudioBackend::Null, false, "bob"))
        .await
        .unwrap();
    let target = format!("sip:bob@{}", bob.local_addr);
    alice
        .commands
        .send(Command::Dial {
            target,
            account: None,
        })
        .unwrap();
    let Event::IncomingCall { call, .. } =
        next_event(&mut bob, |e| matches!(e, Event::IncomingCall { .. })).await
    else {
        unreachable!()
    };
    let ringing = |e: &Event| {
        matches!(
            e,
            Event::CallState {
                state: CallState::Ringing,
                ..
            }
        )
    };
    next_event(&mut alice, ringing).await;
    bob.commands.send(Command::Decline { call }).unwrap();
    let ended = |e: &Event| matches!(e, Event::CallEnded { .. });
    let Event::CallEnded { reason, .. } = next_event(&mut alice, ended).await else {
        unreachable!()
    };
    assert_eq!(
        reason,
        EndReason::Rejected {
            code: 603,
            text: "Decline".into()
        }
    );
    let Event::CallEnded { reason, .. } = next_event(&mut bob, ended).await else {
        unreachable!()
    };
    assert_eq!(reason, EndReason::Declined);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_who_gives_up_is_shown_as_cancelled() {
    let mut alice = engine::start(config(AudioBackend::Null, false, "alice"))
        .await
        .unwrap();
    let mut bob = engine::start(config(AudioBackend::Null, false, "bob"))
        .await
        .unwrap();
    let target = format!("sip:bob@{}", bob.local_addr);
    alice
        .commands
        .send(Command::Dial {
            target,
            account: None,
        })
        .unwrap();
    next_event(&mut bob, |e| matches!(e, Event::IncomingCall { .. })).await;
    let Event::CallState { call, .. } = next_event(&mut alice, |e| {
        matches!(
            e,
            Event::CallState {
                state: CallState::Ringing,
                ..
            }
        )
    })
    .await
    else {
        unreachable!()
    };
    alice.commands.send(Command::Hangup { call }).unwrap();
    let ended = |e: &Event| matches!(e, Event::CallEnded { .. });
    let Event::CallEnded { reason, .. } = next_event(&mut bob, ended).await else {
        unreachable!()
    };
    assert_eq!(reason, EndReason::CallerCancelled);
    let Event::CallEnded { reason, .. } = next_event(&mut alice, ended).await else {
        unreachable!()
    };
    assert_eq!(reason, EndReason::LocalHangup);
}

#[tokio::test]
async fn a_busy_port_is_a_clear_error() {
    let holder = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let mut busy = config(AudioBackend::Null, false, "alice");
    busy.listen = holder.local_addr().unwrap();
    let error = engine::start(busy)
        .await
        .err()
        .expect("binding a taken port must fail");
    let message = error.to_string();
    assert!(message.contains("cannot listen"), "{message}");
    assert!(
        message.contains(&holder.local_addr().unwrap().to_string()),
        "{message}"
    );
}

#[tokio::test]
async fn a_bad_address_ends_the_call_with_a_reason() {
    let mut alice = engine::start(config(AudioBackend::Null, false, "alice"))
        .await
        .unwrap();
    alice
        .commands
        .send(Command::Dial {
            target: "sip:bob@".into(),
            account: None,
        })
        .unwrap();
    let Event::CallEnded { reason, .. } =
        next_event(&mut alice, |e| matches!(e, Event::CallEnded { .. })).await
    else {
        unreachable!()
    };
    assert!(matches!(reason, EndReason::BadTarget { .. }), "{reason:?}");
}
