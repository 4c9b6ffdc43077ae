//! RFC 4733 telephone-events for DTMF, without I/O or a clock.
//!
//! - [`DtmfSender`] turns queued digits into one event payload per packet time, which the
//!   stream sends instead of audio (see `stream.rs`).
//! - [`DtmfReceiver`] turns received event payloads into one [`ReceivedDigit`] per event.
//!
//! Payload (RFC 4733 section 2.3), 4 octets:
//! `event (8) | E (1) R (1) volume (6) | duration (16)`.

use std::collections::VecDeque;

/// How long each digit's tone lasts.
pub const TONE_MS: u32 = 160;
/// Audio packets between two digits, so a receiver hears two presses, not one long one.
pub const GAP_PACKETS: u32 = 3;
/// Copies of the final (E bit) packet, for robustness against loss (RFC 4733 section 2.5.1.4).
pub const END_REPEATS: u32 = 3;
/// Power level sent: -10 dBm0, a typical keypad tone.
pub const VOLUME: u8 = 10;
/// Length of a telephone-event payload.
pub const PAYLOAD_LEN: usize = 4;
/// Reported event start timestamps remembered for dedupe.
const REMEMBERED_EVENTS: usize = 16;

const END_BIT: u8 = 0x80;
const VOLUME_MASK: u8 = 0x3F;

/// A character that is not a DTMF key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a DTMF digit (expected 0-9, *, #, A-D)")]
pub struct InvalidDigit(pub char);

/// The event code of a DTMF key (RFC 4733 section 3.2).
pub fn event_code(digit: char) -> Result<u8, InvalidDigit> {
    match digit.to_ascii_uppercase() {
        d @ '0'..='9' => Ok(d as u8 - b'0'),
        '*' => Ok(10),
        '#' => Ok(11),
        d @ 'A'..='D' => Ok(d as u8 - b'A' + 12),
        _ => Err(InvalidDigit(digit)),
    }
}

/// The DTMF key of an event code, if it is one (codes above 15 are other tones).
pub fn digit_of(code: u8) -> Option<char> {
    match code {
        0..=9 => Some(char::from(b'0' + code)),
        10 => Some('*'),
        11 => Some('#'),
        12..=15 => Some(char::from(b'A' + code - 12)),
        _ => None,
    }
}

/// Check a whole string of digits; returns them normalised (upper case), or the first bad one.
pub fn parse_digits(digits: &str) -> Result<Vec<char>, InvalidDigit> {
    digits
        .chars()
        .map(|c| event_code(c).map(|_| c.to_ascii_uppercase()))
        .collect()
}

/// One telephone-event payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventPayload {
    pub event: u8,
    pub end: bool,
    pub volume: u8,
    /// In RTP timestamp units since the event's start.
    pub duration: u16,
}

impl EventPayload {
    pub fn to_bytes(self) -> [u8; PAYLOAD_LEN] {
        let flags = if self.end { END_BIT } else { 0 } | (self.volume & VOLUME_MASK);
        let [hi, lo] = self.duration.to_be_bytes();
        [self.event, flags, hi, lo]
    }

    /// Read a payload; None if it is shorter than 4 octets. Extra octets are ignored.
    pub fn parse(payload: &[u8]) -> Option<Self> {
        let bytes = payload.get(..PAYLOAD_LEN)?;
        let [event, flags, hi, lo] = <[u8; PAYLOAD_LEN]>::try_from(bytes).ok()?;
        Some(Self {
            event,
            end: flags & END_BIT != 0,
            volume: flags & VOLUME_MASK,
            duration: u16::from_be_bytes([hi, lo]),
        })
    }
}

/// What to send in place of one audio packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventPacket {
    /// Set on the first packet of an event (RFC 4733 section 2.5.1.1).
    pub marker: bool,
    /// The event's start: the same in every packet of the event.
    pub timestamp: u32,
    pub payload: EventPayload,
}

/// The digit being sent right now.
#[derive(Debug, Clone, Copy)]
struct ActiveEvent {
    code: u8,
    start: u32,
    /// Packets sent so far for this event.
    sent: u32,
    tone_packets: u32,
}

/// Schedules outgoing digits, one packet time at a time.
#[derive(Debug, Default)]
pub struct DtmfSender {
    queue: VecDeque<u8>,
    active: Option<ActiveEvent>,
    /// Audio packets still to send before the next digit may start.
    gap_left: u32,
}

impl DtmfSender {
    /// Queue digits; all are checked first, so a bad one queues nothing.
    pub fn queue(&mut self, digits: &str) -> Result<(), InvalidDigit> {
        let codes = digits
            .chars()
            .map(event_code)
            .collect::<Result<Vec<_>, _>>()?;
        self.queue.extend(codes);
        Ok(())
    }

    /// True while a digit is queued or being sent.
    pub fn is_busy(&self) -> bool {
        self.active.is_some() || !self.queue.is_empty()
    }

