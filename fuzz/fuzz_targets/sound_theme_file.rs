//! A sound theme's file (Ogg Vorbis or WAV) decodes to PCM or is refused with an error,
//! never a panic or an allocation that ends the process; a theme's index.theme of any bytes
//! parses. Seed the corpus with /usr/share/sounds/freedesktop/stereo/*.oga.
#![no_main]

use handset::audio::sound_file::decode;
use handset::media::sound_theme::ThemeIndex;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(pcm) = decode(data) {
        assert!(!pcm.samples.is_empty());
    }
    let index = ThemeIndex::parse("fuzz", &String::from_utf8_lossy(data));
    for (directory, _) in &index.directories {
        assert!(!directory.split('/').any(|part| part == ".."));
    }
});
