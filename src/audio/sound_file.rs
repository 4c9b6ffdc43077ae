//! A sound theme's file (Ogg Vorbis or WAV, the two formats the Sound Theme Specification
//! requires) decoded to mono 16-bit PCM for the ringer.

use crate::media::vorbis_headers;
use lewton::inside_ogg::OggStreamReader;
use std::io::Cursor;
use std::path::Path;

/// Files beyond this are not event sounds; refuse them instead of filling memory.
const MAX_FILE_BYTES: u64 = 8 << 20;
/// A ring sound is a few seconds; more is cut.
const MAX_SECONDS: usize = 30;
/// The rates a device session accepts without absurd conversion ratios.
const RATES: std::ops::RangeInclusive<u32> = 8_000..=192_000;

/// Mono PCM at its own rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Pcm {
    pub rate: u32,
    pub samples: Vec<i16>,
}

#[derive(Debug, thiserror::Error)]
pub enum SoundFileError {
    #[error("cannot read {0}")]
    Read(String),
    #[error("{0}")]
    Decode(String),
    #[error("unsupported sound: {0}")]
    Unsupported(String),
}

/// Read and decode `path`, choosing the format by its first bytes.
pub fn decode_file(path: &Path) -> Result<Pcm, SoundFileError> {
    let read_error = |e: std::io::Error| SoundFileError::Read(format!("{}: {e}", path.display()));
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(SoundFileError::Unsupported(format!(
            "{} is {size} bytes, more than {MAX_FILE_BYTES}",
            path.display()
        )));
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    decode(&bytes)
}

/// Decode a whole Ogg Vorbis or WAV file held in memory.
pub fn decode(bytes: &[u8]) -> Result<Pcm, SoundFileError> {
    let pcm = if bytes.starts_with(b"OggS") {
        decode_vorbis(bytes)?
    } else if bytes.starts_with(b"RIFF") {
        decode_wav(bytes)?
    } else {
        return Err(SoundFileError::Unsupported(
            "neither Ogg nor RIFF/WAV".to_string(),
        ));
    };
    if pcm.samples.is_empty() {
        return Err(SoundFileError::Decode("the sound is empty".to_string()));
    }
    Ok(pcm)
}

fn check_format(rate: u32, channels: usize) -> Result<(), SoundFileError> {
    if !RATES.contains(&rate) || channels == 0 || channels > 8 {
        return Err(SoundFileError::Unsupported(format!(
            "{rate} Hz with {channels} channels"
        )));
    }
    Ok(())
}

/// The comment and setup headers are checked first: lewton reserves what they declare.
fn check_vorbis_headers(bytes: &[u8]) -> Result<(), SoundFileError> {
    let mut packets = ogg::PacketReader::new(Cursor::new(bytes));
    let mut next = || match packets.read_packet() {
        Ok(Some(packet)) => Ok(packet.data),
        Ok(None) => Err(SoundFileError::Decode(
            "Vorbis: headers missing".to_string(),
        )),
        Err(e) => Err(SoundFileError::Decode(format!("Ogg: {e}"))),
    };
    let refused = |e: vorbis_headers::HeaderProblem| SoundFileError::Decode(format!("Vorbis: {e}"));
    let _identification = next()?;
    vorbis_headers::check_comment_header(&next()?).map_err(refused)?;
    vorbis_headers::check_setup_header(&next()?).map_err(refused)
}

fn decode_vorbis(bytes: &[u8]) -> Result<Pcm, SoundFileError> {
    check_vorbis_headers(bytes)?;
    let decode_error = |e: lewton::VorbisError| SoundFileError::Decode(format!("Vorbis: {e}"));
    let mut reader = OggStreamReader::new(Cursor::new(bytes)).map_err(decode_error)?;
    let rate = reader.ident_hdr.audio_sample_rate;
    let channels = usize::from(reader.ident_hdr.audio_channels);
    check_format(rate, channels)?;
    let mut mono = Mixdown::new(channels, rate);
    while let Some(packet) = reader.read_dec_packet_itl().map_err(decode_error)? {
        if !mono.push(packet.iter().map(|&s| i32::from(s))) {
            break;
        }
    }
    Ok(mono.finish())
}

