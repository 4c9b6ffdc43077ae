//! The decoder's pitch enhancer (RFC 3951 section 4.6). Placeholder that passes the
//! excitation through with the enhancer's delay.

use super::mode::{IlbcMode, SUBBLOCK};

pub struct Enhancer {
    delay: usize,
    pending: Vec<f32>,
}

impl Enhancer {
    pub fn new(mode: IlbcMode) -> Self {
        let delay = match mode {
            IlbcMode::Ms20 => SUBBLOCK,
            IlbcMode::Ms30 => 2 * SUBBLOCK,
        };
        Self {
            delay,
            pending: vec![0.0; delay],
        }
    }

    pub fn delay(&self) -> usize {
        self.delay
    }

    pub fn process(&mut self, residual: &[f32]) -> Vec<f32> {
        self.pending.extend_from_slice(residual);
        let out: Vec<f32> = self.pending[..residual.len()].to_vec();
        self.pending.drain(..residual.len());
        out
    }
}
