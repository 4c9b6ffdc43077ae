//! Behaviour of the paced backends (WAV and null) as the engine sees it. The wall clock is only
//! used to sleep; assertions are about content.

use std::f64::consts::PI;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::*;

const RATE: u32 = 8000;
/// Guards against a hang, never a timing assertion: far beyond what any test needs.
const HANG_GUARD: Duration = Duration::from_secs(20);

/// A tone with a phase offset, so that no sample is exactly zero.
fn tone(rate: u32, freq: f64, len: usize) -> Vec<i16> {
    (0..len)
        .map(|n| (8000.0 * (2.0 * PI * freq * n as f64 / f64::from(rate) + PI / 8.0).sin()) as i16)
        .collect()
}

fn read_wav(path: &Path) -> (hound::WavSpec, Vec<i16>) {
    let reader = hound::WavReader::open(path).unwrap();
    let spec = reader.spec();
    let samples = reader.into_samples::<i16>().map(Result::unwrap).collect();
    (spec, samples)
}

/// Energy of `signal` at `freq` relative to its total energy (1.0 for a pure tone).
fn tone_share(signal: &[i16], rate: u32, freq: f64) -> f64 {
    let coeff = 2.0 * (2.0 * PI * freq / f64::from(rate)).cos();
    let (mut s1, mut s2) = (0.0, 0.0);
    for &x in signal {
        let s0 = f64::from(x) + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    let power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    let total: f64 = signal.iter().map(|&x| f64::from(x).powi(2)).sum();
    2.0 * power / (signal.len() as f64 * total.max(1.0))
}

/// Pop capture frames until `want` samples arrived.
fn capture(session: &mut AudioSession, want: usize) -> Vec<i16> {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut frame = [0i16; 160];
    while got.len() < want {
        assert!(started.elapsed() < HANG_GUARD, "capture stalled");
        if session.pop_capture_frame(&mut frame) {
            got.extend_from_slice(&frame);
        } else {
            sleep(Duration::from_millis(10));
        }
    }
    got
}

#[test]
fn recording_holds_what_was_played_with_gaps_as_silence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("speaker.wav");
    let backend = AudioBackend::Wav {
        play: None,
        record: Some(path.clone()),
    };
    let first = tone(RATE, 1000.0, 800);
    let second = tone(RATE, 1000.0, 1200);

    let opened = Instant::now();
    let mut session = AudioSession::open(&backend, RATE).unwrap();
    session.push_playback(&first);
    sleep(Duration::from_millis(400));
    session.push_playback(&second);
    sleep(Duration::from_millis(600));
    let stats = session.stats();
    session.close().unwrap();
    let elapsed = opened.elapsed();

    let (spec, recorded) = read_wav(&path);
    assert_eq!(
        (spec.channels, spec.sample_rate, spec.bits_per_sample),
        (1, RATE, 16)
    );
    // Paced like a sound card: never more than real time, and not far less.
    let real_time = (elapsed.as_secs_f64() * f64::from(RATE)) as usize;
    assert!(
        recorded.len() <= real_time,
        "{} > {real_time}",
        recorded.len()
    );
    assert!(
        recorded.len() >= real_time / 2,
        "{} < {real_time}/2",
        recorded.len()
    );

    // Everything pushed is there, in order, bit for bit; everything else is silence.
    let start = recorded.iter().position(|&s| s != 0).unwrap();
    assert_eq!(recorded[start..start + first.len()], first[..]);
    let after_first = start + first.len();
    let gap = recorded[after_first..]
        .iter()
        .position(|&s| s != 0)
        .unwrap();
    assert!(
        gap > 0,
        "the pause between pushes must be recorded as silence"
    );
    let second_start = after_first + gap;
    assert_eq!(
        recorded[second_start..second_start + second.len()],
        second[..]
    );
    assert!(recorded[..start].iter().all(|&s| s == 0));
    assert!(recorded[second_start + second.len()..]
        .iter()
        .all(|&s| s == 0));
    assert!(stats.playback_underruns >= 1, "the gap is an underrun");
}

