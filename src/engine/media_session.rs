//! One call's media loop: microphone → encoder → RTP socket, RTP socket → jitter buffer →
//! decoder → speaker. It runs as its own task so a slow audio device never stalls signalling.
//! `devices.rs` keeps the call's audio on working devices while it runs.

mod devices;

pub use devices::DeviceChoice;

use super::api::{CallAudioChange, CallId, CallStats, Event};
use super::tone_player::TonePlayer;
use crate::audio::{AudioBackend, AudioSession};
use crate::media::codec;
use crate::media::sdp::{MediaDirection, Negotiated};
use crate::media::stream::{MediaStream, StreamConfig, StreamStats};
use crate::media::tones::{Tone, ToneGenerator};
use crate::media::voice_processing::{VoiceProcessing, VoiceSwitches};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::UdpSocket;
use tokio::sync::{mpsc, oneshot};
use tokio::time::MissedTickBehavior;

/// How often the loop wakes to move audio. Shorter than a packet so frames leave on time.
const TICK: Duration = Duration::from_millis(5);
/// How much decoded audio we keep queued for the speaker: enough to cover the device's
/// requests (10 ms on PulseAudio, up to 10 ms on the paced WAV backend) and one wake-up of
/// this loop late. Network jitter is the jitter buffer's business, not this queue's.
const PLAYBACK_TARGET: Duration = Duration::from_millis(25);
const STATS_EVERY: Duration = Duration::from_secs(1);

/// What a media task reports back to the engine loop.
#[derive(Debug)]
pub enum MediaReport {
    /// The audio backend or the codec could not start; the call must end.
    Failed { call: CallId, detail: String },
}

/// The engine's handle on a running media task.
pub struct MediaHandle {
    muted: Arc<AtomicBool>,
    /// Digits to send, already checked by the engine.
    dtmf: mpsc::UnboundedSender<String>,
    telephone_events: bool,
    /// Tones to mix over the call's sound (the call-waiting beep).
    beeps: mpsc::UnboundedSender<Tone>,
    /// Devices the user chose for the call while it runs.
    devices: mpsc::UnboundedSender<DeviceChoice>,
    stop: Option<oneshot::Sender<()>>,
    /// Ends with the RTP socket, so a new media task can take over the same port.
    task: tokio::task::JoinHandle<UdpSocket>,
}

impl MediaHandle {
    pub fn set_muted(&self, muted: bool) {
        self.muted.store(muted, Ordering::Relaxed);
    }

    /// Whether the peer agreed to RFC 4733 telephone-events.
    pub fn telephone_events(&self) -> bool {
        self.telephone_events
    }

    /// Queue DTMF digits (checked by the caller) to send as telephone-events.
    pub fn send_dtmf(&self, digits: String) {
        let _ = self.dtmf.send(digits);
    }

    /// Mix `tone` over what the speaker plays, e.g. to tell of a second call.
    pub fn beep(&self, tone: Tone) {
        let _ = self.beeps.send(tone);
    }

    /// Move the call's audio to other devices; answered by `Event::CallAudio`.
    pub fn choose_devices(&self, choice: DeviceChoice) {
        let _ = self.devices.send(choice);
    }

    /// Stop the loop and wait until the audio is closed (and any recording written).
    /// Returns the RTP socket unless the task panicked.
    pub async fn stop(mut self) -> Option<UdpSocket> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.task.await.ok()
    }
}

/// Everything a media task needs.
pub struct MediaParams {
    pub call: CallId,
    pub socket: UdpSocket,
    pub negotiated: Negotiated,
    pub audio: AudioBackend,
    pub epoch: Instant,
    pub events: mpsc::UnboundedSender<Event>,
    pub reports: mpsc::UnboundedSender<MediaReport>,
    /// How loud the far end plays, in per cent (Settings → Audio).
    pub volume: u8,
    /// Echo cancellation, noise suppression and gain control on what the microphone sends.
    pub voice: VoiceSwitches,
    /// A tone still playing (ringback) that must stop before the call's audio opens.
    pub previous_sound: Option<TonePlayer>,
}

