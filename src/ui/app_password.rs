//! Routing for "ask at each start": which accounts wait for a password, the prompt's
//! answers, and handing the engine the settings again once a password is known.

use super::{App, Effect};
use crate::config::AccountId;
use crate::engine::api::Command;
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
        let prompt = PasswordPrompt::new(account);
        tracing::info!("account {id}: asking for its password");
        self.prompts.retain(|p| p.account() != id);
        self.prompts.push_front(prompt);
        Effect::Focus(PASSWORD_INPUT_ID)
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
            if self.settings_open {
                Effect::None
            } else {
                Effect::FocusAddress
            }
        } else {
            Effect::Focus(PASSWORD_INPUT_ID)
        }
    }
}
