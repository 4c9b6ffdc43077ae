//! Packet-loss concealment by repeating the last good frame while fading it out.
//!
//! A lost 20 ms packet is best hidden by something that sounds like its neighbours; an
//! immediate drop to silence clicks. Repeating the last frame works for a packet or two, but a
//! repeated frame buzzes, so the gain falls to zero over a few frames and then stays silent.
//! Gains change sample by sample so that no step is audible.

/// Number of consecutive concealed frames over which the repeated audio fades to silence.
const FADE_FRAMES: u32 = 3;

/// Remembers the last decoded frame and fabricates stand-ins for lost ones.
#[derive(Debug, Default, Clone)]
pub struct FadeConcealer {
    last_frame: Vec<i16>,
    /// Concealed frames since the last real one.
    consecutive: u32,
}

impl FadeConcealer {
    /// Note a frame that really arrived; the next loss repeats it.
    pub fn remember(&mut self, frame: &[i16]) {
        self.last_frame.clear();
        self.last_frame.extend_from_slice(frame);
        self.consecutive = 0;
    }

    /// Append `samples` samples that stand in for a lost frame.
    pub fn conceal(&mut self, samples: usize, out: &mut Vec<i16>) {
        let fade_total = (FADE_FRAMES as usize) * samples;
        let done_before = (self.consecutive as usize) * samples;
        self.consecutive = self.consecutive.saturating_add(1);
        if self.last_frame.is_empty() || done_before >= fade_total {
            out.extend(std::iter::repeat_n(0, samples));
            return;
        }
        let source = &self.last_frame;
        out.extend((0..samples).map(|i| {
            let position = done_before + i;
            // Linear fade from full gain to zero across FADE_FRAMES frames.
            let gain = 1.0 - position as f32 / fade_total as f32;
            let sample = source.get(position % source.len()).copied().unwrap_or(0);
            (f32::from(sample) * gain) as i16
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_history_it_is_silent() {
        let mut plc = FadeConcealer::default();
        let mut out = Vec::new();
        plc.conceal(160, &mut out);
        assert_eq!(out, vec![0; 160]);
    }

    #[test]
    fn repeats_then_fades_to_silence() {
        let mut plc = FadeConcealer::default();
        plc.remember(&[1000; 160]);
        let frames: Vec<Vec<i16>> = (0..5)
            .map(|_| {
                let mut out = Vec::new();
                plc.conceal(160, &mut out);
                out
            })
            .collect();
        assert_eq!(frames[0][0], 1000);
        // Strictly fading across the fade frames, never louder than the source.
        let joined: Vec<i16> = frames[..3].concat();
        assert!(joined.windows(2).all(|w| w[1] <= w[0]));
        assert!(joined.last().copied().unwrap_or(0) < 20);
        assert_eq!(frames[3], vec![0; 160]);
        assert_eq!(frames[4], vec![0; 160]);
    }

    #[test]
    fn a_real_frame_restarts_the_fade() {
        let mut plc = FadeConcealer::default();
        plc.remember(&[500; 80]);
        let mut out = Vec::new();
        for _ in 0..4 {
            plc.conceal(80, &mut out);
        }
        plc.remember(&[700; 80]);
        out.clear();
        plc.conceal(80, &mut out);
        assert_eq!(out[0], 700);
    }
}
