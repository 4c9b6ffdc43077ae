//! The General page: answering, start-up, do-not-disturb and global-shortcut switches, the
//! language, the colours, and the country whose way of writing numbers the contacts follow.

use super::view::{small_button, toggle};
use super::{Message, SettingsPanel};
use crate::config::ThemeChoice;
use crate::ui::i18n::{tr, Localizer, LANGUAGES};
use crate::ui::screens::Action;
use crate::ui::style;
use iced::widget::{column, pick_list, row, text, text_input};
use iced::{Alignment, Element};

/// A theme as the picker shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeName(pub ThemeChoice);

impl ThemeName {
    const ALL: [ThemeName; 3] = [
        ThemeName(ThemeChoice::System),
        ThemeName(ThemeChoice::Light),
        ThemeName(ThemeChoice::Dark),
    ];
}

impl std::fmt::Display for ThemeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&tr(match self.0 {
            ThemeChoice::System => "settings-general-theme-system",
            ThemeChoice::Light => "settings-general-theme-light",
            ThemeChoice::Dark => "settings-general-theme-dark",
        }))
    }
}

/// An ISO 3166 country code as the contacts' number matching takes it: two letters, upper
/// case; empty means none.
pub fn country_code(typed: &str) -> Result<Option<String>, ()> {
    let code = typed.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(Some(code))
    } else {
        Err(())
    }
}

/// A language as the picker shows it: "System default", or the language's own name, so a
/// user can find theirs whatever language the window speaks now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageChoice(pub Option<&'static str>);

impl LanguageChoice {
    /// "System default" first, then every shipped language.
    pub fn all() -> Vec<LanguageChoice> {
        std::iter::once(LanguageChoice(None))
            .chain(LANGUAGES.iter().map(|(code, _)| LanguageChoice(Some(code))))
            .collect()
    }

    /// What the settings hold, as one of [`LanguageChoice::all`]: a hand-written `de_AT`
    /// shows as Deutsch, the language it gets.
    pub fn of_setting(language: Option<&str>) -> LanguageChoice {
        LanguageChoice(language.map(|name| Localizer::for_language(name).code()))
    }
}

impl std::fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let native = |code: &str| LANGUAGES.iter().find(|(c, _)| *c == code).map(|l| l.1);
        match self.0.and_then(native) {
            Some(name) => f.write_str(name),
            None => f.write_str(&tr("settings-general-language-system")),
        }
    }
}

impl SettingsPanel {
    pub(super) fn save_country(&mut self) -> Action {
        match country_code(&self.country) {
            Ok(code) => self.change(|s| s.general.default_country = code),
            Err(()) => {
                self.country_refused = true;
                Action::None
            }
        }
    }

    fn country_field(&self) -> Element<'_, Message> {
        let mut field = column![
            text(tr("settings-general-country")).size(style::SMALL_SIZE),
            row![
                text_input(&tr("settings-general-country-placeholder"), &self.country)
                    .on_input(Message::CountryChanged)
                    .on_submit(Message::SaveCountry)
                    .size(style::SMALL_SIZE)
                    .padding(6)
                    .width(80),
                small_button("settings-save", Message::SaveCountry, true),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(6);
        if self.country_refused {
            field = field.push(
                text(tr("settings-general-country-invalid"))
                    .size(style::SMALL_SIZE)
                    .style(text::danger),
            );
        }
        field.into()
    }

    pub(super) fn general_view(&self) -> Element<'_, Message> {
        let general = &self.settings.general;
        let language = row![
            text(tr("settings-general-language")).size(style::SMALL_SIZE),
            pick_list(
                LanguageChoice::all(),
                Some(LanguageChoice::of_setting(general.language.as_deref())),
                |choice| Message::LanguagePicked(choice.0.map(str::to_owned)),
            )
            .text_size(style::SMALL_SIZE),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        column![
            toggle(
                "settings-general-auto-answer",
                general.auto_answer,
                Message::AutoAnswer
            ),
            toggle(
                "settings-general-start-minimised",
                general.start_minimised,
                Message::StartMinimised
            ),
            toggle(
                "settings-general-close-to-tray",
                general.close_to_tray,
                Message::CloseToTray
            ),
            toggle(
                "settings-general-autostart",
                general.autostart,
                Message::Autostart
            ),
            toggle(
                "settings-general-dnd",
                general.do_not_disturb,
                Message::DoNotDisturb
            ),
            self.shortcuts_rows(),
            self.ringing_rows(),
            language,
            row![
                text(tr("settings-general-theme")).size(style::SMALL_SIZE),
                pick_list(ThemeName::ALL, Some(ThemeName(general.theme)), |choice| {
                    Message::ThemePicked(choice.0)
                },)
                .text_size(style::SMALL_SIZE),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            self.country_field(),
        ]
        .spacing(12)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_two_letters_and_empty_means_none() {
        assert_eq!(country_code(" de "), Ok(Some("DE".to_owned())));
        assert_eq!(country_code(""), Ok(None));
        assert_eq!(country_code("Germany"), Err(()));
        assert_eq!(country_code("D1"), Err(()));
    }

    #[test]
    fn the_picker_offers_the_system_then_each_language_in_its_own_name() {
        let names: Vec<String> = LanguageChoice::all()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(names.len(), LANGUAGES.len() + 1);
        assert_eq!(names[0], "System default");
        assert!(names.contains(&"Deutsch".to_owned()), "{names:?}");
        assert!(names.contains(&"简体中文".to_owned()), "{names:?}");
    }

    #[test]
    fn the_picker_shows_what_the_settings_hold() {
        assert_eq!(LanguageChoice::of_setting(None), LanguageChoice(None));
        assert_eq!(
            LanguageChoice::of_setting(Some("fr")),
            LanguageChoice(Some("fr"))
        );
        // Written by hand in the file: shown as the language it gets.
        assert_eq!(
            LanguageChoice::of_setting(Some("de_AT")),
            LanguageChoice(Some("de"))
        );
        assert_eq!(
            LanguageChoice::of_setting(Some("xx")),
            LanguageChoice(Some("en-US"))
        );
    }
}
