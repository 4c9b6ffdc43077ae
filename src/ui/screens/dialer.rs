//! The main screen: type an address, press Call. It also shows our own address, because a
//! peer-to-peer phone is useless if the user cannot tell others what to dial.

use super::Action;
use crate::engine::api::Command;
use crate::ui::address::{parse_target, AddressError};
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Length};

/// The address field's widget id, so the application can give it keyboard focus.
pub const ADDRESS_INPUT_ID: &str = "dialer-address";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    AddressChanged(String),
    /// The Call button, or Enter in the address field.
    CallPressed,
}

#[derive(Debug, Default, Clone)]
pub struct Dialer {
    address: String,
    error: Option<AddressError>,
}

impl Dialer {
    pub fn new() -> Dialer {
        Dialer::default()
    }

    /// What the user has typed so far.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The inline error under the address field, if any.
    pub fn error_text(&self) -> Option<String> {
        self.error.as_ref().map(|error| match error {
            AddressError::Empty => tr("dialer-error-empty"),
            AddressError::Invalid => {
                tr_args("dialer-error-invalid", &[("address", self.address.trim())])
            }
        })
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::AddressChanged(address) => {
                self.address = address;
                // The user is fixing it: stop shouting about the old text.
                self.error = None;
                Action::None
            }
            Message::CallPressed => match parse_target(&self.address) {
                Ok(target) => {
                    self.error = None;
                    Action::Engine(Command::Dial {
                        target,
                        account: None,
                    })
                }
                Err(error) => {
                    self.error = Some(error);
                    Action::None
                }
            },
        }
    }

    /// `contact` is our own address once the engine is ready; `ready: false` disables Call.
    pub fn view<'a>(&'a self, contact: Option<&'a str>, ready: bool) -> Element<'a, Message> {
        let heading = text(tr("dialer-heading")).size(style::HEADING_SIZE);

        let input = text_input(&tr("dialer-address-placeholder"), &self.address)
            .id(ADDRESS_INPUT_ID)
            .on_input(Message::AddressChanged)
            .on_submit(Message::CallPressed)
            .size(style::BODY_SIZE)
            .padding(10)
            .width(Length::Fill);

        let call = style::action_button(
            tr("dialer-call"),
            ready.then_some(Message::CallPressed),
            iced::widget::button::primary,
        );

        let mut content = column![
            heading,
            text(tr("dialer-address-label")).size(style::SMALL_SIZE),
            input,
        ]
        .spacing(8);

        if let Some(error) = self.error_text() {
            content = content.push(text(error).size(style::SMALL_SIZE).style(text::danger));
        }
        content = content.push(row![call].padding([8, 0]));
        if let Some(contact) = contact {
            content = content.push(style::notice(
                column![
                    text(tr("dialer-your-address")).size(style::SMALL_SIZE),
                    text(contact).size(style::BODY_SIZE),
                ]
                .spacing(4),
                iced::widget::container::rounded_box,
            ));
        }
        content.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(address: &str) -> Dialer {
        let mut dialer = Dialer::new();
        assert_eq!(
            dialer.update(Message::AddressChanged(address.to_owned())),
            Action::None
        );
        dialer
    }

    #[test]
    fn typing_an_address_then_call_dials_it() {
        let mut dialer = typed("sip:bob@127.0.0.1:5080");
        assert_eq!(
            dialer.update(Message::CallPressed),
            Action::Engine(Command::Dial {
                target: "sip:bob@127.0.0.1:5080".to_owned(),
                account: None
            })
        );
        assert_eq!(dialer.error_text(), None);
    }

    #[test]
    fn an_address_without_scheme_is_dialled_as_sip() {
        let mut dialer = typed("bob@192.0.2.7");
        assert_eq!(
            dialer.update(Message::CallPressed),
            Action::Engine(Command::Dial {
                target: "sip:bob@192.0.2.7".to_owned(),
                account: None
            })
        );
    }

    #[test]
    fn call_with_empty_address_shows_an_error_and_sends_nothing() {
        let mut dialer = Dialer::new();
        assert_eq!(dialer.update(Message::CallPressed), Action::None);
        let error = dialer.error_text().expect("an inline error");
        assert!(error.contains("Type an address"), "{error}");
    }

    #[test]
    fn call_with_invalid_address_shows_an_error_naming_it() {
        let mut dialer = typed("bob smith");
        assert_eq!(dialer.update(Message::CallPressed), Action::None);
        let error = dialer.error_text().expect("an inline error");
        assert!(error.contains("bob smith"), "{error}");
        assert!(error.contains("not a SIP address"), "{error}");
    }

    #[test]
    fn editing_the_address_clears_the_error() {
        let mut dialer = typed("bad address");
        dialer.update(Message::CallPressed);
        assert!(dialer.error_text().is_some());
        dialer.update(Message::AddressChanged("sip:bob@host".to_owned()));
        assert_eq!(dialer.error_text(), None);
        assert_eq!(dialer.address(), "sip:bob@host");
    }
}
