//! Light and dark follow the desktop: the window asks the XDG settings portal
//! (`org.freedesktop.portal.Settings`, `org.freedesktop.appearance` `color-scheme`) and
//! follows its `SettingChanged` signal while it runs. No xdg-desktop-portal runs without a
//! desktop session, so the test serves the Settings interface itself on a private session
//! bus, as xdg-desktop-portal does, and flips the preference as a user would in their
//! desktop's settings.

#[allow(unused)]
mod gui_support;
mod tray_support;

use gui_support::{window_geometry, Handset, Xvfb};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tray_support::SessionBus;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::{OwnedValue, Value};

const NAMESPACE: &str = "org.freedesktop.appearance";
const KEY: &str = "color-scheme";
const PREFER_DARK: u32 = 1;
const PREFER_LIGHT: u32 = 2;
const PATH: &str = "/org/freedesktop/portal/desktop";

/// The appearance part of `org.freedesktop.portal.Settings`.
struct Appearance {
    scheme: Arc<AtomicU32>,
}

impl Appearance {
    fn value(&self, namespace: &str, key: &str) -> zbus::fdo::Result<Value<'static>> {
        if (namespace, key) == (NAMESPACE, KEY) {
            Ok(Value::from(self.scheme.load(Ordering::SeqCst)))
        } else {
            Err(zbus::fdo::Error::Failed(format!(
                "org.freedesktop.portal.Error.NotFound: {namespace} {key}"
            )))
        }
    }
}

#[zbus::interface(name = "org.freedesktop.portal.Settings")]
impl Appearance {
    /// The older call: the value comes wrapped in one more variant.
    fn read(&self, namespace: &str, key: &str) -> zbus::fdo::Result<OwnedValue> {
        let inner = self.value(namespace, key)?;
        OwnedValue::try_from(Value::Value(Box::new(inner)))
            .map_err(|e| zbus::fdo::Error::Failed(e.to_string()))
    }

    fn read_one(&self, namespace: &str, key: &str) -> zbus::fdo::Result<OwnedValue> {
        OwnedValue::try_from(self.value(namespace, key)?)
            .map_err(|e| zbus::fdo::Error::Failed(e.to_string()))
    }

    #[zbus(property)]
    fn version(&self) -> u32 {
        2
    }

    #[zbus(signal)]
    async fn setting_changed(
        emitter: &SignalEmitter<'_>,
        namespace: &str,
        key: &str,
        value: Value<'_>,
    ) -> zbus::Result<()>;
}

/// Mean grey level of the window, 0 (black) to 1 (white).
fn window_brightness(xvfb: &Xvfb, window: &str, shot: &Path) -> f64 {
    let (x, y, width, height) = window_geometry(xvfb, window);
    xvfb.screenshot(shot);
    let output = std::process::Command::new("convert")
        .arg(shot)
        .args([
            "-crop",
            &format!("{width}x{height}+{}+{}", x.max(0), y.max(0)),
        ])
        .args(["-colorspace", "Gray", "-format", "%[fx:mean]", "info:"])
        .output()
        .expect("run convert (package imagemagick)");
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("no brightness for {}: {output:?}", shot.display()))
}

/// Waits until the window is as dark (or as light) as wanted; returns the last brightness.
fn wait_for_brightness(
    xvfb: &Xvfb,
    window: &str,
    shot: &Path,
    dark: bool,
    handset: &mut Handset,
) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        handset.assert_running();
        let brightness = window_brightness(xvfb, window, shot);
        if (dark && brightness < 0.3) || (!dark && brightness > 0.6) {
            return brightness;
        }
        assert!(
            Instant::now() < deadline,
            "the window should be {} by now, its brightness is {brightness:.2} ({})",
            if dark { "dark" } else { "light" },
            shot.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_window_is_dark_or_light_as_the_desktop_prefers_and_follows_a_change() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui-theme-portal");
    let bus = SessionBus::start(&dir.join("bus"));
    let scheme = Arc::new(AtomicU32::new(PREFER_DARK));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime for the portal");
    let portal = runtime
        .block_on(async {
            zbus::connection::Builder::address(bus.address.as_str())?
                .serve_at(
                    PATH,
                    Appearance {
                        scheme: Arc::clone(&scheme),
                    },
                )?
                .name("org.freedesktop.portal.Desktop")?
                .build()
                .await
        })
        .expect("serve the settings portal on the private bus");

    let mut env = gui_support::private_home(&dir.join("home"));
    env.push(bus.env());
    let xvfb = Xvfb::start();
    let mut handset = Handset::start_with_env(&xvfb, "127.0.0.1:0", &dir, &env);
    let window = handset.wait_for_window(&xvfb);
    handset.wait_until_drawn(&xvfb, &window, &dir.join("first.png"));
    let dark = wait_for_brightness(&xvfb, &window, &dir.join("dark.png"), true, &mut handset);

    scheme.store(PREFER_LIGHT, Ordering::SeqCst);
    runtime
        .block_on(async {
            let emitter = SignalEmitter::new(&portal, PATH)?;
            Appearance::setting_changed(&emitter, NAMESPACE, KEY, Value::from(PREFER_LIGHT)).await
        })
        .expect("announce the change");
    let light = wait_for_brightness(&xvfb, &window, &dir.join("light.png"), false, &mut handset);
    println!("window brightness: {dark:.2} when the desktop prefers dark, {light:.2} after it turned light");
}
