//! Questions a face asks about the machine rather than about calls: which sound devices are
//! there, and whether a file is a certificate a TLS connection can trust.
//!
//! Both answers need blocking work (the audio server enumerating devices, reading a file and
//! the system's CA roots), so each runs on tokio's blocking pool and its Event comes back
//! through a channel the loop selects on. Going through the loop, rather than straight to the
//! face, keeps the promise that nothing follows `Event::Stopped`.

use super::Runner;
use crate::audio::{list_devices, DeviceDirection, DeviceInfo};
use crate::engine::api::{AudioDevice, AudioDirection, CertificateOutcome, Event};
use crate::engine::transport::tls::{TlsConnector, TlsError};
use std::path::{Path, PathBuf};
use tokio::sync::mpsc;

/// Answers worked out off the loop, waiting to be emitted.
pub(super) struct Queries {
    done_tx: mpsc::UnboundedSender<Event>,
    /// Finished answers, for the loop to select on and emit.
    pub(super) done: mpsc::UnboundedReceiver<Event>,
}

impl Queries {
    pub(super) fn new() -> Queries {
        let (done_tx, done) = mpsc::unbounded_channel();
        Queries { done_tx, done }
    }

    /// Work out `answer` on the blocking pool; its Event reaches the loop when ready.
    fn answer_off_the_loop(&self, answer: impl FnOnce() -> Event + Send + 'static) {
        let done = self.done_tx.clone();
        tokio::task::spawn_blocking(move || {
            // The loop may have stopped meanwhile: then nobody needs the answer.
            let _ = done.send(answer());
        });
    }
}

impl Runner {
    /// `Command::ListAudioDevices`.
    pub(super) fn list_audio_devices(&self) {
        self.queries.answer_off_the_loop(|| Event::AudioDevices {
            devices: list_devices().iter().map(audio_device).collect(),
        });
    }

    /// `Command::CheckCertificate`.
    pub(super) fn check_certificate(&self, path: PathBuf, request: u64) {
        self.queries
            .answer_off_the_loop(move || Event::CertificateChecked {
                outcome: certificate_outcome(&path),
                request,
                path,
            });
    }
}

fn audio_device(device: &DeviceInfo) -> AudioDevice {
    AudioDevice {
        name: device.name.clone(),
        description: device.description.clone(),
        direction: match device.direction {
            DeviceDirection::Input => AudioDirection::Input,
            DeviceDirection::Output => AudioDirection::Output,
        },
        is_default: device.is_default,
    }
}

/// Whether the connector an account with this trusted certificate gets could be built: the
/// very check a connection makes, so a face accepts exactly what a connection will.
fn certificate_outcome(path: &Path) -> CertificateOutcome {
    let Err(error) = TlsConnector::new(Some(path)) else {
        return CertificateOutcome::Usable;
    };
    // The faces' messages for the file problems say what is wrong; `detail` carries the
    // specifics. Anything else is told in the connector's own sentence.
    let detail = match &error {
        TlsError::ReadTrustedCertificate { reason, .. } => reason.clone(),
        TlsError::NoPemCertificate { path } => path.display().to_string(),
        TlsError::BadTrustedCertificate { reason, .. } => reason.clone(),
        other => other.to_string(),
    };
    CertificateOutcome::Refused {
        code: error.code().to_owned(),
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    #[test]
    fn a_real_certificate_is_usable() {
        assert_eq!(
            certificate_outcome(&fixture("trusted-certificate.pem")),
            CertificateOutcome::Usable
        );
    }

    #[test]
    fn a_file_with_no_certificate_is_refused_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "this is not a certificate\n").unwrap();
        assert_eq!(
            certificate_outcome(&path),
            CertificateOutcome::Refused {
                code: "tls.no_pem_certificate".to_owned(),
                detail: path.display().to_string(),
            }
        );
    }

    #[test]
    fn a_missing_file_is_refused_with_the_reason() {
        let outcome = certificate_outcome(Path::new("/nonexistent/handset-pbx.pem"));
        let CertificateOutcome::Refused { code, detail } = outcome else {
            panic!("a missing file cannot be usable");
        };
        assert_eq!(code, "tls.read_trusted_certificate");
        assert!(detail.contains("No such file"), "{detail}");
    }

    #[test]
    fn devices_keep_their_names_directions_and_default_flags() {
        let device = DeviceInfo {
            name: "callsink.monitor".to_owned(),
            description: "Monitor of CallSink".to_owned(),
            direction: DeviceDirection::Input,
            is_default: true,
        };
        assert_eq!(
            audio_device(&device),
            AudioDevice {
                name: "callsink.monitor".to_owned(),
                description: "Monitor of CallSink".to_owned(),
                direction: AudioDirection::Input,
                is_default: true,
            }
        );
    }
}
