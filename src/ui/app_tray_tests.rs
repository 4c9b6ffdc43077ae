//! The desktop face's routing: links that dial, hiding to the tray, the tray's menu, and
//! what the tray is told. No bus and no window: messages in, state and commands out.

use super::desktop_routing::WindowOp;
use super::tests::config;
use super::*;
use crate::desktop::instance::Request;
use crate::desktop::tray_view::PhoneState;
use crate::ui::engine_link::EngineMessage;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

fn connected() -> (App, UnboundedReceiver<Command>) {
    let mut app = App::new(config(), Phonebook::empty(), CallLog::disabled());
    let (commands, received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    (app, received)
}

fn open(app: &mut App, link: &str) {
    app.step(
        Message::DesktopRequest(Request::Open(vec![link.to_owned()])),
        Instant::now(),
    );
}

fn dialled(commands: &mut UnboundedReceiver<Command>) -> Option<String> {
    match commands.try_recv() {
        Ok(Command::Dial { target, account }) => {
            assert_eq!(account, None, "links go out through the default account");
            Some(target)
        }
        Ok(other) => panic!("expected a dial, got {other:?}"),
        Err(_) => None,
    }
}

#[test]
fn links_dial_as_if_typed_through_the_default_account() {
    let (mut app, mut commands) = connected();
    open(&mut app, "tel:+49-30-123456");
    assert_eq!(dialled(&mut commands).as_deref(), Some("+4930123456"));
    assert_eq!(
        app.desktop.window_op,
        Some(WindowOp::Show { focus: true }),
        "the user clicked the link: the window comes up with the call"
    );
    app.call = None;
    open(&mut app, "callto:bob");
    assert_eq!(dialled(&mut commands).as_deref(), Some("bob"));
    open(&mut app, "sip:bob@example.com?subject=hi");
    assert_eq!(
        dialled(&mut commands).as_deref(),
        Some("sip:bob@example.com")
    );
}

#[test]
fn a_link_that_cannot_be_called_is_said_and_not_dialled() {
    let (mut app, mut commands) = connected();
    open(&mut app, "mailto:bob@example.com");
    assert_eq!(dialled(&mut commands), None);
    let error = app.error.clone().unwrap_or_default();
    assert!(error.contains("mailto:bob@example.com"), "{error}");
}

#[test]
fn links_given_before_the_engine_is_up_are_dialled_once_it_is() {
    let mut app = App::new(config(), Phonebook::empty(), CallLog::disabled());
    open(&mut app, "sip:bob@127.0.0.1:5080");
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    assert_eq!(
        dialled(&mut received).as_deref(),
        Some("sip:bob@127.0.0.1:5080")
    );
}

#[test]
fn closing_hides_in_the_tray_only_when_asked_and_a_tray_shows_the_icon() {
    let (mut app, mut commands) = connected();
    let mut settings = app.settings_panel.settings().clone();
    settings.general.close_to_tray = true;
    app.settings_panel.saved(settings);

    // No tray: hiding would leave no way back, so closing quits.
    app.desktop.tray_shown = false;
    assert_eq!(
        app.step(Message::CloseRequested, Instant::now()),
        Effect::WaitForEngineToQuit
    );
    assert_eq!(commands.try_recv().ok(), Some(Command::Quit));

    let (mut app, mut commands) = connected();
    let mut settings = app.settings_panel.settings().clone();
    settings.general.close_to_tray = true;
    app.settings_panel.saved(settings);
    app.desktop.tray_shown = true;
    assert_eq!(
        app.step(Message::CloseRequested, Instant::now()),
        Effect::None
    );
    assert_eq!(app.desktop.window_op, Some(WindowOp::Hide));
    assert!(!app.desktop.window_shown);
    assert!(commands.try_recv().is_err(), "the phone keeps running");
    assert!(!app.tray_state().window_shown);

    // The tray going away brings the window back, without taking the keyboard.
    app.desktop.window_op = None;
    app.step(Message::DesktopRequest(Request::TrayShown(false)), Instant::now());
    assert_eq!(app.desktop.window_op, Some(WindowOp::Show { focus: false }));
    assert!(app.desktop.window_shown);
}

#[test]
fn the_tray_menu_toggles_the_window_and_quits() {
    let (mut app, mut commands) = connected();
    app.desktop.tray_shown = true;
    app.step(Message::DesktopRequest(Request::ToggleWindow), Instant::now());
    assert_eq!(app.desktop.window_op, Some(WindowOp::Hide));
    app.step(Message::DesktopRequest(Request::ToggleWindow), Instant::now());
    assert_eq!(app.desktop.window_op, Some(WindowOp::Show { focus: true }));
    assert_eq!(
        app.step(Message::DesktopRequest(Request::Quit), Instant::now()),
        Effect::WaitForEngineToQuit
    );
    assert_eq!(commands.try_recv().ok(), Some(Command::Quit));
}

#[test]
fn an_incoming_call_never_brings_the_hidden_window_up() {
    let (mut app, _commands) = connected();
    app.desktop.tray_shown = true;
    app.step(Message::DesktopRequest(Request::ToggleWindow), Instant::now());
    app.desktop.window_op = None;
    app.step(
        app.current_engine_says(EngineMessage::Event(
            crate::engine::api::Event::IncomingCall {
                call: crate::engine::api::CallId(1),
                from: "sip:carol@127.0.0.1:5080".to_owned(),
                to: "sip:me@127.0.0.1".to_owned(),
                account: None,
                contact: None,
            },
        )),
        Instant::now(),
    );
    assert_eq!(app.desktop.window_op, None);
    let state = app.tray_state();
    assert!(
        state.ringing.is_some(),
        "the tray says who calls: {state:?}"
    );
}

#[test]
fn the_tray_sums_up_the_phone() {
    let (app, _commands) = connected();
    assert_eq!(app.tray_state().phone, PhoneState::PeerToPeer);
    let starting = App::new(config(), Phonebook::empty(), CallLog::disabled());
    assert_eq!(starting.tray_state().phone, PhoneState::Starting);
}
