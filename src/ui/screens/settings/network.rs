//! The network section's Save: ports are typed as text, so they are parsed here, then the
//! whole network section is checked the way the config checks it.

use super::{save, SettingsPanel};
use crate::config::{FieldError, Settings};
use crate::ui::screens::Action;

impl SettingsPanel {
    /// Ports are typed as text; check them and the whole network section before saving.
    pub(super) fn save_network(&mut self, mut settings: Settings) -> Action {
        let mut errors = Vec::new();
        for (field, text, slot) in [
            (
                "network.sip_port",
                &self.sip_port,
                &mut settings.network.sip_port,
            ),
            (
                "network.tls_port",
                &self.tls_port,
                &mut settings.network.tls_port,
            ),
        ] {
            match text.trim().parse::<u16>() {
                Ok(port) => *slot = port,
                Err(_) => errors.push(FieldError {
                    field,
                    key: "settings.port.invalid",
                    detail: text.trim().to_owned(),
                }),
            }
        }
        if errors.is_empty() {
            errors.extend(
                settings
                    .validate()
                    .into_iter()
                    .filter(|found| found.error.field.starts_with("network."))
                    .map(|found| found.error),
            );
        }
        self.network_errors = errors;
        if self.network_errors.is_empty() {
            save(settings, None)
        } else {
            Action::None
        }
    }
}
