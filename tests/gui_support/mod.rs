//! Shared by the GUI tests: a private X server, the Handset window in it, and the X tools a
//! user's hands would be (xdotool) plus a camera (ImageMagick's `import`).
//!
//! Every process started here is stopped by its own PID when the guard is dropped.

#![allow(dead_code)] // each test file uses a different part

pub mod danger;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

/// A watchdog, not a measurement: it only turns a hung test into a failure with a message.
pub const WATCHDOG: Duration = Duration::from_secs(120);
const POLL: Duration = Duration::from_millis(100);
/// A window showing text and controls has at least this many distinct colours.
pub const DRAWN_COLOURS: u64 = 16;

/// Fail with the Debian package to install when an X tool is missing.
pub fn require_tools() {
    let tools = [
        ("Xvfb", "xvfb"),
        ("xdotool", "xdotool"),
        ("import", "imagemagick"),
        ("convert", "imagemagick"),
    ];
    let missing: Vec<String> = tools
        .iter()
        .filter(|(tool, _)| !on_path(tool))
        .map(|(tool, package)| format!("{tool} (package {package})"))
        .collect();
    assert!(
        missing.is_empty(),
        "the GUI tests need {}; install them with: apt-get install -y xvfb xdotool imagemagick",
        missing.join(", ")
    );
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false)
}

/// A directory under the target dir that survives the test, so screenshots can be looked at.
pub fn artifacts_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(test);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A private Xvfb server on a display number it picks itself.
pub struct Xvfb {
    child: Child,
    _display_pipe: BufReader<ChildStdout>,
    pub display: String,
}

impl Xvfb {
    pub fn start() -> Xvfb {
        // Tests in one binary run in parallel; two servers choosing a display at the same time
        // can both clear the same stale lock of a crashed server and then collide.
        static CHOOSING_DISPLAY: Mutex<()> = Mutex::new(());
        let _choosing = CHOOSING_DISPLAY.lock().unwrap_or_else(|e| e.into_inner());
        // `-displayfd 1`: Xvfb chooses a free display and prints its number on stdout once it
        // accepts connections, so there is neither a race for the number nor a guess at readiness.
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
                // Without this the server resets whenever its last client leaves (each
                // xdotool call does), and a client connecting during the reset is refused.
                "-noreset",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb (package xvfb)");
        // Keep the pipe open for the server's life: closing it would kill Xvfb with SIGPIPE
        // the next time it writes there.
        let mut display_pipe = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        display_pipe.read_line(&mut line).unwrap();
        let number = line.trim();
        assert!(
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
            "Xvfb did not report a display number (got {line:?})"
        );
        Xvfb {
            display: format!(":{number}"),
            child,
            _display_pipe: display_pipe,
        }
    }

