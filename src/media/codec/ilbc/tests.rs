//! Behaviour of the iLBC codec as the call path sees it: negotiation, frame sizes, bad
//! input, concealment.

use rand::{Rng, SeedableRng};

use super::{ilbc_spec, IlbcDecoder, IlbcEncoder, IlbcMode};
use crate::media::codec::{create, supported, DecodeError};

/// A voiced, vowel-like test signal: a 125 Hz pulse train through two resonances.
fn vowel(samples: usize) -> Vec<i16> {
    let mut y1 = [0.0f32; 2];
    let mut y2 = [0.0f32; 2];
    (0..samples)
        .map(|n| {
            let x = if n.is_multiple_of(64) { 6000.0 } else { 0.0 };
            // Resonances near 700 Hz and 1200 Hz (poles at radius 0.95).
            let a = 0.95f32;
            let v1 = x + 2.0 * a * (0.55f32).cos() * y1[0] - a * a * y1[1];
            y1 = [v1, y1[0]];
            let v2 = v1 + 2.0 * a * (0.94f32).cos() * y2[0] - a * a * y2[1];
            y2 = [v2, y2[0]];
            (v2 * 0.05).clamp(-32768.0, 32767.0) as i16
        })
        .collect()
}

fn energy(pcm: &[i16]) -> f64 {
    pcm.iter().map(|&s| f64::from(s) * f64::from(s)).sum()
}

#[test]
fn negotiated_mode_sets_frame_and_payload_sizes() {
    for (fmtp, ptime, mode) in [
        (Some("mode=20"), 20, IlbcMode::Ms20),
        (Some("mode=30"), 20, IlbcMode::Ms30),
        (None, 20, IlbcMode::Ms20),
        (None, 30, IlbcMode::Ms30),
        (None, 60, IlbcMode::Ms30),
    ] {
        let mut spec = ilbc_spec(IlbcMode::Ms30);
        spec.fmtp = fmtp.map(str::to_string);
        spec.ptime_ms = ptime;
        spec.payload_type = 102;
        let mut codec = create(&spec).expect("iLBC is supported");
        assert_eq!(codec.spec().payload_type, 102);
        assert_eq!(codec.spec().ptime_ms, mode.ms(), "{fmtp:?} {ptime}");
        assert_eq!(codec.spec().samples_per_frame(), mode.block_len());
        let mut payload = Vec::new();
        codec.encode(&vowel(mode.block_len()), &mut payload);
        assert_eq!(payload.len(), mode.frame_bytes());
        let mut pcm = Vec::new();
        codec
            .decode(&payload, &mut pcm)
            .expect("own payload decodes");
        assert_eq!(pcm.len(), mode.block_len());
    }
}

#[test]
fn ilbc_is_offered_last_with_its_mode_in_fmtp() {
    let specs = supported();
    let last = specs.last().expect("codecs");
    assert_eq!(last.name, "iLBC");
    assert_eq!(last.clock_rate, 8000);
    assert!(last.fmtp.as_deref().is_some_and(|f| f.starts_with("mode=")));
}

#[test]
fn decoded_speech_keeps_the_level_and_shape_of_the_input() {
    for mode in [IlbcMode::Ms20, IlbcMode::Ms30] {
        let input = vowel(mode.block_len() * 25);
        let mut enc = IlbcEncoder::new(mode);
        let mut dec = IlbcDecoder::new(mode, false);
        let mut out = Vec::new();
        for chunk in input.chunks(mode.block_len()) {
            dec.decode(&enc.encode(chunk), &mut out).expect("decodes");
        }
        // Skip the start-up; compare the steady state.
        let skip = mode.block_len() * 5;
        let (x, y) = (&input[skip..], &out[skip..]);
        let ratio = energy(y) / energy(x);
        assert!(
            (0.5..2.0).contains(&ratio),
            "{mode:?}: energy ratio {ratio}"
        );
        let noise: f64 = x
            .iter()
            .zip(y)
            .map(|(&a, &b)| (f64::from(a) - f64::from(b)).powi(2))
            .sum();
        let snr = 10.0 * (energy(x) / noise).log10();
        assert!(snr > 5.0, "{mode:?}: SNR {snr:.1} dB");
    }
}

#[test]
fn garbage_never_panics_and_wrong_lengths_are_refused() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x1b1c);
    for mode in [IlbcMode::Ms20, IlbcMode::Ms30] {
        let mut codec = create(&ilbc_spec(mode)).expect("supported");
        for _ in 0..3000 {
            // Mostly the right length, so the decoder itself is exercised.
            let len = if rng.random_bool(0.7) {
                mode.frame_bytes()
            } else {
                rng.random_range(0..120)
            };
            let payload: Vec<u8> = (0..len).map(|_| rng.random()).collect();
            let mut out = Vec::new();
            match codec.decode(&payload, &mut out) {
                Ok(()) => {
                    let frames = super::payload_mode(len, mode).expect("a valid length");
                    assert_eq!(out.len(), len / frames.frame_bytes() * frames.block_len());
                }
                Err(DecodeError::BadLength(n)) => {
                    assert!(len % 38 != 0 && len % 50 != 0 || len == 0, "{len}");
                    assert_eq!(n, len);
                    assert!(out.is_empty());
                }
                Err(DecodeError::Corrupt) => assert!(out.is_empty()),
            }
        }
        // After all that garbage, real frames still decode.
        let mut payload = Vec::new();
        codec.encode(&vowel(mode.block_len()), &mut payload);
        let mut out = Vec::new();
        codec.decode(&payload, &mut out).expect("decodes");
    }
}

