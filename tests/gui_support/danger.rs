//! The user-visible half of "the error is shown next to the field": the panel draws a
//! field's problem in the theme's danger red right below it, so a test can look for red
//! pixels in that strip of a screenshot (and for none before the problem was there).

use super::{window_geometry, Handset, Region, Xvfb, WATCHDOG};
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

/// How many pixels in `region` of the image (absolute screen coordinates) are the red of
/// danger text: strongly red, little green and blue (antialiasing gives lighter shades too,
/// so only the saturated ones count).
pub fn danger_pixels(image: &Path, (x, y, width, height): Region) -> u64 {
    let crop = format!("{width}x{height}+{x}+{y}");
    let output = Command::new("convert")
        .arg(image)
        .args([
            "-crop",
            &crop,
            "+repage",
            "-format",
            "%c",
            "histogram:info:-",
        ])
        .output()
        .expect("run convert (package imagemagick)");
    assert!(
        output.status.success(),
        "convert failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Lines look like "    106: (195,66,63) #C3423F srgb(195,66,63)".
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let (count, rest) = line.split_once(':')?;
            let rgb = rest.trim().strip_prefix('(')?.split(')').next()?;
            let channels: Vec<u32> = rgb
                .split(',')
                .filter_map(|c| c.trim().parse::<f64>().ok())
                .map(|c| c as u32)
                .collect();
            let [r, g, b] = channels[..] else {
                return None;
            };
            let red = r >= 150 && g < 120 && b < 120 && r >= g + 80;
            red.then(|| count.trim().parse::<u64>().ok()).flatten()
        })
        .sum()
}

/// Red text pixels in `region` of `window` (relative to its top-left corner) right now.
pub fn danger_pixels_in(
    xvfb: &Xvfb,
    window: &str,
    (x, y, width, height): Region,
    shot: &Path,
) -> u64 {
    let (window_x, window_y, _, _) = window_geometry(xvfb, window);
    xvfb.screenshot(shot);
    danger_pixels(
        shot,
        ((window_x + x).max(0), (window_y + y).max(0), width, height),
    )
}

/// Waits until `region` of `window` shows danger-red text; fails (with the screenshot's path
/// and the GUI's log) only after the liveness bound.
pub fn wait_until_danger_shown(
    handset: &mut Handset,
    xvfb: &Xvfb,
    window: &str,
    region: Region,
    shot: &Path,
) {
    let started = Instant::now();
    loop {
        handset.assert_running();
        // Text of a message, not a stray pixel: a few dozen saturated pixels at least.
        if danger_pixels_in(xvfb, window, region, shot) >= 30 {
            return;
        }
        assert!(
            started.elapsed() < WATCHDOG,
            "no red error text appeared at {region:?} (screenshot at {}); handset's output:\n{}",
            shot.display(),
            handset.log()
        );
        thread::sleep(Duration::from_millis(100));
    }
}
