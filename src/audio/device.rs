//! The sound-device backend. `cpal::Stream` is not `Send`, so a dedicated thread opens the host,
//! the devices and both streams, hands the engine its halves of the queues, and keeps the streams
//! alive until the session stops it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::Duration;

use cpal::traits::{DeviceTrait, StreamTrait};
use cpal::{BufferSize, SampleFormat, StreamConfig, SupportedBufferSize};

use super::device_host::{find_device, open_host, DeviceDirection};
use super::device_io::{build_input, build_output, is_supported};
use super::queues::{queues, EngineCapture, EnginePlayback};
use super::AudioError;

/// Capture callback period: short, so captured frames reach the engine promptly.
const CAPTURE_PERIOD_MS: u32 = 10;
/// Playback callback period; the server buffers two of these.
const PLAYBACK_PERIOD_MS: u32 = 20;
/// How long opening may take before the session gives up on the audio server.
const OPEN_TIMEOUT: Duration = Duration::from_secs(10);

/// The thread that owns both device streams.
pub(crate) struct DeviceThread {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

type Opened = (EngineCapture, EnginePlayback);

impl DeviceThread {
    /// Open `input` (unless `capture` is false: tones need no microphone) and `output` (or the
    /// defaults) and start the streams.
    pub(crate) fn start(
        input: Option<&str>,
        output: Option<&str>,
        session_rate: u32,
        capture: bool,
    ) -> Result<(DeviceThread, EngineCapture, EnginePlayback), AudioError> {
        let stop = Arc::new(AtomicBool::new(false));
        let (ready_tx, ready_rx) = mpsc::channel::<Result<Opened, AudioError>>();
        let input = input.map(str::to_owned);
        let output = output.map(str::to_owned);
        let stop_flag = stop.clone();
        let handle = std::thread::Builder::new()
            .name("handset-audio-device".into())
            .spawn(move || {
                let opened =
                    open_streams(input.as_deref(), output.as_deref(), session_rate, capture);
                let streams = match opened {
                    Ok((streams, engine_halves)) => {
                        if ready_tx.send(Ok(engine_halves)).is_err() {
                            return; // the session gave up waiting
                        }
                        streams
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                while !stop_flag.load(Ordering::Relaxed) {
                    std::thread::park_timeout(Duration::from_millis(200));
                }
                drop(streams);
            })
            .map_err(|e| AudioError::Device(format!("cannot start the audio thread: {e}")))?;
        let mut thread = DeviceThread {
            stop,
            handle: Some(handle),
        };
        match ready_rx.recv_timeout(OPEN_TIMEOUT) {
            Ok(Ok((capture, playback))) => Ok((thread, capture, playback)),
            Ok(Err(e)) => Err(e),
            Err(_) => {
                // Do not join: the thread may be stuck talking to a hung server.
                thread.stop.store(true, Ordering::Relaxed);
                thread.handle = None;
                Err(AudioError::Device(format!(
                    "the audio system did not open the devices within {} s",
                    OPEN_TIMEOUT.as_secs()
                )))
            }
        }
    }

    /// Stop both streams.
    pub(crate) fn stop(&mut self) -> Result<(), AudioError> {
        self.stop.store(true, Ordering::Relaxed);
        let Some(handle) = self.handle.take() else {
            return Ok(());
        };
        handle.thread().unpark();
        handle
            .join()
            .map_err(|_| AudioError::Device("the audio device thread panicked".into()))
    }
}

impl Drop for DeviceThread {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

/// Runs on the device thread: everything that needs the host, in order, failing clearly.
fn open_streams(
    input: Option<&str>,
    output: Option<&str>,
    session_rate: u32,
    capture: bool,
) -> Result<(Vec<cpal::Stream>, Opened), AudioError> {
    let host = open_host()?;
    let host_name = host.id().name();
    let input_device = find_device(&host, input, DeviceDirection::Input)?;
    let output_device = find_device(&host, output, DeviceDirection::Output)?;
    let (input_config, input_format) = choose_config(&input_device, DeviceDirection::Input)?;
    let (output_config, output_format) = choose_config(&output_device, DeviceDirection::Output)?;

    let (rt_capture, rt_playback, capture_half, playback) = queues(
        input_config.sample_rate,
        output_config.sample_rate,
        session_rate,
    );
    let fail = |what: &str, device: &cpal::Device, detail: String| {
        AudioError::Device(format!(
            "cannot {what} on {host_name} device {device}: {detail}"
        ))
    };
    let output_stream = build_output(&output_device, output_config, output_format, rt_playback)
        .map_err(|e| fail("open playback", &output_device, e))?;
    output_stream
        .play()
        .map_err(|e| fail("start playback", &output_device, e.to_string()))?;
    if !capture {
        tracing::info!(host = host_name, output = %output_device, "audio output open");
        return Ok((vec![output_stream], (capture_half, playback)));
    }
    let input_stream = build_input(&input_device, input_config, input_format, rt_capture)
        .map_err(|e| fail("open capture", &input_device, e))?;
    // On the PulseAudio host this waits until the source delivers: a few ms on a sound card, up
    // to ~2 s on an idle null sink's monitor (it renders 2 s ahead when nobody asks for less).
    input_stream
        .play()
        .map_err(|e| fail("start capture", &input_device, e.to_string()))?;
    tracing::info!(
        host = host_name,
        input = %input_device,
        input_rate = input_config.sample_rate,
        input_channels = input_config.channels,
        output = %output_device,
        output_rate = output_config.sample_rate,
        output_channels = output_config.channels,
        "audio devices open"
    );
    Ok((vec![input_stream, output_stream], (capture_half, playback)))
}

/// The device's own default configuration when its sample format is one we convert, else a
/// supported configuration at the default rate in f32 or i16; with a short callback period.
fn choose_config(
    device: &cpal::Device,
    direction: DeviceDirection,
) -> Result<(StreamConfig, SampleFormat), AudioError> {
    let (default, ranges) = match direction {
        DeviceDirection::Input => (
            device.default_input_config(),
            device
                .supported_input_configs()
                .map(|r| r.collect::<Vec<_>>()),
        ),
        DeviceDirection::Output => (
            device.default_output_config(),
            device
                .supported_output_configs()
                .map(|r| r.collect::<Vec<_>>()),
        ),
    };
    let default = default.map_err(|e| {
        AudioError::Device(format!("device {device} has no usable configuration: {e}"))
    })?;
    let chosen = if is_supported(default.sample_format()) {
        default
    } else {
        ranges
            .unwrap_or_default()
            .into_iter()
            .filter(|r| matches!(r.sample_format(), SampleFormat::F32 | SampleFormat::I16))
            .find_map(|r| r.try_with_sample_rate(default.sample_rate()))
            .ok_or_else(|| {
                AudioError::Device(format!(
                    "device {device} only offers sample format {}, which Handset cannot convert",
                    default.sample_format()
                ))
            })?
    };
    let period_ms = match direction {
        DeviceDirection::Input => CAPTURE_PERIOD_MS,
        DeviceDirection::Output => PLAYBACK_PERIOD_MS,
    };
    let wanted = (chosen.sample_rate() * period_ms / 1000).max(1);
    let buffer_size = match *chosen.buffer_size() {
        SupportedBufferSize::Range { min, max } => BufferSize::Fixed(wanted.clamp(min, max)),
        SupportedBufferSize::Unknown => BufferSize::Default,
    };
    let config = StreamConfig {
        channels: chosen.channels(),
        sample_rate: chosen.sample_rate(),
        buffer_size,
    };
    Ok((config, chosen.sample_format()))
}
