//! The telephone keypad shown during a call: 1-9, *, 0, # in the usual 4×3 layout.
//! Pressing a key produces `on_press(digit)`; what that does is the screen's business.

use crate::ui::style;
use iced::widget::{button, column, text, Row};
use iced::{Element, Length};

/// The keys, row by row, as on a phone.
pub const ROWS: [[char; 3]; 4] = [
    ['1', '2', '3'],
    ['4', '5', '6'],
    ['7', '8', '9'],
    ['*', '0', '#'],
];

/// Whether `key` is on the keypad (and so can be sent as DTMF).
pub fn is_key(key: char) -> bool {
    ROWS.iter().flatten().any(|k| *k == key)
}

/// The keypad; keys are disabled when `enabled` is false.
pub fn view<'a, M: Clone + 'a>(enabled: bool, on_press: impl Fn(char) -> M) -> Element<'a, M> {
    let mut grid = column![].spacing(8).width(Length::Fill);
    for keys in ROWS {
        let mut line = Row::new().spacing(8).width(Length::Fill);
        for key in keys {
            line = line.push(
                button(
                    text(key.to_string())
                        .size(style::BODY_SIZE)
                        .center()
                        .width(Length::Fill),
                )
                .padding(style::BUTTON_PADDING)
                .width(Length::Fill)
                .style(button::secondary)
                .on_press_maybe(enabled.then(|| on_press(key))),
            );
        }
        grid = grid.push(line);
    }
    grid.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_a_dtmf_digit_once() {
        let mut keys: Vec<char> = ROWS.iter().flatten().copied().collect();
        assert!(keys
            .iter()
            .all(|k| crate::media::dtmf::event_code(*k).is_ok()));
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 12);
    }
}
