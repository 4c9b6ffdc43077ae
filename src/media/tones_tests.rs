use super::*;

const RATE: u32 = 8000;

/// Share of `signal`'s energy at `freq` (Goertzel): near 1 for a pure tone.
fn share_at(signal: &[i16], freq: f64) -> f64 {
    let coeff = 2.0 * (2.0 * PI * freq / f64::from(RATE)).cos();
    let (mut s1, mut s2) = (0.0, 0.0);
    for &x in signal {
        let s0 = f64::from(x) + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    let power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    let total: f64 = signal.iter().map(|&x| f64::from(x).powi(2)).sum();
    2.0 * power / (signal.len() as f64 * total.max(1.0))
}

fn play(tone: Tone, samples: usize) -> Vec<i16> {
    let mut generator = ToneGenerator::new(tone, RATE);
    let mut out = Vec::new();
    generator.fill(&mut out, samples);
    out
}

fn loud(block: &[i16]) -> bool {
    block.iter().any(|s| s.unsigned_abs() > 1000)
}

/// 100 ms blocks: true where the block is 425 Hz, false where it is silent.
fn cadence(signal: &[i16]) -> Vec<bool> {
    signal
        .chunks_exact(800)
        .map(|block| {
            let on = loud(block);
            if on {
                assert!(share_at(block, 425.0) > 0.9, "a sounding block is 425 Hz");
            } else {
                assert!(block.iter().all(|&s| s == 0), "a quiet block is silent");
            }
            on
        })
        .collect()
}

#[test]
fn ringback_is_425_hz_one_second_on_four_off_and_repeats() {
    let two_cycles = play(RINGBACK, 10 * RATE as usize);
    assert_eq!(two_cycles.len(), 80_000, "ringback never stops by itself");
    let blocks = cadence(&two_cycles);
    let one_cycle: Vec<bool> = (0..50).map(|i| i < 10).collect();
    assert_eq!(&blocks[..50], &one_cycle[..]);
    assert_eq!(&blocks[50..], &one_cycle[..]);
}

#[test]
fn busy_tone_beats_half_seconds_for_three_seconds_then_ends() {
    let mut generator = ToneGenerator::new(BUSY, RATE);
    let mut out = Vec::new();
    generator.fill(&mut out, 10 * RATE as usize);
    assert_eq!(out.len(), 3 * RATE as usize);
    assert!(generator.finished());
    let blocks = cadence(&out);
    let expected: Vec<bool> = (0..30).map(|i| (i / 5) % 2 == 0).collect();
    assert_eq!(blocks, expected);
}

#[test]
fn error_tone_is_faster_than_busy_and_ends() {
    let out = play(ERROR, 10 * RATE as usize);
    assert_eq!(out.len(), 2400 * RATE as usize / 1000);
    let blocks: Vec<bool> = out.chunks_exact(400).map(loud).collect();
    let expected: Vec<bool> = (0..48).map(|i| (i / 4) % 2 == 0).collect();
    assert_eq!(blocks, expected, "0.2 s on, 0.2 s off in 50 ms blocks");
}

#[test]
fn call_waiting_beep_mixes_two_beeps_over_speech_without_wrapping() {
    let mut generator = ToneGenerator::new(CALL_WAITING, RATE);
    let mut speech = vec![i16::MAX - 10; RATE as usize];
    generator.mix_into(&mut speech);
    assert!(generator.finished());
    // Mixing saturates rather than wrapping round to a loud negative click.
    assert!(speech.iter().all(|&s| s > 0));
    let mut beep = vec![0i16; RATE as usize];
    ToneGenerator::new(CALL_WAITING, RATE).mix_into(&mut beep);
    let blocks: Vec<bool> = beep.chunks_exact(800).map(loud).collect();
    assert_eq!(
        blocks,
        [true, true, false, false, true, true, false, false, false, false]
    );
}

#[test]
fn segment_edges_fade_instead_of_clicking() {
    let out = play(RINGBACK, 2 * RATE as usize);
    let largest_step = out
        .windows(2)
        .map(|w| (i32::from(w[1]) - i32::from(w[0])).abs())
        .max()
        .unwrap_or(0);
    // A 425 Hz sine at this level moves at most ~2700 a sample at 8 kHz; a hard edge would jump ~8000.
    assert!(largest_step < 3000, "largest step {largest_step}");
    assert_eq!(out[0], 0);
    assert!(
        out[RATE as usize - 1].abs() < 100,
        "the tone fades out at 1 s"
    );
}

#[test]
fn ringtone_plays_our_chime_notes_in_a_four_second_cycle() {
    let cycle = ringtone_cycle(RATE);
    assert_eq!(cycle.len(), 4 * RATE as usize);
    // The third note (C6 over C5) sounds from 400 ms to 760 ms.
    let third = &cycle[3400..5800];
    assert!(share_at(third, 1046.5) + share_at(third, 523.25) > 0.9);
    assert!(
        cycle[(1760 * 8)..].iter().all(|&s| s == 0),
        "pause after the chime"
    );
}

#[test]
fn a_tone_at_any_rate_never_panics() {
    for rate in [0, 1, 7, 8000, 48_000] {
        let mut generator = ToneGenerator::new(BUSY, rate);
        let mut out = Vec::new();
        generator.fill(&mut out, 100);
        generator.mix_into(&mut [0; 10]);
    }
}
