//! Crash-safe file writes: a reader (or the next start after a power cut) sees either the old
//! file or the new one, never a mix. Shared by the config file and the secrets file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// How many `.bak.N` names to try before giving up.
const MAX_BACKUPS: u32 = 1000;

/// Replaces `path` with `contents`: writes a temp file in the same folder (created with
/// `mode`, so a secret is never readable by others even briefly), fsyncs it, renames it over
/// `path`, and fsyncs the folder so the rename itself survives a crash. On failure the temp
/// file is removed and `path` is untouched.
pub fn write_atomically(path: &Path, contents: &[u8], mode: u32) -> io::Result<()> {
    let dir = parent_dir(path);
    let temp = temp_path(path);
    let result = write_new_file(&temp, contents, mode).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    File::open(dir)?.sync_all()
}

/// Keeps a copy of a file Handset could not use: at `NAME.bak`, or `NAME.bak.1`, `.bak.2`...
/// when that exists with other contents. An existing copy with the same contents is reused,
/// so loading the same broken file twice does not pile up copies. Never overwrites.
pub fn keep_backup(path: &Path, contents: &[u8]) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "config".to_string());
    let dir = parent_dir(path);
    for n in 0..MAX_BACKUPS {
        let candidate = match n {
            0 => dir.join(format!("{name}.bak")),
            _ => dir.join(format!("{name}.bak.{n}")),
        };
        match write_new_file(&candidate, contents, 0o600) {
            Ok(()) => {
                File::open(dir)?.sync_all()?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if fs::read(&candidate).is_ok_and(|existing| existing == contents) {
                    return Ok(candidate);
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{MAX_BACKUPS} backup copies of {name} already exist"
    )))
}

/// Creates `path` (failing if it exists), writes and fsyncs it.
fn write_new_file(path: &Path, contents: &[u8], mode: u32) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)?;
    let written = file.write_all(contents).and_then(|()| file.sync_all());
    if written.is_err() {
        drop(file);
        let _ = fs::remove_file(path);
    }
    written
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A name no other writer in this or another process uses at the same time.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent_dir(path).join(format!(".{name}.tmp-{}-{n}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_never_overwrite_other_contents() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let first = keep_backup(&path, b"one").unwrap();
        let again = keep_backup(&path, b"one").unwrap();
        let second = keep_backup(&path, b"two").unwrap();
        assert_eq!(first, dir.path().join("config.toml.bak"));
        assert_eq!(again, first);
        assert_eq!(second, dir.path().join("config.toml.bak.1"));
        assert_eq!(fs::read(&first).unwrap(), b"one");
        assert_eq!(fs::read(&second).unwrap(), b"two");
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new", 0o600).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp file left behind");
    }
}
