//! Sample-rate conversion between device and codec rates. PLACEHOLDER: the audio owner writes it.

/// Converts a mono i16 stream from one rate to another, keeping state across calls.
pub struct Resampler {
    from: u32,
    to: u32,
}

impl Resampler {
    pub fn new(from: u32, to: u32) -> Self {
        Self { from, to }
    }

    /// Convert `input`, appending to `output`.
    pub fn process(&mut self, input: &[i16], output: &mut Vec<i16>) {
        let _ = (input, output, self.from, self.to);
        todo!()
    }
}
