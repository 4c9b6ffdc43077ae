//! How the account form's trusted-certificate field looks, with its error (or, while the
//! engine reads the file, a word that it does) right below it.

use super::form::{AccountForm, Field};
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
        } else if self.checking_certificate() {
            content =
                content.push(text(tr("settings-certificate-checking")).size(style::SMALL_SIZE));
        }
        Some(content.into())
    }
}
