//! The canceller on synthetic calls, deterministic: a far-end "voice" (noise bursts shaped like
//! syllables, from a seeded generator), a room that sends it back into the microphone late and
//! quieter, and a near-end voice of its own.

use super::*;

const RATE: u32 = 16_000;
const FRAME: usize = 320; // 20 ms

/// xorshift: the same "voice" on every run.
struct Voice {
    state: u64,
    at: usize,
    /// Syllable length and pause length, in samples.
    on: usize,
    off: usize,
}

impl Voice {
    fn new(seed: u64, on_ms: usize, off_ms: usize) -> Voice {
        Voice {
            state: seed,
            at: 0,
            on: on_ms * RATE as usize / 1000,
            off: off_ms * RATE as usize / 1000,
        }
    }

    fn next(&mut self) -> i16 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        let noise = (self.state >> 48) as i16 as f32 / 32768.0;
        let phase = self.at % (self.on + self.off);
        self.at += 1;
        if phase < self.on {
            let envelope = (std::f32::consts::PI * phase as f32 / self.on as f32).sin();
            (noise * envelope * 8_000.0) as i16
        } else {
            0
        }
    }
}

/// A room: the speaker's sound reaches the microphone after `delay` samples at `gain`, with a
/// quieter reflection 7 ms later.
struct Room {
    line: std::collections::VecDeque<f32>,
    delay: usize,
    gain: f32,
}

impl Room {
    fn new(delay_ms: usize, gain: f32) -> Room {
        let delay = delay_ms * RATE as usize / 1000;
        let reflection = 7 * RATE as usize / 1000;
        Room {
            line: std::iter::repeat_n(0.0, delay + reflection + 1).collect(),
            delay,
            gain,
        }
    }

    fn echo(&mut self, played: i16) -> f32 {
        self.line.push_front(f32::from(played));
        self.line.pop_back();
        let direct = self.line[self.delay];
        let reflected = self.line[self.line.len() - 1];
        self.gain * (direct + 0.3 * reflected)
    }
}

fn energy(samples: &[i16]) -> f64 {
    samples
        .iter()
        .map(|&s| f64::from(s) * f64::from(s))
        .sum::<f64>()
        + 1.0
}

fn db(ratio: f64) -> f64 {
    10.0 * ratio.log10()
}

/// Runs `seconds` of a call; returns (microphone, sent) for the last `measured` seconds.
fn call(
    processing: &mut VoiceProcessing,
    far: &mut Voice,
    near: Option<&mut Voice>,
    seconds: usize,
    measured: usize,
) -> (Vec<i16>, Vec<i16>) {
    let mut room = Room::new(60, 0.5);
    let mut near = near;
    let frames = seconds * RATE as usize / FRAME;
    let first_measured = frames - measured * RATE as usize / FRAME;
    let (mut mic_kept, mut sent_kept) = (Vec::new(), Vec::new());
    for index in 0..frames {
        let played: Vec<i16> = (0..FRAME).map(|_| far.next()).collect();
        processing.far_end(&played);
        let mut mic: Vec<i16> = played
            .iter()
            .map(|&p| {
                let talk = near.as_mut().map_or(0.0, |v| f32::from(v.next()));
                (room.echo(p) + talk).clamp(-32768.0, 32767.0) as i16
            })
            .collect();
        let captured = mic.clone();
        processing.near_end(&mut mic);
        if index >= first_measured {
            mic_kept.extend(captured);
            sent_kept.extend(mic);
        }
    }
    (mic_kept, sent_kept)
}

const ECHO_ONLY: VoiceSwitches = VoiceSwitches {
    echo_cancellation: true,
    noise_suppression: false,
    gain_control: false,
};

#[test]
fn the_far_ends_voice_does_not_come_back_to_them() {
    let mut processing = VoiceProcessing::new(RATE, ECHO_ONLY).expect("16 kHz is supported");
    let mut far = Voice::new(0x9E37_79B9_7F4A_7C15, 180, 70);
    let (mic, sent) = call(&mut processing, &mut far, None, 12, 6);
    let erle = db(energy(&mic) / energy(&sent));
    eprintln!("ERLE after convergence: {erle:.1} dB");
    assert!(
        erle >= 30.0,
        "echo return loss enhancement {erle:.1} dB after convergence, want ≥ 30 dB"
    );
}

#[test]
fn without_the_canceller_the_echo_goes_out() {
    let switched_off = VoiceSwitches {
        echo_cancellation: false,
        ..ECHO_ONLY
    };
    assert!(VoiceProcessing::new(RATE, switched_off).is_none());
}

#[test]
fn the_near_ends_own_voice_still_gets_through() {
    let mut processing = VoiceProcessing::new(RATE, ECHO_ONLY).expect("16 kHz is supported");
    let mut far = Voice::new(0x1234_5678_9ABC_DEF1, 180, 70);
    // Let the canceller learn the room first, then the far end falls silent and the near end
    // talks: its voice must reach the far end nearly whole.
    let _ = call(&mut processing, &mut far, None, 6, 1);
    let mut silent = Voice::new(1, 0, 1000);
    let mut talker = Voice::new(0x0F0F_1357_2468_ACE0, 200, 60);
    let (mic, sent) = call(&mut processing, &mut silent, Some(&mut talker), 4, 3);
    let loss = db(energy(&mic) / energy(&sent));
    eprintln!("near-end voice loss: {loss:.1} dB");
    assert!(
        loss < 6.0,
        "the near end's voice lost {loss:.1} dB on its way out, want < 6 dB"
    );
}

#[test]
fn odd_frame_lengths_and_unsupported_rates_are_handled() {
    assert!(VoiceProcessing::new(11_025, VoiceSwitches::ALL_ON).is_none());
    let mut processing =
        VoiceProcessing::new(8_000, VoiceSwitches::ALL_ON).expect("8 kHz is supported");
    let mut sent_total = 0;
    for length in [80usize, 160, 240, 33, 1, 159] {
        processing.far_end(&vec![100; length]);
        let mut mic = vec![100i16; length];
        processing.near_end(&mut mic);
        sent_total += mic.len();
    }
    assert_eq!(
        sent_total,
        80 + 160 + 240 + 33 + 1 + 159,
        "nothing lost or added"
    );
}
