//! The window's hooks into the desktop face: what the user picks on a notification reaches
//! the engine, a ringing call never takes the keyboard, and the global shortcuts act on the
//! window's call screens as their buttons do.

use super::tests::config;
use super::*;
use crate::desktop::global_shortcuts::{Shortcut, ShortcutsStatus};
use crate::engine::api::{CallId, CallState, Direction, Event};
use crate::ui::engine_link::EngineMessage;
use tokio::sync::mpsc::unbounded_channel;

#[test]
fn actions_picked_on_notifications_reach_the_engine_and_a_call_takes_no_focus() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let _inside = runtime.enter();
    let mut app = App::new(config(), Phonebook::empty(), CallLog::disabled());
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    let (picked, _) = unbounded_channel();
    let (shortcuts, _) = unbounded_channel();
    app.step(
        Message::Desktop(DesktopMessage::Started(Desktop::start(picked, shortcuts))),
        Instant::now(),
    );
    assert!(app.notifier.is_some());

    let ringing = Event::IncomingCall {
        call: CallId(4),
        from: "sip:alice@192.0.2.7".to_owned(),
        to: "sip:me@192.0.2.1".to_owned(),
        account: None,
        contact: None,
    };
    let effect = app.step(
        app.current_engine_says(EngineMessage::Event(ringing)),
        Instant::now(),
    );
    assert_eq!(effect, Effect::None, "a ringing call moves no focus");
    assert!(app.incoming.is_some(), "the window is the fallback");

    let answer = Command::Answer { call: CallId(4) };
    app.step(
        Message::Desktop(DesktopMessage::Picked(answer.clone())),
        Instant::now(),
    );
    assert_eq!(received.try_recv().ok(), Some(answer));
}

fn ringing(call: u64) -> Event {
    Event::IncomingCall {
        call: CallId(call),
        from: "sip:alice@192.0.2.7".to_owned(),
        to: "sip:me@192.0.2.1".to_owned(),
        account: None,
        contact: None,
    }
}

fn press(app: &mut App, shortcut: Shortcut) {
    app.step(
        Message::Desktop(DesktopMessage::Shortcut(shortcut)),
        Instant::now(),
    );
}

fn engine_says(app: &mut App, event: Event) {
    app.step(
        app.current_engine_says(EngineMessage::Event(event)),
        Instant::now(),
    );
}

#[test]
fn global_shortcuts_answer_mute_and_hang_up_the_windows_call() {
    let mut app = App::new(config(), Phonebook::empty(), CallLog::disabled());
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    for shortcut in Shortcut::ALL {
        press(&mut app, shortcut);
    }
    assert!(received.try_recv().is_err(), "no call, nothing to do");

    engine_says(&mut app, ringing(4));
    press(&mut app, Shortcut::ToggleMute);
    press(&mut app, Shortcut::Answer);
    press(&mut app, Shortcut::Answer);
    assert_eq!(
        received.try_recv().ok(),
        Some(Command::Answer { call: CallId(4) })
    );
    assert!(received.try_recv().is_err(), "answered once only");

    engine_says(
        &mut app,
        Event::CallState {
            call: CallId(4),
            state: CallState::Established,
            direction: Direction::Incoming,
            remote: "sip:alice@192.0.2.7".to_owned(),
            contact: None,
            account: None,
        },
    );
    press(&mut app, Shortcut::ToggleMute);
    assert_eq!(
        received.try_recv().ok(),
        Some(Command::Mute {
            call: CallId(4),
            muted: true
        })
    );
    assert!(
        app.call.as_ref().is_some_and(|call| call.is_muted()),
        "the mute button shows it"
    );
    press(&mut app, Shortcut::HangUp);
    assert_eq!(
        received.try_recv().ok(),
        Some(Command::Hangup { call: CallId(4) })
    );
}

#[test]
fn hang_up_declines_a_call_that_only_rings() {
    let mut app = App::new(config(), Phonebook::empty(), CallLog::disabled());
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    engine_says(&mut app, ringing(6));
    press(&mut app, Shortcut::HangUp);
    assert_eq!(
        received.try_recv().ok(),
        Some(Command::Decline { call: CallId(6) })
    );
}

#[test]
fn the_settings_page_hears_what_the_desktop_made_of_the_shortcuts() {
    let mut app = App::new(config(), Phonebook::empty(), CallLog::disabled());
    app.step(
        Message::Desktop(DesktopMessage::ShortcutsStatus(
            ShortcutsStatus::Unavailable,
        )),
        Instant::now(),
    );
    assert_eq!(
        app.settings_panel.shortcuts_status(),
        &ShortcutsStatus::Unavailable
    );
}