pub fn spawn(params: MediaParams) -> MediaHandle {
    let muted = Arc::new(AtomicBool::new(false));
    let (stop_tx, stop_rx) = oneshot::channel();
    let (dtmf_tx, dtmf_rx) = mpsc::unbounded_channel();
    let (beeps_tx, beeps_rx) = mpsc::unbounded_channel();
    let (devices_tx, devices_rx) = mpsc::unbounded_channel();
    let telephone_events = params.negotiated.telephone_event_pt.is_some();
    let controls = Controls {
        muted: muted.clone(),
        dtmf: dtmf_rx,
        beeps: beeps_rx,
        devices: devices_rx,
    };
    let task = tokio::spawn(run(params, controls, stop_rx));
    MediaHandle {
        muted,
        dtmf: dtmf_tx,
        telephone_events,
        beeps: beeps_tx,
        devices: devices_tx,
        stop: Some(stop_tx),
        task,
    }
}

/// What the engine steers a running media task with, besides stopping it.
struct Controls {
    muted: Arc<AtomicBool>,
    dtmf: mpsc::UnboundedReceiver<String>,
    beeps: mpsc::UnboundedReceiver<Tone>,
    devices: mpsc::UnboundedReceiver<DeviceChoice>,
}

async fn run(
    mut params: MediaParams,
    controls: Controls,
    mut stop: oneshot::Receiver<()>,
) -> UdpSocket {
    let call = params.call;
    let reports = params.reports.clone();
    if let Some(sound) = params.previous_sound.take() {
        sound.stop().await;
    }
    // A call hung up while its sound device is still opening ends at once: the device can
    // take seconds (an idle PulseAudio sink), and the user must not wait for it. The opening
    // finishes on its blocking thread, and the session it made is dropped there.
    let started = tokio::select! {
        started = start(&params) => started,
        _ = &mut stop => {
            tracing::debug!("call {call:?}: ended while its audio was opening");
            return params.socket;
        }
    };
    match started {
        Ok((stream, audio)) => {
            let voice = voice_processing(&params, stream.sample_rate());
            let mut pump = Pump {
                stream,
                audio,
                voice,
                params,
                controls,
                beep: None,
                reopening: None,
                device_errors_seen: 0,
            };
            pump.announce_devices(CallAudioChange::Opened);
            pump.hint_echo_delay();
            pump.run(stop).await;
            tracing::debug!("call {call:?}: media stopped, closing its audio");
            if let Err(e) = pump.audio.close() {
                tracing::warn!("closing audio for call {call:?}: {e}");
            }
            tracing::debug!("call {call:?}: audio closed");
            pump.params.socket
        }
        Err(detail) => {
            let _ = reports.send(MediaReport::Failed { call, detail });
            params.socket
        }
    }
}

async fn start(params: &MediaParams) -> Result<(MediaStream, AudioSession), String> {
    let spec = params.negotiated.codec.clone();
    let codec = codec::create(&spec).ok_or_else(|| format!("codec {spec} is not available"))?;
    let config = StreamConfig {
        ssrc: rand::random(),
        initial_sequence: rand::random(),
        initial_timestamp: rand::random(),
        telephone_event_pt: params.negotiated.telephone_event_pt,
    };
    let stream = MediaStream::new(codec, config);
    let backend = params.audio.clone();
    let rate = spec.sample_rate;
    // Opening a sound device can block for a while; keep it off the async workers.
    let audio = tokio::task::spawn_blocking(move || AudioSession::open(&backend, rate))
        .await
        .map_err(|e| format!("audio start-up failed: {e}"))?
        .map_err(|e| e.to_string())?;
    Ok((stream, audio))
}

/// Echo cancellation and the rest are for a microphone in a room with a speaker. WAV files
/// and silence have neither, and a recording played as the microphone goes out as it is.
fn voice_processing(params: &MediaParams, sample_rate: u32) -> Option<VoiceProcessing> {
    match params.audio {
        AudioBackend::Device { .. } => VoiceProcessing::new(sample_rate, params.voice),
        AudioBackend::Wav { .. } | AudioBackend::Null => None,
    }
}

