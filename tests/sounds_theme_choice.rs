//! The sound theme the desktop chose rings, ahead of `freedesktop`: GNOME's
//! `org.gnome.desktop.sound theme-name` read through the real gsettings (its keyfile backend,
//! so no session bus or dconf is needed), and Plasma's `[Sounds] Theme=` in `kdeglobals`. Each
//! chosen theme lives in the user's `$XDG_DATA_HOME/sounds` and rings a pure tone as a WAV
//! file, which the recording must hold.

mod common;

use common::pulse::DEFAULT_SINK;
use common::ringing::{ring, RingSetup, BLOCK};
use common::tone::{sine, tone_blocks};
use common::tools::{require, require_file};
use std::io::Cursor;
use std::path::Path;
use std::time::Duration;

const RATE: u32 = 8000;

/// A theme folder with `phone-incoming-call.wav`: `tone` Hz for a second, 48 kHz stereo as
/// the Sound Theme Specification recommends.
fn theme_files(theme: &str, tone: f64) -> Vec<(String, Vec<u8>)> {
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 48_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut bytes = Cursor::new(Vec::new());
    let mut writer = hound::WavWriter::new(&mut bytes, spec).unwrap();
    for sample in sine(48_000, tone, 48_000) {
        writer.write_sample(sample).unwrap();
        writer.write_sample(sample).unwrap();
    }
    writer.finalize().unwrap();
    let index = "[Sound Theme]\nName=Test\nComment=A test theme\nInherits=freedesktop\n\
                 Directories=stereo\n\n[stereo]\nOutputProfile=stereo\n";
    vec![
        (format!("data/sounds/{theme}/index.theme"), index.into()),
        (
            format!("data/sounds/{theme}/stereo/phone-incoming-call.wav"),
            bytes.into_inner(),
        ),
    ]
}

fn rings_with_tone(
    label: &str,
    env: Vec<(String, String)>,
    files: Vec<(String, Vec<u8>)>,
    tone: f64,
) {
    // freedesktop is installed too, so the chosen theme has to win over it.
    require_file(
        Path::new("/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga"),
        "sound-theme-freedesktop",
    );
    let mut env = env;
    env.push(("XDG_DATA_DIRS".to_string(), "/usr/share".to_string()));
    env.push(("HANDSET_LOG".to_string(), "warn,handset=info".to_string()));
    let source = format!("{DEFAULT_SINK}.monitor");
    let rang = ring(
        label,
        RingSetup {
            env,
            config: None,
            home_files: files.iter().map(|(p, b)| (p.as_str(), b.clone())).collect(),
            sources: vec![&source],
            // One second of tone and one of pause, whatever the phase.
            ring_for: Duration::from_millis(3000),
        },
    );
    let blocks = tone_blocks(&rang.ringing[0], RATE, tone, BLOCK);
    assert!(
        blocks >= 10,
        "the chosen theme's {tone} Hz ring was heard ({blocks} pure 50 ms blocks); log:\n{}",
        rang.log
    );
    assert!(
        rang.log.contains("phone-incoming-call.wav"),
        "the log names the chosen theme's file:\n{}",
        rang.log
    );
}

#[test]
fn the_theme_chosen_in_gnomes_settings_rings() {
    require("gsettings", "libglib2.0-bin");
    require_file(
        Path::new("/usr/share/glib-2.0/schemas/org.gnome.desktop.sound.gschema.xml"),
        "gsettings-desktop-schemas",
    );
    let mut files = theme_files("handset-gnome-test", 1500.0);
    files.push((
        "config/glib-2.0/settings/keyfile".to_string(),
        b"[org/gnome/desktop/sound]\ntheme-name='handset-gnome-test'\n".to_vec(),
    ));
    let env = vec![
        ("GSETTINGS_BACKEND".to_string(), "keyfile".to_string()),
        ("XDG_CURRENT_DESKTOP".to_string(), "GNOME".to_string()),
    ];
    rings_with_tone("sounds-theme-gnome", env, files, 1500.0);
}

#[test]
fn the_theme_chosen_in_plasmas_settings_rings() {
    let mut files = theme_files("handset-kde-test", 1200.0);
    files.push((
        "config/kdeglobals".to_string(),
        b"[General]\nColorScheme=BreezeLight\n\n[Sounds]\nTheme=handset-kde-test\n".to_vec(),
    ));
    let env = vec![("XDG_CURRENT_DESKTOP".to_string(), "KDE".to_string())];
    rings_with_tone("sounds-theme-kde", env, files, 1200.0);
}
