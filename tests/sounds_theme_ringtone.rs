//! The ringtone comes from the desktop's sound theme (freedesktop Sound Theme Specification)
//! when the theme has `phone-incoming-call`, as Debian's sound-theme-freedesktop does; a
//! theme file that cannot be played, or the setting to prefer our own, rings our chime.

mod common;

use common::pulse::DEFAULT_SINK;
use common::ringing::{best_match, loud_blocks, loudest_stretch, ring, RingSetup, BLOCK};
use common::scratch::Scratch;
use common::tone::tone_share;
use common::tools::{require, require_file};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const RATE: u32 = 8000;
const THEME_SOUND: &str = "/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga";

/// The theme's sound decoded by sox (not by Handset), 8 kHz mono.
fn theme_sound_by_sox(scratch: &Scratch) -> Vec<i16> {
    require_file(Path::new(THEME_SOUND), "sound-theme-freedesktop");
    let sox = require("sox", "sox");
    let raw = scratch.join("theme.raw");
    let status = Command::new(sox)
        .arg(THEME_SOUND)
        .args([
            "-t",
            "raw",
            "-r",
            "8000",
            "-c",
            "1",
            "-b",
            "16",
            "-e",
            "signed-integer",
            "-L",
        ])
        .arg(&raw)
        .status()
        .unwrap();
    assert!(
        status.success(),
        "sox decodes the .oga (install libsox-fmt-all if it cannot)"
    );
    std::fs::read(&raw)
        .unwrap()
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect()
}

/// Our chime's loudest half second at 8 kHz.
fn our_chime() -> Vec<i16> {
    loudest_stretch(
        &handset::media::tones::ringtone_cycle(RATE),
        RATE as usize / 2,
    )
}

/// Sound themes only from `path`, and Handset's info lines, which say what rings.
fn data_dirs(path: &Path) -> Vec<(String, String)> {
    vec![
        ("XDG_DATA_DIRS".to_string(), path.display().to_string()),
        ("HANDSET_LOG".to_string(), "warn,handset=info".to_string()),
    ]
}

/// Every note of our chime is heard: E5, G5 and C6.
fn chime_notes_heard(ringing: &[i16]) -> usize {
    [659.26, 783.99, 1046.5]
        .iter()
        .filter(|&&f| {
            ringing
                .chunks_exact(BLOCK)
                .any(|b| b.iter().any(|s| s.unsigned_abs() > 1000) && tone_share(b, RATE, f) > 0.3)
        })
        .count()
}

fn monitor() -> String {
    format!("{DEFAULT_SINK}.monitor")
}

#[test]
fn an_incoming_call_rings_with_the_desktop_themes_phone_incoming_call() {
    let scratch = Scratch::new("sounds-theme-reference");
    let theme = loudest_stretch(&theme_sound_by_sox(&scratch), RATE as usize / 2);
    let source = monitor();
    let rang = ring(
        "sounds-theme",
        RingSetup {
            env: data_dirs(Path::new("/usr/share")),
            config: None,
            home_files: Vec::new(),
            sources: vec![&source],
            // The 1.46 s sound and its 1 s pause, wholly inside whatever the phase.
            ring_for: Duration::from_millis(4500),
        },
    );
    let ringing = &rang.ringing[0];
    let theme_match = best_match(ringing, &theme);
    let chime_match = best_match(ringing, &our_chime());
    eprintln!("match with the theme's sound {theme_match:.3}, with our chime {chime_match:.3}");
    assert!(
        rang.log.contains("ringing with the sound theme's") && rang.log.contains(THEME_SOUND),
        "Handset says it rings with the theme's file:\n{}",
        rang.log
    );
    assert!(
        theme_match > 0.8,
        "the recording holds the theme's phone-incoming-call (correlation {theme_match:.3})"
    );
    assert!(
        chime_match < 0.5,
        "and not our chime (correlation {chime_match:.3})"
    );
    assert_eq!(
        loud_blocks(&rang.after[0]),
        0,
        "the ringing stopped when the caller cancelled"
    );
}

#[test]
fn a_theme_sound_that_cannot_be_decoded_rings_our_own_chime_instead() {
    let scratch = Scratch::new("sounds-theme-broken");
    let index =
        b"[Sound Theme]\nName=Default\nDirectories=stereo\n\n[stereo]\nOutputProfile=stereo\n";
    let source = monitor();
    let rang = ring(
        "sounds-theme-broken-ring",
        RingSetup {
            // Only the user's folder has a theme, and its sound is not Vorbis at all.
            env: data_dirs(&scratch.subdir("no-system-themes")),
            config: None,
            home_files: vec![
                ("data/sounds/freedesktop/index.theme", index.to_vec()),
                (
                    "data/sounds/freedesktop/stereo/phone-incoming-call.oga",
                    b"OggS\0\x02 this is no Vorbis stream".to_vec(),
                ),
            ],
            sources: vec![&source],
            ring_for: Duration::from_millis(4500),
        },
    );
    assert!(
        rang.log.contains("cannot be played"),
        "Handset logs why the theme's sound is not used:\n{}",
        rang.log
    );
    assert_eq!(
        chime_notes_heard(&rang.ringing[0]),
        3,
        "our chime rang instead"
    );
}

#[test]
fn the_setting_to_prefer_our_ringtone_rings_our_chime_despite_the_theme() {
    require_file(Path::new(THEME_SOUND), "sound-theme-freedesktop");
    let source = monitor();
    let rang = ring(
        "sounds-theme-own",
        RingSetup {
            env: data_dirs(Path::new("/usr/share")),
            config: Some("version = 1\n[audio]\nown_ringtone = true\n"),
            home_files: Vec::new(),
            sources: vec![&source],
            ring_for: Duration::from_millis(4500),
        },
    );
    assert_eq!(chime_notes_heard(&rang.ringing[0]), 3, "our chime rang");
    assert!(
        !rang.log.contains("ringing with the sound theme's"),
        "the theme was not even looked at:\n{}",
        rang.log
    );
}
