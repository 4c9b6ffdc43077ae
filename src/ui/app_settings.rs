//! Routing for the settings panel: its messages, its disk requests, telling the engine, and
//! the engine's answers to what the panel asked (sound devices, a certificate check).

use super::{App, Effect, EngineStatus, Page};
use crate::contacts::Phonebook;
use crate::engine::api::{CertificateOutcome, Command};
use crate::ui::screens::settings::{self, SettingsRequest};
use crate::ui::screens::Action;
use crate::ui::screens::{account_choice, password_prompt};

impl App {
    /// Show the settings, asking the engine for the sound devices again so that a headset
    /// plugged in since the last look is offered.
    pub(super) fn open_settings(&mut self) -> Effect {
        self.page = Page::Settings;
        self.send(Command::ListAudioDevices);
        Effect::None
    }

    pub(super) fn on_settings(&mut self, message: settings::Message) -> Effect {
        let opens_form = matches!(
            message,
            settings::Message::AddAccount | settings::Message::EditAccount(_)
        );
        let action = self.settings_panel.update(message);
        self.carry_out_settings_action(action, opens_form)
    }

    /// The engine answered the certificate check a Save asked for: the save may go ahead.
    pub(super) fn on_certificate_checked(
        &mut self,
        request: u64,
        outcome: CertificateOutcome,
    ) -> Effect {
        let action = self.settings_panel.certificate_checked(request, outcome);
        self.carry_out_settings_action(action, false)
    }

    fn carry_out_settings_action(&mut self, action: Action, opens_form: bool) -> Effect {
        if let Action::Engine(Command::CheckCertificate { request, .. }) = &action {
            if matches!(self.engine, EngineStatus::Failed(_) | EngineStatus::Stopped) {
                // Nobody would answer, and the save would wait for ever.
                self.settings_panel.certificate_not_checked(*request);
                return Effect::None;
            }
        }
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
            Action::Close => self.go_home(),
            // Typing can start at once, and Tab moves on from there.
            _ if opens_form && self.settings_panel.form().is_some() => {
                self.perform(action);
                Effect::Focus(settings::Field::DisplayName.widget_id())
            }
            _ => self.perform(action),
        }
    }

    /// Saves through the stores; once saved, the window takes the language at once and the
    /// engine applies the settings without a restart, except a new SIP port, which needs a
    /// new engine.
    pub(super) fn save_settings(&mut self, request: SettingsRequest) {
        let port_before = self.settings_panel.settings().network.sip_port;
        let autostart_before = self.settings_panel.settings().general.autostart;
        if let Some(saved) = self
            .settings_store
            .perform(request, &mut self.settings_panel)
        {
            if saved.general.autostart != autostart_before {
                self.apply_autostart(saved.general.autostart);
            }
            // Already there (given on the command line): the socket is the one wanted, and
            // a second engine could not bind it while the first still holds it.
            // Every word on screen is looked up as it is drawn: the next frame speaks it.
            crate::ui::i18n::set_language(saved.general.language.as_deref());
            let port = saved.network.sip_port;
            if port != port_before && port != self.config.listen.port() {
                self.listen_on_port(port);
            }
            self.accounts = account_choice::choices(&saved);
            let country = Phonebook::country_for(saved.general.default_country.as_deref());
            self.phonebook.set_default_country(country.as_deref());
            crate::ui::i18n::set_language(saved.general.language.as_deref());
            if let Some(desktop) = &self.notifier {
                desktop.set_do_not_disturb(saved.general.do_not_disturb);
                desktop.set_global_shortcuts(saved.general.global_shortcuts);
            }
            self.send(Command::ApplySettings {
                settings: Box::new(saved),
            });
            self.queue_password_prompts();
        }
    }

    /// A new SIP port needs a new socket, which only a new engine has: the window starts
    /// one on the port (same address as before), handing it the settings once it is up.
    /// The old engine stops as its command channel closes, unregistering its accounts on
    /// the way out. Only a change restarts it: the port given on the command line holds
    /// until the user picks another. The settings panel is only open from the dialer, so
    /// no call is cut.
    fn listen_on_port(&mut self, port: u16) {
        tracing::info!("SIP port {port} saved: starting the phone again to listen there");
        // The engine subscription is keyed on the config and the generation: a new engine
        // starts, and what the old one still reports is told apart and dropped.
        self.config.listen.set_port(port);
        self.engine_generation += 1;
        self.engine = EngineStatus::Starting;
        self.contact = None;
    }
}
