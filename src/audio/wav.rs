//! WAV file ends for the pacing thread: a file that plays as the microphone, and a file that
//! records what the speaker would play.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::paced::{Microphone, Speaker};
use super::AudioError;
use crate::media::resample::Resampler;

/// Sample rates a microphone file may have; anything else is a corrupt header.
const SANE_RATES: std::ops::RangeInclusive<u32> = 1000..=384_000;

/// A WAV file decoded to mono at the session rate, then silence forever.
pub(crate) struct WavMicrophone {
    samples: Vec<i16>,
    position: usize,
}

impl WavMicrophone {
    /// Decode all of `path` now, so that errors surface at open() and the pacing thread only
    /// copies.
    pub(crate) fn open(path: &Path, rate: u32) -> Result<WavMicrophone, AudioError> {
        let fail = |detail: String| AudioError::WavFile {
            path: path.to_path_buf(),
            detail,
        };
        let reader = hound::WavReader::open(path).map_err(|e| fail(e.to_string()))?;
        let spec = reader.spec();
        if spec.channels == 0 {
            return Err(fail("the file declares zero channels".into()));
        }
        if !SANE_RATES.contains(&spec.sample_rate) {
            return Err(fail(format!(
                "unsupported sample rate {} Hz",
                spec.sample_rate
            )));
        }
        let interleaved = read_as_i16(reader).map_err(|e| fail(e.to_string()))?;
        let mono = mix_to_mono(&interleaved, usize::from(spec.channels));
        let mut samples = Vec::with_capacity(mono.len());
        Resampler::new(spec.sample_rate, rate).process(&mono, &mut samples);
        Ok(WavMicrophone {
            samples,
            position: 0,
        })
    }
}

impl Microphone for WavMicrophone {
    fn read(&mut self, out: &mut [i16]) {
        let rest = self.samples.get(self.position..).unwrap_or_default();
        let n = rest.len().min(out.len());
        let (head, tail) = out.split_at_mut(n);
        head.copy_from_slice(rest.get(..n).unwrap_or_default());
        tail.fill(0);
        self.position += n;
    }
}

/// Every sample as i16, whatever the file's sample format.
fn read_as_i16(reader: hound::WavReader<std::io::BufReader<File>>) -> hound::Result<Vec<i16>> {
    let spec = reader.spec();
    match (spec.sample_format, spec.bits_per_sample) {
        (hound::SampleFormat::Float, _) => reader
            .into_samples::<f32>()
            .map(|s| s.map(|v| (v.clamp(-1.0, 1.0) * 32767.0).round() as i16))
            .collect(),
        (hound::SampleFormat::Int, bits) if bits <= 16 => {
            let shift = 16 - u32::from(bits);
            reader
                .into_samples::<i16>()
                .map(|s| s.map(|v| v << shift))
                .collect()
        }
        (hound::SampleFormat::Int, bits) => {
            let shift = u32::from(bits).saturating_sub(16).min(31);
            reader
                .into_samples::<i32>()
                .map(|s| s.map(|v| (v >> shift) as i16))
                .collect()
        }
    }
}

fn mix_to_mono(interleaved: &[i16], channels: usize) -> Vec<i16> {
    if channels <= 1 {
        return interleaved.to_vec();
    }
    interleaved
        .chunks_exact(channels)
        .map(|frame| {
            let sum: i32 = frame.iter().map(|&s| i32::from(s)).sum();
            (sum / channels as i32) as i16
        })
        .collect()
}

/// A 16-bit mono WAV at the session rate receiving everything played.
pub(crate) struct WavSpeaker {
    path: PathBuf,
    writer: hound::WavWriter<BufWriter<File>>,
}

impl WavSpeaker {
    /// Create (or truncate) `path` now, so that an unwritable path fails at open().
    pub(crate) fn create(path: &Path, rate: u32) -> Result<WavSpeaker, AudioError> {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let writer = hound::WavWriter::create(path, spec).map_err(|e| AudioError::WavFile {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        Ok(WavSpeaker {
            path: path.to_path_buf(),
            writer,
        })
    }

    fn fail(&self, error: hound::Error) -> AudioError {
        AudioError::WavFile {
            path: self.path.clone(),
            detail: error.to_string(),
        }
    }
}

impl Speaker for WavSpeaker {
    fn write(&mut self, samples: &[i16]) -> Result<(), AudioError> {
        let mut writer = self.writer.get_i16_writer(samples.len() as u32);
        for &sample in samples {
            writer.write_sample(sample);
        }
        writer.flush().map_err(|e| self.fail(e))
    }

    fn finish(self: Box<Self>) -> Result<(), AudioError> {
        let path = self.path;
        self.writer.finalize().map_err(|e| AudioError::WavFile {
            path,
            detail: e.to_string(),
        })
    }
}
