//! What to play in the next 10 ms, decided from how much audio is ready, whether the next
//! packet is there, and how the playout delay compares with its target.
//!
//! The delay is steered, never jumped: when it is too long, one pitch period at a time is
//! removed (accelerate); when too short, one is repeated (pre-emptive expand) before the buffer
//! runs dry. That also absorbs a sender whose clock runs a few hundred ppm off ours: the buffer
//! slowly fills or drains and a stretch every few seconds puts it back. A missing packet is
//! concealed (expand) for as long as it could still arrive, so a late packet is played late
//! rather than thrown away; the real audio that follows is cross-faded in (merge). Once the
//! concealment has faded out with nothing to play, comfort noise stands in until the buffer
//! has refilled to its target.

/// One block's operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Play decoded audio as it is.
    Normal,
    /// Remove a pitch period: the delay is above target.
    Accelerate,
    /// Repeat a pitch period: the delay is below target.
    PreemptiveExpand,
    /// The next packet is not here: conceal.
    Expand,
    /// Real audio after concealment or comfort noise: cross-fade into it. When the next packet
    /// is still missing, it is given up for lost.
    Merge,
    /// Nothing to play for a while: low noise until the buffer reaches its target.
    ComfortNoise,
}

/// The state of the next packet in sequence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NextPacket {
    /// Buffered and due.
    Ready,
    /// Not here, but a later one is: the missing stretch lasts `gap_ms`.
    Missing { gap_ms: f64 },
    /// Nothing buffered at all.
    Empty,
}

/// Everything the decision looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Situation {
    /// Decoded (or concealed) audio not yet played, in milliseconds.
    pub ready_ms: f64,
    /// The block about to be played.
    pub block_ms: f64,
    /// Concealment kept in hand beyond the block, to cross-fade from when real audio returns.
    pub reserve_ms: f64,
    pub next: NextPacket,
    /// Concealment made since the real audio stopped; None while real audio plays.
    pub concealed_ms: Option<f64>,
    /// Comfort noise is playing, or playout has not started.
    pub waiting: bool,
    /// How far behind the fastest path the next packet is needed: a packet whose relative
    /// delay is at most this is on time. Packets are needed at the pull that runs short, so
    /// this moves in whole blocks. While waiting: the lead the oldest buffered packet gets if
    /// it starts now. None with no reference yet.
    pub lead_ms: Option<f64>,
    /// How much later than needed the next packet's first sample plays (0 to a block): delay
    /// that buys nothing and can be cut.
    pub phase_ms: f64,
    pub target_ms: f64,
    /// Excess over the target to leave alone, beyond the shortest stretch: the lead seems to
    /// rise and fall by this much with the irregular timing of the pulls alone.
    pub hysteresis_ms: f64,
}

/// Concealment beyond this, with nothing buffered, gives way to comfort noise (the codecs'
/// concealers have faded to silence by then).
pub const COMFORT_NOISE_AFTER_MS: f64 = 100.0;
/// Less excess delay than this (the shortest pitch period) cannot be cut.
pub const MIN_STRETCH_MS: f64 = 2.5;
/// Excess delay left alone on top of that: every stretch changes the speech a little, and
/// chasing the last few milliseconds costs more in sound than it gains in delay.
pub const ACCELERATE_MARGIN_MS: f64 = 5.0;

