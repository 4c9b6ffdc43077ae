//! Routing for the settings panel: its messages, its disk requests, and telling the engine.

use super::{App, Effect};
use crate::engine::api::Command;
use crate::ui::screens::password_prompt;
use crate::ui::screens::settings::{self, SettingsRequest};
use crate::ui::screens::Action;

impl App {
    pub(super) fn on_settings(&mut self, message: settings::Message) -> Effect {
        let opens_form = matches!(
            message,
            settings::Message::AddAccount | settings::Message::EditAccount(_)
        );
        let action = self.settings_panel.update(message);
        let prompt_was_up = !self.prompts.is_empty();
        let effect = self.route_settings_action(action, opens_form);
        // A save can bring an account that waits for its password (added, or enabled again):
        // its prompt comes up with the keyboard.
        if !prompt_was_up && !self.prompts.is_empty() {
            return Effect::Focus(password_prompt::PASSWORD_INPUT_ID);
        }
        effect
    }

    fn route_settings_action(&mut self, action: Action, opens_form: bool) -> Effect {
        match action {
            Action::Close => {
                self.settings_open = false;
                Effect::FocusAddress
            }
            // Typing can start at once, and Tab moves on from there.
            _ if opens_form && self.settings_panel.form().is_some() => {
                self.perform(action);
                Effect::Focus(settings::Field::DisplayName.widget_id())
            }
            _ => self.perform(action),
        }
    }

    /// Saves through the stores; once saved, the engine applies the settings without a
    /// restart.
    pub(super) fn save_settings(&mut self, request: SettingsRequest) {
        if let Some(saved) = self
            .settings_store
            .perform(request, &mut self.settings_panel)
        {
            self.send(Command::ApplySettings {
                settings: Box::new(saved),
            });
            self.queue_password_prompts();
        }
    }
}