    /// Run an X client on this display and return its output.
    pub fn run(&self, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .args(args)
            .env("DISPLAY", &self.display)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("run {program}: {e}"))
    }

    /// Run an X client and insist it succeeds; returns its stdout.
    pub fn run_ok(&self, program: &str, args: &[&str]) -> String {
        let output = self.run(program, args);
        assert!(
            output.status.success(),
            "{program} {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Screenshot of the whole screen, as a user would see it.
    pub fn screenshot(&self, path: &Path) {
        self.run_ok("import", &["-window", "root", path.to_str().unwrap()]);
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // SIGTERM lets Xvfb remove its lock file and socket; SIGKILL would leave them behind
        // for the next server to trip over.
        let terminated = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .map(|status| status.success())
            .unwrap_or(false);
        if !terminated {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// The Handset binary running its GUI on an Xvfb display.
pub struct Handset {
    child: Child,
    log: PathBuf,
    display: String,
}

impl Handset {
    /// Start `handset --listen LISTEN` (the GUI is the default face) on `xvfb`'s display.
    pub fn start(xvfb: &Xvfb, listen: &str, dir: &Path) -> Handset {
        Handset::start_with_env(xvfb, listen, dir, &[])
    }

    /// [`Handset::start`] with extra environment, e.g. a private PulseAudio server.
    pub fn start_with_env(
        xvfb: &Xvfb,
        listen: &str,
        dir: &Path,
        env: &[(String, String)],
    ) -> Handset {
        Handset::spawn(xvfb, &["--listen", listen], dir, env)
    }

    /// Start without `--listen`, as a user does: the GUI listens on the SIP port saved in
    /// its settings.
    pub fn start_on_saved_port(xvfb: &Xvfb, dir: &Path, env: &[(String, String)]) -> Handset {
        Handset::spawn(xvfb, &[], dir, env)
    }

    fn spawn(xvfb: &Xvfb, args: &[&str], dir: &Path, env: &[(String, String)]) -> Handset {
        let log = dir.join("handset.log");
        let log_file = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_handset"))
            .args(args)
            // The window speaks the desktop's language; the tests read English (a test can
            // still pass LANG in `env`).
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .env("DISPLAY", &xvfb.display)
            // Force X11 even when the test runs inside a Wayland session.
            .env_remove("WAYLAND_DISPLAY")
            .env("HANDSET_LOG", "handset=debug,warn")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .expect("start the handset binary");
        Handset {
            child,
            log,
            display: xvfb.display.clone(),
        }
    }

    /// What the program printed so far, for failure messages.
    pub fn log(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(&self.log) {
            let _ = file.read_to_string(&mut text);
        }
        // The tail is what explains a failure.
        let start = text.len().saturating_sub(4000);
        let start = (start..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        text[start..].to_owned()
    }

    /// Panic with the program's output if it has exited.
    pub fn assert_running(&mut self) {
        if let Some(status) = self.child.try_wait().unwrap() {
            panic!(
                "handset exited ({status}) on DISPLAY={}; its output:\n{}",
                self.display,
                self.log()
            );
        }
    }

    /// Wait until a window named "Handset" is mapped and return its X id.
    pub fn wait_for_window(&mut self, xvfb: &Xvfb) -> String {
        let started = Instant::now();
        loop {
            self.assert_running();
            let output = xvfb.run("xdotool", &["search", "--onlyvisible", "--name", "Handset"]);
            let stdout = String::from_utf8_lossy(&output.stdout);
            if let Some(window) = stdout.lines().map(str::trim).find(|l| !l.is_empty()) {
                return window.to_owned();
            }
            assert!(
                started.elapsed() < WATCHDOG,
                "no visible window named Handset appeared; handset's output:\n{}",
                self.log()
            );
            thread::sleep(POLL);
        }
    }
}

impl Handset {
    /// Wait until the window has drawn its first screen and return the number of colours in
    /// it. Antialiased text gives many shades; a blank or single-colour window one or two.
    /// Input typed before this point could arrive before the widgets exist and be lost.
    pub fn wait_until_drawn(&mut self, xvfb: &Xvfb, window: &str, shot: &Path) -> u64 {
        let (x, y, width, height) = window_geometry(xvfb, window);
        let started = Instant::now();
        loop {
            self.assert_running();
            xvfb.screenshot(shot);
            let colours = distinct_colours(shot, (x.max(0), y.max(0), width, height));
            if colours >= DRAWN_COLOURS || started.elapsed() >= WATCHDOG {
                return colours;
            }
            thread::sleep(POLL);
        }
    }
}

impl Drop for Handset {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where a window sits on the screen: x, y, width, height.
pub fn window_geometry(xvfb: &Xvfb, window: &str) -> (i64, i64, i64, i64) {
    let shell = xvfb.run_ok("xdotool", &["getwindowgeometry", "--shell", window]);
    let field = |name: &str| -> i64 {
        shell
            .lines()
            .find_map(|line| line.strip_prefix(&format!("{name}=")))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in xdotool's geometry: {shell}"))
    };
    (field("X"), field("Y"), field("WIDTH"), field("HEIGHT"))
}

/// How many distinct colours the image has inside the given rectangle.
pub fn distinct_colours(image: &Path, (x, y, width, height): (i64, i64, i64, i64)) -> u64 {
    let crop = format!("{width}x{height}+{x}+{y}");
    let output = Command::new("convert")
        .arg(image)
        .args(["-crop", &crop, "+repage", "-format", "%k", "info:"])
        .output()
        .expect("run convert (package imagemagick)");
    assert!(
        output.status.success(),
        "convert failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("convert printed {text:?}, not a colour count"))
}

/// A click at `(x, y)` inside `window`, then a pause for the window to redraw before the
/// next step looks or types (not a timing assertion).
pub fn click(xvfb: &Xvfb, window: &str, (x, y): (i64, i64)) {
    xvfb.run_ok(
        "xdotool",
        &[
            "mousemove",
            "--sync",
            "--window",
            window,
            &x.to_string(),
            &y.to_string(),
            "click",
            "1",
        ],
    );
    thread::sleep(Duration::from_millis(500));
}

/// Types `text` into the focused window the way a keyboard would.
pub fn type_text(xvfb: &Xvfb, text: &str) {
    xvfb.run_ok("xdotool", &["type", "--delay", "40", text]);
}

/// Presses the named keys in turn (`Tab`, `Return`...).
pub fn keys(xvfb: &Xvfb, keys: &[&str]) {
    let mut args = vec!["key", "--delay", "60"];
    args.extend_from_slice(keys);
    xvfb.run_ok("xdotool", &args);
}

/// Private HOME and XDG config and data folders under `home` (emptied first). The session
/// bus is left to the caller. The window's peer-to-peer user is fixed to `me` (the
/// `peer-user` file in its data folder), so its address reads the same in every screenshot
/// and a peer can call `sip:me@127.0.0.1:PORT`.
pub fn private_home(home: &Path) -> Vec<(String, String)> {
    let _ = std::fs::remove_dir_all(home);
    std::fs::create_dir_all(home).unwrap();
    let data = home.join("data").join("handset");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("peer-user"), "me\n").unwrap();
    vec![
        ("HOME".to_owned(), home.display().to_string()),
        (
            "XDG_CONFIG_HOME".to_owned(),
            home.join("config").display().to_string(),
        ),
        (
            "XDG_DATA_HOME".to_owned(),
            home.join("data").display().to_string(),
        ),
    ]
}

impl Handset {
    /// Everything the program logged so far.
    pub fn full_log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until the program's log holds `needle`; fails (with the log) only after a
    /// generous liveness bound, so a loaded machine is not mistaken for a bug.
    pub fn wait_for_log(&mut self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            self.assert_running();
            let log = self.full_log();
            if log.contains(needle) {
                return log;
            }
            assert!(
                started.elapsed() < WATCHDOG,
                "handset never logged {needle:?}; its output:\n{}",
                self.log()
            );
            thread::sleep(POLL);
        }
    }
}

/// A rectangle inside a window: x, y, width, height relative to its top-left corner.
pub type Region = (i64, i64, i64, i64);

/// Waits until `region` of `window` shows at least `colours` distinct colours — something
/// was drawn there, e.g. a field's border where the previous screen was blank — so the next
/// click or keystroke does not reach a screen that is not up yet. Fails only after a
/// generous liveness bound.
pub fn wait_until_region_drawn(
    handset: &mut Handset,
    xvfb: &Xvfb,
    window: &str,
    (x, y, width, height): Region,
    colours: u64,
    shot: &Path,
) {
    let started = Instant::now();
    loop {
        handset.assert_running();
        let (window_x, window_y, _, _) = window_geometry(xvfb, window);
        xvfb.screenshot(shot);
        let region = ((window_x + x).max(0), (window_y + y).max(0), width, height);
        if distinct_colours(shot, region) >= colours {
            return;
        }
        assert!(
            started.elapsed() < WATCHDOG,
            "nothing was drawn at {region:?} (last screenshot at {}); handset's output:\n{}",
            shot.display(),
            handset.log()
        );
        thread::sleep(POLL);
    }
}

/// The settings tests size the window to this so the whole account form fits; their click
/// positions are measured on this layout (24 px padding, 14 px small text).
pub const SETTINGS_WINDOW: (&str, &str) = ("480", "780");

/// Starts Handset on a free loopback port with `env`, sizes its window to
/// [`SETTINGS_WINDOW`], waits for its first frame (screenshot `first_shot` in `dir`) and
/// gives it the keyboard. Returns it with its window id.
pub fn start_sized(
    xvfb: &Xvfb,
    dir: &Path,
    env: &[(String, String)],
    first_shot: &str,
) -> (Handset, String) {
    let mut handset = Handset::start_with_env(xvfb, "127.0.0.1:0", dir, env);
    let window = handset.wait_for_window(xvfb);
    let (width, height) = SETTINGS_WINDOW;
    xvfb.run_ok("xdotool", &["windowsize", "--sync", &window, width, height]);
    handset.wait_until_drawn(xvfb, &window, &dir.join(first_shot));
    xvfb.run_ok("xdotool", &["windowfocus", "--sync", &window]);
    (handset, window)
}
