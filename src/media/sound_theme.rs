//! Finding a sound by name in the desktop's sound theme, after the freedesktop Sound Theme
//! Specification (0.8) and Sound Naming Specification.
//!
//! The search is pure: the driver passes the base directories, the theme name, the locale and
//! a [`ThemeFiles`] that answers "is there such a file" and "what does this index.theme say".
//!
//! Order, most wanted first:
//! 1. the sound's full name, then the name cut at its last `-`, again and again
//!    (`phone-incoming-call`, `phone-incoming`, `phone`), as the lookup section asks;
//! 2. for each name, the chosen theme, its `Inherits=` parents depth first, and `freedesktop`
//!    last (added when no theme in the chain names it);
//! 3. in a theme, its `Directories=` whose `OutputProfile=` is the wanted one, then `stereo`;
//! 4. each base directory in turn (a theme may be spread over several);
//! 5. the locale (`de_AT@euro`, `de_AT`, `de`, `C`), then no locale;
//! 6. the extensions `disabled`, `oga`, `ogg`, `wav`. A `.disabled` file ends the search
//!    with no sound: the theme wants silence for that event.
//!
//! After all themes, an unthemed `NAME.EXT` right in a base directory is the last fallback.

use std::path::{Path, PathBuf};

/// The sound a phone rings with (Sound Naming Specification, "Action sounds").
pub const PHONE_INCOMING_CALL: &str = "phone-incoming-call";
/// The theme every implementation falls back to, and the default when the desktop names none.
pub const DEFAULT_THEME: &str = "freedesktop";
/// The output profile a phone's ringer is played in.
pub const STEREO: &str = "stereo";

/// Playable extensions in the spec's order (`.oga` is preferred over the older `.ogg`).
const EXTENSIONS: &[&str] = &["oga", "ogg", "wav"];
const DISABLED: &str = "disabled";
/// Inheritance chains longer than this are cut, so a cycle or a huge chain costs little.
const MAX_THEMES: usize = 16;

/// What the lookup needs to know about the file system.
pub trait ThemeFiles {
    /// The text of a file, or `None` when it is missing or unreadable.
    fn read_text(&self, path: &Path) -> Option<String>;
    /// Whether a regular file (or a link to one) is there.
    fn is_file(&self, path: &Path) -> bool;
}

/// The result of a lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Play this file.
    File(PathBuf),
    /// The theme disables this sound (a `.disabled` file).
    Disabled,
    /// No theme and no base directory has the sound.
    Missing,
}

/// One lookup's inputs.
#[derive(Debug, Clone)]
pub struct Lookup<'a> {
    /// Where themes live, most important first (see [`base_dirs`]).
    pub base_dirs: &'a [PathBuf],
    /// The desktop's theme name; an invalid one is replaced by [`DEFAULT_THEME`].
    pub theme: &'a str,
    pub output_profile: &'a str,
    /// `LC_MESSAGES` as the environment gives it (`de_AT.UTF-8@euro`), if any.
    pub locale: Option<&'a str>,
}

