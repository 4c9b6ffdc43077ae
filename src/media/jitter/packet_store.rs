//! Received packets waiting for their turn, in sequence order.
//!
//! Sequence numbers are extended to 64 bits around the newest one, so the wrap from 65535 to 0
//! is just the next number. The store remembers which of the last 64 numbers were played, to
//! tell a duplicate (already played: harmless) from a late packet (its turn was given up:
//! a packet lost as late, which is what the adaptive delay tries to prevent).

use super::JitterPacket;
use std::collections::BTreeMap;
use std::time::Duration;

/// First extended sequence number, far from zero so that earlier packets still fit.
const EXTENDED_BASE: u64 = 1 << 32;
/// A packet this far from the playout point means the sender restarted its sequence.
const RESTART_DISTANCE: u64 = 500;

/// A buffered packet.
#[derive(Debug, Clone)]
pub struct Stored {
    pub packet: JitterPacket,
    pub arrival: Duration,
    /// The RTP timestamp on the continuous timeline (jumps removed).
    pub timestamp: u32,
    /// False for RFC 4733 events and other non-audio packets sharing the sequence space.
    pub audio: bool,
}

/// What became of an inserted packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Insert {
    Accepted,
    Duplicate,
    /// Its turn is over.
    Late,
    /// Too far from everything buffered: the store started over from this packet.
    Restarted,
}

#[derive(Debug, Clone, Default)]
pub struct PacketStore {
    packets: BTreeMap<u64, Stored>,
    highest: Option<u64>,
    /// The next sequence number to play; None until playout starts.
    next: Option<u64>,
    /// Bit i set: `next - 1 - i` was played.
    played: u64,
}

impl PacketStore {
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    pub fn len(&self) -> usize {
        self.packets.len()
    }

    fn extend(&self, sequence: u16) -> u64 {
        let Some(reference) = self.highest else {
            return EXTENDED_BASE + u64::from(sequence);
        };
        let delta = i64::from(sequence.wrapping_sub(reference as u16) as i16);
        reference.saturating_add_signed(delta)
    }

    /// Store a packet.
    pub fn insert(&mut self, stored: Stored) -> Insert {
        let mut outcome = Insert::Accepted;
        let mut extended = self.extend(stored.packet.sequence);
        let anchor = self.next.or(self.highest);
        if let Some(anchor) = anchor {
            if extended.abs_diff(anchor) > RESTART_DISTANCE {
                self.clear();
                outcome = Insert::Restarted;
                extended = self.extend(stored.packet.sequence);
            }
        }
        if let Some(next) = self.next.filter(|&next| extended < next) {
            let back = next - 1 - extended;
            if back < 64 && self.played & (1 << back) != 0 {
                return Insert::Duplicate;
            }
            return Insert::Late;
        }
        if self.packets.contains_key(&extended) {
            return Insert::Duplicate;
        }
        if self.highest.is_none_or(|h| extended > h) {
            self.highest = Some(extended);
        }
        self.packets.insert(extended, stored);
        outcome
    }

    /// The next packet to play, if it is here.
    pub fn next_packet(&self) -> Option<&Stored> {
        self.packets.get(&self.next?)
    }

    /// The first buffered packet at or after the playout point, and how many sequence
    /// numbers before it are missing.
    pub fn first_ahead(&self) -> Option<(&Stored, u64)> {
        let from = self.next.unwrap_or(0);
        let (&seq, stored) = self.packets.range(from..).next()?;
        Some((stored, seq - self.next.unwrap_or(seq)))
    }

    /// Take the next packet and move the playout point past it.
    pub fn take_next(&mut self) -> Option<Stored> {
        let next = self.next?;
        let stored = self.packets.remove(&next)?;
        self.played = (self.played << 1) | 1;
        self.next = Some(next + 1);
        Some(stored)
    }

    /// Move the playout point to the first buffered packet at or after it (starting playout
    /// if it had not). Returns how many sequence numbers were passed over (lost).
    pub fn skip_to_first(&mut self) -> u64 {
        let from = self.next.unwrap_or(0);
        let Some(&seq) = self.packets.range(from..).next().map(|(k, _)| k) else {
            return 0;
        };
        let skipped = self.next.map_or(0, |next| seq - next);
        self.played = if skipped >= 64 {
            0
        } else {
            self.played << skipped
        };
        self.next = Some(seq);
        skipped
    }

    /// Drop the next packet without playing it (too old to be worth its delay).
    pub fn discard_next(&mut self) -> bool {
        let Some(next) = self.next else {
            return false;
        };
        let found = self.packets.remove(&next).is_some();
        self.played <<= 1;
        self.next = Some(next + 1);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn stored(sequence: u16) -> Stored {
        Stored {
            packet: JitterPacket {
                sequence,
                timestamp: u32::from(sequence) * 160,
                payload_type: 0,
                payload: Bytes::from_static(&[0xFF; 160]),
            },
            arrival: Duration::ZERO,
            timestamp: u32::from(sequence) * 160,
            audio: true,
        }
    }

    #[test]
    fn duplicates_late_packets_and_the_sequence_wrap_are_told_apart() {
        let mut store = PacketStore::default();
        assert_eq!(store.insert(stored(65534)), Insert::Accepted);
        assert_eq!(store.insert(stored(65535)), Insert::Accepted);
        assert_eq!(store.insert(stored(1)), Insert::Accepted);
        assert_eq!(store.insert(stored(1)), Insert::Duplicate);
        assert_eq!(store.skip_to_first(), 0);
        assert_eq!(store.take_next().map(|s| s.packet.sequence), Some(65534));
        assert_eq!(store.take_next().map(|s| s.packet.sequence), Some(65535));
        // 0 is missing: after the wrap, 1 is the first ahead, one number later.
        let (first, missing) = store.first_ahead().expect("1 is buffered");
        assert_eq!((first.packet.sequence, missing), (1, 1));
        assert_eq!(store.skip_to_first(), 1);
        assert_eq!(store.take_next().map(|s| s.packet.sequence), Some(1));
        // Played already: a duplicate. Given up: late.
        assert_eq!(store.insert(stored(65535)), Insert::Duplicate);
        assert_eq!(store.insert(stored(0)), Insert::Late);
        // A sender that restarted far away starts the store over.
        assert_eq!(store.insert(stored(30000)), Insert::Restarted);
        assert_eq!(store.len(), 1);
    }
}
