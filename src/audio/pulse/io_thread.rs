//! A session's streams on the PulseAudio server and the one thread that serves them.
//!
//! The thread sleeps in a blocking read on the server's socket. The server wakes it once per
//! fragment: with captured audio, which goes straight into the capture queue, or with a request
//! for playback, answered from the playback queue (silence where the engine has not caught up,
//! counted as an underrun). Nothing else runs per sample: no timer, no latency polling, no
//! allocation. At the end both streams are deleted, the server acknowledges, and the socket is
//! closed, so the server sees an orderly goodbye.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use pulseaudio::protocol::{
    Command, CreatePlaybackStreamReply, CreateRecordStreamReply, SampleFormat, SampleSpec,
};

use super::devices::{self, Endpoint};
use super::stream_params::{self, Purpose};
use super::wire::{Ack, Connection, Incoming};
use crate::audio::queues::{queues, EngineCapture, EnginePlayback, RtCapture, RtPlayback};
use crate::audio::{AudioError, DeviceDirection, DeviceMove, SessionDevices};

/// Mono samples converted per step.
const CHUNK: usize = 512;
/// Longest wait for the streams to carry audio before the session is handed over.
const START_TIMEOUT: Duration = Duration::from_secs(3);

/// The thread serving one session's streams.
pub(crate) struct PulseThread {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
    devices: SessionDevices,
    moves: Receiver<DeviceMove>,
    /// What the streams add to the echo path, from the buffer sizes the server granted.
    delay_ms: u32,
}

/// Everything the I/O thread owns.
struct StreamIo {
    conn: Connection,
    playback_channel: u32,
    record_channel: Option<u32>,
    capture: RtCapture,
    playback: RtPlayback,
    /// Where the server moved our streams; rare, so a channel's allocation costs nothing.
    moves: Sender<DeviceMove>,
}

/// What one wake-up brought.
#[derive(Default)]
struct Step {
    playback_started: bool,
    captured: bool,
}

/// Playback requested while the streams were still being set up.
#[derive(Default)]
struct Early {
    requests: Vec<(u32, u32)>,
}

impl Early {
    fn note(&mut self, incoming: Incoming<'_>) {
        if let Incoming::Command {
            command: Command::Request(request),
            ..
        } = incoming
        {
            self.requests.push((request.channel, request.length));
        }
    }

    fn for_channel(&self, channel: u32) -> usize {
        self.requests
            .iter()
            .filter(|(c, _)| *c == channel)
            .map(|(_, len)| *len as usize)
            .sum()
    }
}

fn check_spec(spec: &SampleSpec, what: &str) -> Result<u32, AudioError> {
    if spec.format != SampleFormat::S16Le || spec.channels != 1 || spec.sample_rate == 0 {
        return Err(AudioError::Device(format!(
            "PulseAudio gave the {what} stream {spec:?}, not the mono 16-bit asked for"
        )));
    }
    Ok(spec.sample_rate)
}