impl Lookup<'_> {
    /// Look `name` up.
    pub fn find(&self, files: &dyn ThemeFiles, name: &str) -> Found {
        let chain = self.theme_chain(files);
        let locales = locale_variants(self.locale);
        let profiles = profiles(self.output_profile);
        for name in name_variants(name) {
            for theme in &chain {
                for directory in theme.directories_for(&profiles) {
                    if let Some(found) = self.in_directory(files, theme, directory, &locales, name)
                    {
                        return found;
                    }
                }
            }
        }
        self.unthemed(files, name)
    }

    fn in_directory(
        &self,
        files: &dyn ThemeFiles,
        theme: &ThemeIndex,
        directory: &str,
        locales: &[String],
        name: &str,
    ) -> Option<Found> {
        for base in self.base_dirs {
            let folder = base.join(&theme.name).join(directory);
            let localized = locales.iter().map(|l| folder.join(l));
            for candidate in localized.chain(std::iter::once(folder.clone())) {
                if let Some(found) = with_extensions(files, &candidate, name) {
                    return Some(found);
                }
            }
        }
        None
    }

    fn unthemed(&self, files: &dyn ThemeFiles, name: &str) -> Found {
        for name in name_variants(name) {
            for base in self.base_dirs {
                if let Some(found) = with_extensions(files, base, name) {
                    return found;
                }
            }
        }
        Found::Missing
    }

    /// The chosen theme, its parents depth first, and `freedesktop` last; each once.
    fn theme_chain(&self, files: &dyn ThemeFiles) -> Vec<ThemeIndex> {
        let first = if valid_theme_name(self.theme) {
            self.theme
        } else {
            DEFAULT_THEME
        };
        let mut chain: Vec<ThemeIndex> = Vec::new();
        let mut pending = vec![first.to_string()];
        while let Some(name) = pending.pop() {
            if chain.len() >= MAX_THEMES {
                break;
            }
            if chain.iter().any(|t| t.name == name) || !valid_theme_name(&name) {
                continue;
            }
            let Some(index) = self.read_index(files, &name) else {
                continue;
            };
            // Parents are pushed in reverse so the first-named parent is searched first.
            pending.extend(index.inherits.iter().rev().cloned());
            chain.push(index);
        }
        if let Some(at) = chain.iter().position(|t| t.name == DEFAULT_THEME) {
            let default = chain.remove(at);
            chain.push(default);
        } else if let Some(default) = self.read_index(files, DEFAULT_THEME) {
            chain.push(default);
        }
        chain
    }

    /// The first `index.theme` of `theme` found in the base directories.
    fn read_index(&self, files: &dyn ThemeFiles, theme: &str) -> Option<ThemeIndex> {
        self.base_dirs.iter().find_map(|base| {
            let text = files.read_text(&base.join(theme).join("index.theme"))?;
            Some(ThemeIndex::parse(theme, &text))
        })
    }
}

fn with_extensions(files: &dyn ThemeFiles, folder: &Path, name: &str) -> Option<Found> {
    if files.is_file(&folder.join(format!("{name}.{DISABLED}"))) {
        return Some(Found::Disabled);
    }
    EXTENSIONS
        .iter()
        .map(|ext| folder.join(format!("{name}.{ext}")))
        .find(|path| files.is_file(path))
        .map(Found::File)
}

/// The wanted profile, then `stereo`, each once.
fn profiles(wanted: &str) -> Vec<&str> {
    let mut list = vec![wanted];
    if wanted != STEREO {
        list.push(STEREO);
    }
    list
}

/// `a-b-c`, `a-b`, `a`.
fn name_variants(name: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(name), |n| n.rsplit_once('-').map(|(head, _)| head))
        .filter(|n| !n.is_empty())
}

/// `de_AT.UTF-8@euro` gives `de_AT@euro`, `de_AT`, `de`, `C`; no locale (or `C`/`POSIX`) gives `C`.
pub fn locale_variants(locale: Option<&str>) -> Vec<String> {
    let mut list: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if valid_path_part(s) && !list.iter().any(|l| l == s) {
            list.push(s.to_string());
        }
    };
    if let Some(locale) = locale.filter(|l| !l.is_empty() && *l != "C" && *l != "POSIX") {
        // The codeset (`.UTF-8`) names no language; drop it, keep a modifier.
        let (main, modifier) = match locale.split_once('@') {
            Some((main, modifier)) => (main, Some(modifier)),
            None => (locale, None),
        };
        let main = main.split('.').next().unwrap_or(main);
        if let Some(modifier) = modifier {
            push(&format!("{main}@{modifier}"));
        }
        push(main);
        if let Some((language, _)) = main.split_once('_') {
            push(language);
        }
    }
    push("C");
    list
}

/// Theme names are ASCII without comma or space (the spec), and must stay one path component.
pub fn valid_theme_name(name: &str) -> bool {
    valid_path_part(name) && !name.contains([',', ' '])
}

fn valid_path_part(part: &str) -> bool {
    !part.is_empty()
        && part != "."
        && part != ".."
        && part.is_ascii()
        && !part.contains(['/', '\\', '\0'])
        && !part.chars().any(|c| c.is_ascii_control())
}

/// The parts of an `index.theme` the lookup uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeIndex {
    pub name: String,
    pub inherits: Vec<String>,
    /// `Directories=` with each one's `OutputProfile=` (`None` when its section lacks one).
    pub directories: Vec<(String, Option<String>)>,
}

