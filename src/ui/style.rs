//! Sizes and spacing shared by every screen, so the screens look like one application.

use iced::widget::{button, container, text};
use iced::{Element, Length};

pub const PADDING: u16 = 24;
/// The GNOME HIG's middle step (6 / 12 / 18 px) between the window's parts.
pub const GAP: f32 = 12.0;
/// The HIG's outer step: the window's margin around its parts.
pub const MARGIN: f32 = 18.0;
/// The left rail's width: wide enough for its words in every shipped language.
pub const RAIL_WIDTH: f32 = 92.0;
pub const SPACING: u32 = 16;
pub const HEADING_SIZE: u32 = 26;
pub const BODY_SIZE: u32 = 17;
pub const SMALL_SIZE: u32 = 14;
pub const TIMER_SIZE: u32 = 40;
pub const BUTTON_PADDING: [u16; 2] = [10, 22];

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