fn decode_wav(bytes: &[u8]) -> Result<Pcm, SoundFileError> {
    let decode_error = |e: hound::Error| SoundFileError::Decode(format!("WAV: {e}"));
    let reader = hound::WavReader::new(Cursor::new(bytes)).map_err(decode_error)?;
    let spec = reader.spec();
    let channels = usize::from(spec.channels);
    check_format(spec.sample_rate, channels)?;
    let mut mono = Mixdown::new(channels, spec.sample_rate);
    match (spec.sample_format, spec.bits_per_sample) {
        (hound::SampleFormat::Int, bits @ 8..=32) => {
            let shift = i32::from(bits) - 16;
            let samples = reader.into_samples::<i32>().map_while(Result::ok);
            mono.push(samples.map(|s| if shift >= 0 { s >> shift } else { s << -shift }));
        }
        (hound::SampleFormat::Float, 32) => {
            let samples = reader.into_samples::<f32>().map_while(Result::ok);
            mono.push(samples.map(|s| (s.clamp(-1.0, 1.0) * 32767.0) as i32));
        }
        (format, bits) => {
            return Err(SoundFileError::Unsupported(format!(
                "{bits}-bit {format:?} WAV"
            )));
        }
    }
    Ok(mono.finish())
}

/// Averages interleaved frames to one channel, up to [`MAX_SECONDS`].
struct Mixdown {
    channels: usize,
    rate: u32,
    limit: usize,
    samples: Vec<i16>,
    /// The sum and count of the frame being collected.
    sum: i32,
    count: usize,
}

impl Mixdown {
    fn new(channels: usize, rate: u32) -> Self {
        Self {
            channels,
            rate,
            limit: rate as usize * MAX_SECONDS,
            samples: Vec::new(),
            sum: 0,
            count: 0,
        }
    }

    /// False once the length limit is reached.
    fn push(&mut self, interleaved: impl Iterator<Item = i32>) -> bool {
        for sample in interleaved {
            self.sum += sample.clamp(i32::from(i16::MIN), i32::from(i16::MAX));
            self.count += 1;
            if self.count == self.channels {
                let mean = self.sum / self.channels as i32;
                self.samples.push(mean as i16);
                self.sum = 0;
                self.count = 0;
                if self.samples.len() >= self.limit {
                    return false;
                }
            }
        }
        true
    }

    fn finish(self) -> Pcm {
        Pcm {
            rate: self.rate,
            samples: self.samples,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav(spec: hound::WavSpec, samples: &[i32]) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        let mut writer = hound::WavWriter::new(&mut bytes, spec).unwrap();
        for &s in samples {
            writer.write_sample(s).unwrap();
        }
        writer.finalize().unwrap();
        bytes.into_inner()
    }

    #[test]
    fn a_stereo_wav_is_mixed_down_to_mono() {
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 48_000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let pcm = decode(&wav(spec, &[1000, 3000, -200, -400])).unwrap();
        assert_eq!(
            pcm,
            Pcm {
                rate: 48_000,
                samples: vec![2000, -300]
            }
        );
    }

    #[test]
    fn a_24_bit_wav_is_scaled_to_16_bits() {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: 8_000,
            bits_per_sample: 24,
            sample_format: hound::SampleFormat::Int,
        };
        let pcm = decode(&wav(spec, &[0x10_0000, -0x10_0000])).unwrap();
        assert_eq!(pcm.samples, vec![0x1000, -0x1000]);
    }

    #[test]
    fn our_own_ringtone_file_decodes() {
        let bytes = crate::audio::ringtone_file::ringtone_wav().unwrap();
        let pcm = decode(&bytes).unwrap();
        assert_eq!(pcm.rate, crate::audio::ringtone_file::RINGTONE_RATE);
        assert!(pcm.samples.iter().any(|s| s.unsigned_abs() > 1000));
    }

    #[test]
    fn broken_and_foreign_files_are_errors_not_panics() {
        let ogg_head = b"OggS\0\x02\0\0\0\0\0\0\0\0\x01\x02\x03\x04\0\0\0\0garbage".to_vec();
        let mut truncated_wav = crate::audio::ringtone_file::ringtone_wav().unwrap();
        truncated_wav.truncate(30);
        for bytes in [
            Vec::new(),
            b"ID3\x03 an mp3".to_vec(),
            ogg_head,
            b"RIFF\xff\xff\xff\xffWAVE".to_vec(),
            truncated_wav,
        ] {
            assert!(decode(&bytes).is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn absurd_rates_are_refused() {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: 1,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        assert!(decode(&wav(spec, &[1, 2, 3])).is_err());
    }
}
