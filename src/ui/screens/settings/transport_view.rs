//! How the transport-related fields look: the account's trusted certificate and the network
//! page's keep-alive interval, each with its error right below it.

use super::form::{AccountForm, Field};
use super::network::KEEPALIVE_FIELD;
use super::{Message, SettingsPanel};
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{column, text, text_input};
use iced::Element;

impl SettingsPanel {
    /// The trusted-certificate field, or nothing when the form does not show it.
    pub(super) fn trusted_certificate_field<'a>(
        &'a self,
        form: &'a AccountForm,
    ) -> Option<Element<'a, Message>> {
        let field = Field::TrustedCertificate;
        if !form.shows(field) {
            return None;
        }
        let mut content = column![
            text(tr(field.label_key())).size(style::SMALL_SIZE),
            text_input(
                &tr("settings-account-trusted-certificate-placeholder"),
                form.value(field)
            )
            .id(field.widget_id())
            .on_input(move |value| Message::FieldChanged(field, value))
            .on_submit(Message::SaveAccount)
            .size(style::SMALL_SIZE)
            .padding(6),
            text(tr("settings-account-trusted-certificate-hint")).size(style::SMALL_SIZE),
        ]
        .spacing(6);
        if let Some(error) = self.field_error(field.config_name()) {
            content = content.push(text(error).size(style::SMALL_SIZE).style(text::danger));
        }
        Some(content.into())
    }

    /// The keep-alive interval field of the network page.
    pub(super) fn keepalive_field(&self) -> Element<'_, Message> {
        let mut content = column![
            text(tr("settings-network-keepalive")).size(style::SMALL_SIZE),
            text_input("25", &self.keepalive)
                .on_input(Message::KeepaliveChanged)
                .on_submit(Message::SaveNetwork)
                .size(style::SMALL_SIZE)
                .padding(6),
        ]
        .spacing(6);
        if let Some(error) = self.network_error(KEEPALIVE_FIELD) {
            content = content.push(text(error).size(style::SMALL_SIZE).style(text::danger));
        }
        content.into()
    }
}
