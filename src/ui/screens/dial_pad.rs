//! The dial pad: a number typed with the keys or the keyboard, called from the chosen account.
//!
//! Numbers are handed to the engine as typed digits, which it completes with the account's
//! domain; a SIP address typed here is dialled as one.

use super::account_choice::AccountChoice;
use super::{keypad, Action};
use crate::engine::api::Command;
use crate::ui::address::parse_target;
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{button, column, row, text, text_input};
use iced::{Element, Length};

/// The number field's widget id.
pub const NUMBER_INPUT_ID: &str = "dial-pad-number";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    NumberChanged(String),
    Key(char),
    Backspace,
    AccountChosen(AccountChoice),
    Call,
}

#[derive(Debug, Default, Clone)]
pub struct DialPad {
    number: String,
    account: Option<AccountChoice>,
    invalid: bool,
}

impl DialPad {
    pub fn number(&self) -> &str {
        &self.number
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::NumberChanged(number) => {
                self.number = number;
                self.invalid = false;
                Action::None
            }
            Message::Key(key) => {
                self.number.push(key);
                self.invalid = false;
                Action::None
            }
            Message::Backspace => {
                self.number.pop();
                self.invalid = false;
                Action::None
            }
            Message::AccountChosen(choice) => {
                self.account = Some(choice);
                Action::None
            }
            Message::Call => match dial_target(&self.number) {
                Some(target) => {
                    self.invalid = false;
                    Action::Engine(Command::Dial {
                        target,
                        account: self.account.as_ref().map(|choice| choice.id),
                    })
                }
                None => {
                    self.invalid = true;
                    Action::None
                }
            },
        }
    }

    /// `own_address`: where others can call us, once the engine said.
    pub fn view<'a>(
        &'a self,
        accounts: &'a [AccountChoice],
        own_address: Option<&'a str>,
    ) -> Element<'a, Message> {
        let field = text_input(&tr("dialpad-placeholder"), &self.number)
            .id(NUMBER_INPUT_ID)
            .on_input(Message::NumberChanged)
            .on_submit(Message::Call)
            .size(style::HEADING_SIZE)
            .padding(10)
            .width(Length::Fill);
        let backspace = button(text("⌫").size(style::BODY_SIZE))
            .padding(style::BUTTON_PADDING)
            .style(button::secondary)
            .on_press(Message::Backspace);
        let mut page = column![row![field, backspace].spacing(8)].spacing(style::SPACING);
        if self.invalid {
            page = page.push(
                text(tr("dialpad-invalid"))
                    .size(style::SMALL_SIZE)
                    .style(text::danger),
            );
        }
        page = page.push(keypad::view(true, Message::Key));
        if let Some(picker) =
            super::account_choice::picker(accounts, self.account.as_ref(), Message::AccountChosen)
        {
            page = page.push(picker);
        }
        page = page.push(style::action_button(
            tr("dialer-call"),
            (!self.number.trim().is_empty()).then_some(Message::Call),
            button::success,
        ));
        if let Some(address) = own_address {
            page = page.push(
                column![
                    text(tr("dialer-your-address"))
                        .size(style::SMALL_SIZE)
                        .style(text::secondary),
                    text(address).size(style::SMALL_SIZE),
                ]
                .spacing(2),
            );
        }
        page.into()
    }
}

/// What the engine should dial for typed text: a phone number as its digits (a leading `+`
/// kept), anything else as a SIP address; `None` when it is neither.
pub fn dial_target(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if looks_like_number(typed) {
        let digits: String = typed
            .chars()
            .enumerate()
            .filter(|(at, c)| {
                c.is_ascii_digit() || matches!(c, '*' | '#') || (*at == 0 && *c == '+')
            })
            .map(|(_, c)| c)
            .collect();
        return (!digits.is_empty()).then_some(digits);
    }
    parse_target(typed).ok()
}

/// Digits with the separators people write between them: `+49 (30) 123-45.67`.
pub fn looks_like_number(typed: &str) -> bool {
    let typed = typed.trim();
    typed.chars().any(|c| c.is_ascii_digit())
        && typed.chars().enumerate().all(|(at, c)| {
            c.is_ascii_digit()
                || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/' | '*' | '#')
                || (at == 0 && c == '+')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AccountId;

    fn pressed(keys: &str) -> DialPad {
        let mut pad = DialPad::default();
        for key in keys.chars() {
            pad.update(Message::Key(key));
        }
        pad
    }

    #[test]
    fn keys_build_the_number_and_call_dials_its_digits() {
        let mut pad = pressed("0301234567");
        assert_eq!(pad.number(), "0301234567");
        assert_eq!(
            pad.update(Message::Call),
            Action::Engine(Command::Dial {
                target: "0301234567".to_owned(),
                account: None
            })
        );
    }

    #[test]
    fn a_number_written_with_separators_is_dialled_as_digits() {
        assert_eq!(
            dial_target("+49 (30) 123-45.67").as_deref(),
            Some("+49301234567")
        );
        assert_eq!(dial_target("*97#").as_deref(), Some("*97#"));
        assert_eq!(
            dial_target("bob@example.org").as_deref(),
            Some("sip:bob@example.org")
        );
        assert_eq!(dial_target("not a number"), None);
    }

    #[test]
    fn backspace_removes_the_last_key() {
        let mut pad = pressed("123");
        pad.update(Message::Backspace);
        assert_eq!(pad.number(), "12");
    }

    #[test]
    fn the_chosen_account_places_the_call() {
        let mut pad = pressed("42");
        pad.update(Message::AccountChosen(AccountChoice {
            id: AccountId(2),
            label: "Office".to_owned(),
        }));
        assert_eq!(
            pad.update(Message::Call),
            Action::Engine(Command::Dial {
                target: "42".to_owned(),
                account: Some(AccountId(2))
            })
        );
    }

    #[test]
    fn calling_nothing_dialable_says_so_and_sends_nothing() {
        let mut pad = DialPad::default();
        pad.update(Message::NumberChanged("bob smith".to_owned()));
        assert_eq!(pad.update(Message::Call), Action::None);
        assert!(pad.invalid);
    }
}
