//! An incoming call ringing on a private PulseAudio server: one Handset (`--audio device`)
//! is called by another, the sinks' monitors are recorded while it rings and again after the
//! caller gave up. For the ringtone tests (`tests/sounds_*`).

use super::handset::{args, call_id, Handset, SHORT};
use super::pulse::PrivatePulse;
use super::scratch::Scratch;
use std::time::Duration;

/// What a ring sounded like.
pub struct Rang {
    /// Per recorded source, 8 kHz mono while the call rang.
    pub ringing: Vec<Vec<i16>>,
    /// Per recorded source, after the caller cancelled.
    pub after: Vec<Vec<i16>>,
    /// The called Handset's log.
    pub log: String,
}

/// How the called Handset is set up.
pub struct RingSetup<'a> {
    /// Extra environment for the called Handset (`XDG_DATA_DIRS` picks the sound themes).
    pub env: Vec<(String, String)>,
    /// `config.toml` text for the called Handset (given with `--config`), if any.
    pub config: Option<&'a str>,
    /// Files to put in the called Handset's home: (path relative to it, bytes). Its
    /// `XDG_DATA_HOME` is `data`, its `XDG_CONFIG_HOME` is `config`.
    pub home_files: Vec<(&'a str, Vec<u8>)>,
    /// Sink monitors to record, e.g. `nullsink.monitor`.
    pub sources: Vec<&'a str>,
    /// How long to record the ring.
    pub ring_for: Duration,
}

/// Ring the Handset set up by `setup` and record what its sinks played.
pub fn ring(label: &str, setup: RingSetup) -> Rang {
    let scratch = Scratch::new(label);
    let pulse = PrivatePulse::start(&scratch.subdir("pulse"));
    let home = scratch.subdir("handset-home");
    let mut arguments = vec!["--listen", "127.0.0.1:0", "--audio", "device"];
    let config_dir = home.join("config/handset");
    let config_arg = config_dir.display().to_string();
    if let Some(config) = setup.config {
        std::fs::create_dir_all(&config_dir).unwrap();
        std::fs::write(config_dir.join("config.toml"), config).unwrap();
        arguments.extend(["--config", &config_arg]);
    }
    for (relative, bytes) in &setup.home_files {
        let path = home.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let mut env = pulse.env();
    env.extend(setup.env.iter().cloned());
    let mut callee = Handset::spawn_with_env(&scratch, &args(&arguments), &env);
    let ready = callee.wait_event("ready", SHORT);
    let contact = ready["contact"]
        .as_str()
        .unwrap_or_else(|| panic!("`ready` carries our contact: {ready}"))
        .to_owned();
    let caller_scratch = Scratch::new(&format!("{label}-caller"));
    let (mut caller, _) = Handset::start_on_loopback(&caller_scratch, &["--audio", "null"]);

    let recorders: Vec<_> = setup.sources.iter().map(|s| pulse.record(s)).collect();
    // parec needs a moment to connect.
    std::thread::sleep(Duration::from_secs(1));
    caller.dial(&contact);
    let calling = caller.wait_call_state("ringing", SHORT);
    callee.wait_event("incoming_call", SHORT);
    std::thread::sleep(setup.ring_for);
    let ringing = recorders.into_iter().map(|r| r.finish()).collect();

    caller.hangup(call_id(&calling));
    let ended = callee.wait_call_ended(SHORT);
    assert_eq!(ended["reason"], "caller_cancelled", "{ended}");
    let recorders: Vec<_> = setup.sources.iter().map(|s| pulse.record(s)).collect();
    std::thread::sleep(Duration::from_millis(2500));
    let after = recorders.into_iter().map(|r| r.finish()).collect();
    assert!(callee.quit().success());
    assert!(caller.quit().success());
    Rang {
        ringing,
        after,
        log: callee.stderr_text(),
    }
}

/// 50 ms blocks at 8 kHz.
pub const BLOCK: usize = 400;

/// Blocks of `samples` with a clearly audible sound.
pub fn loud_blocks(samples: &[i16]) -> usize {
    samples
        .chunks_exact(BLOCK)
        .filter(|b| b.iter().any(|s| s.unsigned_abs() > 1000))
        .count()
}

/// How closely `recording` contains `reference` somewhere: the highest normalised
/// cross-correlation over every alignment, 1.0 for an exact (scaled) copy, near 0 for an
/// unrelated sound.
pub fn best_match(recording: &[i16], reference: &[i16]) -> f64 {
    let n = reference.len();
    if n == 0 || recording.len() < n {
        return 0.0;
    }
    let x: Vec<f32> = reference.iter().map(|&s| f32::from(s)).collect();
    let r: Vec<f32> = recording.iter().map(|&s| f32::from(s)).collect();
    let x_energy: f64 = x.iter().map(|&v| f64::from(v * v)).sum();
    let mut best = 0.0f64;
    let mut r_energy: f64 = r[..n].iter().map(|&v| f64::from(v * v)).sum();
    for lag in 0..=r.len() - n {
        if lag > 0 {
            r_energy +=
                f64::from(r[lag + n - 1] * r[lag + n - 1]) - f64::from(r[lag - 1] * r[lag - 1]);
        }
        let dot: f32 = r[lag..lag + n].iter().zip(&x).map(|(a, b)| a * b).sum();
        let norm = (x_energy * r_energy.max(1.0)).sqrt();
        best = best.max(f64::from(dot) / norm);
    }
    best
}

/// The loudest `len` samples of `sound` (by energy), to look for in a recording.
pub fn loudest_stretch(sound: &[i16], len: usize) -> Vec<i16> {
    if sound.len() <= len {
        return sound.to_vec();
    }
    let energy = |s: &[i16]| s.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>();
    let start = (0..=sound.len() - len)
        .step_by(BLOCK / 4)
        .max_by(|&a, &b| energy(&sound[a..a + len]).total_cmp(&energy(&sound[b..b + len])))
        .unwrap_or(0);
    sound[start..start + len].to_vec()
}
