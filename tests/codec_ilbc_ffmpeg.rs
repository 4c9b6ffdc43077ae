//! iLBC interop: ffmpeg's native iLBC decoder decodes what Handset encodes, at least as well
//! (PESQ-NB) as GSM 06.10 through libgsm on the same speech, and Handset's own decoder output
//! is close to ffmpeg's.
//!
//! Needs ffmpeg, espeak-ng, sox, libgsm-tools (toast/untoast) and python3-venv; PESQ itself
//! is pip-installed into target/pesq-venv on first use.

mod codec_ilbc_support;
mod common;

use codec_ilbc_support::{
    encode, ffmpeg_decode, gsm_round_trip, handset_decode, read_wav, score, speech, write_wav,
};
use handset::media::codec::ilbc::IlbcMode;

fn ffmpeg_beats_gsm(mode: IlbcMode) {
    let dir = tempfile::tempdir().expect("tempdir");
    let speech = speech(dir.path());
    let pcm = read_wav(&speech);
    let frames = encode(mode, &pcm);
    assert!(frames.iter().all(|f| f.len() == mode.frame_bytes()));
    let ffmpeg = ffmpeg_decode(mode, &frames, dir.path());
    let gsm = gsm_round_trip(&speech, dir.path());
    let (ilbc_pesq, ilbc_snr) = score(&speech, &ffmpeg);
    let (gsm_pesq, gsm_snr) = score(&speech, &gsm);
    println!(
        "iLBC {} ms via ffmpeg: PESQ {ilbc_pesq:.3} SNR {ilbc_snr:.2} dB; GSM: PESQ {gsm_pesq:.3} SNR {gsm_snr:.2} dB",
        mode.ms()
    );
    assert!(
        ilbc_pesq >= gsm_pesq,
        "iLBC {} ms decoded by ffmpeg scores {ilbc_pesq:.3}, below GSM's {gsm_pesq:.3}",
        mode.ms()
    );
}

#[test]
fn ffmpeg_decodes_handset_ilbc_30ms_at_least_as_well_as_gsm() {
    ffmpeg_beats_gsm(IlbcMode::Ms30);
}

#[test]
fn ffmpeg_decodes_handset_ilbc_20ms_at_least_as_well_as_gsm() {
    ffmpeg_beats_gsm(IlbcMode::Ms20);
}

fn handset_matches_ffmpeg(mode: IlbcMode) {
    let dir = tempfile::tempdir().expect("tempdir");
    let speech = speech(dir.path());
    let pcm = read_wav(&speech);
    let frames = encode(mode, &pcm);
    let ffmpeg = ffmpeg_decode(mode, &frames, dir.path());
    let ours = dir.path().join("ours.wav");
    write_wav(&ours, &handset_decode(mode, &frames, false));
    let enhanced = dir.path().join("ours_enhanced.wav");
    write_wav(&enhanced, &handset_decode(mode, &frames, true));
    let (pesq, snr) = score(&ffmpeg, &ours);
    let (own_pesq, own_snr) = score(&speech, &ours);
    let (enh_pesq, enh_snr) = score(&speech, &enhanced);
    println!(
        "iLBC {} ms: Handset vs ffmpeg PESQ {pesq:.3} SNR {snr:.2} dB; Handset vs original PESQ {own_pesq:.3} SNR {own_snr:.2} dB; enhanced PESQ {enh_pesq:.3} SNR {enh_snr:.2} dB",
        mode.ms()
    );
    // Same bitstream, same algorithm: the two decoders differ by ffmpeg's fixed-point
    // arithmetic. Measured on this corpus: 30 ms about 39 dB SNR; 20 ms about 12 dB SNR but
    // PESQ 4.4 between them (some frames diverge; not yet explained, see the issue notes).
    // A misread parameter or codebook section drops the SNR to a few dB and PESQ far lower.
    assert!(
        snr >= 10.0 && pesq >= 4.0,
        "Handset's decoder strays from ffmpeg's: SNR {snr:.2} dB, PESQ {pesq:.3}"
    );
    // The enhancer must not make things worse.
    assert!(
        enh_pesq >= own_pesq - 0.05,
        "enhancer lowers PESQ: {enh_pesq:.3} vs {own_pesq:.3}"
    );
}

#[test]
fn handset_decoder_output_is_close_to_ffmpegs_30ms() {
    handset_matches_ffmpeg(IlbcMode::Ms30);
}

#[test]
fn handset_decoder_output_is_close_to_ffmpegs_20ms() {
    handset_matches_ffmpeg(IlbcMode::Ms20);
}
