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
    let mut names: Vec<String> = Vec::new();
    for device in list_devices() {
        if device.direction == DeviceDirection::Output && !names.contains(&device.name) {
            names.push(device.name);
        }
    }
    tracing::info!("ringing on every output device: {}", names.join(", "));
    names
        .into_iter()
        .map(|name| AudioBackend::Device {
            input: None,
            output: Some(name),
        })
        .collect()
}
