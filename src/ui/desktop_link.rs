//! The desktop face (notifications, screen-saver inhibit, media keys, global shortcuts) runs
//! in iced's tokio executor, started by a subscription as the engine is: the stream starts it,
//! hands the application the handle to feed it events, then forwards what the user picks on a
//! notification and the global shortcuts' news.

use crate::desktop::global_shortcuts::{Shortcut, ShortcutsStatus};
use crate::desktop::inhibit::ScreenInhibit;
use crate::desktop::notifications::Notifications;
use crate::desktop::{GlobalShortcuts, MediaPlayer, ShortcutNews};
use crate::engine::api::{Command, Event};
use iced::futures::{SinkExt, Stream};
use iced::Subscription;
use tokio::sync::mpsc;

/// The window's handle on the desktop face.
#[derive(Debug, Clone)]
pub struct Desktop {
    notifications: Notifications,
    inhibit: ScreenInhibit,
    media_keys: MediaPlayer,
    shortcuts: GlobalShortcuts,
}

impl Desktop {
    /// Start the desktop face in the current tokio runtime; what the user picks on its
    /// notifications goes to `commands`, the global shortcuts' news to `shortcuts`.
    pub fn start(
        commands: mpsc::UnboundedSender<Command>,
        shortcuts: mpsc::UnboundedSender<ShortcutNews>,
    ) -> Desktop {
        Desktop {
            // The window sends the saved do-not-disturb and global shortcuts as soon as it
            // holds the handle.
            notifications: Notifications::start(commands.clone(), false),
            inhibit: ScreenInhibit::start(),
            media_keys: MediaPlayer::start(commands),
            shortcuts: GlobalShortcuts::start(shortcuts),
        }
    }

    /// An event from the engine, with the caller's contact name filled in.
    pub fn observe(&self, event: &Event) {
        self.notifications.observe(event);
        self.inhibit.observe(event);
        self.media_keys.observe(event);
    }

    pub fn set_do_not_disturb(&self, on: bool) {
        self.notifications.set_do_not_disturb(on);
    }

    /// Ask the desktop for the global shortcuts, or let them go.
    pub fn set_global_shortcuts(&self, on: bool) {
        self.shortcuts.set_enabled(on);
    }
}

#[derive(Debug, Clone)]
pub enum DesktopMessage {
    Started(Desktop),
    /// The user picked an action on a notification (Answer, Decline or Call back) or pressed
    /// a media key.
    Picked(Command),
    /// The user pressed a global shortcut's keys.
    Shortcut(Shortcut),
    /// The global shortcuts now stand so.
    ShortcutsStatus(ShortcutsStatus),
}

pub fn subscription() -> Subscription<DesktopMessage> {
    Subscription::run(desktop_stream)
}

fn desktop_stream() -> impl Stream<Item = DesktopMessage> {
    iced::stream::channel(16, async move |mut output| {
        let (commands, mut picked) = mpsc::unbounded_channel();
        let (shortcuts, mut news) = mpsc::unbounded_channel();
        let desktop = Desktop::start(commands, shortcuts);
        if output.send(DesktopMessage::Started(desktop)).await.is_ok() {
            loop {
                let message = tokio::select! {
                    Some(command) = picked.recv() => DesktopMessage::Picked(command),
                    Some(news) = news.recv() => match news {
                        ShortcutNews::Pressed(shortcut) => DesktopMessage::Shortcut(shortcut),
                        ShortcutNews::Status(status) => DesktopMessage::ShortcutsStatus(status),
                    },
                    else => break,
                };
                if output.send(message).await.is_err() {
                    break;
                }
            }
        }
        std::future::pending::<()>().await;
    })
}
