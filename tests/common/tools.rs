//! Finding the external programs the tests drive, and failing clearly when one is missing.

use std::path::{Path, PathBuf};

/// The path of `program` on `PATH`. A missing program fails the test and names the Debian
/// package to install, because a silently skipped peer test proves nothing.
pub fn require(program: &str, debian_package: &str) -> PathBuf {
    find_on_path(program).unwrap_or_else(|| {
        panic!(
            "`{program}` was not found on PATH: install the Debian package `{debian_package}` \
             (apt-get install {debian_package}), or run tests/run-all.sh, which installs every \
             test dependency from debian/control"
        )
    })
}

/// A file the tests need from a Debian package, such as a baresip module.
pub fn require_file(path: &Path, debian_package: &str) {
    assert!(
        path.exists(),
        "{} is missing: install the Debian package `{debian_package}` \
         (apt-get install {debian_package})",
        path.display()
    );
}

/// Looks `program` up on `PATH` the way a shell would.
pub fn find_on_path(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        let path = PathBuf::from(program);
        return path.is_file().then_some(path);
    }
    let path_var = std::env::var_os("PATH")?;
    std::env::split_paths(&path_var)
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}
