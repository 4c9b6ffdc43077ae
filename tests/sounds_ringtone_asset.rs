//! The ringtone shipped in `assets/sounds/ringtone.wav` is ours: exactly what our generator
//! writes (`cargo run --example ringtone_wav -- assets/sounds/ringtone.wav` to refresh it).

use handset::audio::ringtone_file::{ringtone_wav, RINGTONE_RATE};
use std::path::Path;

#[test]
fn the_committed_ringtone_is_what_our_generator_writes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sounds/ringtone.wav");
    let committed = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with `cargo run --example ringtone_wav -- {}`",
            path.display(),
            path.display()
        )
    });
    let generated = ringtone_wav().unwrap();
    assert!(
        committed == generated,
        "{} differs from the generator's output; regenerate it with the ringtone_wav example",
        path.display()
    );
}

#[test]
fn the_ringtone_file_is_a_four_second_mono_chime_that_is_never_silent_throughout() {
    let reader = hound::WavReader::new(std::io::Cursor::new(ringtone_wav().unwrap())).unwrap();
    let spec = reader.spec();
    assert_eq!((spec.channels, spec.sample_rate), (1, RINGTONE_RATE));
    let samples: Vec<i16> = reader.into_samples().map(|s| s.unwrap()).collect();
    assert_eq!(samples.len(), 4 * RINGTONE_RATE as usize);
    let peak = samples.iter().map(|s| s.unsigned_abs()).max().unwrap_or(0);
    assert!(peak > 8000, "audible, peak {peak}");
}
