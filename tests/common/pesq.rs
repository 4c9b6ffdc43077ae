//! Speech quality: PESQ-NB and cross-correlation of a recording against its reference,
//! scored by tests/common/pesq_score.py in a Python venv with the `pesq` package.
//!
//! The venv lives in `target/pesq-venv`. tests/run-all.sh creates it; if it is missing the
//! first test that needs it builds it in a uniquely named folder and renames it into place,
//! so parallel tests never use a half-installed one.

use super::scratch::target_dir;
use super::tools::require_file;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

/// PESQ-NB at or above this is "speech came through as well as G.711 allows".
pub const MIN_PESQ: f64 = 3.9;
/// Or, after alignment, the waveform itself survived (a lossless codec path).
pub const MIN_XCORR: f64 = 0.95;

/// The result of comparing a recording with the speech that was sent.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Score {
    /// PESQ-NB (MOS-LQO, 1.0 to 4.5); `None` when PESQ found no speech to score.
    pub pesq: Option<f64>,
    /// Normalised cross-correlation after alignment, 1.0 for an identical waveform.
    pub xcorr: f64,
    /// How much later the speech sits in the recording than in the reference.
    pub lag_ms: f64,
}

impl Score {
    /// Whether a listener would have heard the speech clearly.
    pub fn carries_speech(&self) -> bool {
        self.pesq.is_some_and(|pesq| pesq >= MIN_PESQ) || self.xcorr >= MIN_XCORR
    }

    pub fn pesq_text(&self) -> String {
        self.pesq
            .map(|pesq| format!("{pesq:.2}"))
            .unwrap_or_else(|| "none".to_string())
    }
}

/// Scores `degraded` against `reference`.
pub fn score(reference: &Path, degraded: &Path) -> Score {
    let python = venv_python();
    let output = Command::new(&python)
        .arg(script())
        .arg(reference)
        .arg(degraded)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "pesq_score.py failed on {}: {}\n{}",
        degraded.display(),
        String::from_utf8_lossy(&output.stderr),
        stdout
    );
    serde_json::from_str(stdout.trim())
        .unwrap_or_else(|err| panic!("pesq_score.py printed {stdout:?}: {err}"))
}

/// Scores a recording, prints the figures, and fails unless the speech came through.
pub fn assert_carries_speech(label: &str, reference: &Path, degraded: &Path) -> Score {
    let score = score(reference, degraded);
    println!(
        "{label}: PESQ-NB {}, cross-correlation {:.4}, lag {:.0} ms ({})",
        score.pesq_text(),
        score.xcorr,
        score.lag_ms,
        degraded.display()
    );
    assert!(
        score.carries_speech(),
        "{label}: the speech did not come through: PESQ-NB {} (need >= {MIN_PESQ}) and \
         cross-correlation {:.4} (need >= {MIN_XCORR}); recording: {}",
        score.pesq_text(),
        score.xcorr,
        degraded.display()
    );
    score
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/pesq_score.py")
}

/// Fails unless `degraded` scores at least `bar` PESQ-NB against `reference` (for codecs
/// whose bar is not [`MIN_PESQ`]); prints the score either way.
pub fn assert_pesq_at_least(label: &str, reference: &Path, degraded: &Path, bar: f64) {
    let result = score(reference, degraded);
    println!(
        "{label}: PESQ-NB {} (bar {bar}), cross-correlation {:.4}, lag {:.0} ms",
        result.pesq_text(),
        result.xcorr,
        result.lag_ms
    );
    assert!(
        result.pesq.unwrap_or(0.0) >= bar,
        "{label}: PESQ-NB {} is below the bar {bar}; recording: {}",
        result.pesq_text(),
        degraded.display()
    );
}

/// The venv's python, creating the venv first if needed.
pub fn venv_python() -> PathBuf {
    let venv = target_dir().join("pesq-venv");
    let python = venv.join("bin/python");
    if has_pesq(&python) {
        return python;
    }
    let system_python = Path::new("/usr/bin/python3");
    require_file(system_python, "python3");
    let building = target_dir().join(format!(
        "pesq-venv.building-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&building);
    run(
        Command::new(system_python)
            .args(["-m", "venv", "--system-site-packages"])
            .arg(&building),
        "creating the PESQ venv failed: install python3-venv",
    );
    run(
        Command::new(building.join("bin/python")).args(["-m", "pip", "install", "--quiet", "pesq"]),
        "`pip install pesq` failed: it needs network access and the Debian packages \
         python3-dev, build-essential, python3-numpy and python3-scipy",
    );
    if std::fs::rename(&building, &venv).is_err() {
        // Another test finished first; use its venv.
        let _ = std::fs::remove_dir_all(&building);
    }
    assert!(
        has_pesq(&python),
        "the PESQ venv at {} cannot import pesq, numpy and scipy: delete it and retry \
         (needs python3-numpy and python3-scipy)",
        venv.display()
    );
    python
}

fn has_pesq(python: &Path) -> bool {
    python.exists()
        && Command::new(python)
            .args(["-c", "import pesq, numpy, scipy.signal"])
            .output()
            .map(|out| out.status.success())
            .unwrap_or(false)
}

fn run(command: &mut Command, hint: &str) {
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("{hint}: {err}"));
    assert!(
        output.status.success(),
        "{hint}\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
