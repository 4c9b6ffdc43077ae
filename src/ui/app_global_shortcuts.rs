//! The global shortcuts (answer, hang up, mute, from any window) act on the window's own call
//! screens, exactly as their buttons do: the mute button then shows what the shortcut did,
//! and a double press cannot send two answers.

use super::{App, Effect};
use crate::desktop::global_shortcuts::Shortcut;
use crate::ui::screens::{in_call, incoming, Action};

impl App {
    pub(super) fn on_global_shortcut(&mut self, shortcut: Shortcut) -> Effect {
        let action = match shortcut {
            Shortcut::Answer => match &mut self.incoming {
                Some(ringing) => ringing.update(incoming::Message::Answer),
                None => return Effect::None,
            },
            Shortcut::HangUp => match (&mut self.call, &mut self.incoming) {
                (Some(call), _) => call.update(in_call::Message::HangupPressed),
                (None, Some(ringing)) => ringing.update(incoming::Message::Decline),
                (None, None) => return Effect::None,
            },
            Shortcut::ToggleMute => match &mut self.call {
                Some(call) => call.update(in_call::Message::MuteToggled),
                None => return Effect::None,
            },
        };
        if let Action::Engine(command) = &action {
            tracing::info!("global shortcut {}: {command:?}", shortcut.id());
        }
        self.perform(action)
    }
}
