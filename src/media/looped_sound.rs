//! A recorded sound played over and over with a pause between plays, as a ringer repeats the
//! sound theme's `phone-incoming-call`.

/// Loops `samples` followed by `gap` samples of silence, forever.
#[derive(Debug, Clone)]
pub struct LoopedSound {
    samples: Vec<i16>,
    gap: usize,
    /// Position in the cycle of sound plus gap.
    position: usize,
}

impl LoopedSound {
    pub fn new(samples: Vec<i16>, gap: usize) -> Self {
        Self {
            samples,
            gap,
            position: 0,
        }
    }

    fn cycle_len(&self) -> usize {
        self.samples.len() + self.gap
    }

    /// Append the next `count` samples to `out`.
    pub fn fill(&mut self, out: &mut Vec<i16>, count: usize) {
        let cycle = self.cycle_len();
        if cycle == 0 {
            out.resize(out.len() + count, 0);
            return;
        }
        let mut left = count;
        while left > 0 {
            let take;
            if self.position < self.samples.len() {
                take = left.min(self.samples.len() - self.position);
                out.extend_from_slice(&self.samples[self.position..self.position + take]);
            } else {
                take = left.min(cycle - self.position);
                out.resize(out.len() + take, 0);
            }
            left -= take;
            self.position = (self.position + take) % cycle;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sound_repeats_after_its_gap_whatever_the_chunk_sizes() {
        let mut looped = LoopedSound::new(vec![1, 2, 3], 2);
        let mut out = Vec::new();
        for chunk in [1, 4, 0, 7] {
            looped.fill(&mut out, chunk);
        }
        assert_eq!(out, vec![1, 2, 3, 0, 0, 1, 2, 3, 0, 0, 1, 2]);
    }

    #[test]
    fn an_empty_sound_gives_silence() {
        let mut out = vec![9];
        LoopedSound::new(Vec::new(), 0).fill(&mut out, 3);
        assert_eq!(out, vec![9, 0, 0, 0]);
    }
}
