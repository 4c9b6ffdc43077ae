//! How the account form's codec list looks: one line per codec, best first, with a switch and
//! Up/Down buttons, and the complaint below when none is left on.

use super::codecs::{CodecChange, CodecList};
use super::Message;
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{button, checkbox, column, row, text};
use iced::{Alignment, Element, Length};

pub(super) fn codecs_section(list: &CodecList, error: Option<String>) -> Element<'_, Message> {
    let mut section =
        column![text(tr("settings-account-codecs")).size(style::SMALL_SIZE)].spacing(4);
    let last = list.rows().len().saturating_sub(1);
    for (index, codec) in list.rows().iter().enumerate() {
        let switch = checkbox(codec.enabled)
            .label(codec.name.as_str())
            .on_toggle(move |on| Message::Codec(CodecChange::Toggled(index, on)))
            .size(16)
            .text_size(style::SMALL_SIZE)
            .width(Length::Fill);
        section = section.push(
            row![
                switch,
                move_button(
                    "settings-codec-up",
                    (index > 0).then_some(CodecChange::Up(index))
                ),
                move_button(
                    "settings-codec-down",
                    (index < last).then_some(CodecChange::Down(index))
                ),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        );
    }
    if let Some(error) = error {
        section = section.push(text(error).size(style::SMALL_SIZE).style(text::danger));
    }
    section.into()
}

/// Up or Down; greyed out (no message) at the end of the list it cannot move past.
fn move_button(key: &str, change: Option<CodecChange>) -> Element<'static, Message> {
    button(text(tr(key)).size(style::SMALL_SIZE))
        .on_press_maybe(change.map(Message::Codec))
        .style(button::secondary)
        .padding([2, 8])
        .into()
}
