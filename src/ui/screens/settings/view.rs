//! How the settings panel looks: tabs, then the chosen section.

use super::codecs::CODECS_FIELD;
use super::codecs_view::codecs_section;
use super::form::Field;
use super::{AudioRole, Message, Section, SettingsPanel};
use crate::config::{PasswordStorage, Transport};
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{button, checkbox, column, container, pick_list, row, text, text_input};
use iced::{Alignment, Element, Length};

/// Transports as the pick list shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TransportChoice(Transport);

impl std::fmt::Display for TransportChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Transport::Auto => f.write_str(&tr("settings-account-transport-auto")),
            wire => f.write_str(&wire.as_str().to_ascii_uppercase()),
        }
    }
}

impl SettingsPanel {
    pub fn view(&self) -> Element<'_, Message> {
        let close = button(text(tr("settings-close")).size(style::SMALL_SIZE))
            .on_press(Message::Close)
            .style(button::secondary);
        let heading = row![
            text(tr("settings-heading"))
                .size(style::HEADING_SIZE)
                .width(Length::Fill),
            close
        ]
        .align_y(Alignment::Center);
        let mut page = column![heading].spacing(12);

        if let Some(error) = &self.load_error {
            page = page.push(self.load_error_view(error));
        }
        if let Some(status) = &self.status {
            page = page.push(style::notice(
                text(status.as_str()).size(style::SMALL_SIZE),
                container::danger,
            ));
        }
        let tab = |section: Section, key: &str| {
            let style = if self.section == section {
                button::primary
            } else {
                button::secondary
            };
            button(text(tr(key)).size(style::SMALL_SIZE))
                .on_press(Message::Section(section))
                .style(style)
        };
        page = page.push(
            row![
                tab(Section::Accounts, "settings-tab-accounts"),
                tab(Section::Audio, "settings-tab-audio"),
                tab(Section::Network, "settings-tab-network"),
                tab(Section::General, "settings-tab-general"),
            ]
            .spacing(6),
        );
        let body = match self.section {
            Section::Accounts if self.form.is_some() => self.form_view(),
            Section::Accounts => self.accounts_view(),
            Section::Audio => self.audio_view(),
            Section::Network => self.network_view(),
            Section::General => self.general_view(),
        };
        page.push(body).into()
    }

    fn load_error_view<'a>(&'a self, error: &'a str) -> Element<'a, Message> {
        let action: Element<'a, Message> = if self.confirm_reset {
            row![
                text(tr("settings-reset-question"))
                    .size(style::SMALL_SIZE)
                    .width(Length::Fill),
                small_button("settings-reset-confirm", Message::ConfirmReset, true),
                small_button("settings-cancel", Message::CancelReset, false),
            ]
            .spacing(6)
            .align_y(Alignment::Center)
            .into()
        } else {
            small_button("settings-reset", Message::AskReset, false)
        };
        style::notice(
            column![
                text(tr("settings-load-failed")).size(style::SMALL_SIZE),
                text(error).size(style::SMALL_SIZE),
                action
            ]
            .spacing(6),
            container::danger,
        )
    }

    fn accounts_view(&self) -> Element<'_, Message> {
        let mut list = column![].spacing(8);
        if self.settings.accounts.is_empty() {
            list = list.push(text(tr("settings-no-accounts")).size(style::SMALL_SIZE));
        }
        for ((title, state), account) in self
            .account_lines()
            .into_iter()
            .zip(&self.settings.accounts)
        {
            let id = account.id;
            let is_default = self.settings.default_account == Some(id);
            let mut buttons = row![
                checkbox(account.enabled)
                    .label(tr("settings-account-enabled"))
                    .on_toggle(move |on| Message::ToggleEnabled(id, on))
                    .size(16)
                    .text_size(style::SMALL_SIZE),
                small_button("settings-edit", Message::EditAccount(id), false),
                small_button("settings-delete", Message::DeleteAccount(id), false),
            ]
            .spacing(6)
            .align_y(Alignment::Center);
            if account.password_storage == PasswordStorage::AskEachStart && account.enabled {
                buttons = buttons.push(small_button(
                    "settings-enter-password",
                    Message::EnterPassword(id),
                    false,
                ));
            }
            if !is_default {
                buttons = buttons.push(small_button(
                    "settings-set-default",
                    Message::SetDefault(id),
                    false,
                ));
            }
            let mut entry = column![
                text(if is_default {
                    format!("{title} — {}", tr("settings-default"))
                } else {
                    title
                })
                .size(style::BODY_SIZE),
                text(state).size(style::SMALL_SIZE),
                buttons
            ]
            .spacing(4);
            if self.confirm_delete == Some(id) {
                if let Some(question) = self.delete_question() {
                    entry = entry.push(
                        row![
                            text(question).size(style::SMALL_SIZE).width(Length::Fill),
                            small_button("settings-delete-confirm", Message::ConfirmDelete, true),
                            small_button("settings-cancel", Message::CancelDelete, false),
                        ]
                        .spacing(6)
                        .align_y(Alignment::Center),
                    );
                }
            }
            list = list.push(style::notice(entry, container::rounded_box));
        }
        column![
            list,
            small_button("settings-add-account", Message::AddAccount, true)
        ]
        .spacing(12)
        .into()
    }

    fn form_view(&self) -> Element<'_, Message> {
        let Some(form) = &self.form else {
            return column![].into();
        };
        let heading = if form.is_new {
            "settings-form-add"
        } else {
            "settings-form-edit"
        };
        let mut content = column![text(tr(heading)).size(style::BODY_SIZE)].spacing(6);
        // At the top, where it is seen at once: nothing is saved until the user answers.
        if let Some(question) = self.storage_choice_text() {
            content = content.push(style::notice(
                column![
                    text(question).size(style::SMALL_SIZE),
                    row![
                        small_button(
                            "settings-storage-ask",
                            Message::ChooseStorage(PasswordStorage::AskEachStart),
                            true
                        ),
                        small_button(
                            "settings-storage-file",
                            Message::ChooseStorage(PasswordStorage::File),
                            false
                        ),
                    ]
                    .spacing(6)
                ]
                .spacing(6),
                container::danger,
            ));
        }
        for field in Field::ALL {
            if field == Field::TrustedCertificate {
                continue; // Shown below the transport it belongs to.
            }
            let mut input = text_input("", form.value(field))
                .id(field.widget_id())
                .on_input(move |value| Message::FieldChanged(field, value))
                .on_submit(Message::SaveAccount)
                .size(style::SMALL_SIZE)
                .padding(6);
            if field == Field::Password {
                input = input.secure(true);
            }
            content = content.push(text(tr(field.label_key())).size(style::SMALL_SIZE));
            content = content.push(input);
            if let Some(error) = self.field_error(field.config_name()) {
                content = content.push(text(error).size(style::SMALL_SIZE).style(text::danger));
            }
        }
        let transports = Transport::CHOICES.map(TransportChoice);
        content = content.push(
            row![
                text(tr("settings-account-transport")).size(style::SMALL_SIZE),
                pick_list(
                    transports,
                    Some(TransportChoice(form.transport)),
                    |choice| { Message::TransportPicked(choice.0) }
                )
                .text_size(style::SMALL_SIZE),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        if let Some(error) = self.field_error("transport") {
            content = content.push(text(error).size(style::SMALL_SIZE).style(text::danger));
        }
        if let Some(certificate) = self.trusted_certificate_field(form) {
            content = content.push(certificate);
        }
        content = content.push(
            row![
                toggle(
                    "settings-account-register",
                    form.register,
                    Message::RegisterToggled
                ),
                toggle(
                    "settings-account-enabled",
                    form.enabled,
                    Message::FormEnabledToggled
                ),
            ]
            .spacing(16),
        );
        // Below the other fields, so they keep their places on screen.
        content = content.push(codecs_section(&form.codecs, self.field_error(CODECS_FIELD)));
        content = content.push(
            row![
                small_button("settings-save", Message::SaveAccount, true),
                small_button("settings-cancel", Message::CancelForm, false),
            ]
            .spacing(8),
        );
        content.into()
    }

    fn audio_view(&self) -> Element<'_, Message> {
        let picker = |label: &str, role: AudioRole, chosen: &Option<String>| {
            let options = self.pick_list_for(role);
            let selected = SettingsPanel::selected(&options, chosen);
            column![
                text(tr(label)).size(style::SMALL_SIZE),
                pick_list(
                    options,
                    Some(selected),
                    move |choice| Message::DevicePicked(role, choice)
                )
                .text_size(style::SMALL_SIZE)
                .width(Length::Fill),
            ]
            .spacing(4)
        };
        let audio = &self.settings.audio;
        column![
            picker("settings-audio-input", AudioRole::Input, &audio.input),
            picker("settings-audio-output", AudioRole::Output, &audio.output),
            picker("settings-audio-ringer", AudioRole::Ringer, &audio.ringer),
            self.sound_rows(),
            self.voice_rows(),
            self.audio_test_rows(),
        ]
        .spacing(12)
        .into()
    }
}

pub(super) fn small_button(
    key: &str,
    message: Message,
    primary: bool,
) -> Element<'static, Message> {
    button(text(tr(key)).size(style::SMALL_SIZE))
        .on_press(message)
        .style(if primary {
            button::primary
        } else {
            button::secondary
        })
        .into()
}

pub(super) fn toggle(
    key: &str,
    on: bool,
    message: impl Fn(bool) -> Message + 'static,
) -> Element<'static, Message> {
    checkbox(on)
        .label(tr(key))
        .on_toggle(message)
        .text_size(style::SMALL_SIZE)
        .into()
}
