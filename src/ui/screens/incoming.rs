//! Someone is calling us: show who, offer Answer and Decline.

use super::Action;
use crate::engine::api::{CallId, Command};
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, row, text};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Answer,
    Decline,
}

#[derive(Debug, Clone)]
pub struct Incoming {
    call: CallId,
    from: String,
    /// The caller's name from the contacts, when known.
    contact: Option<String>,
    to: String,
    /// Set once the user chose, so a double click cannot send two commands.
    answered: bool,
    declined: bool,
}

impl Incoming {
    pub fn new(call: CallId, from: String, to: String) -> Incoming {
        Incoming {
            call,
            from,
            contact: None,
            to,
            answered: false,
            declined: false,
        }
    }

    pub fn call(&self) -> CallId {
        self.call
    }

    pub fn caller(&self) -> &str {
        &self.from
    }

    /// The caller's name, if the caller is one of the user's contacts.
    pub fn with_contact(mut self, contact: Option<String>) -> Incoming {
        self.contact = contact;
        self
    }

    pub fn contact(&self) -> Option<&str> {
        self.contact.as_deref()
    }

    /// Who calls, as the user knows them: the contact's name, else the address.
    pub fn title(&self) -> &str {
        self.contact.as_deref().unwrap_or(&self.from)
    }

    fn decided(&self) -> bool {
        self.answered || self.declined
    }

    pub fn update(&mut self, message: Message) -> Action {
        if self.decided() {
            return Action::None;
        }
        match message {
            Message::Answer => {
                self.answered = true;
                Action::Engine(Command::Answer { call: self.call })
            }
            Message::Decline => {
                self.declined = true;
                Action::Engine(Command::Decline { call: self.call })
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = column![
            text(tr("incoming-heading"))
                .size(style::BODY_SIZE)
                .style(text::secondary),
            text(self.title())
                .size(style::HEADING_SIZE)
                .wrapping(text::Wrapping::WordOrGlyph),
        ]
        .spacing(8)
        .align_x(Alignment::Center)
        .width(Length::Fill);
        if self.contact.is_some() {
            content = content.push(
                text(&self.from)
                    .size(style::BODY_SIZE)
                    .style(text::secondary)
                    .wrapping(text::Wrapping::WordOrGlyph),
            );
        }
        if !self.to.is_empty() {
            content = content.push(
                text(tr_args("incoming-to", &[("to", &self.to)]))
                    .size(style::SMALL_SIZE)
                    .style(text::secondary),
            );
        }
        if self.answered {
            content = content.push(text(tr("incoming-answering")).size(style::BODY_SIZE));
        }

        let open = !self.decided();
        let buttons = row![
            style::action_button(
                tr("incoming-decline"),
                open.then_some(Message::Decline),
                button::danger,
            ),
            style::action_button(
                tr("incoming-answer"),
                open.then_some(Message::Answer),
                button::success,
            ),
        ]
        .spacing(style::SPACING);

        column![content, buttons].spacing(style::SPACING * 2).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ringing() -> Incoming {
        Incoming::new(
            CallId(3),
            "sip:alice@192.0.2.1".to_owned(),
            "sip:me@192.0.2.2".to_owned(),
        )
    }

    #[test]
    fn answer_sends_answer_for_this_call() {
        let mut screen = ringing();
        assert_eq!(
            screen.update(Message::Answer),
            Action::Engine(Command::Answer { call: CallId(3) })
        );
    }

    #[test]
    fn decline_sends_decline_for_this_call() {
        let mut screen = ringing();
        assert_eq!(
            screen.update(Message::Decline),
            Action::Engine(Command::Decline { call: CallId(3) })
        );
    }

    #[test]
    fn only_the_first_choice_counts() {
        let mut screen = ringing();
        screen.update(Message::Answer);
        assert_eq!(screen.update(Message::Answer), Action::None);
        assert_eq!(screen.update(Message::Decline), Action::None);
    }

    #[test]
    fn shows_the_caller() {
        assert_eq!(ringing().caller(), "sip:alice@192.0.2.1");
    }
}
