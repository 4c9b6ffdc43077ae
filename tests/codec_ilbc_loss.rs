//! iLBC under packet loss: Handset's concealment must sound better than the gaps it fills
//! (PESQ-NB against the original speech), with the same seeded loss pattern for both.

mod codec_ilbc_support;
mod common;

use codec_ilbc_support::{encode, read_wav, score, speech, write_wav};
use handset::media::codec::ilbc::{IlbcDecoder, IlbcMode};
use rand::{Rng, SeedableRng};

/// Which frames are lost: about 10 %, some in bursts of up to three.
fn loss_pattern(frames: usize, seed: u64) -> Vec<bool> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut lost = vec![false; frames];
    let mut i = 0;
    while i < frames {
        if rng.random_bool(0.06) {
            let burst = rng.random_range(1..=3);
            for l in lost.iter_mut().skip(i).take(burst) {
                *l = true;
            }
            i += burst;
        }
        i += 1;
    }
    lost
}

fn concealment_beats_gaps(mode: IlbcMode) {
    let dir = tempfile::tempdir().expect("tempdir");
    let speech = speech(dir.path());
    let pcm = read_wav(&speech);
    let frames = encode(mode, &pcm);
    let lost = loss_pattern(frames.len(), 0x10c5);
    let share = lost.iter().filter(|&&l| l).count() as f64 / lost.len() as f64;

    let mut concealed = Vec::new();
    let mut gaps = Vec::new();
    let mut dec_conceal = IlbcDecoder::new(mode, true);
    let mut dec_gaps = IlbcDecoder::new(mode, true);
    for (frame, &is_lost) in frames.iter().zip(&lost) {
        if is_lost {
            dec_conceal.conceal(&mut concealed);
            gaps.extend(std::iter::repeat_n(0i16, mode.block_len()));
        } else {
            dec_conceal.decode(frame, &mut concealed).expect("decodes");
            dec_gaps.decode(frame, &mut gaps).expect("decodes");
        }
    }
    let concealed_wav = dir.path().join("concealed.wav");
    let gaps_wav = dir.path().join("gaps.wav");
    write_wav(&concealed_wav, &concealed);
    write_wav(&gaps_wav, &gaps);
    let (pesq_concealed, _) = score(&speech, &concealed_wav);
    let (pesq_gaps, _) = score(&speech, &gaps_wav);
    println!(
        "iLBC {} ms with {:.1} % loss: concealed PESQ {pesq_concealed:.3}, gaps PESQ {pesq_gaps:.3}",
        mode.ms(),
        100.0 * share
    );
    assert!(
        pesq_concealed >= pesq_gaps + 0.1,
        "concealment ({pesq_concealed:.3}) should clearly beat silence ({pesq_gaps:.3})"
    );
}

#[test]
fn concealment_beats_gaps_at_10_percent_loss_20ms() {
    concealment_beats_gaps(IlbcMode::Ms20);
}

#[test]
fn concealment_beats_gaps_at_10_percent_loss_30ms() {
    concealment_beats_gaps(IlbcMode::Ms30);
}