impl PulseThread {
    /// Open `output` (and `input` unless `capture` is false) by name or description, or the
    /// server's choice when `None`, and start serving them.
    pub(crate) fn start(
        input: Option<&str>,
        output: Option<&str>,
        session_rate: u32,
        capture: bool,
    ) -> Result<(PulseThread, EngineCapture, EnginePlayback), AudioError> {
        let mut conn = Connection::open()?;
        let speaker = devices::resolve(&mut conn, output, DeviceDirection::Output)?;
        let microphone: Option<Endpoint> = if capture {
            Some(devices::resolve(&mut conn, input, DeviceDirection::Input)?)
        } else {
            None
        };
        let purpose = if capture {
            Purpose::Call
        } else {
            Purpose::Tones
        };
        let mut early = Early::default();
        let played: CreatePlaybackStreamReply = conn.request_with(
            Command::CreatePlaybackStream(stream_params::playback(&speaker, purpose)),
            |incoming| early.note(incoming),
        )?;
        let playback_rate = check_spec(&played.sample_spec, "playback")?;
        let recorded: Option<CreateRecordStreamReply> = match &microphone {
            Some(endpoint) => Some(conn.request_with(
                Command::CreateRecordStream(stream_params::record(endpoint)),
                |incoming| early.note(incoming),
            )?),
            None => None,
        };
        let capture_rate = match &recorded {
            Some(reply) => check_spec(&reply.sample_spec, "capture")?,
            None => playback_rate,
        };
        let (rt_capture, rt_playback, engine_capture, engine_playback) =
            queues(capture_rate, playback_rate, session_rate);
        let devices = SessionDevices {
            input: recorded
                .as_ref()
                .and_then(|r| r.sink_name.as_deref())
                .map(|n| n.to_string_lossy().into_owned()),
            output: played
                .sink_name
                .as_deref()
                .map(|n| n.to_string_lossy().into_owned()),
        };
        let (moves_tx, moves) = mpsc::channel();
        let delay_ms = echo_path_ms(&played, recorded.as_ref(), playback_rate, capture_rate);
        let mut io = StreamIo {
            conn,
            playback_channel: played.channel,
            record_channel: recorded.as_ref().map(|r| r.channel),
            capture: rt_capture,
            playback: rt_playback,
            moves: moves_tx,
        };
        let first = played.requested_bytes as usize + early.for_channel(played.channel);
        io.answer_request(first)?;
        io.wait_until_flowing(Instant::now() + START_TIMEOUT)?;
        tracing::info!(
            output = devices.output,
            output_rate = playback_rate,
            target_bytes = played.buffer_attr.target_length,
            request_bytes = played.buffer_attr.minimum_request_length,
            input = devices.input,
            input_rate = capture_rate,
            fragment_bytes = recorded.as_ref().map(|r| r.buffer_attr.fragment_size),
            "PulseAudio streams open"
        );
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let handle = std::thread::Builder::new()
            .name("handset-pulse".into())
            .spawn(move || io.run(&stop_flag))
            .map_err(|e| AudioError::Device(format!("cannot start the audio thread: {e}")))?;
        Ok((
            PulseThread {
                stop,
                handle: Some(handle),
                devices,
                moves,
                delay_ms,
            },
            engine_capture,
            engine_playback,
        ))
    }

    /// The devices the streams are on now, counting the moves seen so far.
    pub(crate) fn devices(&self) -> &SessionDevices {
        &self.devices
    }

    /// How long the streams hold sound on its way from the speaker queue out, and from the
    /// microphone in: the server's buffers, as granted.
    pub(crate) fn delay_ms(&self) -> u32 {
        self.delay_ms
    }

    /// The next move the server made since the last call, if any.
    pub(crate) fn poll_move(&mut self) -> Option<DeviceMove> {
        let moved = self.moves.try_recv().ok()?;
        self.devices = self.devices.after(&moved);
        Some(moved)
    }

    /// Delete the streams and disconnect.
    pub(crate) fn stop(&mut self) -> Result<(), AudioError> {
        self.stop.store(true, Ordering::Relaxed);
        let Some(handle) = self.handle.take() else {
            return Ok(());
        };
        handle
            .join()
            .map_err(|_| AudioError::Device("the PulseAudio thread panicked".into()))
    }
}

impl Drop for PulseThread {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

impl StreamIo {
    fn run(mut self, stop: &AtomicBool) {
        let counters = self.capture.counters();
        while !stop.load(Ordering::Relaxed) {
            if let Err(reason) = self.step() {
                counters.count_device_error();
                tracing::warn!(%reason, "PulseAudio call audio stopped");
                self.conn.close();
                return;
            }
        }
        self.close();
    }

    /// Serve the streams until both carry audio: the server has started playback and the first
    /// capture has arrived. A device does so within milliseconds; an idle null sink renders
    /// far ahead and makes a new stream wait up to about a second. Gives up quietly at
    /// `deadline`: the streams are open either way.
    fn wait_until_flowing(&mut self, deadline: Instant) -> Result<(), AudioError> {
        let mut playing = false;
        let mut capturing = self.record_channel.is_none();
        while !(playing && capturing) && Instant::now() < deadline {
            let step = self.step().map_err(AudioError::Device)?;
            playing |= step.playback_started;
            capturing |= step.captured;
        }
        if !(playing && capturing) {
            tracing::debug!(playing, capturing, "PulseAudio streams slow to start");
        }
        Ok(())
    }

