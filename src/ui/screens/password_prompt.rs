//! "Ask at each start": an account whose password is kept nowhere asks for it when the
//! window opens (or when the user opens the prompt from the account list). The password is
//! only handed on; keeping it in memory for this run is the application's job.
//!
//! When the registrar refuses the password typed here, the prompt comes back for the account
//! by itself and says that the last password was refused, right below the field.

use super::settings::account_title;
use crate::config::secrets::Password;
use crate::config::{Account, AccountId};
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element, Length};

/// The password field's widget id, so it can have the keyboard as soon as the prompt shows.
pub const PASSWORD_INPUT_ID: &str = "prompt-password-field";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    PasswordChanged(String),
    /// OK, or Enter in the field.
    Submit,
    /// Not now: the account stays unregistered until the prompt is opened again.
    Later,
}

/// What the user decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Still typing (or OK with an empty field, which is ignored).
    Pending,
    Entered(Password),
    Later,
}

#[derive(Debug, Clone)]
pub struct PasswordPrompt {
    account: AccountId,
    title: String,
    password: String,
    /// The registrar refused the password typed last time: said below the field.
    refused: bool,
}

impl PasswordPrompt {
    pub fn new(account: &Account) -> PasswordPrompt {
        PasswordPrompt {
            account: account.id,
            title: account_title(account),
            password: String::new(),
            refused: false,
        }
    }

    /// The same prompt, saying the registrar refused the password typed last time.
    pub fn refused(mut self) -> PasswordPrompt {
        self.refused = true;
        self
    }

    pub fn was_refused(&self) -> bool {
        self.refused
    }

    pub fn account(&self) -> AccountId {
        self.account
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn update(&mut self, message: Message) -> Outcome {
        match message {
            Message::PasswordChanged(text) => {
                self.password = text;
                Outcome::Pending
            }
            Message::Submit if self.password.is_empty() => Outcome::Pending,
            Message::Submit => Outcome::Entered(Password::new(std::mem::take(&mut self.password))),
            Message::Later => {
                self.password.clear();
                Outcome::Later
            }
        }
    }

    /// `others_waiting`: how many more accounts ask for their password after this one.
    pub fn view(&self, others_waiting: usize) -> Element<'_, Message> {
        let input = text_input(&tr("password-prompt-placeholder"), &self.password)
            .id(PASSWORD_INPUT_ID)
            .secure(true)
            .on_input(Message::PasswordChanged)
            .on_submit(Message::Submit)
            .size(style::BODY_SIZE)
            .padding(8);
        let ok = button(text(tr("password-prompt-ok")).size(style::BODY_SIZE))
            .padding(style::BUTTON_PADDING)
            .on_press_maybe((!self.password.is_empty()).then_some(Message::Submit))
            .style(button::primary);
        let later = button(text(tr("password-prompt-later")).size(style::BODY_SIZE))
            .padding(style::BUTTON_PADDING)
            .on_press(Message::Later)
            .style(button::secondary);
        let mut content = column![
            text(tr("password-prompt-heading")).size(style::HEADING_SIZE),
            text(tr_args(
                "password-prompt-account",
                &[("account", &self.title)]
            ))
            .size(style::BODY_SIZE)
            .wrapping(text::Wrapping::WordOrGlyph),
            text(tr("password-prompt-explain"))
                .size(style::SMALL_SIZE)
                .style(text::secondary),
            input,
        ]
        .spacing(12)
        .width(Length::Fill);
        // Right below the field, where the other forms put a field's problem.
        if self.refused {
            content = content.push(
                text(tr("password-prompt-refused"))
                    .size(style::SMALL_SIZE)
                    .style(text::danger)
                    .wrapping(text::Wrapping::WordOrGlyph),
            );
        }
        content = content.push(row![ok, later].spacing(12).align_y(Alignment::Center));
        if let Some(waiting) = waiting_text(others_waiting) {
            content = content.push(text(waiting).size(style::SMALL_SIZE).style(text::secondary));
        }
        content.into()
    }
}

/// "2 more accounts are waiting for their passwords.", in the language's plural form.
pub fn waiting_text(others_waiting: usize) -> Option<String> {
    (others_waiting > 0).then(|| {
        tr_args(
            "password-prompt-waiting",
            &[("count", &others_waiting.to_string())],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::PasswordStorage;

    fn prompt() -> PasswordPrompt {
        let mut account = Account::new(AccountId(2), "alice", "example.com");
        account.password_storage = PasswordStorage::AskEachStart;
        PasswordPrompt::new(&account)
    }

    #[test]
    fn ok_hands_on_what_was_typed_and_forgets_it() {
        let mut prompt = prompt();
        assert_eq!(prompt.title(), "alice@example.com");
        assert_eq!(prompt.update(Message::Submit), Outcome::Pending);
        prompt.update(Message::PasswordChanged("pw".to_owned()));
        assert_eq!(
            prompt.update(Message::Submit),
            Outcome::Entered(Password::new("pw"))
        );
        assert!(prompt.password.is_empty());
    }

    #[test]
    fn later_drops_the_typed_text() {
        let mut prompt = prompt();
        prompt.update(Message::PasswordChanged("half".to_owned()));
        assert_eq!(prompt.update(Message::Later), Outcome::Later);
        assert!(prompt.password.is_empty());
        assert_eq!(prompt.account(), AccountId(2));
    }

    #[test]
    fn a_refused_prompt_says_so_and_still_takes_a_password() {
        assert!(!prompt().was_refused());
        let mut prompt = prompt().refused();
        assert!(prompt.was_refused());
        prompt.update(Message::PasswordChanged("again".to_owned()));
        assert_eq!(
            prompt.update(Message::Submit),
            Outcome::Entered(Password::new("again"))
        );
    }

    #[test]
    fn the_prompt_counts_the_accounts_still_waiting() {
        assert_eq!(waiting_text(0), None);
        assert_eq!(
            waiting_text(1).as_deref(),
            Some("One more account is waiting for its password.")
        );
        assert_eq!(
            waiting_text(3).as_deref(),
            Some("3 more accounts are waiting for their passwords.")
        );
    }
}
