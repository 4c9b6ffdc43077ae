//! File names, fresh uids and atomic writes for the contacts folder.

use super::fnv::Fnv1a;
use std::fs::{self, File, OpenOptions};
use std::hash::Hasher;
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// What a file looked like when last read or written; a different stamp means another
/// program (or we) changed it. Length, modification and change times and inode, folded
/// into one number: the book keeps one per file, and ten thousand of them at 48 bytes each
/// were worth making smaller. Two different looks giving the same number (one in 2^64) would
/// only delay noticing that change until the file changes again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileStamp(u64);

impl FileStamp {
    pub(crate) fn of(metadata: &fs::Metadata) -> FileStamp {
        let mut digest = Fnv1a::default();
        let fields = [
            metadata.len() as i64,
            metadata.mtime(),
            metadata.mtime_nsec(),
            metadata.ctime(),
            metadata.ctime_nsec(),
            metadata.ino() as i64,
        ];
        for field in fields {
            digest.write(&field.to_le_bytes());
        }
        FileStamp(digest.finish())
    }
}

/// True for the names the folder's contacts live in: `*.vcf`, not hidden (editors and
/// sync tools keep their temporary files as dot files, and so do we).
pub(crate) fn is_contact_file_name(name: &str) -> bool {
    !name.starts_with('.')
        && name.len() > 4
        && name
            .get(name.len() - 4..)
            .is_some_and(|ext| ext.eq_ignore_ascii_case(".vcf"))
}

/// A file name for a uid: the uid with every character that is unsafe in a file name (or
/// in a URL, for vdirsyncer) replaced by `_`, at most 200 bytes, plus `.vcf`.
pub(crate) fn file_name_for(uid: &str) -> String {
    let mut name: String = uid
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' | '@' | '+' | '=' => c,
            _ => '_',
        })
        .collect();
    name = name.trim_start_matches('.').to_string();
    name.truncate(200);
    if name.is_empty() {
        name = new_uid();
    }
    format!("{name}.vcf")
}

/// A random version-4 UUID, the usual uid of a vCard.
pub(crate) fn new_uid() -> String {
    let mut bytes = random_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn random_bytes() -> [u8; 16] {
    use rand::TryRngCore;
    let mut bytes = [0u8; 16];
    if rand::rngs::OsRng.try_fill_bytes(&mut bytes).is_err() {
        // No OS randomness: a per-process random hasher seed and the clock still make
        // collisions between uids practically impossible.
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        let high = hasher.finish();
        hasher.write_u64(high);
        bytes[..8].copy_from_slice(&high.to_le_bytes());
        bytes[8..].copy_from_slice(&hasher.finish().to_le_bytes());
    }
    bytes
}

/// Writes `text` to a new temporary dot file in `dir` (the same filesystem as `name`, so
/// renaming it over `name` later is atomic) and returns its path.
pub(crate) fn write_temp(dir: &Path, name: &str, text: &str) -> io::Result<PathBuf> {
    let temp = dir.join(format!(".{name}.{}.tmp", &new_uid()[..8]));
    let result = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| file.write_all(text.as_bytes()));
    match result {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Flushes a written file's data to disk.
pub(crate) fn sync_file(path: &Path) -> io::Result<()> {
    File::open(path)?.sync_all()
}

/// Flushes every written file on the filesystem that holds `dir`, in one call. For a
/// batch of many new files this costs one journal commit where an fsync of each would
/// cost one per file.
pub(crate) fn sync_filesystem_of(dir: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let folder = File::open(dir)?;
    // SAFETY: `folder` is an open file, so its descriptor stays valid for the call, and
    // syncfs only reads the descriptor.
    let result = unsafe { libc::syncfs(folder.as_raw_fd()) };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Makes renames and removals in `dir` durable.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name_for("abc-123"), "abc-123.vcf");
        assert_eq!(file_name_for("urn:uuid:1/2"), "urn_uuid_1_2.vcf");
        assert_eq!(file_name_for("../../etc/passwd"), "_.._etc_passwd.vcf");
        assert!(file_name_for("").ends_with(".vcf") && file_name_for("").len() > 30);
        assert!(file_name_for(&"x".repeat(400)).len() <= 204);
    }

    #[test]
    fn uids_are_v4_uuids_and_differ() {
        let a = new_uid();
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(a, new_uid());
    }

    #[test]
    fn only_visible_vcf_files_are_contacts() {
        assert!(is_contact_file_name("a.vcf"));
        assert!(is_contact_file_name("A.VCF"));
        assert!(!is_contact_file_name(".a.vcf.1234.tmp"));
        assert!(!is_contact_file_name(".hidden.vcf"));
        assert!(!is_contact_file_name("notes.txt"));
        assert!(!is_contact_file_name(".vcf"));
    }
}
