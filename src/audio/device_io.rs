//! The cpal data callbacks: interleaved device samples of any format and channel count to and
//! from mono i16 queues. They run on the audio server's thread, so they only copy into a
//! fixed-size stack buffer and touch the queues' atomics: no allocation, no lock, no log.

use std::time::Duration;

use cpal::traits::DeviceTrait;
use cpal::{FromSample, SampleFormat, SizedSample, StreamConfig, I24};

use super::queues::{RtCapture, RtPlayback};

/// Mono samples converted per step inside a callback.
const CHUNK: usize = 512;
/// How long the audio server may take to create a stream.
const BUILD_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a stream could not be built.
pub(crate) type BuildResult = Result<cpal::Stream, String>;

/// An input stream pushing mono i16 into `capture`, whatever `format` the device delivers.
pub(crate) fn build_input(
    device: &cpal::Device,
    config: StreamConfig,
    format: SampleFormat,
    capture: RtCapture,
) -> BuildResult {
    match format {
        SampleFormat::I16 => input::<i16>(device, config, capture),
        SampleFormat::F32 => input::<f32>(device, config, capture),
        SampleFormat::I32 => input::<i32>(device, config, capture),
        SampleFormat::I24 => input::<I24>(device, config, capture),
        SampleFormat::F64 => input::<f64>(device, config, capture),
        SampleFormat::U8 => input::<u8>(device, config, capture),
        SampleFormat::I8 => input::<i8>(device, config, capture),
        SampleFormat::U16 => input::<u16>(device, config, capture),
        other => Err(format!("sample format {other} is not supported")),
    }
}

/// An output stream playing mono i16 from `playback` on every channel.
pub(crate) fn build_output(
    device: &cpal::Device,
    config: StreamConfig,
    format: SampleFormat,
    playback: RtPlayback,
) -> BuildResult {
    match format {
        SampleFormat::I16 => output::<i16>(device, config, playback),
        SampleFormat::F32 => output::<f32>(device, config, playback),
        SampleFormat::I32 => output::<i32>(device, config, playback),
        SampleFormat::I24 => output::<I24>(device, config, playback),
        SampleFormat::F64 => output::<f64>(device, config, playback),
        SampleFormat::U8 => output::<u8>(device, config, playback),
        SampleFormat::I8 => output::<i8>(device, config, playback),
        SampleFormat::U16 => output::<u16>(device, config, playback),
        other => Err(format!("sample format {other} is not supported")),
    }
}

/// True for the formats [`build_input`] and [`build_output`] handle.
pub(crate) fn is_supported(format: SampleFormat) -> bool {
    matches!(
        format,
        SampleFormat::I16
            | SampleFormat::F32
            | SampleFormat::I32
            | SampleFormat::I24
            | SampleFormat::F64
            | SampleFormat::U8
            | SampleFormat::I8
            | SampleFormat::U16
    )
}

fn input<T>(device: &cpal::Device, config: StreamConfig, mut capture: RtCapture) -> BuildResult
where
    T: SizedSample,
    i16: FromSample<T>,
{
    let channels = usize::from(config.channels).max(1);
    let mut mono = [0i16; CHUNK];
    let counters = capture.counters();
    device
        .build_input_stream::<T, _, _>(
            config,
            move |data: &[T], _| {
                for frames in data.chunks(channels * CHUNK) {
                    let mut n = 0;
                    for (slot, frame) in mono.iter_mut().zip(frames.chunks_exact(channels)) {
                        *slot = mix_down(frame);
                        n += 1;
                    }
                    if let Some(ready) = mono.get(..n) {
                        capture.push(ready);
                    }
                }
            },
            move |error| {
                counters.count_device_error();
                tracing::warn!(%error, "audio capture stream error");
            },
            Some(BUILD_TIMEOUT),
        )
        .map_err(|e| e.to_string())
}

fn output<T>(device: &cpal::Device, config: StreamConfig, mut playback: RtPlayback) -> BuildResult
where
    T: SizedSample + FromSample<i16>,
{
    let channels = usize::from(config.channels).max(1);
    let mut mono = [0i16; CHUNK];
    let counters = playback.counters();
    device
        .build_output_stream::<T, _, _>(
            config,
            move |data: &mut [T], _| {
                let mut ran_dry = false;
                for frames in data.chunks_mut(channels * CHUNK) {
                    let Some(wanted) = mono.get_mut(..frames.len() / channels) else {
                        continue;
                    };
                    ran_dry |= !playback.pull(wanted);
                    for (frame, &sample) in frames.chunks_exact_mut(channels).zip(wanted.iter()) {
                        frame.fill(T::from_sample(sample));
                    }
                }
                if ran_dry {
                    playback.count_underrun();
                }
            },
            move |error| {
                counters.count_device_error();
                tracing::warn!(%error, "audio playback stream error");
            },
            Some(BUILD_TIMEOUT),
        )
        .map_err(|e| e.to_string())
}

/// The average of one interleaved frame's channels.
fn mix_down<T: SizedSample>(frame: &[T]) -> i16
where
    i16: FromSample<T>,
{
    let sum: i32 = frame.iter().map(|&s| i32::from(s.to_sample::<i16>())).sum();
    (sum / frame.len().max(1) as i32) as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stereo_frames_mix_to_their_average() {
        assert_eq!(mix_down(&[1000i16, 3000]), 2000);
        assert_eq!(mix_down(&[i16::MAX, i16::MAX]), i16::MAX);
        assert_eq!(mix_down(&[0.5f32, 0.5]), 16384);
        assert_eq!(mix_down::<f32>(&[]), 0);
    }
}
