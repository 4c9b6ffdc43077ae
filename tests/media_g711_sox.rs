//! Our G.711 must be bit-identical to sox's (the reference most Linux audio tools share),
//! over every 16-bit sample value and every code byte.

use handset::media::codec::{alaw_to_linear, linear_to_alaw, linear_to_mulaw, mulaw_to_linear};
use std::path::Path;
use std::process::Command;

fn sox(args: &[&str]) {
    let output = Command::new("sox").args(args).output().unwrap_or_else(|e| {
        panic!("cannot run sox ({e}); install the Debian package `sox` (apt-get install sox)")
    });
    assert!(
        output.status.success(),
        "sox {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// Every i16 value once, little-endian.
fn every_sample() -> (Vec<i16>, Vec<u8>) {
    let samples: Vec<i16> = (i16::MIN..=i16::MAX).collect();
    let bytes = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
    (samples, bytes)
}

fn check_encoding(encoding: &str, ours: fn(i16) -> u8) {
    let dir = tempfile::tempdir().unwrap();
    let (samples, bytes) = every_sample();
    std::fs::write(dir.path().join("in.raw"), bytes).unwrap();
    // -D: no dither, so that sox quantises exactly like a codec does.
    sox(&[
        "-D",
        "-t",
        "raw",
        "-r",
        "8000",
        "-e",
        "signed-integer",
        "-b",
        "16",
        "-c",
        "1",
        "-L",
        &path(dir.path(), "in.raw"),
        "-t",
        "raw",
        "-e",
        encoding,
        "-b",
        "8",
        &path(dir.path(), "out.raw"),
    ]);
    let theirs = std::fs::read(dir.path().join("out.raw")).unwrap();
    assert_eq!(theirs.len(), samples.len());
    let mismatches: Vec<(i16, u8, u8)> = samples
        .iter()
        .zip(&theirs)
        .filter(|(s, t)| ours(**s) != **t)
        .map(|(s, t)| (*s, ours(*s), *t))
        .take(5)
        .collect();
    assert!(
        mismatches.is_empty(),
        "{encoding}: (sample, ours, sox) {mismatches:?}"
    );
}

fn check_decoding(encoding: &str, ours: fn(u8) -> i16) {
    let dir = tempfile::tempdir().unwrap();
    let codes: Vec<u8> = (0..=255).collect();
    std::fs::write(dir.path().join("in.raw"), &codes).unwrap();
    sox(&[
        "-D",
        "-t",
        "raw",
        "-r",
        "8000",
        "-e",
        encoding,
        "-b",
        "8",
        "-c",
        "1",
        &path(dir.path(), "in.raw"),
        "-t",
        "raw",
        "-e",
        "signed-integer",
        "-b",
        "16",
        "-L",
        &path(dir.path(), "out.raw"),
    ]);
    let theirs: Vec<i16> = std::fs::read(dir.path().join("out.raw"))
        .unwrap()
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    assert_eq!(theirs.len(), 256);
    for (code, their) in codes.iter().zip(&theirs) {
        assert_eq!(ours(*code), *their, "{encoding} code {code:#04x}");
    }
}

#[test]
fn mulaw_encoding_matches_sox() {
    check_encoding("u-law", linear_to_mulaw);
}

#[test]
fn alaw_encoding_matches_sox() {
    check_encoding("a-law", linear_to_alaw);
}

#[test]
fn mulaw_decoding_matches_sox() {
    check_decoding("u-law", mulaw_to_linear);
}

#[test]
fn alaw_decoding_matches_sox() {
    check_decoding("a-law", alaw_to_linear);
}