    /// Wait for the server (up to the socket's read tick) and serve what it sent.
    fn step(&mut self) -> Result<Step, String> {
        let mut requested = 0usize;
        let mut killed = false;
        let mut step = Step::default();
        let Self {
            conn,
            playback_channel,
            record_channel,
            capture,
            moves,
            ..
        } = self;
        let moved = |direction, device: &std::ffi::CStr| {
            let device = device.to_string_lossy().into_owned();
            tracing::info!(?direction, device, "PulseAudio moved a call stream");
            // The engine may have dropped the session already; nobody needs the news then.
            let _ = moves.send(DeviceMove { direction, device });
        };
        let received = conn.receive(|incoming| match incoming {
            Incoming::Audio { channel, bytes } if Some(channel) == *record_channel => {
                step.captured = true;
                push_capture(capture, bytes);
            }
            Incoming::Command {
                command: Command::Request(request),
                ..
            } if request.channel == *playback_channel => requested += request.length as usize,
            Incoming::Command {
                command: Command::Started(channel),
                ..
            } if channel == *playback_channel => step.playback_started = true,
            Incoming::Command {
                command: Command::PlaybackStreamMoved(params),
                ..
            } if params.stream_index == *playback_channel => {
                moved(DeviceDirection::Output, &params.device_name);
            }
            Incoming::Command {
                command: Command::RecordStreamMoved(params),
                ..
            } if Some(params.stream_index) == *record_channel => {
                moved(DeviceDirection::Input, &params.device_name);
            }
            Incoming::Command {
                command: Command::PlaybackStreamKilled(_) | Command::RecordStreamKilled(_),
                ..
            } => killed = true,
            _ => {}
        });
        match received {
            Ok(true) if killed => Err("the server ended the stream (device removed?)".into()),
            Ok(true) => self
                .answer_request(requested)
                .map(|()| step)
                .map_err(|e| e.to_string()),
            Ok(false) => Err("the server closed the connection".into()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Send `len` bytes of playback from the queue (nothing when `len` is 0).
    fn answer_request(&mut self, len: usize) -> Result<(), AudioError> {
        if len == 0 {
            return Ok(());
        }
        let playback = &mut self.playback;
        let mut ran_dry = false;
        self.conn.send_audio(self.playback_channel, len, |body| {
            let mut mono = [0i16; CHUNK];
            for bytes in body.chunks_mut(2 * CHUNK) {
                let Some(wanted) = mono.get_mut(..bytes.len() / 2) else {
                    continue;
                };
                ran_dry |= !playback.pull(wanted);
                for (pair, sample) in bytes.chunks_exact_mut(2).zip(wanted.iter()) {
                    pair.copy_from_slice(&sample.to_le_bytes());
                }
            }
        })?;
        if ran_dry {
            self.playback.count_underrun();
        }
        Ok(())
    }

    /// Delete both streams, wait for the server to confirm, and disconnect.
    fn close(mut self) {
        let mut deletions = vec![Command::DeletePlaybackStream(self.playback_channel)];
        if let Some(channel) = self.record_channel {
            deletions.insert(0, Command::DeleteRecordStream(channel));
        }
        for command in deletions {
            if let Err(error) = self.conn.request::<Ack>(command) {
                tracing::debug!(%error, "PulseAudio stream deletion unconfirmed");
            }
        }
        self.conn.close();
    }
}

/// The playback stream's buffer (which includes the sink's own latency: the streams ask the
/// server to adjust it to match), plus one capture fragment and the source's latency.
fn echo_path_ms(
    played: &CreatePlaybackStreamReply,
    recorded: Option<&CreateRecordStreamReply>,
    playback_rate: u32,
    capture_rate: u32,
) -> u32 {
    let ms = |bytes: u32, rate: u32| {
        let frames = u64::from(bytes) / u64::from(stream_params::BYTES_PER_FRAME);
        u32::try_from(frames * 1000 / u64::from(rate.max(1))).unwrap_or(u32::MAX)
    };
    let playback = ms(played.buffer_attr.target_length, playback_rate);
    let capture = recorded.map_or(0, |r| {
        let source_ms = u32::try_from(r.stream_latency / 1000).unwrap_or(u32::MAX);
        ms(r.buffer_attr.fragment_size, capture_rate).saturating_add(source_ms)
    });
    playback.saturating_add(capture)
}

/// Captured S16LE mono bytes into the capture queue.
fn push_capture(capture: &mut RtCapture, bytes: &[u8]) {
    let mut mono = [0i16; CHUNK];
    for block in bytes.chunks(2 * CHUNK) {
        let mut n = 0;
        for (slot, pair) in mono.iter_mut().zip(block.chunks_exact(2)) {
            *slot = i16::from_le_bytes([pair[0], pair[1]]);
            n += 1;
        }
        if let Some(ready) = mono.get(..n) {
            capture.push(ready);
        }
    }
}
