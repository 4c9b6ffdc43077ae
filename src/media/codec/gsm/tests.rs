//! Behaviour of the GSM codec as the media stream sees it. Bit-exactness against libgsm is
//! checked in tests/codec_gsm_libgsm.rs.

use super::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn codec() -> Box<dyn Codec> {
    create(&spec()).expect("GSM is supported")
}

fn tone(frequency: f64, amplitude: f64, samples: usize) -> Vec<i16> {
    (0..samples)
        .map(|n| {
            let phase = 2.0 * std::f64::consts::PI * frequency * n as f64 / 8000.0;
            (amplitude * phase.sin()) as i16
        })
        .collect()
}

fn round_trip(pcm: &[i16]) -> Vec<i16> {
    let mut codec = codec();
    let mut out = Vec::new();
    for frame in pcm.chunks(FRAME_SAMPLES) {
        let mut payload = Vec::new();
        codec.encode(frame, &mut payload);
        assert_eq!(payload.len(), FRAME_BYTES);
        codec.decode(&payload, &mut out).unwrap();
    }
    out
}

#[test]
fn spec_is_rfc_3551_gsm() {
    let spec = spec();
    assert_eq!(spec.payload_type, 3);
    assert_eq!(spec.to_string(), "GSM/8000");
    assert_eq!(spec.samples_per_frame(), 160);
    assert_eq!(spec.timestamp_step(), 160);
    let mut other = spec.clone();
    other.clock_rate = 16000;
    assert!(create(&other).is_none());
}

#[test]
fn the_registry_offers_gsm_after_g711() {
    let names: Vec<_> = crate::media::codec::supported()
        .iter()
        .map(|spec| spec.name)
        .collect();
    let gsm = names.iter().position(|&name| name == "GSM").unwrap();
    let pcma = names.iter().position(|&name| name == "PCMA").unwrap();
    assert!(gsm > pcma, "{names:?}");
    let found = crate::media::codec::find("gsm", 8000).unwrap();
    assert_eq!(found, spec());
    assert!(crate::media::codec::create(&found).is_some());
}

#[test]
fn a_tone_comes_back_recognisably() {
    let input = tone(440.0, 8000.0, 160 * 50);
    let output = round_trip(&input);
    assert_eq!(output.len(), input.len());
    // Skip the first frames while the filters settle; then compare energies and the
    // correlation with the input (GSM does not preserve the waveform exactly).
    let (a, b) = (&input[1600..], &output[1600..]);
    let energy = |x: &[i16]| x.iter().map(|&v| f64::from(v).powi(2)).sum::<f64>();
    let cross: f64 = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| f64::from(x) * f64::from(y))
        .sum();
    let correlation = cross / (energy(a) * energy(b)).sqrt();
    assert!(correlation > 0.9, "correlation {correlation}");
    let ratio = energy(b) / energy(a);
    assert!((0.5..2.0).contains(&ratio), "energy ratio {ratio}");
}

#[test]
fn silence_decodes_to_silence() {
    let output = round_trip(&[0; 160 * 5]);
    assert!(output.iter().all(|&x| x.abs() <= 16), "{:?}", &output[..20]);
}

#[test]
fn wrong_lengths_and_signatures_are_refused_without_output() {
    let mut codec = codec();
    let mut payload = Vec::new();
    codec.encode(&[100; 160], &mut payload);
    let mut out = Vec::new();
    for length in [0, 1, 32, 34, 65] {
        let data = vec![0xD0; length];
        assert_eq!(
            codec.decode(&data, &mut out),
            Err(DecodeError::BadLength(length))
        );
    }
    let mut corrupt = payload.clone();
    corrupt[0] = 0x20 | (corrupt[0] & 0x0F);
    assert_eq!(codec.decode(&corrupt, &mut out), Err(DecodeError::Corrupt));
    // A two-frame packet with one bad frame is refused whole.
    let mut double = payload.clone();
    double.extend_from_slice(&corrupt);
    assert_eq!(codec.decode(&double, &mut out), Err(DecodeError::Corrupt));
    assert!(out.is_empty());
    codec.decode(&payload, &mut out).unwrap();
    assert_eq!(out.len(), 160);
}

#[test]
fn concealment_fades_out_the_last_frame() {
    let mut codec = codec();
    let input = tone(300.0, 10000.0, 160 * 10);
    let mut out = Vec::new();
    for frame in input.chunks(160) {
        let mut payload = Vec::new();
        codec.encode(frame, &mut payload);
        out.clear();
        codec.decode(&payload, &mut out).unwrap();
    }
    let last_peak = out.iter().map(|x| x.unsigned_abs()).max().unwrap();
    let mut concealed = Vec::new();
    for _ in 0..5 {
        codec.conceal(&mut concealed);
    }
    assert_eq!(concealed.len(), 5 * 160);
    let first_peak = concealed[..160]
        .iter()
        .map(|x| x.unsigned_abs())
        .max()
        .unwrap();
    assert!(first_peak > last_peak / 2, "{first_peak} vs {last_peak}");
    assert!(concealed[4 * 160..].iter().all(|&x| x == 0));
}

#[test]
fn longer_ptime_packs_several_frames() {
    let mut spec = spec();
    spec.ptime_ms = 40;
    let mut codec = create(&spec).unwrap();
    let mut payload = Vec::new();
    codec.encode(&tone(500.0, 5000.0, 320), &mut payload);
    assert_eq!(payload.len(), 2 * FRAME_BYTES);
    let mut out = Vec::new();
    codec.decode(&payload, &mut out).unwrap();
    assert_eq!(out.len(), 320);
}

/// Garbage from the network must never panic the decoder: random bytes, random frames with a
/// valid signature (so every parameter combination is reached), in random lengths.
#[test]
fn the_decoder_survives_garbage() {
    let mut rng = StdRng::seed_from_u64(0x65D);
    let mut codec = codec();
    let mut decoded_frames = 0;
    for round in 0..20_000 {
        let length = if round % 3 == 0 {
            rng.random_range(0..100)
        } else {
            FRAME_BYTES
        };
        let mut payload: Vec<u8> = (0..length).map(|_| rng.random()).collect();
        if round % 3 != 2 {
            if let Some(first) = payload.first_mut() {
                *first = 0xD0 | (*first & 0x0F);
            }
        }
        let mut out = Vec::new();
        match codec.decode(&payload, &mut out) {
            Ok(()) => {
                assert_eq!(out.len(), payload.len() / FRAME_BYTES * 160);
                decoded_frames += 1;
            }
            Err(_) => {
                assert!(out.is_empty());
                codec.conceal(&mut out);
                assert_eq!(out.len(), 160);
            }
        }
    }
    assert!(decoded_frames > 6_500, "only {decoded_frames} decoded");
}

/// Any PCM, including full-scale extremes and wrong frame sizes, encodes to one valid frame.
#[test]
fn the_encoder_survives_any_pcm() {
    let mut rng = StdRng::seed_from_u64(0xE4C);
    let mut codec = codec();
    for round in 0..5_000 {
        let length = if round % 4 == 0 {
            rng.random_range(0..400)
        } else {
            160
        };
        let pcm: Vec<i16> = (0..length)
            .map(|_| match rng.random_range(0..4) {
                0 => i16::MIN,
                1 => i16::MAX,
                _ => rng.random(),
            })
            .collect();
        let mut payload = Vec::new();
        codec.encode(&pcm, &mut payload);
        assert_eq!(payload.len(), FRAME_BYTES);
        assert!(unpack(&payload).is_ok());
    }
}
