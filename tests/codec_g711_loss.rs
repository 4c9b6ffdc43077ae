//! G.711 under packet loss: Handset's pitch-repeating concealment must sound clearly better
//! than the gaps it fills and than repeating the last packet with a fade (the usual simple
//! concealment), on the same speech with the same seeded losses (PESQ-NB against the original).

mod codec_ilbc_support;
mod common;

use codec_ilbc_support::{read_wav, score, speech, write_wav};
use handset::media::codec::{create, find};
use rand::{Rng, SeedableRng};

const FRAME: usize = 160;

/// Which 20 ms packets are lost, each independently.
fn loss_pattern(frames: usize, share: f64, seed: u64) -> Vec<bool> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    (0..frames).map(|_| rng.random_bool(share)).collect()
}

/// The simple concealment to beat: the last good packet again, fading out over three.
fn repeat_and_fade(last: &[i16], run: usize) -> Vec<i16> {
    (0..FRAME)
        .map(|i| {
            let position = run * FRAME + i;
            let gain = (1.0 - position as f32 / (3 * FRAME) as f32).max(0.0);
            (f32::from(last.get(i).copied().unwrap_or(0)) * gain) as i16
        })
        .collect()
}

fn compare_at(share: f64) {
    let dir = tempfile::tempdir().expect("tempdir");
    let speech = speech(dir.path());
    let pcm = read_wav(&speech);
    let spec = find("PCMU", 8000).expect("PCMU");
    let mut encoder = create(&spec).expect("PCMU codec");
    let mut ours = create(&spec).expect("PCMU codec");
    let mut plain = create(&spec).expect("PCMU codec");
    let lost = loss_pattern(pcm.len() / FRAME, share, 0x711);
    let (mut concealed, mut gaps, mut repeated) = (Vec::new(), Vec::new(), Vec::new());
    let mut last_good = vec![0i16; FRAME];
    let mut run = 0;
    for (frame, &is_lost) in pcm.chunks_exact(FRAME).zip(&lost) {
        let mut payload = Vec::new();
        encoder.encode(frame, &mut payload);
        if is_lost {
            ours.conceal(&mut concealed);
            gaps.extend(std::iter::repeat_n(0i16, FRAME));
            repeated.extend(repeat_and_fade(&last_good, run));
            run += 1;
        } else {
            ours.decode(&payload, &mut concealed).expect("decodes");
            let start = gaps.len();
            plain.decode(&payload, &mut gaps).expect("decodes");
            last_good = gaps[start..].to_vec();
            repeated.extend(&last_good);
            run = 0;
        }
    }
    let mut scores = Vec::new();
    for (name, audio) in [
        ("pitch", &concealed),
        ("gaps", &gaps),
        ("repeat", &repeated),
    ] {
        let path = dir.path().join(format!("{name}.wav"));
        write_wav(&path, audio);
        scores.push(score(&speech, &path).0);
    }
    let (pitch, gaps, repeat) = (scores[0], scores[1], scores[2]);
    let actual = lost.iter().filter(|&&l| l).count() as f64 / lost.len() as f64;
    println!(
        "PCMU with {:.1} % loss: pitch concealment PESQ-NB {pitch:.3}, repeat-and-fade {repeat:.3}, \
         gaps {gaps:.3}",
        100.0 * actual
    );
    assert!(
        pitch >= gaps + 0.2,
        "concealment ({pitch:.3}) should clearly beat silence ({gaps:.3})"
    );
    assert!(
        pitch >= repeat + 0.05,
        "pitch repetition ({pitch:.3}) should beat repeating the last packet ({repeat:.3})"
    );
}

#[test]
fn concealment_beats_gaps_and_repetition_at_5_percent_loss() {
    compare_at(0.05);
}

#[test]
fn concealment_beats_gaps_and_repetition_at_10_percent_loss() {
    compare_at(0.10);
}
