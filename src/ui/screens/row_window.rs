//! Which rows of a long list to build: those in the scrolled-to part of the screen and a few
//! either side. A list of ten thousand contacts then costs the window a screenful of rows, in
//! memory and in layout, and every row stays reachable by scrolling.
//!
//! The rows have one height ([`RowWindow::pitch`]), so where the list is scrolled to says which
//! rows show. A few rows drawn beyond each edge cover what does not have that height (a row
//! with its menu open, the strip of favourites above the rows).

use std::ops::Range;

/// Rows drawn beyond each edge of the visible part.
const MARGIN_ROWS: usize = 6;
/// The visible height assumed before the list is first laid out: a tall window's worth.
const FIRST_GUESS_HEIGHT: f32 = 1400.0;

/// Where a scrolled list stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowWindow {
    /// Height of a row and the gap after it.
    pitch: f32,
    /// How far the list is scrolled, from its top.
    offset: f32,
    /// Height of the visible part.
    visible: f32,
}

impl RowWindow {
    pub const fn new(pitch: f32) -> RowWindow {
        RowWindow {
            pitch,
            offset: 0.0,
            visible: FIRST_GUESS_HEIGHT,
        }
    }

    pub fn pitch(&self) -> f32 {
        self.pitch
    }

    /// The list was scrolled to `offset`, showing `visible` of its height.
    pub fn scrolled(&mut self, offset: f32, visible: f32) {
        self.offset = offset.max(0.0);
        if visible > 0.0 {
            self.visible = visible;
        }
    }

    /// The rows to build out of `total`. A list shorter than before (a narrower search) may
    /// still be reported scrolled beyond its end until it is laid out again: the offset is
    /// clamped to where such a list can be scrolled.
    pub fn rows(&self, total: usize) -> Range<usize> {
        let height = total as f32 * self.pitch;
        let offset = self.offset.min((height - self.visible).max(0.0));
        let first = (offset / self.pitch) as usize;
        let shown = (self.visible / self.pitch).ceil() as usize;
        let start = first.saturating_sub(MARGIN_ROWS).min(total);
        let end = (first + shown + MARGIN_ROWS).min(total);
        start..end
    }

    /// Room to leave above and below `rows` so the list keeps its full height.
    pub fn padding(&self, rows: &Range<usize>, total: usize) -> (f32, f32) {
        let above = rows.start as f32 * self.pitch;
        let below = total.saturating_sub(rows.end) as f32 * self.pitch;
        (above, below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_builds_a_screenful_and_a_margin() {
        let mut window = RowWindow::new(50.0);
        window.scrolled(0.0, 500.0);
        assert_eq!(window.rows(10_000), 0..16);
        window.scrolled(100_000.0, 500.0);
        assert_eq!(window.rows(10_000), 1994..2016);
        assert_eq!(window.padding(&(1994..2016), 10_000), (99_700.0, 399_200.0));
    }

    #[test]
    fn the_end_of_the_list_is_reachable() {
        let mut window = RowWindow::new(50.0);
        window.scrolled(499_500.0, 500.0);
        let rows = window.rows(10_000);
        assert_eq!(rows.end, 10_000);
        assert!(rows.contains(&9_990));
    }

    #[test]
    fn a_narrower_search_is_not_left_scrolled_past_its_end() {
        let mut window = RowWindow::new(50.0);
        window.scrolled(200_000.0, 500.0);
        assert_eq!(window.rows(3), 0..3);
        assert_eq!(window.rows(0), 0..0);
    }
}
