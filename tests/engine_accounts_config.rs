//! `handset headless --config DIR` with a file that cannot be loaded, or that has unknown keys.

mod common;

use common::handset::{args, headless_command, Handset};
use common::ports::free_port;
use common::scratch::Scratch;
use std::process::Stdio;

#[test]
fn a_corrupt_config_stops_headless_with_a_clear_message() {
    let scratch = Scratch::new("config-corrupt");
    let dir = scratch.subdir("accounts");
    std::fs::write(dir.join("config.toml"), "version = 1\n[[accounts]\nid = \n").unwrap();
    let output = headless_command(
        &scratch.subdir("home"),
        &args(&["--config", dir.to_str().unwrap()]),
    )
    .stdin(Stdio::null())
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("config.toml"), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "nothing started: {:?}",
        output.stdout
    );
}

#[test]
fn unknown_keys_are_a_warning_and_peer_to_peer_still_works() {
    let scratch = Scratch::new("config-unknown-key");
    let dir = scratch.subdir("accounts");
    std::fs::write(dir.join("config.toml"), "version = 1\ncolour = \"blue\"\n").unwrap();
    let (mut handset, ready) = Handset::start(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--config",
            dir.to_str().unwrap(),
        ]),
    );
    assert_eq!(ready["event"], "ready");
    assert!(handset.quit().success());
    let stderr = handset.stderr_text();
    assert!(
        stderr.contains("warning") && stderr.contains("colour"),
        "{stderr}"
    );
}

#[test]
fn without_listen_headless_takes_the_sip_port_saved_in_the_settings() {
    let scratch = Scratch::new("config-sip-port");
    let dir = scratch.subdir("accounts");
    let port = free_port();
    std::fs::write(
        dir.join("config.toml"),
        format!("version = 1\n[network]\nsip_port = {port}\n"),
    )
    .unwrap();
    let (mut handset, ready) = Handset::start(
        &scratch,
        &args(&["--audio", "null", "--config", dir.to_str().unwrap()]),
    );
    assert_eq!(ready["listen"], format!("0.0.0.0:{port}"), "{ready}");
    assert!(handset.quit().success());
}
