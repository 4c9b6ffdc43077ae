//! Sizes and spacing shared by every screen, so the screens look like one application.

use iced::widget::{button, container, text};
use iced::{Element, Length};

pub const PADDING: u16 = 24;
pub const SPACING: u32 = 16;
pub const HEADING_SIZE: u32 = 26;
pub const BODY_SIZE: u32 = 17;
pub const SMALL_SIZE: u32 = 14;
pub const TIMER_SIZE: u32 = 40;
pub const BUTTON_PADDING: [u16; 2] = [10, 22];

/// The window's starting size: narrow like a phone, tall enough for the in-call screen.
pub const WINDOW_WIDTH: f32 = 440.0;
pub const WINDOW_HEIGHT: f32 = 560.0;

/// A button with centred text of the body size; `on_press: None` shows it disabled.
pub fn action_button<'a, M: Clone + 'a>(
    label: String,
    on_press: Option<M>,
    style: fn(&iced::Theme, button::Status) -> button::Style,
) -> Element<'a, M> {
    button(text(label).size(BODY_SIZE).center().width(Length::Fill))
        .padding(BUTTON_PADDING)
        .width(Length::Fill)
        .on_press_maybe(on_press)
        .style(style)
        .into()
}

/// A rounded, tinted box for notices and errors.
pub fn notice<'a, M: 'a>(
    content: impl Into<Element<'a, M>>,
    style: fn(&iced::Theme) -> container::Style,
) -> Element<'a, M> {
    container(content)
        .padding(12)
        .width(Length::Fill)
        .style(style)
        .into()
}
