//! A private folder per test, under cargo's target directory, kept when the test fails.

use std::path::{Path, PathBuf};

/// Where the test binaries may keep files (`target/tmp`), set by cargo for tests and benches.
pub fn target_tmp_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// Cargo's target directory (the parent of `target/tmp`), home of caches such as the PESQ venv.
pub fn target_dir() -> PathBuf {
    let tmp = target_tmp_dir();
    tmp.parent().map(Path::to_path_buf).unwrap_or(tmp)
}

/// A temporary folder that is deleted when the test passes and kept (its path printed) when
/// the test panics, so the peer logs and recordings can be read afterwards.
pub struct Scratch {
    dir: Option<tempfile::TempDir>,
    path: PathBuf,
}

impl Scratch {
    /// Creates `target/tmp/<label>-XXXXXX`.
    pub fn new(label: &str) -> Scratch {
        let base = target_tmp_dir();
        std::fs::create_dir_all(&base).unwrap();
        let dir = tempfile::Builder::new()
            .prefix(&format!("{label}-"))
            .tempdir_in(&base)
            .unwrap();
        let path = dir.path().to_path_buf();
        Scratch {
            dir: Some(dir),
            path,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A path inside the folder.
    pub fn join(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// A sub-folder, created.
    pub fn subdir(&self, name: &str) -> PathBuf {
        let dir = self.path.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if std::thread::panicking() {
            if let Some(dir) = self.dir.take() {
                let kept = dir.keep();
                eprintln!("test failed: its files are kept in {}", kept.display());
            }
        }
    }
}