#[test]
fn wav_file_plays_as_the_microphone_then_silence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mic.wav");
    // 16 kHz stereo: the session must mix it down and resample it to 8 kHz.
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 16000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(&path, spec).unwrap();
    for sample in tone(16000, 1000.0, 3200) {
        writer.write_sample(sample).unwrap();
        writer.write_sample(sample).unwrap();
    }
    writer.finalize().unwrap();

    let backend = AudioBackend::Wav {
        play: Some(path),
        record: None,
    };
    let mut session = AudioSession::open(&backend, RATE).unwrap();
    let captured = capture(&mut session, 4800);
    session.close().unwrap();

    // 200 ms of tone, then silence.
    let speech = &captured[100..1500];
    assert!(tone_share(speech, RATE, 1000.0) > 0.95);
    let level = speech.iter().map(|&s| s.unsigned_abs()).max().unwrap();
    assert!((7000..=8500).contains(&level), "level {level}");
    assert!(captured[1650..].iter().all(|&s| s == 0));
}

#[test]
fn dropping_a_session_still_finalises_the_recording() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.wav");
    let backend = AudioBackend::Wav {
        play: None,
        record: Some(path.clone()),
    };
    let mut session = AudioSession::open(&backend, RATE).unwrap();
    session.push_playback(&tone(RATE, 1000.0, 400));
    sleep(Duration::from_millis(200));
    drop(session);
    let (_, recorded) = read_wav(&path);
    assert!(recorded.iter().filter(|&&s| s != 0).count() == 400);
}

#[test]
fn missing_play_file_fails_at_open_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.wav");
    let backend = AudioBackend::Wav {
        play: Some(missing.clone()),
        record: None,
    };
    let error = AudioSession::open(&backend, RATE).err().unwrap();
    assert!(matches!(&error, AudioError::WavFile { path, .. } if *path == missing));
    assert!(error.to_string().contains("nope.wav"), "{error}");
}

#[test]
fn a_file_that_is_not_wav_fails_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.wav");
    std::fs::write(&text, "not audio at all").unwrap();
    let backend = AudioBackend::Wav {
        play: Some(text.clone()),
        record: None,
    };
    let error = AudioSession::open(&backend, RATE).err().unwrap();
    assert!(matches!(&error, AudioError::WavFile { path, .. } if *path == text));
}

#[test]
fn unwritable_record_path_fails_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("no-such-dir").join("out.wav");
    let backend = AudioBackend::Wav {
        play: None,
        record: Some(bad.clone()),
    };
    let error = AudioSession::open(&backend, RATE).err().unwrap();
    assert!(matches!(&error, AudioError::WavFile { path, .. } if *path == bad));
    assert!(error.to_string().contains("out.wav"), "{error}");
}

#[test]
fn null_backend_captures_silence_and_consumes_playback() {
    let mut session = AudioSession::open(&AudioBackend::Null, RATE).unwrap();
    session.push_playback(&tone(RATE, 1000.0, 800));
    assert!(session.playback_queued() > 0);
    let captured = capture(&mut session, 1600);
    assert!(captured.iter().all(|&s| s == 0));
    let started = Instant::now();
    while session.playback_queued() > 0 {
        assert!(started.elapsed() < HANG_GUARD, "playback never drained");
        sleep(Duration::from_millis(10));
    }
    assert_eq!(session.stats().playback_overflows, 0);
    session.close().unwrap();
}

#[test]
fn a_zero_sample_rate_is_refused() {
    assert!(AudioSession::open(&AudioBackend::Null, 0).is_err());
}

#[test]
fn a_session_can_move_to_the_engine_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<AudioSession>();
}

#[test]
fn a_failing_recording_is_reported_at_close_without_stopping_capture() {
    // /dev/full accepts the open and fails every write: "disk full".
    let full = std::path::PathBuf::from("/dev/full");
    let backend = AudioBackend::Wav {
        play: None,
        record: Some(full.clone()),
    };
    let mut session = AudioSession::open(&backend, RATE).unwrap();
    session.push_playback(&tone(RATE, 1000.0, 8000));
    let captured = capture(&mut session, 8000);
    assert_eq!(captured.len(), 8000, "the microphone kept going");
    let error = session.close().err().unwrap();
    assert!(matches!(&error, AudioError::WavFile { path, .. } if *path == full));
}
