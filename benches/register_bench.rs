//! Start-up benchmark: how soon after it is started each softphone puts its first REGISTER
//! on the wire, and how much memory the Handset GUI holds idle and registered.
//!
//! Run with `cargo bench --bench register_bench` (release build). Every client registers
//! with the same in-process registrar over loopback, which answers 200 OK without a challenge
//! and notes the arrival of the first REGISTER. The clock starts just before the process is
//! spawned. The first run of each client only warms the page cache and is not counted.
//! Nothing here is asserted: the numbers are for reading.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "support/fake_registrar.rs"]
mod fake_registrar;
#[path = "../tests/gui_support/mod.rs"]
mod gui_support;

use common::accounts::write_account_folder;
use common::baresip::{AnswerMode, Baresip, BaresipRegistrar, BaresipSetup};
use common::handset::{args, Handset};
use common::process::proc_usage;
use common::scratch::Scratch;
use common::speech::long_speech_wav;
use fake_registrar::FakeRegistrar;
use gui_support::Xvfb;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const RUNS: usize = 6;
const LIMIT: Duration = Duration::from_secs(30);
/// How long the GUI is left alone before its memory is read: long enough for the first
/// frames, fonts and (when registered) the 200 OK to be behind it.
const SETTLE: Duration = Duration::from_secs(5);

fn main() {
    let scratch = Scratch::new("register-bench");
    let speech = long_speech_wav(2);
    println!("register_bench: first REGISTER on the wire after process start, {RUNS} runs each (first not counted)");
    let mut handset = Vec::new();
    let mut baresip = Vec::new();
    for run in 0..RUNS {
        handset.push(handset_headless(&scratch, run));
        baresip.push(baresip_start(&scratch, run, &speech));
    }
    report("handset headless", &handset);
    report("baresip", &baresip);

    match gui_memory(&scratch) {
        Ok((idle, (registered, to_register))) => {
            println!(
                "handset GUI peak RSS (VmHWM) idle:       {:>7.1} MiB",
                mib(idle.0)
            );
            println!(
                "handset GUI peak RSS (VmHWM) registered: {:>7.1} MiB",
                mib(registered)
            );
            if let Some(took) = to_register {
                let ms = took.as_secs_f64() * 1e3;
                println!("handset GUI start→REGISTER (one run):    {ms:>7.1} ms");
            }
        }
        Err(e) => println!("handset GUI memory: not measured ({e})"),
    }
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn report(label: &str, runs: &[Option<(Duration, u64)>]) {
    let counted: Vec<(Duration, u64)> = runs.iter().skip(1).flatten().copied().collect();
    if counted.is_empty() {
        println!("{label:<17} no REGISTER seen");
        return;
    }
    let mut times: Vec<f64> = counted.iter().map(|(d, _)| d.as_secs_f64() * 1e3).collect();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let peak = counted.iter().map(|(_, rss)| *rss).max().unwrap_or(0);
    println!(
        "{label:<17} start→REGISTER median {median:>6.1} ms, min {:>6.1} ms, max {:>6.1} ms; \
         peak RSS while registered {:>5.1} MiB ({} runs)",
        times[0],
        times[times.len() - 1],
        mib(peak),
        counted.len()
    );
}

/// One start of `handset headless` with an account at the fake registrar.
fn handset_headless(scratch: &Scratch, run: usize) -> Option<(Duration, u64)> {
    let registrar = FakeRegistrar::start();
    let config = scratch.subdir(&format!("handset-{run}"));
    write_account_folder(&config, "alice", "secret", registrar.port, 3600);
    let config = config.display().to_string();
    let started = Instant::now();
    let mut handset = Handset::spawn(
        scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--config",
            &config,
        ]),
    );
    let first = registrar.wait_first_register(LIMIT)?;
    thread::sleep(Duration::from_millis(500));
    let rss = proc_usage(handset.pid()).map_or(0, |u| u.peak_rss_kib);
    handset.quit();
    Some((first.duration_since(started), rss))
}

