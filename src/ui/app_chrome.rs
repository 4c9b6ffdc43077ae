//! The parts of the window around the page: the search bar on top, the left rail with the
//! missed-call badge, and the call bar that keeps a running call in sight on every page.

use super::{App, Message, Page, Tab};
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{button, column, container, row, space, text};
use iced::{Alignment, Background, Border, Color, Element, Length};

impl App {
    pub(super) fn top_bar(&self) -> Element<'_, Message> {
        let settings = button(text(tr("settings-open")).size(style::SMALL_SIZE))
            .style(if matches!(self.page, Page::Settings) {
                button::primary
            } else {
                button::secondary
            })
            .on_press(Message::OpenSettings);
        row![
            self.contacts.search_field().map(Message::Contacts),
            settings
        ]
        .spacing(style::GAP)
        .align_y(Alignment::Center)
        .into()
    }

    pub(super) fn rail(&self) -> Element<'_, Message> {
        let current = match self.page {
            Page::Contacts | Page::Contact(_) | Page::Editor(_) => Some(Tab::Contacts),
            Page::History => Some(Tab::History),
            Page::DialPad => Some(Tab::DialPad),
            Page::Call | Page::Settings => None,
        };
        let item = |tab: Tab, key: &str, badge: u32| {
            let mut label = row![text(tr(key)).size(style::SMALL_SIZE)]
                .spacing(4)
                .align_y(Alignment::Center);
            if badge > 0 {
                label = label.push(badge_view(badge));
            }
            button(label)
                .width(Length::Fill)
                .padding([10, 8])
                .style(if current == Some(tab) {
                    button::primary
                } else {
                    button::text
                })
                .on_press(Message::Show(tab))
        };
        column![
            item(Tab::Contacts, "rail-contacts", 0),
            item(Tab::History, "rail-history", self.unseen_missed()),
            item(Tab::DialPad, "rail-dialpad", 0),
        ]
        .spacing(4)
        .width(Length::Fixed(style::RAIL_WIDTH))
        .into()
    }

    /// Who, how long, Mute and Hang up; a click anywhere else opens the call in full.
    pub(super) fn call_bar(&self) -> Option<Element<'_, Message>> {
        let call = self.call.as_ref()?;
        if matches!(self.page, Page::Call) {
            return None;
        }
        let status = call.timer_text().unwrap_or_else(|| call.status_text());
        let summary = button(
            row![
                text("●").size(style::SMALL_SIZE).style(text::success),
                text(call.title()).size(style::BODY_SIZE),
                text(status).size(style::SMALL_SIZE),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        )
        .style(button::text)
        .width(Length::Fill)
        .on_press(Message::OpenCall);
        let mute = button(
            text(if call.is_muted() {
                tr("call-unmute")
            } else {
                tr("call-mute")
            })
            .size(style::SMALL_SIZE),
        )
        .style(button::secondary)
        .on_press(Message::InCall(
            crate::ui::screens::in_call::Message::MuteToggled,
        ));
        let hang_up = button(text(tr("call-hangup")).size(style::SMALL_SIZE))
            .style(button::danger)
            .on_press(Message::InCall(
                crate::ui::screens::in_call::Message::HangupPressed,
            ));
        Some(
            container(
                row![summary, space::horizontal().width(4), mute, hang_up]
                    .spacing(8)
                    .align_y(Alignment::Center),
            )
            .padding(6)
            .width(Length::Fill)
            .style(container::rounded_box)
            .into(),
        )
    }
}

fn badge_view<'a>(count: u32) -> Element<'a, Message> {
    container(text(count.to_string()).size(12).color(Color::WHITE))
        .padding([1, 6])
        .style(|_theme| container::Style {
            background: Some(Background::Color(Color::from_rgb8(0xc0, 0x1c, 0x28))),
            border: Border {
                radius: 9.0.into(),
                ..Border::default()
            },
            ..container::Style::default()
        })
        .into()
}
