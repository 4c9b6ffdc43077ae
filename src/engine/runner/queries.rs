//! Questions a face asks about the machine rather than about calls: which sound devices are
//! there, and whether a file is a certificate a TLS connection can trust.
//!
//! Both answers need blocking work (the audio server enumerating devices, reading a file and
//! the system's CA roots), so each runs on tokio's blocking pool and its Event comes back
//! through a channel the loop selects on. Going through the loop, rather than straight to the
//! face, keeps the promise that nothing follows `Event::Stopped`.
//!
//! Once a face has asked for the sound devices, it hears of every change too: a watch on the
//! audio server (started with the first question) says when devices come and go, and the
//! lists are sent again.

use super::Runner;
use crate::audio::{list_devices, watch_devices, DeviceDirection, DeviceInfo, DeviceWatch};
use crate::engine::api::{AudioDevice, AudioDirection, CertificateOutcome, Event};
use crate::engine::transport::tls::{TlsConnector, TlsError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// Answers worked out off the loop, waiting to be emitted.
pub(super) struct Queries {
    done_tx: mpsc::UnboundedSender<Event>,
    /// Finished answers, for the loop to select on and emit.
    pub(super) done: mpsc::UnboundedReceiver<Event>,
    /// News that the sound devices changed, once a face has asked for them.
    pub(super) device_news: DeviceNews,
}

/// Word from the audio server that its devices changed.
#[derive(Default)]
pub(super) struct DeviceNews {
    news: Option<mpsc::UnboundedReceiver<()>>,
    /// The watch that sends the news; kept here so it ends with the engine.
    watch: Arc<Mutex<Option<DeviceWatch>>>,
}

impl Queries {
    pub(super) fn new() -> Queries {
        let (done_tx, done) = mpsc::unbounded_channel();
        Queries {
            done_tx,
            done,
            device_news: DeviceNews::default(),
        }
    }
}

impl DeviceNews {
    /// Start watching the sound devices, unless already watching. Connecting to the audio
    /// server can block, so the watch starts on the blocking pool.
    fn watch_devices(&mut self) {
        if self.news.is_some() {
            return;
        }
        let (news_tx, news) = mpsc::unbounded_channel();
        self.news = Some(news);
        let slot = self.watch.clone();
        tokio::task::spawn_blocking(move || {
            let watch = watch_devices(move || {
                let _ = news_tx.send(());
            });
            if let Ok(mut slot) = slot.lock() {
                *slot = watch;
            }
        });
    }

    /// Resolves when the sound devices changed (several changes at once count as one);
    /// never while nobody asked for them.
    pub(super) async fn changed(&mut self) {
        let Some(news) = self.news.as_mut() else {
            return std::future::pending().await;
        };
        if news.recv().await.is_none() {
            // The watch ended (the server went away): no more news.
            self.news = None;
            return std::future::pending().await;
        }
        while news.try_recv().is_ok() {}
    }
}

impl Queries {
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
    /// `Command::ListAudioDevices`, and each change of the devices after it.
    pub(super) fn list_audio_devices(&mut self) {
        self.queries.device_news.watch_devices();
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