impl ThemeIndex {
    /// Parse the ini-style file; unknown groups and keys are ignored, bad lines skipped.
    pub fn parse(name: &str, text: &str) -> ThemeIndex {
        let mut group = String::new();
        let mut inherits = Vec::new();
        let mut directories: Vec<(String, Option<String>)> = Vec::new();
        let mut profiles: Vec<(String, String)> = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                group = inner.to_string();
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let (key, value) = (key.trim(), value.trim());
            match (group.as_str(), key) {
                ("Sound Theme", "Inherits") => inherits = list(value),
                ("Sound Theme", "Directories") => {
                    directories = list(value).into_iter().map(|d| (d, None)).collect();
                }
                (section, "OutputProfile") if section != "Sound Theme" => {
                    profiles.push((section.to_string(), value.to_string()));
                }
                _ => {}
            }
        }
        for (directory, profile) in &mut directories {
            *profile = profiles
                .iter()
                .find(|(section, _)| section == directory)
                .map(|(_, p)| p.clone());
        }
        directories.retain(|(d, _)| d.split('/').all(valid_path_part));
        ThemeIndex {
            name: name.to_string(),
            inherits,
            directories,
        }
    }

    /// Directories for the first profile that has any, in the order of `profiles`.
    fn directories_for<'a>(&'a self, profiles: &[&str]) -> impl Iterator<Item = &'a str> {
        let mut picked: Vec<&'a str> = Vec::new();
        for profile in profiles {
            for (directory, own) in &self.directories {
                if own.as_deref() == Some(*profile) && !picked.contains(&directory.as_str()) {
                    picked.push(directory);
                }
            }
        }
        picked.into_iter()
    }
}

/// A comma-separated list (the spec); spaces around items and empty items are dropped. Older
/// files separate `Directories=` with spaces, so spaces split too.
fn list(value: &str) -> Vec<String> {
    value
        .split([',', ' ', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Base directories from the XDG Base Directory variables: `$XDG_DATA_HOME/sounds` (default
/// `$HOME/.local/share/sounds`), then each of `$XDG_DATA_DIRS/sounds` (default
/// `/usr/local/share:/usr/share`). Relative entries are ignored, as that spec says.
pub fn base_dirs(
    data_home: Option<&str>,
    home: Option<&str>,
    data_dirs: Option<&str>,
) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let data_home = match data_home.filter(|d| d.starts_with('/')) {
        Some(d) => Some(PathBuf::from(d)),
        None => home
            .filter(|h| h.starts_with('/'))
            .map(|h| Path::new(h).join(".local/share")),
    };
    dirs.extend(data_home);
    let data_dirs = data_dirs
        .filter(|d| !d.is_empty())
        .unwrap_or("/usr/local/share:/usr/share");
    dirs.extend(
        data_dirs
            .split(':')
            .filter(|d| d.starts_with('/'))
            .map(PathBuf::from),
    );
    let mut unique: Vec<PathBuf> = Vec::new();
    for dir in dirs.into_iter().map(|d| d.join("sounds")) {
        if !unique.contains(&dir) {
            unique.push(dir);
        }
    }
    unique
}

/// The theme name in `gsettings get org.gnome.desktop.sound theme-name`'s output (a GVariant
/// string such as `'freedesktop'`), if it is a valid theme name.
pub fn parse_gsettings_string(output: &str) -> Option<String> {
    let text = output.trim();
    let inner = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .or_else(|| text.strip_prefix('"').and_then(|t| t.strip_suffix('"')))?;
    valid_theme_name(inner).then(|| inner.to_string())
}

/// KDE Plasma's sound theme: `Theme=` in the `[Sounds]` group of `kdeglobals`, if valid.
pub fn parse_kdeglobals_theme(text: &str) -> Option<String> {
    let mut in_sounds = false;
    let mut theme = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_sounds = line == "[Sounds]";
        } else if in_sounds {
            if let Some((key, value)) = line.split_once('=') {
                if key.trim() == "Theme" {
                    theme = Some(value.trim().to_string());
                }
            }
        }
    }
    theme.filter(|t| valid_theme_name(t))
}

#[cfg(test)]
#[path = "sound_theme_tests.rs"]
mod tests;
