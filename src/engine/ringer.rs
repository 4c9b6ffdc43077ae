//! The ringtone while an incoming call waits: on the ringer device, or on every output device
//! at once (Settings → Audio), all stopped together when the call is answered or gone.

use super::tone_player::{Ringtone, TonePlayer};
use crate::audio::{list_devices, AudioBackend, DeviceDirection};
use tokio::sync::oneshot;

/// Where to ring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RingOutputs {
    /// This device (or file) only.
    One(AudioBackend),
    /// Every output device the audio system lists; `fallback` when it lists none.
    Every { fallback: AudioBackend },
}

pub struct Ringer {
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Ringer {
    /// Ring with `ringtone` at `volume` per cent until stopped.
    pub fn start(ringtone: Ringtone, outputs: RingOutputs, volume: u8) -> Self {
        let (stop_tx, stop_rx) = oneshot::channel();
        let task = tokio::spawn(ring(ringtone, outputs, volume, stop_rx));
        Self {
            stop: Some(stop_tx),
            task,
        }
    }

    /// Stop every device's ringtone and wait until their audio is closed.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = self.task.await;
    }
}

async fn ring(
    ringtone: Ringtone,
    outputs: RingOutputs,
    volume: u8,
    mut stop: oneshot::Receiver<()>,
) {
    let backends = match outputs {
        RingOutputs::One(backend) => vec![backend],
        RingOutputs::Every { fallback } => {
            // Listing blocks while the audio server answers.
            let listed = tokio::select! {
                _ = &mut stop => return,
                listed = tokio::task::spawn_blocking(every_output) => listed,
            };
            match listed {
                Ok(list) if !list.is_empty() => list,
                _ => {
                    tracing::warn!("no output devices listed; ringing on the ringer device only");
                    vec![fallback]
                }
            }
        }
    };
    let players: Vec<TonePlayer> = backends
        .into_iter()
        .map(|backend| TonePlayer::ring(ringtone.clone(), backend, volume))
        .collect();
    let _ = stop.await;
    // Stopped side by side, so one slow device does not keep the others ringing.
    let stopping: Vec<_> = players
        .into_iter()
        .map(|player| tokio::spawn(player.stop()))
        .collect();
    for stopped in stopping {
        let _ = stopped.await;
    }
}

/// One playback-only backend per output device, each device once.
fn every_output() -> Vec<AudioBackend> {
    let listed: Vec<String> = list_devices()
        .into_iter()
        .filter(|d| d.direction == DeviceDirection::Output)
        .map(|d| d.name)
        .collect();
    let names = distinct_outputs(listed);
    tracing::info!("ringing on every output device: {}", names.join(", "));
    names
        .into_iter()
        .map(|name| AudioBackend::Device {
            input: None,
            output: Some(name),
        })
        .collect()
}

/// PulseAudio lists each sink once. ALSA lists many PCMs per sound card (`default`,
/// `sysdefault:`, `front:`, `dmix:`, `hw:`, `plughw:` ...), which would ring one card many
/// times; there every card's device is rung once through its `plughw:` PCM (which converts any
/// format), and plug-in PCMs such as `null` are left out.
fn distinct_outputs(listed: Vec<String>) -> Vec<String> {
    const ALSA_CARD_PCM: &str = "plughw:";
    let alsa = listed.iter().any(|name| name.starts_with(ALSA_CARD_PCM));
    let mut names: Vec<String> = Vec::new();
    for name in listed {
        let wanted = !alsa || name.starts_with(ALSA_CARD_PCM);
        if wanted && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::distinct_outputs;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pulseaudio_sinks_ring_once_each() {
        assert_eq!(
            distinct_outputs(names(&["nullsink", "callsink", "nullsink"])),
            names(&["nullsink", "callsink"])
        );
    }

    #[test]
    fn alsa_rings_each_card_once_through_its_plughw_pcm() {
        let listed = names(&[
            "null",
            "default",
            "sysdefault:CARD=PCH",
            "front:CARD=PCH,DEV=0",
            "dmix:CARD=PCH,DEV=0",
            "hdmi:CARD=HDMI,DEV=0",
            "hw:CARD=0,DEV=0",
            "plughw:CARD=0,DEV=0",
            "hw:CARD=1,DEV=3",
            "plughw:CARD=1,DEV=3",
        ]);
        assert_eq!(
            distinct_outputs(listed),
            names(&["plughw:CARD=0,DEV=0", "plughw:CARD=1,DEV=3"])
        );
    }
}