/// One start of baresip with an account at the fake registrar.
fn baresip_start(scratch: &Scratch, run: usize, speech: &Path) -> Option<(Duration, u64)> {
    let registrar = FakeRegistrar::start();
    let mut setup = BaresipSetup::new("bob", AnswerMode::Auto, speech);
    setup.registrar = Some(BaresipRegistrar {
        domain: "sip.test".into(),
        proxy: format!("127.0.0.1:{}", registrar.port),
        password: "secret".into(),
    });
    let dir = scratch.subdir(&format!("baresip-{run}"));
    let started = Instant::now();
    let mut baresip = Baresip::start(&dir, &setup);
    let first = registrar.wait_first_register(LIMIT)?;
    thread::sleep(Duration::from_millis(500));
    let rss = proc_usage(baresip.pid()).map_or(0, |u| u.peak_rss_kib);
    baresip.quit();
    Some((first.duration_since(started), rss))
}

/// What one GUI start gave: peak RSS in KiB and, with a registrar, how long the first
/// REGISTER took.
type GuiRun = (u64, Option<Duration>);

/// Peak RSS of the GUI with no account, then with one account registered.
fn gui_memory(scratch: &Scratch) -> Result<(GuiRun, GuiRun), String> {
    let xvfb = Xvfb::start();
    let idle_home = scratch.subdir("gui-idle");
    let idle = gui_peak_rss(&xvfb, &idle_home, None)?;
    let registrar = FakeRegistrar::start();
    let registered_home = scratch.subdir("gui-registered");
    // The user's own folders, as a desktop start would use them: the account in the XDG
    // config folder, its password in the opt-in secrets file of the XDG data folder.
    let config = registered_home.join("config/handset");
    let data = registered_home.join("data/handset");
    write_account_folder(&config, "alice", "secret", registrar.port, 3600);
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    std::fs::rename(config.join("secrets.toml"), data.join("secrets.toml"))
        .map_err(|e| e.to_string())?;
    let registered = gui_peak_rss(&xvfb, &registered_home, Some(&registrar))?;
    Ok((idle, registered))
}

/// Start the GUI with `home` as its home and XDG folders, wait for its REGISTER if a
/// registrar is given, let it settle, and read its peak RSS.
fn gui_peak_rss(
    xvfb: &Xvfb,
    home: &Path,
    registrar: Option<&FakeRegistrar>,
) -> Result<GuiRun, String> {
    let started = Instant::now();
    let mut gui = GuiGuard(
        Command::new(common::handset::binary())
            .args(["--listen", "127.0.0.1:0"])
            .env("DISPLAY", &xvfb.display)
            .env_remove("WAYLAND_DISPLAY")
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .stdin(Stdio::null())
            .env("HANDSET_LOG", "handset=debug,warn")
            .stdout(Stdio::null())
            .stderr(log_file(home)?)
            .spawn()
            .map_err(|e| format!("cannot start the GUI: {e}"))?,
    );
    let mut to_register = None;
    if let Some(registrar) = registrar {
        let first = registrar.wait_first_register(LIMIT).ok_or_else(|| {
            let log = std::fs::read_to_string(home.join("handset.log")).unwrap_or_default();
            format!("the GUI sent no REGISTER; its log:\n{log}")
        })?;
        to_register = Some(first.duration_since(started));
    }
    thread::sleep(SETTLE);
    if let Ok(Some(status)) = gui.0.try_wait() {
        return Err(format!("the GUI exited early ({status})"));
    }
    proc_usage(gui.0.id())
        .map(|u| (u.peak_rss_kib, to_register))
        .ok_or_else(|| "cannot read /proc".into())
}

/// The GUI's log, kept in its folder for reading when something goes wrong.
fn log_file(dir: &Path) -> Result<std::fs::File, String> {
    std::fs::File::create(dir.join("handset.log")).map_err(|e| format!("cannot create a log: {e}"))
}

struct GuiGuard(Child);

impl Drop for GuiGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