struct Pump {
    stream: MediaStream,
    audio: AudioSession,
    voice: Option<VoiceProcessing>,
    params: MediaParams,
    controls: Controls,
    /// The tone being mixed over the call, until it has played.
    beep: Option<ToneGenerator>,
    /// A new session for the call being opened on other devices.
    reopening: Option<devices::Reopening>,
    /// Device errors of the current session already acted on.
    device_errors_seen: u64,
}

impl Pump {
    async fn run(&mut self, mut stop: oneshot::Receiver<()>) {
        let frame_len = self.stream.samples_per_frame();
        let playback_target =
            (self.stream.sample_rate() as usize * PLAYBACK_TARGET.as_millis() as usize) / 1000;
        let mut mic = vec![0i16; frame_len];
        let mut packet = Vec::with_capacity(1500);
        let mut speaker = Vec::with_capacity(frame_len);
        let mut datagram = vec![0u8; 2048];
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
        let mut stats_tick =
            tokio::time::interval_at(tokio::time::Instant::now() + STATS_EVERY, STATS_EVERY);
        stats_tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
        let sends = !matches!(
            self.params.negotiated.direction,
            MediaDirection::RecvOnly | MediaDirection::Inactive
        );
        self.skip_capture_backlog();
        self.skip_receive_backlog();
        loop {
            tokio::select! {
                _ = &mut stop => return,
                _ = tick.tick() => {
                    self.send_captured(&mut mic, &mut packet, sends).await;
                    self.play_out(&mut speaker, playback_target);
                    self.follow_moves();
                    self.check_device_health();
                }
                received = self.params.socket.recv_from(&mut datagram) => {
                    // A refused or failed receive on UDP is transient (ICMP from a closed port).
                    if let Ok((len, _from)) = received {
                        let now = self.params.epoch.elapsed();
                        self.stream.receive(now, datagram.get(..len).unwrap_or_default());
                        self.report_dtmf();
                    }
                }
                _ = stats_tick.tick() => self.report_stats(),
                Some(digits) = self.controls.dtmf.recv() => self.queue_dtmf(&digits),
                Some(tone) = self.controls.beeps.recv() => {
                    self.beep = Some(ToneGenerator::new(tone, self.stream.sample_rate()));
                }
                Some(choice) = self.controls.devices.recv() => self.choose_devices(choice),
                reopened = devices::reopening_finished(&mut self.reopening) => {
                    self.reopened(reopened);
                }
            }
        }
    }

    /// Packets that arrived while the devices were starting (up to several hundred ms on a
    /// slow sound card) wait in the socket. Read in one go once playout has begun, they would
    /// reach the jitter buffer as a backlog it could only shorten by seconds of speeding up
    /// the speech: the far end's audio from before we could play it is dropped instead.
    fn skip_receive_backlog(&mut self) {
        let mut datagram = [0u8; 2048];
        let mut skipped = 0;
        while self.params.socket.try_recv_from(&mut datagram).is_ok() {
            skipped += 1;
        }
        if skipped > 0 {
            tracing::debug!(packets = skipped, "RTP from the start-up skipped");
        }
    }

    /// Sound the microphone captured while the devices were starting (up to 200 ms) would
    /// leave in one burst, and the far end's jitter buffer would keep that much more delay
    /// for the whole call: the call's sending starts from now. A WAV file played as the
    /// microphone is kept whole: it has no start-up to skip.
    fn skip_capture_backlog(&mut self) {
        if !matches!(self.params.audio, AudioBackend::Device { .. }) {
            return;
        }
        let mut frame = vec![0i16; self.stream.samples_per_frame()];
        let mut skipped = 0;
        while self.audio.pop_capture_frame(&mut frame) {
            skipped += 1;
        }
        if skipped > 0 {
            tracing::debug!(
                frames = skipped,
                "microphone audio from the start-up skipped"
            );
        }
    }

