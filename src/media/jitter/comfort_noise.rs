//! Comfort noise: what plays when there is nothing to play.
//!
//! Dead digital silence in the middle of a call sounds like the line dropped. A faint noise at
//! the level of the far end's background keeps the call sounding open. The level is the
//! quietest recent 10 ms of real audio (speech pauses), rising slowly so that a noisy room is
//! followed, and capped so that it never becomes a hiss of its own.

/// Loudest comfort noise, RMS (about −50 dBFS).
const MAX_RMS: f32 = 100.0;
/// The floor may rise by this factor per block of real audio (about +20 % a second).
const RISE_PER_BLOCK: f32 = 1.002;

#[derive(Debug, Clone)]
pub struct ComfortNoise {
    floor_rms: Option<f32>,
    /// xorshift32 state: deterministic, so a test hears the same noise every run.
    state: u32,
}

impl Default for ComfortNoise {
    fn default() -> Self {
        Self {
            floor_rms: None,
            state: 0x9E37_79B9,
        }
    }
}

impl ComfortNoise {
    /// Note a block of real audio.
    pub fn observe(&mut self, block: &[i16]) {
        if block.is_empty() {
            return;
        }
        let energy: f32 = block.iter().map(|&s| f32::from(s) * f32::from(s)).sum();
        let rms = (energy / block.len() as f32).sqrt();
        self.floor_rms = Some(match self.floor_rms {
            Some(floor) if rms >= floor => floor * RISE_PER_BLOCK,
            _ => rms,
        });
    }

    /// Append `samples` samples of noise.
    pub fn generate(&mut self, samples: usize, out: &mut Vec<i16>) {
        let rms = self.floor_rms.unwrap_or(0.0).min(MAX_RMS);
        // A uniform variable in [-a, a] has RMS a/√3.
        let amplitude = rms * 3f32.sqrt();
        out.extend((0..samples).map(|_| {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 17;
            self.state ^= self.state << 5;
            let unit = self.state as f32 / u32::MAX as f32 * 2.0 - 1.0;
            (unit * amplitude).round() as i16
        }));
    }
}