/// The operation for the next block.
pub fn decide(s: &Situation) -> Operation {
    if s.waiting {
        let due = s.lead_ms.is_some_and(|lead| lead >= s.target_ms);
        return if s.next != NextPacket::Empty && due {
            Operation::Merge
        } else {
            Operation::ComfortNoise
        };
    }
    let short = s.ready_ms < s.block_ms + s.reserve_ms;
    if let Some(concealed) = s.concealed_ms {
        return match s.next {
            NextPacket::Ready => Operation::Merge,
            // The missing packet's turn is over: move on to the one after it.
            NextPacket::Missing { gap_ms } if concealed >= gap_ms && short => Operation::Merge,
            NextPacket::Empty if concealed >= COMFORT_NOISE_AFTER_MS => Operation::ComfortNoise,
            _ if short => Operation::Expand,
            _ => Operation::Normal,
        };
    }
    if s.ready_ms < s.block_ms {
        // Real audio runs out inside this block and nothing follows it.
        return Operation::Expand;
    }
    // Accelerate never takes the lead below the target, and expand only acts below it, so
    // the two never chase each other.
    match s.lead_ms {
        Some(lead) if lead < s.target_ms => Operation::PreemptiveExpand,
        Some(lead)
            if lead + s.phase_ms - s.target_ms
                >= MIN_STRETCH_MS + ACCELERATE_MARGIN_MS + s.hysteresis_ms =>
        {
            Operation::Accelerate
        }
        _ => Operation::Normal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn playing(lead: f64) -> Situation {
        Situation {
            ready_ms: 40.0,
            block_ms: 10.0,
            reserve_ms: 5.0,
            next: NextPacket::Ready,
            concealed_ms: None,
            waiting: false,
            lead_ms: Some(lead),
            phase_ms: 0.0,
            target_ms: 40.0,
            hysteresis_ms: 0.0,
        }
    }

    #[test]
    fn the_delay_is_steered_towards_its_target() {
        assert_eq!(decide(&playing(40.0)), Operation::Normal);
        // A few milliseconds over are left alone.
        assert_eq!(decide(&playing(47.0)), Operation::Normal);
        assert_eq!(decide(&playing(48.0)), Operation::Accelerate);
        assert_eq!(decide(&playing(39.0)), Operation::PreemptiveExpand);
        // On target, but the next packet plays 8 ms after it is needed: cut that.
        let late_phase = Situation {
            phase_ms: 8.0,
            ..playing(40.0)
        };
        assert_eq!(decide(&late_phase), Operation::Accelerate);
    }

    #[test]
    fn irregular_pulls_widen_the_band_left_alone() {
        let wandering = |lead| Situation {
            hysteresis_ms: 6.0,
            ..playing(lead)
        };
        assert_eq!(decide(&wandering(48.0)), Operation::Normal);
        assert_eq!(decide(&wandering(54.0)), Operation::Accelerate);
        assert_eq!(decide(&wandering(39.0)), Operation::PreemptiveExpand);
    }

    #[test]
    fn running_dry_conceals_then_falls_back_to_comfort_noise() {
        let dry = Situation {
            ready_ms: 4.0,
            next: NextPacket::Empty,
            ..playing(40.0)
        };
        assert_eq!(decide(&dry), Operation::Expand);
        let concealing = Situation {
            concealed_ms: Some(60.0),
            ..dry
        };
        assert_eq!(decide(&concealing), Operation::Expand);
        let long = Situation {
            concealed_ms: Some(120.0),
            ..dry
        };
        assert_eq!(decide(&long), Operation::ComfortNoise);
    }

    #[test]
    fn a_missing_packet_is_waited_for_for_its_own_length() {
        let gap = Situation {
            ready_ms: 4.0,
            next: NextPacket::Missing { gap_ms: 20.0 },
            concealed_ms: Some(10.0),
            ..playing(40.0)
        };
        assert_eq!(decide(&gap), Operation::Expand);
        let covered = Situation {
            concealed_ms: Some(20.0),
            ..gap
        };
        assert_eq!(decide(&covered), Operation::Merge);
        let arrived = Situation {
            next: NextPacket::Ready,
            ..gap
        };
        assert_eq!(decide(&arrived), Operation::Merge);
    }

    #[test]
    fn after_comfort_noise_playout_resumes_at_the_target() {
        let waiting = Situation {
            waiting: true,
            lead_ms: Some(20.0),
            ..playing(0.0)
        };
        assert_eq!(decide(&waiting), Operation::ComfortNoise);
        let due = Situation {
            lead_ms: Some(41.0),
            ..waiting
        };
        assert_eq!(decide(&due), Operation::Merge);
    }
}