    /// Called once per packet time. `timestamp` is the RTP timestamp the next audio packet
    /// would carry and `packet_ticks` its length in timestamp units (`ptime_ms` for the tone
    /// length). Returns the event packet to send instead of audio, or None to send audio.
    pub fn next_packet(
        &mut self,
        timestamp: u32,
        packet_ticks: u32,
        ptime_ms: u32,
    ) -> Option<EventPacket> {
        if self.active.is_none() {
            if self.gap_left > 0 {
                self.gap_left -= 1;
                return None;
            }
            let code = self.queue.pop_front()?;
            self.active = Some(ActiveEvent {
                code,
                start: timestamp,
                sent: 0,
                tone_packets: TONE_MS.div_ceil(ptime_ms.max(1)).max(1),
            });
        }
        let event = self.active.as_mut()?;
        event.sent += 1;
        let tone_packets_sent = event.sent.min(event.tone_packets);
        let duration =
            u16::try_from(tone_packets_sent.saturating_mul(packet_ticks)).unwrap_or(u16::MAX);
        let end = event.sent > event.tone_packets;
        let packet = EventPacket {
            marker: event.sent == 1,
            timestamp: event.start,
            payload: EventPayload {
                event: event.code,
                end,
                volume: VOLUME,
                duration,
            },
        };
        if event.sent >= event.tone_packets + END_REPEATS {
            self.active = None;
            self.gap_left = GAP_PACKETS;
        }
        Some(packet)
    }
}

/// A key the far end pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceivedDigit {
    pub digit: char,
    pub duration_ms: u32,
}

/// An event seen but not reported yet.
#[derive(Debug, Clone, Copy)]
struct PendingEvent {
    timestamp: u32,
    code: u8,
    duration: u16,
}

/// Turns received telephone-event packets into digits.
///
/// A digit is reported once, when its first end packet arrives (so the duration is known).
/// If all end packets are lost, it is reported when the next event starts or when audio
/// stamped after the event's end arrives. Packets of an
/// event already reported (the redundant end packets, retransmissions) are ignored: events
/// are told apart by their start timestamp, so sequence numbers and their wrap do not matter.
#[derive(Debug, Default)]
pub struct DtmfReceiver {
    pending: Option<PendingEvent>,
    reported: VecDeque<u32>,
    ready: VecDeque<ReceivedDigit>,
    /// Event codes that are not DTMF keys (other tones), counted and ignored.
    pub ignored_events: u64,
    pub malformed: u64,
}

impl DtmfReceiver {
    /// Take one packet's timestamp and payload; `clock_rate` converts the duration to ms.
    pub fn on_packet(&mut self, timestamp: u32, payload: &[u8], clock_rate: u32) {
        let Some(event) = EventPayload::parse(payload) else {
            self.malformed += 1;
            return;
        };
        if digit_of(event.event).is_none() {
            self.ignored_events += 1;
            return;
        }
        if self.reported.contains(&timestamp) {
            return;
        }
        match self.pending {
            Some(p) if p.timestamp == timestamp => {
                let duration = p.duration.max(event.duration);
                self.pending = Some(PendingEvent { duration, ..p });
            }
            Some(_) => {
                self.flush_pending(clock_rate);
                self.pending = Some(pending_from(timestamp, event));
            }
            None => self.pending = Some(pending_from(timestamp, event)),
        }
        if event.end {
            self.flush_pending(clock_rate);
        }
    }

    /// An audio packet arrived. Audio stamped after the pending event's end means the event is
    /// over even if all its end packets were lost: report it now.
    pub fn on_audio(&mut self, timestamp: u32, clock_rate: u32) {
        let Some(p) = self.pending else {
            return;
        };
        let since_start = timestamp.wrapping_sub(p.timestamp);
        // Half the timestamp space ahead counts as "later" (RFC 3550 style wrap-around).
        if since_start > u32::from(p.duration) && since_start < u32::MAX / 2 {
            self.flush_pending(clock_rate);
        }
    }

    /// The next digit received, oldest first.
    pub fn poll(&mut self) -> Option<ReceivedDigit> {
        self.ready.pop_front()
    }

    fn flush_pending(&mut self, clock_rate: u32) {
        let Some(p) = self.pending.take() else {
            return;
        };
        let Some(digit) = digit_of(p.code) else {
            return;
        };
        let duration_ms = (u64::from(p.duration) * 1000)
            .checked_div(u64::from(clock_rate))
            .unwrap_or(0);
        self.ready.push_back(ReceivedDigit {
            digit,
            duration_ms: u32::try_from(duration_ms).unwrap_or(u32::MAX),
        });
        if self.reported.len() >= REMEMBERED_EVENTS {
            self.reported.pop_front();
        }
        self.reported.push_back(p.timestamp);
    }
}

fn pending_from(timestamp: u32, event: EventPayload) -> PendingEvent {
    PendingEvent {
        timestamp,
        code: event.event,
        duration: event.duration,
    }
}

#[cfg(test)]
mod tests;
