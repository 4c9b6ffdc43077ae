//! The application's routing, driven with messages and engine events, no window.

use super::*;
use crate::engine::api::launch::AudioBackend;
use crate::engine::api::{CallId, CallState, Direction, EndReason, ErrorInfo, Event};
use crate::ui::engine_link::EngineMessage;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

/// The engine a window under test starts: loopback, no sound, no auto-answer.
pub(super) fn config() -> EngineConfig {
    EngineConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        audio: AudioBackend::Null,
        auto_answer: false,
        user: "me".to_owned(),
        display_name: None,
        codecs: Vec::new(),
    }
}

/// A window with no contacts and no history on disk.
fn bare_app() -> App {
    App::new(config(), Phonebook::empty(), CallLog::disabled())
}

/// An app whose engine is up, and the engine's end of the command channel.
fn connected() -> (App, UnboundedReceiver<Command>) {
    let mut app = bare_app();
    let (commands, received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    (app, received)
}

fn event(app: &mut App, event: Event, now: Instant) -> Effect {
    app.step(app.current_engine_says(EngineMessage::Event(event)), now)
}

/// Types `address` in the search field and presses Enter, as a user dials.
fn dial(app: &mut App, address: &str) {
    app.step(
        Message::Contacts(contacts::Message::QueryChanged(address.to_owned())),
        Instant::now(),
    );
    app.step(Message::Contacts(contacts::Message::Submit), Instant::now());
}

/// No call and nothing ringing: the pages are back.
fn idle(app: &App) -> bool {
    app.call.is_none() && app.incoming.is_none()
}

fn call_state(call: u64, state: CallState, direction: Direction) -> Event {
    Event::CallState {
        call: CallId(call),
        state,
        direction,
        remote: "sip:bob@127.0.0.1:5080".to_owned(),
        contact: None,
        account: None,
    }
}

fn in_call(app: &App) -> &InCall {
    assert!(matches!(app.page, Page::Call), "the call page is up");
    app.call.as_ref().expect("a call in progress")
}

#[test]
fn ready_event_shows_our_contact_address() {
    let (mut app, _commands) = connected();
    event(
        &mut app,
        Event::Ready {
            listen: "127.0.0.1:5060".parse().unwrap(),
            contact: "sip:me@127.0.0.1:5060".to_owned(),
        },
        Instant::now(),
    );
    assert_eq!(app.contact.as_deref(), Some("sip:me@127.0.0.1:5060"));
}

#[test]
fn dialling_sends_dial_to_the_engine() {
    let (mut app, mut commands) = connected();
    dial(&mut app, "sip:bob@127.0.0.1:5080");
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Dial {
            target: "sip:bob@127.0.0.1:5080".to_owned(),
            account: None
        }
    );
}

#[test]
fn a_call_placed_while_the_engine_starts_is_sent_once_it_is_up() {
    let mut app = bare_app();
    dial(&mut app, "sip:bob@127.0.0.1:5080");
    let (sender, mut commands) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(sender)),
        Instant::now(),
    );
    assert!(matches!(
        commands.try_recv().unwrap(),
        Command::Dial { target, .. } if target == "sip:bob@127.0.0.1:5080"
    ));
}

#[test]
fn an_invalid_address_sends_nothing() {
    let (mut app, mut commands) = connected();
    dial(&mut app, "not an address");
    assert!(commands.try_recv().is_err());
}

#[test]
fn outgoing_call_goes_through_its_states_and_ends_with_a_notice() {
    let (mut app, _commands) = connected();
    let start = Instant::now();
    dial(&mut app, "sip:bob@127.0.0.1:5080");
    event(
        &mut app,
        call_state(1, CallState::Calling, Direction::Outgoing),
        start,
    );
    assert_eq!(in_call(&app).status_text(), "Calling…");

    event(
        &mut app,
        call_state(1, CallState::Ringing, Direction::Outgoing),
        start,
    );
    assert_eq!(in_call(&app).status_text(), "Ringing…");

    event(
        &mut app,
        call_state(1, CallState::Established, Direction::Outgoing),
        start,
    );
    app.step(Message::Tick(start + Duration::from_secs(42)), start);
    assert_eq!(in_call(&app).timer_text().as_deref(), Some("0:42"));

    let effect = event(
        &mut app,
        Event::CallEnded {
            call: CallId(1),
            reason: EndReason::RemoteHangup,
        },
        start,
    );
    assert_eq!(effect, Effect::FocusSearch);
    assert!(idle(&app));
    assert!(matches!(app.page, Page::Contacts));
    let notice = app.notice.as_ref().expect("an ended-call notice");
    assert_eq!(notice.reason_text(), "The other side hung up.");

    app.step(Message::Ended(ended::Message::Dismiss), start);
    assert!(app.notice.is_none());
}

#[test]
fn busy_callee_is_reported_in_words() {
    let (mut app, _commands) = connected();
    dial(&mut app, "sip:bob@127.0.0.1:5080");
    event(
        &mut app,
        call_state(1, CallState::Calling, Direction::Outgoing),
        Instant::now(),
    );
    event(
        &mut app,
        Event::CallEnded {
            call: CallId(1),
            reason: EndReason::Busy,
        },
        Instant::now(),
    );
    assert_eq!(
        app.notice.as_ref().unwrap().reason_text(),
        "The other side is busy."
    );
}

