//! The network section's Save: ports and the keep-alive interval are typed as text, so they
//! are parsed here, then the whole network section is checked the way the config checks it.
//! Saving hands the settings to the application, which applies them to the running engine
//! (`Command::ApplySettings`): a new keep-alive interval takes effect without a restart.

use super::{log_field_errors, save, SettingsPanel};
use crate::config::{parse_dns_server, FieldError, Settings};
use crate::ui::screens::Action;

/// The keep-alive field's name as `FieldError::field` (and the config) spells it.
pub(super) const KEEPALIVE_FIELD: &str = "network.keepalive_seconds";
/// The name server field's name, likewise.
pub(super) const DNS_SERVER_FIELD: &str = "network.dns_server";

impl SettingsPanel {
    /// Ports and the keep-alive interval are typed as text; check them and the whole network
    /// section before saving.
    pub(super) fn save_network(&mut self, mut settings: Settings) -> Action {
        let mut errors = Vec::new();
        // Only "is it a number" is checked here; its range is the config's rule, below.
        match self.keepalive.trim().parse::<u32>() {
            Ok(seconds) => settings.network.keepalive_seconds = seconds,
            Err(_) => errors.push(FieldError {
                field: KEEPALIVE_FIELD,
                key: "settings.keepalive.not_a_number",
                detail: self.keepalive.trim().to_owned(),
            }),
        }
        match self.dns_server.trim() {
            "" => settings.network.dns_server = None,
            typed => match parse_dns_server(typed) {
                Some(server) => settings.network.dns_server = Some(server),
                None => errors.push(FieldError {
                    field: DNS_SERVER_FIELD,
                    key: "settings.dns_server.invalid",
                    detail: typed.to_owned(),
                }),
            },
        }
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
        log_field_errors(&errors);
        self.network_errors = errors;
        if self.network_errors.is_empty() {
            save(settings, None)
        } else {
            Action::None
        }
    }
}
