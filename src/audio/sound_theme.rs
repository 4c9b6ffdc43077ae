//! The desktop's sound theme on this machine: its name (GNOME's setting), its folders (the
//! XDG variables) and its `phone-incoming-call` sound, decoded. The search itself is the pure
//! `media::sound_theme`.

use super::sound_file::{self, Pcm};
use crate::media::sound_theme::{self, Found, Lookup, ThemeFiles};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// gsettings answers in milliseconds; a hung one must not hold the ringer up.
const GSETTINGS_LIMIT: Duration = Duration::from_secs(2);

/// The real file system.
pub struct DiskFiles;

impl ThemeFiles for DiskFiles {
    fn read_text(&self, path: &Path) -> Option<String> {
        // index.theme files are a few hundred bytes; a huge one is not a theme index.
        let size = std::fs::metadata(path).ok()?.len();
        if size > 1 << 20 {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// The theme the desktop chose: Plasma's from `kdeglobals` on KDE, else GNOME's
/// `org.gnome.desktop.sound theme-name` when gsettings has it. `None`: ask the settings
/// portal (`sound_theme_portal.rs`), then take `freedesktop`. Blocks: call it off the runtime.
pub fn configured_theme_name() -> Option<String> {
    let on_kde = std::env::var("XDG_CURRENT_DESKTOP")
        .is_ok_and(|desktops| desktops.split(':').any(|d| d.eq_ignore_ascii_case("KDE")));
    on_kde
        .then(kde_theme_name)
        .flatten()
        .or_else(gsettings_theme_name)
}

/// `[Sounds] Theme=` from the user's `kdeglobals`, then the system's.
fn kde_theme_name() -> Option<String> {
    let var = |name| std::env::var(name).ok().filter(|v| v.starts_with('/'));
    let user = var("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(".config")));
    let system = var("XDG_CONFIG_DIRS").unwrap_or_else(|| "/etc/xdg".to_string());
    let folders = user.into_iter().chain(
        system
            .split(':')
            .filter(|d| d.starts_with('/'))
            .map(PathBuf::from),
    );
    folders
        .filter_map(|folder| DiskFiles.read_text(&folder.join("kdeglobals")))
        .find_map(|text| sound_theme::parse_kdeglobals_theme(&text))
}

fn gsettings_theme_name() -> Option<String> {
    let mut child = Command::new("gsettings")
        .args(["get", "org.gnome.desktop.sound", "theme-name"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + GSETTINGS_LIMIT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(None) => {
                tracing::debug!("gsettings did not answer; using the default sound theme");
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(Some(_)) | Err(_) => return None,
        }
    }
    let mut output = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take()?, &mut output).ok()?;
    sound_theme::parse_gsettings_string(&output)
}

/// `$XDG_DATA_HOME/sounds` and `$XDG_DATA_DIRS/sounds` from this process's environment.
pub fn base_dirs_from_env() -> Vec<PathBuf> {
    let var = |name| std::env::var(name).ok();
    sound_theme::base_dirs(
        var("XDG_DATA_HOME").as_deref(),
        var("HOME").as_deref(),
        var("XDG_DATA_DIRS").as_deref(),
    )
}

/// `LC_MESSAGES` as POSIX resolves it: `LC_ALL`, then `LC_MESSAGES`, then `LANG`.
fn messages_locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
}

/// Where the theme's `phone-incoming-call` is, if it has one.
pub fn find_incoming_call_sound(theme: &str, base_dirs: &[PathBuf]) -> Found {
    let locale = messages_locale();
    Lookup {
        base_dirs,
        theme,
        output_profile: sound_theme::STEREO,
        locale: locale.as_deref(),
    }
    .find(&DiskFiles, sound_theme::PHONE_INCOMING_CALL)
}

/// The ring of `theme` (or of its parents, or `freedesktop`), decoded; `None` (with a log
/// line saying why) means our own ringtone plays. Blocks on the disk: call it off the async
/// runtime.
pub fn load_theme_ringtone(theme: &str) -> Option<Pcm> {
    let started = Instant::now();
    let dirs = base_dirs_from_env();
    match find_incoming_call_sound(theme, &dirs) {
        Found::File(path) => match sound_file::decode_file(&path) {
            Ok(pcm) => {
                tracing::info!(
                    "ringing with the sound theme's {} ({} Hz, {:.1} s; found and decoded in {} ms)",
                    path.display(),
                    pcm.rate,
                    pcm.samples.len() as f64 / f64::from(pcm.rate),
                    started.elapsed().as_millis()
                );
                Some(pcm)
            }
            Err(e) => {
                tracing::warn!(
                    "the sound theme's {} cannot be played ({e}); ringing with our own ringtone",
                    path.display()
                );
                None
            }
        },
        Found::Disabled => {
            tracing::info!(
                "sound theme {theme} disables {}; ringing with our own ringtone",
                sound_theme::PHONE_INCOMING_CALL
            );
            None
        }
        Found::Missing => {
            tracing::info!(
                "no {} in sound theme {theme}; ringing with our own ringtone",
                sound_theme::PHONE_INCOMING_CALL
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, relative: &str, bytes: &[u8]) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    const INDEX: &str =
        "[Sound Theme]\nName=T\nDirectories=stereo\n[stereo]\nOutputProfile=stereo\n";

    #[test]
    fn a_theme_on_disk_is_found_through_inheritance_and_the_user_folder() {
        let home = tempfile::tempdir().unwrap();
        let system = tempfile::tempdir().unwrap();
        let child = "[Sound Theme]\nName=C\nInherits=parent\nDirectories=stereo\n[stereo]\nOutputProfile=stereo\n";
        write(system.path(), "sounds/child/index.theme", child.as_bytes());
        write(system.path(), "sounds/parent/index.theme", INDEX.as_bytes());
        write(
            system.path(),
            "sounds/parent/stereo/phone-incoming-call.oga",
            b"x",
        );
        write(
            system.path(),
            "sounds/freedesktop/index.theme",
            INDEX.as_bytes(),
        );
        write(
            system.path(),
            "sounds/freedesktop/stereo/phone-incoming-call.oga",
            b"y",
        );
        let dirs = sound_theme::base_dirs(
            Some(&home.path().display().to_string()),
            None,
            Some(&system.path().display().to_string()),
        );
        assert_eq!(
            find_incoming_call_sound("child", &dirs),
            Found::File(
                system
                    .path()
                    .join("sounds/parent/stereo/phone-incoming-call.oga")
            )
        );
        // The user's copy of the parent's sound overrides the system one.
        write(
            home.path(),
            "sounds/parent/stereo/phone-incoming-call.wav",
            b"z",
        );
        assert_eq!(
            find_incoming_call_sound("child", &dirs),
            Found::File(
                home.path()
                    .join("sounds/parent/stereo/phone-incoming-call.wav")
            )
        );
    }

    #[test]
    fn a_folder_named_like_the_sound_is_not_taken_for_it() {
        let system = tempfile::tempdir().unwrap();
        write(
            system.path(),
            "sounds/freedesktop/index.theme",
            INDEX.as_bytes(),
        );
        std::fs::create_dir_all(
            system
                .path()
                .join("sounds/freedesktop/stereo/phone-incoming-call.oga"),
        )
        .unwrap();
        let dirs = vec![system.path().join("sounds")];
        assert_eq!(
            find_incoming_call_sound("freedesktop", &dirs),
            Found::Missing
        );
    }

    #[test]
    fn an_undecodable_theme_file_is_an_error_to_fall_back_from() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phone-incoming-call.oga");
        std::fs::write(&path, b"OggS but not really").unwrap();
        assert!(sound_file::decode_file(&path).is_err());
        assert!(sound_file::decode_file(&dir.path().join("missing.oga")).is_err());
    }
}
