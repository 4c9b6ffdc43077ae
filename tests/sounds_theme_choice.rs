//! The sound theme the desktop chose rings, ahead of `freedesktop`: GNOME's
//! `org.gnome.desktop.sound theme-name` read through the real gsettings (its keyfile backend,
//! so no session bus or dconf is needed), Plasma's `[Sounds] Theme=` in `kdeglobals`, and,
//! without gsettings, the XDG settings portal's answer (a portal of our own on a private
//! session bus). Each chosen theme lives in the user's `$XDG_DATA_HOME/sounds` and rings a
//! pure tone as a WAV file, which the recording must hold.

mod common;
mod tray_support;

use common::pulse::DEFAULT_SINK;
use common::ringing::{ring, RingSetup, BLOCK};
use common::tone::{sine, tone_blocks};
use common::tools::{require, require_file};
use std::io::Cursor;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tray_support::SessionBus;
use zbus::zvariant::{OwnedValue, Value};

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

/// `org.freedesktop.portal.Settings` as xdg-desktop-portal serves it, for one key.
struct FakePortal {
    theme: String,
    asked: Arc<AtomicUsize>,
}

#[zbus::interface(name = "org.freedesktop.portal.Settings")]
impl FakePortal {
    fn read_one(&self, namespace: &str, key: &str) -> zbus::fdo::Result<OwnedValue> {
        if (namespace, key) != ("org.gnome.desktop.sound", "theme-name") {
            return Err(zbus::fdo::Error::Failed(format!("no {namespace} {key}")));
        }
        self.asked.fetch_add(1, Ordering::SeqCst);
        OwnedValue::try_from(Value::from(self.theme.clone()))
            .map_err(|e| zbus::fdo::Error::Failed(e.to_string()))
    }
}

#[test]
fn without_gsettings_the_theme_the_settings_portal_names_rings() {
    let scratch = common::scratch::Scratch::new("sounds-theme-portal-bus");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let asked = Arc::new(AtomicUsize::new(0));
    let portal = FakePortal {
        theme: "handset-portal-test".to_string(),
        asked: asked.clone(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let _served = runtime.block_on(async {
        zbus::connection::Builder::address(bus.address.as_str())
            .unwrap()
            .serve_at("/org/freedesktop/portal/desktop", portal)
            .unwrap()
            .name("org.freedesktop.portal.Desktop")
            .unwrap()
            .build()
            .await
            .expect("serve the settings portal")
    });
    let env = vec![
        bus.env(),
        // No gsettings to be found, and not Plasma: only the portal can tell.
        (
            "PATH".to_string(),
            scratch.subdir("no-programs").display().to_string(),
        ),
        ("XDG_CURRENT_DESKTOP".to_string(), "GNOME".to_string()),
    ];
    rings_with_tone(
        "sounds-theme-portal",
        env,
        theme_files("handset-portal-test", 1000.0),
        1000.0,
    );
    assert!(
        asked.load(Ordering::SeqCst) >= 1,
        "Handset asked the portal"
    );
}
