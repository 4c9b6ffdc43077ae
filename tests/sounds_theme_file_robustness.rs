//! A damaged sound theme file never panics the decoder: Debian's real
//! `phone-incoming-call.oga`, truncated and with bytes changed in thousands of seeded ways,
//! decodes or is refused with an error (the ringer then rings our own chime). Most changes
//! are made behind the Ogg pages' checksums (recomputed), so they reach the Vorbis decoder
//! instead of being stopped by the container.

mod common;

use common::tools::require_file;
use handset::audio::sound_file::decode;
use std::path::Path;

const THEME_SOUND: &str = "/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga";

/// xorshift64*: a fixed sequence, so a failure names a case that can be replayed.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The Ogg pages of a stream: (start, length) of each.
fn pages(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while at + 27 <= bytes.len() && &bytes[at..at + 4] == b"OggS" {
        let segments = usize::from(bytes[at + 26]);
        let table = at + 27;
        let Some(lacing) = bytes.get(table..table + segments) else {
            break;
        };
        let length = 27 + segments + lacing.iter().map(|&l| usize::from(l)).sum::<usize>();
        found.push((at, length));
        at += length;
    }
    found
}

/// The Ogg page checksum (CRC-32, polynomial 0x04c11db7, not reflected, starting at 0),
/// computed with the checksum field zeroed (RFC 3533, section 6).
fn reseal(page: &mut [u8]) {
    page[22..26].fill(0);
    let mut crc: u32 = 0;
    for &byte in page.iter() {
        crc ^= u32::from(byte) << 24;
        for _ in 0..8 {
            crc = if crc & 0x8000_0000 != 0 {
                (crc << 1) ^ 0x04c1_1db7
            } else {
                crc << 1
            };
        }
    }
    page[22..26].copy_from_slice(&crc.to_le_bytes());
}

#[test]
fn damaged_copies_of_the_theme_sound_decode_or_fail_without_panicking() {
    require_file(Path::new(THEME_SOUND), "sound-theme-freedesktop");
    let original = std::fs::read(THEME_SOUND).unwrap();
    let whole = decode(&original).expect("the undamaged file decodes");
    assert!(
        whole.samples.len() > whole.rate as usize,
        "{} samples",
        whole.samples.len()
    );

    let layout = pages(&original);
    assert!(layout.len() > 3, "the file's Ogg pages are found");
    let mut unchanged = original.clone();
    for &(start, length) in &layout {
        reseal(&mut unchanged[start..start + length]);
    }
    assert_eq!(
        unchanged, original,
        "resealing an undamaged page changes nothing"
    );

    let mut random = Seeded(0x005e_ed0f_500d);
    let (mut decoded, mut refused) = (0, 0);
    for case in 0..1500 {
        let mut bytes = original.clone();
        match case % 4 {
            0 => bytes.truncate(random.below(original.len())),
            1 => {
                // Bytes changed anywhere, checksums left stale.
                let at = random.below(bytes.len());
                bytes[at] = random.next() as u8;
            }
            _ => {
                // Bytes changed inside one page's body, the page resealed. The first pages
                // hold the Vorbis headers (codebooks, modes), where counts and sizes live.
                let page = if case % 4 == 2 {
                    random.below(3)
                } else {
                    random.below(layout.len())
                };
                let (start, length) = layout[page];
                let header = 27 + usize::from(original[start + 26]);
                for _ in 0..=random.below(4) {
                    let at = start + header + random.below(length - header);
                    bytes[at] ^= 1 << random.below(8);
                }
                reseal(&mut bytes[start..start + length]);
            }
        }
        let outcome = std::panic::catch_unwind(|| decode(&bytes).is_ok());
        match outcome {
            Ok(true) => decoded += 1,
            Ok(false) => refused += 1,
            Err(_) => panic!("case {case}: decoding panicked"),
        }
    }
    eprintln!("{decoded} damaged copies decoded, {refused} refused");
    assert!(refused > 0, "some damage must be noticed");
}
