//! A contact's avatar: its initials on its own stable colour, drawn as a circle.

use iced::widget::{container, text};
use iced::{Background, Border, Color, Element, Length};

/// A round badge of `size` pixels with `initials` in white on `rgb`.
pub fn view<'a, M: 'a>(initials: String, rgb: (u8, u8, u8), size: f32) -> Element<'a, M> {
    let fill = Color::from_rgb8(rgb.0, rgb.1, rgb.2);
    container(
        text(initials)
            .size(size * 0.42)
            .color(Color::WHITE)
            .center(),
    )
    .width(Length::Fixed(size))
    .height(Length::Fixed(size))
    .center_x(Length::Fixed(size))
    .center_y(Length::Fixed(size))
    .style(move |_theme| container::Style {
        background: Some(Background::Color(fill)),
        border: Border {
            radius: (size / 2.0).into(),
            ..Border::default()
        },
        ..container::Style::default()
    })
    .into()
}

/// The avatar size in list rows.
pub const ROW_SIZE: f32 = 36.0;
/// The avatar size on a contact's page and on the incoming-call screen.
pub const LARGE_SIZE: f32 = 72.0;