    async fn send_captured(&mut self, mic: &mut [i16], packet: &mut Vec<u8>, sends: bool) {
        while self.audio.pop_capture_frame(mic) {
            if !sends {
                continue;
            }
            if let Some(voice) = &mut self.voice {
                voice.near_end(mic);
            }
            if self.controls.muted.load(Ordering::Relaxed) {
                mic.fill(0);
            }
            packet.clear();
            self.stream.send_frame(mic, packet);
            let destination = self.params.negotiated.remote_rtp;
            if let Err(e) = self.params.socket.send_to(packet, destination).await {
                tracing::debug!("RTP send to {destination} failed: {e}");
            }
        }
    }

    fn queue_dtmf(&mut self, digits: &str) {
        // The engine checked the digits and the negotiation; a failure here is a bug, not input.
        if let Err(e) = self.stream.queue_dtmf(digits) {
            tracing::warn!(
                "DTMF {digits:?} for call {:?} not sent: {e}",
                self.params.call
            );
        }
    }

    fn report_dtmf(&mut self) {
        while let Some(received) = self.stream.poll_dtmf() {
            let _ = self.params.events.send(Event::DtmfReceived {
                call: self.params.call,
                digit: received.digit,
                duration_ms: received.duration_ms,
            });
        }
    }

    fn play_out(&mut self, speaker: &mut Vec<i16>, target: usize) {
        let block = self.stream.samples_per_block();
        let rate = u64::from(self.stream.sample_rate().max(1));
        loop {
            let queued = self.audio.playback_queued();
            if queued >= target {
                break;
            }
            speaker.clear();
            // The device takes audio in chunks of its own size, so pulls come in bursts. The
            // jitter buffer times its decisions by the 10 ms cadence of a smooth consumer:
            // each pull of a burst is dated when the queue would have dropped below the
            // target by one block, had the device drained it evenly. (The stream then evens
            // out what wandering is left, and keeps it as a margin.)
            let behind = (target - queued).saturating_sub(block) as u64;
            let now = self
                .params
                .epoch
                .elapsed()
                .saturating_sub(Duration::from_micros(behind * 1_000_000 / rate));
            self.stream.playout(now, speaker);
            if speaker.is_empty() {
                break;
            }
            crate::media::volume::apply(speaker, self.params.volume);
            if let Some(voice) = &mut self.voice {
                // The reference is what the speaker plays, beeps aside: they are ours, and
                // short.
                voice.far_end(speaker);
            }
            if let Some(beep) = &mut self.beep {
                beep.mix_into(speaker);
                if beep.finished() {
                    self.beep = None;
                }
            }
            self.audio.push_playback(speaker);
        }
    }

    fn report_stats(&self) {
        let audio = self.audio.stats();
        let stats = call_stats(
            &self.stream.stats(),
            &self.params.negotiated,
            audio.capture_overruns,
            audio.playback_underruns,
        );
        let _ = self.params.events.send(Event::CallStats {
            call: self.params.call,
            stats,
        });
    }
}

fn call_stats(
    s: &StreamStats,
    negotiated: &Negotiated,
    capture_overruns: u64,
    playback_underruns: u64,
) -> CallStats {
    let millis = |d: Duration| u32::try_from(d.as_millis()).unwrap_or(u32::MAX);
    let jitter = &s.jitter;
    CallStats {
        codec: negotiated.codec.to_string(),
        packets_sent: s.packets_sent,
        packets_received: s.packets_received,
        packets_lost: jitter.packets_lost,
        packets_late: jitter.packets_late,
        packets_duplicate: jitter.packets_duplicated,
        packets_discarded: jitter.packets_discarded,
        frames_concealed: s.frames_concealed(),
        concealed_ms: s.concealed_ms(),
        concealment_events: jitter.concealment_events,
        accelerated_ms: s.samples_ms(jitter.removed_samples_for_acceleration),
        decelerated_ms: s.samples_ms(jitter.inserted_samples_for_deceleration),
        jitter_ms: s.jitter_ms,
        jitter_buffer_ms: millis(jitter.mean_jitter_buffer_delay()),
        jitter_buffer_target_ms: millis(s.target_delay),
        capture_overruns,
        playback_underruns,
        malformed_packets: s.malformed_packets,
    }
}
