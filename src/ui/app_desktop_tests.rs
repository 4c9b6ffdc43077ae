//! The window's hooks into the desktop face: what the user picks on a notification reaches
//! the engine, and a ringing call never takes the keyboard.

use super::tests::config;
use super::*;
use crate::engine::api::{CallId, Event};
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
    app.step(
        Message::Desktop(DesktopMessage::Started(Desktop::start(picked))),
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
