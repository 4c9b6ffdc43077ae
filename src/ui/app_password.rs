//! Routing for "ask at each start": which accounts wait for a password, the prompt's
//! answers, handing the engine the settings again once a password is known, and asking
//! again when the registrar refuses the one typed.

use super::{App, Effect, Page};
use crate::config::{AccountId, PasswordStorage};
use crate::engine::api::{Command, RegistrationFailure, RegistrationState};
use crate::ui::screens::password_prompt::{self, Outcome, PasswordPrompt, PASSWORD_INPUT_ID};

impl App {
    /// Queues a prompt for every account that should register but has no password in this
    /// run yet (at start, and after each save: a newly enabled or added account).
    pub(super) fn queue_password_prompts(&mut self) {
        let waiting = self
            .settings_store
            .accounts_to_ask(self.settings_panel.settings());
        for account in waiting {
            if !self.prompts.iter().any(|p| p.account() == account.id) {
                tracing::info!("account {}: asking for its password", account.id);
                self.prompts.push_back(PasswordPrompt::new(&account));
            }
        }
    }

    /// The user asked to type an account's password (again): its prompt comes first.
    pub(super) fn ask_password(&mut self, id: AccountId) -> Effect {
        let Some(account) = self.settings_panel.settings().account(id) else {
            return Effect::None;
        };
        let mut prompt = PasswordPrompt::new(account);
        // Opened from the row after a refusal: the prompt says why the account is not on.
        if matches!(
            self.settings_panel.registration(id),
            Some(RegistrationState::Failed {
                failure: RegistrationFailure::WrongCredentials,
                ..
            })
        ) {
            prompt = prompt.refused();
        }
        tracing::info!("account {id}: asking for its password");
        self.prompts.retain(|p| p.account() != id);
        self.prompts.push_front(prompt);
        Effect::Focus(PASSWORD_INPUT_ID)
    }

    /// The registrar refused an account's password. For an "ask at each start" account that
    /// password was typed at the prompt, so the prompt comes back at once, saying so; the
    /// engine does not retry a refused password on its own.
    pub(super) fn on_password_refused(&mut self, id: AccountId) -> Effect {
        let Some(account) = self.settings_panel.settings().account(id) else {
            return Effect::None;
        };
        if account.password_storage != PasswordStorage::AskEachStart || !account.enabled {
            return Effect::None;
        }
        tracing::info!("account {id}: the registrar refused the password; asking for it again");
        let prompt = PasswordPrompt::new(account).refused();
        self.prompts.retain(|p| p.account() != id);
        self.prompts.push_front(prompt);
        // The prompt shows over the dialer and the settings; during a call it waits.
        if self.incoming.is_none() && !matches!(self.page, Page::Call) {
            Effect::Focus(PASSWORD_INPUT_ID)
        } else {
            Effect::None
        }
    }

    /// The prompt on screen, if any.
    pub(super) fn password_prompt(&self) -> Option<&PasswordPrompt> {
        self.prompts.front()
    }

    pub(super) fn on_password_prompt(&mut self, message: password_prompt::Message) -> Effect {
        let Some(prompt) = self.prompts.front_mut() else {
            return Effect::None;
        };
        let id = prompt.account();
        match prompt.update(message) {
            Outcome::Pending => return Effect::None,
            Outcome::Later => {}
            Outcome::Entered(password) => {
                let settings = self.settings_panel.settings().clone();
                let remembered = settings.account(id).is_some_and(|account| {
                    self.settings_store
                        .remember_for_this_run(account, &password)
                });
                if remembered {
                    // The engine re-reads the password and starts the registration over.
                    self.send(Command::ApplySettings {
                        settings: Box::new(settings),
                    });
                }
            }
        }
        self.prompts.pop_front();
        if self.prompts.is_empty() {
            if self.settings_open() {
                Effect::None
            } else {
                Effect::FocusSearch
            }
        } else {
            Effect::Focus(PASSWORD_INPUT_ID)
        }
    }
}
