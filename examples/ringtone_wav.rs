//! Writes our synthesised ringtone to the file given as the only argument
//! (`cargo run --example ringtone_wav -- assets/sounds/ringtone.wav`). The test
//! `sounds_ringtone_asset` checks the committed file equals what this writes.

use handset::audio::ringtone_file::ringtone_wav;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: ringtone_wav FILE.wav");
        return ExitCode::FAILURE;
    };
    match ringtone_wav().map_err(|e| e.to_string()).and_then(|bytes| {
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ringtone_wav: {e}");
            ExitCode::FAILURE
        }
    }
}
