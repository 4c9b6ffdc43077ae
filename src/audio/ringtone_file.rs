//! Our ringtone as a WAV file (`assets/sounds/ringtone.wav`), written from the same generator
//! the ringer plays, so the shipped file and what rings cannot drift apart.

use crate::media::tones::ringtone_cycle;
use std::io::Cursor;

/// 16 kHz is plenty for the chime's highest note (1 kHz) and keeps the file small.
pub const RINGTONE_RATE: u32 = 16_000;

/// One cycle of the ringtone as a 16-bit mono PCM WAV file.
pub fn ringtone_wav() -> Result<Vec<u8>, hound::Error> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: RINGTONE_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut bytes = Cursor::new(Vec::new());
    let mut writer = hound::WavWriter::new(&mut bytes, spec)?;
    for sample in ringtone_cycle(RINGTONE_RATE) {
        writer.write_sample(sample)?;
    }
    writer.finalize()?;
    Ok(bytes.into_inner())
}
