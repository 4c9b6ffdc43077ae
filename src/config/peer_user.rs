//! The user of our peer-to-peer address (`sip:USER@host:port`): a random token made once and
//! kept in the data folder (`peer-user`, one line), so the address stays the same from run to
//! run while a scanner guessing users (`100`, `admin`, none at all) never hits it.
//!
//! The file is the user's to edit: any name made of URI-safe characters is taken as it is.

use super::atomic::write_atomically;
use std::path::{Path, PathBuf};

/// The file inside the data folder.
pub const PEER_USER_FILE: &str = "peer-user";
/// Characters of a fresh token: lower-case letters and digits without the look-alikes
/// i, l, o, u (Crockford's base 32), so the address reads out and types without mistakes.
const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
/// 12 characters of 32: 60 bits, beyond any scan.
const TOKEN_LENGTH: usize = 12;

/// A fresh random token.
pub fn generate() -> String {
    (0..TOKEN_LENGTH)
        .map(|_| {
            let index = rand::random_range(0..ALPHABET.len());
            char::from(ALPHABET.get(index).copied().unwrap_or(b'x'))
        })
        .collect()
}

/// Whether `user` may stand as the user of a SIP URI without escaping.
pub fn is_usable(user: &str) -> bool {
    (1..=64).contains(&user.len())
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '!' | '~'))
}

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join(PEER_USER_FILE)
}

/// The saved user, or a new token saved now. A file that cannot be read or holds no usable
/// name is replaced; when it cannot be written, the token still serves this run and the
/// error says why it will not last.
pub fn load_or_create(data_dir: &Path) -> (String, Option<String>) {
    let path = file(data_dir);
    if let Ok(text) = std::fs::read_to_string(&path) {
        let saved = text.trim();
        if is_usable(saved) {
            return (saved.to_owned(), None);
        }
    }
    let token = generate();
    let saved = std::fs::create_dir_all(data_dir)
        .and_then(|()| write_atomically(&path, format!("{token}\n").as_bytes(), 0o600));
    let problem = saved.err().map(|e| {
        format!(
            "cannot keep the peer-to-peer address in {}: {e}",
            path.display()
        )
    });
    (token, problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (first, problem) = load_or_create(dir.path());
        assert_eq!(problem, None);
        assert_eq!(first.len(), TOKEN_LENGTH);
        assert!(is_usable(&first));
        let (again, _) = load_or_create(dir.path());
        assert_eq!(first, again);
    }

    #[test]
    fn tokens_differ() {
        assert_ne!(generate(), generate());
    }

    #[test]
    fn a_hand_written_name_is_kept_and_garbage_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(file(dir.path()), "me\n").unwrap();
        assert_eq!(load_or_create(dir.path()).0, "me");
        std::fs::write(file(dir.path()), "not <a> user@all").unwrap();
        let (replaced, _) = load_or_create(dir.path());
        assert!(is_usable(&replaced));
        assert_eq!(load_or_create(dir.path()).0, replaced);
    }

    #[test]
    fn an_unwritable_folder_still_gives_a_token_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "").unwrap();
        let (token, problem) = load_or_create(&blocked.join("sub"));
        assert!(is_usable(&token));
        assert!(problem.is_some());
    }
}
