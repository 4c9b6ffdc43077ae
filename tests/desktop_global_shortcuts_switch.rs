//! Switching the global shortcuts off lets the desktop's portal go of them, switching them on
//! again binds them afresh, and a cancelled dialog is told apart: Handset's desktop face
//! (`handset::desktop::GlobalShortcuts`, what the window's Settings → General switch drives)
//! against a GlobalShortcuts portal of our own on a private session bus. One test in this
//! binary: it points the process's session bus at the private one.

mod common;
mod desktop_notifications_support;
mod global_shortcuts_support;
#[allow(unused)]
mod gui_support;

use common::scratch::Scratch;
use desktop_notifications_support::{SessionBus, BOUND};
use global_shortcuts_support::{seen, Portal};
use handset::desktop::global_shortcuts::{Shortcut, ShortcutsStatus};
use handset::desktop::{GlobalShortcuts, ShortcutNews};
use tokio::sync::mpsc::UnboundedReceiver;

/// The next news from the shortcuts, within the liveness bound.
fn next(
    runtime: &tokio::runtime::Runtime,
    news: &mut UnboundedReceiver<ShortcutNews>,
) -> ShortcutNews {
    runtime
        .block_on(async { tokio::time::timeout(BOUND, news.recv()).await })
        .expect("news from the shortcuts in time")
        .expect("the shortcuts still run")
}

fn wait_for_status(
    runtime: &tokio::runtime::Runtime,
    news: &mut UnboundedReceiver<ShortcutNews>,
    wanted: impl Fn(&ShortcutsStatus) -> bool,
) -> ShortcutsStatus {
    loop {
        if let ShortcutNews::Status(status) = next(runtime, news) {
            if wanted(&status) {
                return status;
            }
        }
    }
}

#[test]
fn off_closes_the_portal_session_and_on_binds_the_shortcuts_again() {
    let scratch = Scratch::new("global-shortcuts-switch");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let portal = Portal::start(&bus);
    // The only test in this process, so nothing else reads the variable meanwhile.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let (sender, mut news) = tokio::sync::mpsc::unbounded_channel();
    let shortcuts = runtime.block_on(async { GlobalShortcuts::start(sender) });

    shortcuts.set_enabled(true);
    let bound = wait_for_status(&runtime, &mut news, |s| {
        matches!(s, ShortcutsStatus::Bound(_))
    });
    let ShortcutsStatus::Bound(bound) = bound else {
        unreachable!()
    };
    let triggers: Vec<(Shortcut, &str)> = bound
        .iter()
        .map(|b| (b.shortcut, b.trigger.as_str()))
        .collect();
    assert_eq!(
        triggers,
        [
            (Shortcut::Answer, "Ctrl+Alt+a"),
            (Shortcut::HangUp, "Ctrl+Alt+h"),
            (Shortcut::ToggleMute, "Ctrl+Alt+m"),
        ],
        "the keys the desktop reported"
    );
    shortcuts.set_enabled(true);
    portal.press("hangup");
    assert_eq!(
        next(&runtime, &mut news),
        ShortcutNews::Pressed(Shortcut::HangUp),
        "saying on again changes nothing"
    );
    portal.press("not-ours");
    portal.press("mute");
    assert_eq!(
        next(&runtime, &mut news),
        ShortcutNews::Pressed(Shortcut::ToggleMute),
        "an id that is not ours is ignored"
    );

    shortcuts.set_enabled(false);
    wait_for_status(&runtime, &mut news, |s| *s == ShortcutsStatus::Off);
    seen(&portal.seen, |seen| {
        assert_eq!(seen.sessions_closed, 1, "the session was closed");
        assert_eq!(seen.sessions_created, 1);
    });

    shortcuts.set_enabled(true);
    wait_for_status(&runtime, &mut news, |s| {
        matches!(s, ShortcutsStatus::Bound(_))
    });
    assert_eq!(seen(&portal.seen, |seen| seen.sessions_created), 2);
    portal.press("answer");
    assert_eq!(
        next(&runtime, &mut news),
        ShortcutNews::Pressed(Shortcut::Answer),
        "the new session's keys work"
    );

    // The user cancels the desktop's dialog: the settings page hears the desktop said no.
    portal
        .seen
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .cancel_bind = true;
    shortcuts.set_enabled(false);
    wait_for_status(&runtime, &mut news, |s| *s == ShortcutsStatus::Off);
    shortcuts.set_enabled(true);
    wait_for_status(&runtime, &mut news, |s| *s == ShortcutsStatus::Refused);
}