#[test]
fn hang_up_and_mute_reach_the_engine_for_the_current_call() {
    let (mut app, mut commands) = connected();
    event(
        &mut app,
        call_state(9, CallState::Established, Direction::Outgoing),
        Instant::now(),
    );
    app.step(
        Message::InCall(in_call::Message::MuteToggled),
        Instant::now(),
    );
    app.step(
        Message::InCall(in_call::Message::HangupPressed),
        Instant::now(),
    );
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Mute {
            call: CallId(9),
            muted: true
        }
    );
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Hangup { call: CallId(9) }
    );
}

#[test]
fn incoming_call_can_be_answered_and_becomes_a_call() {
    let (mut app, mut commands) = connected();
    event(
        &mut app,
        Event::IncomingCall {
            call: CallId(5),
            from: "sip:alice@127.0.0.1:5090".to_owned(),
            to: "sip:me@127.0.0.1:5060".to_owned(),
            account: None,
            contact: None,
        },
        Instant::now(),
    );
    assert!(matches!(&app.incoming, Some(s) if s.caller() == "sip:alice@127.0.0.1:5090"));

    app.step(Message::Incoming(incoming::Message::Answer), Instant::now());
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Answer { call: CallId(5) }
    );

    event(
        &mut app,
        Event::CallState {
            call: CallId(5),
            state: CallState::Established,
            direction: Direction::Incoming,
            remote: String::new(),
            contact: None,
            account: None,
        },
        Instant::now(),
    );
    assert_eq!(in_call(&app).remote(), "sip:alice@127.0.0.1:5090");
    assert_eq!(in_call(&app).timer_text().as_deref(), Some("0:00"));
}

#[test]
fn declined_incoming_call_returns_to_the_pages_with_the_reason() {
    let (mut app, mut commands) = connected();
    event(
        &mut app,
        Event::IncomingCall {
            call: CallId(5),
            from: "sip:alice@127.0.0.1:5090".to_owned(),
            to: String::new(),
            account: None,
            contact: None,
        },
        Instant::now(),
    );
    app.step(
        Message::Incoming(incoming::Message::Decline),
        Instant::now(),
    );
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Decline { call: CallId(5) }
    );
    event(
        &mut app,
        Event::CallEnded {
            call: CallId(5),
            reason: EndReason::Declined,
        },
        Instant::now(),
    );
    assert!(idle(&app));
    assert_eq!(
        app.notice.as_ref().unwrap().reason_text(),
        "The call was declined."
    );
}

#[test]
fn a_second_caller_during_a_call_is_declined_and_the_call_stays() {
    let (mut app, mut commands) = connected();
    event(
        &mut app,
        call_state(1, CallState::Established, Direction::Outgoing),
        Instant::now(),
    );
    event(
        &mut app,
        Event::IncomingCall {
            call: CallId(2),
            from: "sip:carol@host".to_owned(),
            to: String::new(),
            account: None,
            contact: None,
        },
        Instant::now(),
    );
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Decline { call: CallId(2) }
    );
    event(
        &mut app,
        Event::CallEnded {
            call: CallId(2),
            reason: EndReason::Declined,
        },
        Instant::now(),
    );
    assert_eq!(in_call(&app).call(), CallId(1));
    assert!(app.notice.is_none());
}

#[test]
fn engine_that_cannot_start_is_shown_and_calls_go_nowhere() {
    let mut app = bare_app();
    app.step(
        app.current_engine_says(EngineMessage::Failed(
            "cannot listen for SIP on 127.0.0.1:5060: Address in use".to_owned(),
        )),
        Instant::now(),
    );
    dial(&mut app, "sip:bob@127.0.0.1:5080");
    assert!(app.pending.is_empty());
    match &app.engine {
        EngineStatus::Failed(detail) => assert!(detail.contains("Address in use")),
        other => panic!("expected a failed engine, got {other:?}"),
    }
    // Closing the window leaves at once: there is no engine to wait for.
    assert_eq!(
        app.step(Message::CloseRequested, Instant::now()),
        Effect::Exit
    );
}

#[test]
fn closing_the_window_quits_the_engine_then_exits_when_it_stops() {
    let (mut app, mut commands) = connected();
    assert_eq!(
        app.step(Message::CloseRequested, Instant::now()),
        Effect::WaitForEngineToQuit
    );
    assert_eq!(commands.try_recv().unwrap(), Command::Quit);
    assert_eq!(
        event(&mut app, Event::Stopped, Instant::now()),
        Effect::Exit
    );
}

#[test]
fn engine_errors_are_shown_until_dismissed() {
    let (mut app, _commands) = connected();
    event(
        &mut app,
        Event::Error(ErrorInfo {
            code: "bad-command".to_owned(),
            key: "error-bad-command".to_owned(),
            detail: "unknown call 4".to_owned(),
        }),
        Instant::now(),
    );
    assert_eq!(
        app.error.as_deref(),
        Some("Something went wrong: unknown call 4")
    );
    app.step(Message::DismissError, Instant::now());
    assert!(app.error.is_none());
}

#[test]
fn the_search_field_gets_the_keyboard_when_the_window_opens() {
    let (mut app, _commands) = connected();
    assert_eq!(
        app.step(Message::WindowOpened, Instant::now()),
        Effect::FocusSearch
    );
}
