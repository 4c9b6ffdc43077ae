//! The window's size and position, remembered between runs in the data folder. It is not a
//! setting (nobody edits it), so it lives apart from config.toml; a broken file is ignored.

use crate::config::write_atomically;
use iced::{Point, Size};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const FILE_NAME: &str = "window.toml";

/// The size a first start opens with: a phone-like column (see shared/docs/ui.md).
pub const DEFAULT_SIZE: Size = Size::new(440.0, 640.0);
/// Smaller than this, the rail and the rows no longer fit.
const MIN_SIZE: Size = Size::new(320.0, 400.0);

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct Geometry {
    width: f32,
    height: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    x: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    y: Option<f32>,
}

#[derive(Debug, Clone)]
pub struct WindowState {
    file: Option<PathBuf>,
    geometry: Geometry,
    changed: bool,
}

impl WindowState {
    /// Not kept anywhere (tests).
    pub fn detached() -> WindowState {
        WindowState {
            file: None,
            geometry: Geometry {
                width: DEFAULT_SIZE.width,
                height: DEFAULT_SIZE.height,
                x: None,
                y: None,
            },
            changed: false,
        }
    }

    /// What the last run left in `data_dir`, or the defaults.
    pub fn load(data_dir: &Path) -> WindowState {
        let file = data_dir.join(FILE_NAME);
        let mut state = WindowState::detached();
        let saved = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| toml::from_str::<Geometry>(&text).ok())
            .filter(|g| g.width.is_finite() && g.height.is_finite());
        if let Some(saved) = saved {
            state.geometry = saved;
        }
        state.file = Some(file);
        state
    }

    pub fn size(&self) -> Size {
        Size::new(
            self.geometry.width.max(MIN_SIZE.width),
            self.geometry.height.max(MIN_SIZE.height),
        )
    }

    pub fn position(&self) -> Option<Point> {
        match (self.geometry.x, self.geometry.y) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Some(Point::new(x, y)),
            _ => None,
        }
    }

    pub fn resized(&mut self, size: Size) {
        self.geometry.width = size.width;
        self.geometry.height = size.height;
        self.changed = true;
    }

    pub fn moved(&mut self, at: Point) {
        self.geometry.x = Some(at.x);
        self.geometry.y = Some(at.y);
        self.changed = true;
    }

    /// Write the geometry if it changed. Failing to is not worth bothering the user with.
    pub fn save(&mut self) {
        let Some(file) = &self.file else { return };
        if !self.changed {
            return;
        }
        let written = toml::to_string(&self.geometry)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                if let Some(dir) = file.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
                }
                write_atomically(file, text.as_bytes(), 0o644).map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => self.changed = false,
            Err(e) => tracing::warn!("cannot keep the window's size in {}: {e}", file.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_and_position_come_back_after_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = WindowState::load(dir.path());
        assert_eq!(first.size(), DEFAULT_SIZE);
        assert_eq!(first.position(), None);
        first.resized(Size::new(800.0, 700.0));
        first.moved(Point::new(40.0, 60.0));
        first.save();
        let second = WindowState::load(dir.path());
        assert_eq!(second.size(), Size::new(800.0, 700.0));
        assert_eq!(second.position(), Some(Point::new(40.0, 60.0)));
    }

    #[test]
    fn a_broken_file_gives_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "width = \"wide\"").unwrap();
        assert_eq!(WindowState::load(dir.path()).size(), DEFAULT_SIZE);
    }
}
