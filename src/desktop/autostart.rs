//! Starting with the desktop session: an XDG autostart entry
//! (`$XDG_CONFIG_HOME/autostart/org.handset.Handset.desktop`, the Desktop Application
//! Autostart Specification) that starts Handset in the background, hidden in the tray, so
//! calls reach the user after login without a window in the way.
//!
//! The file is the setting: Settings → General shows whether it exists, and switching the
//! option writes or removes it. A file the user disabled by hand (`Hidden=true`) counts as off.

use std::io;
use std::path::{Path, PathBuf};

/// The entry's file name: the application ID, as the desktop file's.
pub const FILE_NAME: &str = "org.handset.Handset.desktop";

/// Where the autostart entry lives: `$XDG_CONFIG_HOME/autostart`, else `~/.config/autostart`.
pub fn autostart_dir() -> Option<PathBuf> {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    from_env("XDG_CONFIG_HOME")
        .or_else(|| from_env("HOME").map(|home| home.join(".config")))
        .map(|config| config.join("autostart"))
}

/// Whether Handset starts at login: the entry exists in `dir` and is not hidden.
pub fn is_enabled_in(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join(FILE_NAME)).is_ok_and(|text| {
        !text
            .lines()
            .any(|line| line.trim().eq_ignore_ascii_case("Hidden=true"))
    })
}

/// Whether Handset starts at login, in the user's autostart folder.
pub fn is_enabled() -> bool {
    autostart_dir().is_some_and(|dir| is_enabled_in(&dir))
}

/// Writes the entry into `dir` (starting `program`), or removes it.
pub fn set_in(dir: &Path, enabled: bool, program: &Path) -> io::Result<()> {
    let path = dir.join(FILE_NAME);
    if enabled {
        std::fs::create_dir_all(dir)?;
        crate::config::write_atomically(&path, entry(program).as_bytes(), 0o644)
    } else {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// Writes or removes the entry in the user's autostart folder; the entry starts this very
/// program (`/usr/bin/handset` once installed).
pub fn set(enabled: bool) -> io::Result<()> {
    let dir = autostart_dir().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            "neither XDG_CONFIG_HOME nor HOME is set",
        )
    })?;
    let program = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("handset"));
    set_in(&dir, enabled, &program)
}

/// The entry's text. `--gapplication-service` starts Handset without showing the window, as
/// D-Bus activation does; the tray and the notifications are how it is reached.
pub fn entry(program: &Path) -> String {
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Handset\n\
         Comment=Receive calls in the background\n\
         Icon=org.handset.Handset\n\
         Exec={} --gapplication-service\n\
         Terminal=false\n\
         NoDisplay=true\n\
         X-GNOME-Autostart-enabled=true\n",
        exec_argument(&program.to_string_lossy())
    )
}

/// One argument of an `Exec` line, quoted as the Desktop Entry Specification asks when it
/// holds a space or a reserved character; `%` is doubled in any case (it starts a field code).
fn exec_argument(argument: &str) -> String {
    let reserved = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\''
                    | '\\'
                    | '>'
                    | '<'
                    | '~'
                    | '|'
                    | '&'
                    | ';'
                    | '$'
                    | '*'
                    | '?'
                    | '#'
                    | '('
                    | ')'
                    | '`'
            )
    };
    let escaped = argument.replace('%', "%%");
    if !escaped.contains(reserved) {
        return escaped;
    }
    let mut quoted = String::from("\"");
    for c in escaped.chars() {
        match c {
            // The quoting rule escapes these with `\`, and that `\` (like a `\` of the
            // path itself) is escaped once more, as the value of a desktop-file key is a string
            // with its own `\\` escape.
            '"' | '`' | '$' => quoted.push_str("\\\\"),
            '\\' => quoted.push_str("\\\\\\"),
            _ => {}
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
#[path = "autostart_tests.rs"]
mod tests;
