//! Keyboard shortcuts, read from every key press the window gets. What a key means depends on
//! what is on screen, so this only names the key; the application decides.

use iced::event::Status;
use iced::keyboard::{self, key::Named, Key};
use iced::{window, Event};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shortcut {
    /// Esc: hang up or decline (even from a text field: a call must be easy to end).
    Escape,
    /// Ctrl+F.
    FocusSearch,
    /// Ctrl+, (the desktop's usual key for preferences).
    OpenSettings,
    /// Text typed while no field had the keyboard: starts a search, or DTMF in a call.
    Type(String),
}

/// The shortcut a window event is, if any. A plain function because iced's event
/// subscription takes one.
pub fn shortcut(event: Event, status: Status, _window: window::Id) -> Option<Shortcut> {
    let Event::Keyboard(keyboard::Event::KeyPressed {
        key,
        modifiers,
        text,
        ..
    }) = event
    else {
        return None;
    };
    if key == Key::Named(Named::Escape) {
        return Some(Shortcut::Escape);
    }
    if modifiers.command() && !modifiers.alt() {
        return match key.as_ref() {
            Key::Character("f") | Key::Character("F") => Some(Shortcut::FocusSearch),
            Key::Character(",") => Some(Shortcut::OpenSettings),
            _ => None,
        };
    }
    if status == Status::Captured || modifiers.alt() || modifiers.logo() {
        return None;
    }
    let typed = text?;
    let printable = !typed.is_empty() && typed.chars().all(|c| !c.is_control());
    printable.then(|| Shortcut::Type(typed.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::keyboard::{key::Physical, Location, Modifiers};

    fn press(key: Key, modifiers: Modifiers, text: Option<&str>) -> Event {
        Event::Keyboard(keyboard::Event::KeyPressed {
            modified_key: key.clone(),
            key,
            physical_key: Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
            location: Location::Standard,
            modifiers,
            text: text.map(Into::into),
            repeat: false,
        })
    }

    fn id() -> window::Id {
        window::Id::unique()
    }

    #[test]
    fn a_letter_typed_outside_a_field_starts_a_search() {
        let event = press(Key::Character("r".into()), Modifiers::empty(), Some("r"));
        assert_eq!(
            shortcut(event, Status::Ignored, id()),
            Some(Shortcut::Type("r".to_owned()))
        );
    }

    #[test]
    fn a_letter_a_field_took_is_left_to_it() {
        let event = press(Key::Character("r".into()), Modifiers::empty(), Some("r"));
        assert_eq!(shortcut(event, Status::Captured, id()), None);
    }

    #[test]
    fn escape_counts_even_from_a_field() {
        let event = press(Key::Named(Named::Escape), Modifiers::empty(), None);
        assert_eq!(
            shortcut(event, Status::Captured, id()),
            Some(Shortcut::Escape)
        );
    }

    #[test]
    fn control_f_and_control_comma() {
        let f = press(Key::Character("f".into()), Modifiers::CTRL, Some("\u{6}"));
        assert_eq!(
            shortcut(f, Status::Captured, id()),
            Some(Shortcut::FocusSearch)
        );
        let comma = press(Key::Character(",".into()), Modifiers::CTRL, None);
        assert_eq!(
            shortcut(comma, Status::Ignored, id()),
            Some(Shortcut::OpenSettings)
        );
        let other = press(Key::Character("q".into()), Modifiers::CTRL, Some("\u{11}"));
        assert_eq!(shortcut(other, Status::Ignored, id()), None);
    }
}
