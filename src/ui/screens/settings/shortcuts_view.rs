//! The General page's switch for the global shortcuts, and under it what the desktop made of
//! them: the keys it bound, or that it has no global shortcuts at all.

use super::view::toggle;
use super::{Message, SettingsPanel};
use crate::desktop::global_shortcuts::{BoundShortcut, ShortcutsStatus};
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{column, container, text, Column};
use iced::{Element, Padding};

/// The notes start under the switch's label, not under its box.
const NOTES_INDENT: f32 = 24.0;

impl SettingsPanel {
    /// What the desktop last said about the global shortcuts.
    pub fn set_shortcuts_status(&mut self, status: ShortcutsStatus) {
        self.shortcuts_status = status;
    }

    pub fn shortcuts_status(&self) -> &ShortcutsStatus {
        &self.shortcuts_status
    }

    pub(super) fn shortcuts_rows(&self) -> Element<'_, Message> {
        let on = self.settings.general.global_shortcuts;
        let notes = shortcuts_notes(on, &self.shortcuts_status)
            .into_iter()
            .fold(Column::new().spacing(2), |notes, note| {
                notes.push(text(note).size(style::SMALL_SIZE).style(text::secondary))
            });
        column![
            toggle(
                "settings-general-global-shortcuts",
                on,
                Message::GlobalShortcuts
            ),
            container(notes).padding(Padding {
                left: NOTES_INDENT,
                ..Padding::ZERO
            }),
        ]
        .spacing(4)
        .into()
    }
}

/// The lines under the switch.
fn shortcuts_notes(on: bool, status: &ShortcutsStatus) -> Vec<String> {
    if !on {
        return vec![tr("settings-general-global-shortcuts-off")];
    }
    match status {
        ShortcutsStatus::Off | ShortcutsStatus::Binding => {
            vec![tr("settings-general-global-shortcuts-binding")]
        }
        ShortcutsStatus::Bound(bound) if bound.is_empty() => {
            vec![tr("settings-general-global-shortcuts-bound-unlisted")]
        }
        ShortcutsStatus::Bound(bound) => bound.iter().map(bound_line).collect(),
        ShortcutsStatus::Unavailable => {
            vec![tr("settings-general-global-shortcuts-unavailable")]
        }
        ShortcutsStatus::Refused => vec![tr("settings-general-global-shortcuts-refused")],
    }
}

fn bound_line(bound: &BoundShortcut) -> String {
    let action = tr(bound.shortcut.description_key());
    if bound.trigger.is_empty() {
        tr_args(
            "settings-general-global-shortcuts-no-keys",
            &[("action", &action)],
        )
    } else {
        tr_args(
            "settings-general-global-shortcuts-bound",
            &[("action", &action), ("keys", &bound.trigger)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desktop::global_shortcuts::Shortcut;
    use crate::ui::screens::settings::SettingsRequest;
    use crate::ui::screens::Action;

    #[test]
    fn switching_them_on_saves_the_setting() {
        let mut panel = SettingsPanel::new(Default::default(), &[], None);
        assert!(!panel.settings().general.global_shortcuts, "off by default");
        match panel.update(Message::GlobalShortcuts(true)) {
            Action::Settings(SettingsRequest::Save { settings, .. }) => {
                assert!(settings.general.global_shortcuts)
            }
            other => panic!("expected a save, got {other:?}"),
        }
    }

    #[test]
    fn the_notes_say_what_the_desktop_did() {
        assert_eq!(
            shortcuts_notes(false, &ShortcutsStatus::Unavailable),
            ["The desktop asks you to confirm the keys when you switch them on."]
        );
        assert_eq!(
            shortcuts_notes(true, &ShortcutsStatus::Unavailable),
            ["This desktop has no global shortcuts (it offers no XDG GlobalShortcuts portal)."]
        );
        let bound = ShortcutsStatus::Bound(vec![
            BoundShortcut {
                shortcut: Shortcut::Answer,
                trigger: "Ctrl+Alt+A".into(),
            },
            BoundShortcut {
                shortcut: Shortcut::ToggleMute,
                trigger: String::new(),
            },
        ]);
        let notes = shortcuts_notes(true, &bound);
        assert_eq!(notes.len(), 2);
        assert!(notes[0].contains("Answer the ringing call"), "{notes:?}");
        assert!(notes[0].contains("Ctrl+Alt+A"), "{notes:?}");
        assert!(notes[1].contains("no keys yet"), "{notes:?}");
    }
}