#[test]
fn concealment_continues_the_voice_then_fades_out() {
    for mode in [IlbcMode::Ms20, IlbcMode::Ms30] {
        let block = mode.block_len();
        let mut codec = create(&ilbc_spec(mode)).expect("supported");
        let input = vowel(block * 12);
        let mut last_good = Vec::new();
        for chunk in input.chunks(block) {
            let mut payload = Vec::new();
            codec.encode(chunk, &mut payload);
            last_good.clear();
            codec.decode(&payload, &mut last_good).expect("decodes");
        }
        let good = energy(&last_good);
        let mut energies = Vec::new();
        for _ in 0..12 {
            let mut out = Vec::new();
            codec.conceal(&mut out);
            assert_eq!(out.len(), block);
            energies.push(energy(&out));
        }
        // The first lost frame sounds like a continuation, not a gap or a burst.
        assert!(
            energies[0] > 0.2 * good && energies[0] < 2.0 * good,
            "{mode:?}: first concealed {:.3e} vs good {good:.3e}",
            energies[0]
        );
        // The energy never grows over consecutive losses and ends in silence. Frames are
        // taken in pairs: a pitch period that does not divide the frame puts two pulses in
        // one frame and three in the next, which is not a change of level.
        let pairs: Vec<f64> = energies.chunks(2).map(|p| p.iter().sum()).collect();
        for pair in pairs.windows(2) {
            assert!(pair[1] <= pair[0] * 1.05, "{mode:?}: {energies:?}");
        }
        assert!(energies[11] < 1e-3 * good, "{mode:?}: {energies:?}");
    }
}

#[test]
fn a_frame_flagged_empty_is_concealed() {
    let mode = IlbcMode::Ms20;
    let mut enc = IlbcEncoder::new(mode);
    let mut dec = IlbcDecoder::new(mode, true);
    let mut payload = enc.encode(&vowel(mode.block_len()));
    let last = payload.len() - 1;
    payload[last] |= 1;
    let mut out = Vec::new();
    dec.decode(&payload, &mut out)
        .expect("an empty frame is not an error");
    assert_eq!(out.len(), mode.block_len());
}

#[test]
fn payloads_in_the_other_mode_and_several_frames_per_packet_decode() {
    let mut codec = create(&ilbc_spec(IlbcMode::Ms30)).expect("supported");
    let mut enc20 = IlbcEncoder::new(IlbcMode::Ms20);
    let signal = vowel(320);
    let mut packet = enc20.encode(&signal[..160]);
    packet.extend(enc20.encode(&signal[160..]));
    let mut out = Vec::new();
    codec.decode(&packet, &mut out).expect("two 20 ms frames");
    assert_eq!(out.len(), 320);
    assert_eq!(
        codec.decode(&packet[..37], &mut out),
        Err(DecodeError::BadLength(37))
    );
}

#[test]
fn the_agreed_mode_is_20_ms_only_if_both_sides_ask_for_it() {
    use super::agree_mode;
    assert_eq!(agree_mode(IlbcMode::Ms20, Some("mode=20")), IlbcMode::Ms20);
    assert_eq!(agree_mode(IlbcMode::Ms20, Some("mode=30")), IlbcMode::Ms30);
    assert_eq!(agree_mode(IlbcMode::Ms30, Some("mode=20")), IlbcMode::Ms30);
    assert_eq!(agree_mode(IlbcMode::Ms20, None), IlbcMode::Ms30);
    assert_eq!(
        agree_mode(IlbcMode::Ms20, Some(" Mode = 20 ")),
        IlbcMode::Ms20
    );
}

#[test]
fn extreme_input_encodes_and_decodes_without_blowing_up() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    for mode in [IlbcMode::Ms20, IlbcMode::Ms30] {
        let n = mode.block_len();
        let signals: Vec<Vec<i16>> = vec![
            vec![0; n * 4],
            vec![i16::MAX; n * 4],
            (0..n * 4)
                .map(|i| {
                    if (i / 20) % 2 == 0 {
                        i16::MAX
                    } else {
                        i16::MIN
                    }
                })
                .collect(),
            (0..n * 4).map(|_| rng.random()).collect(),
        ];
        for signal in signals {
            let mut enc = IlbcEncoder::new(mode);
            let mut dec = IlbcDecoder::new(mode, true);
            let mut out = Vec::new();
            for chunk in signal.chunks(n) {
                dec.decode(&enc.encode(chunk), &mut out)
                    .expect("own frames decode");
            }
            assert_eq!(out.len(), signal.len());
        }
        // Digital silence stays (nearly) silent.
        let mut enc = IlbcEncoder::new(mode);
        let mut dec = IlbcDecoder::new(mode, true);
        let mut out = Vec::new();
        for _ in 0..5 {
            dec.decode(&enc.encode(&vec![0; n]), &mut out)
                .expect("decodes");
        }
        assert!(
            out.iter().all(|s| s.abs() < 50),
            "{mode:?}: {:?}",
            &out[..20]
        );
    }
}
