//! The screen-saver inhibit over the session bus: `org.freedesktop.ScreenSaver.Inhibit`,
//! which GNOME, KDE, Xfce, Cinnamon and xscreensaver answer (GNOME and KDE also hold off
//! suspend on idle for it). The connection stays open while the inhibit is held: servers
//! drop an inhibit whose connection goes, so a crash never leaves the screen on.

use super::inhibit::{CallsRunning, Change};
use crate::engine::api::Event;
use crate::ui::i18n::tr;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};

const SERVICE: &str = "org.freedesktop.ScreenSaver";
const PATH: &str = "/org/freedesktop/ScreenSaver";
const APPLICATION: &str = "Handset";

/// Keeps the screen awake during calls. Dropping it lets go of any inhibit held.
#[derive(Debug, Clone)]
pub struct ScreenInhibit {
    events: UnboundedSender<Event>,
}

impl ScreenInhibit {
    /// Start in the current tokio runtime.
    pub fn start() -> ScreenInhibit {
        let (events, received) = mpsc::unbounded_channel();
        tokio::spawn(run(received));
        ScreenInhibit { events }
    }

    /// Hand over an event from the engine.
    pub fn observe(&self, event: &Event) {
        if matches!(
            event,
            Event::CallState { .. } | Event::CallEnded { .. } | Event::Stopped
        ) {
            let _ = self.events.send(event.clone());
        }
    }
}

/// An inhibit the desktop granted.
struct Held {
    connection: zbus::Connection,
    cookie: u32,
}

async fn run(mut events: UnboundedReceiver<Event>) {
    let mut calls = CallsRunning::new();
    let mut held: Option<Held> = None;
    while let Some(event) = events.recv().await {
        match calls.observe(&event) {
            Some(Change::Hold) if held.is_none() => match hold().await {
                Ok(granted) => held = Some(granted),
                // No screen saver on this desktop (or no session bus): nothing to hold off.
                Err(e) => tracing::info!("screen saver not inhibited: {e}"),
            },
            Some(Change::Release) => {
                if let Some(granted) = held.take() {
                    release(granted).await;
                }
            }
            _ => {}
        }
    }
    if let Some(granted) = held.take() {
        release(granted).await;
    }
}

async fn hold() -> zbus::Result<Held> {
    let connection = zbus::Connection::session().await?;
    let reason = tr("inhibit-call-reason");
    let reply = connection
        .call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "Inhibit",
            &(APPLICATION, reason.as_str()),
        )
        .await?;
    let cookie: u32 = reply.body().deserialize()?;
    tracing::info!("screen saver inhibited during the call (cookie {cookie})");
    Ok(Held { connection, cookie })
}

async fn release(held: Held) {
    let done = held
        .connection
        .call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "UnInhibit",
            &(held.cookie),
        )
        .await;
    match done {
        Ok(_) => tracing::info!("screen saver inhibit {} released", held.cookie),
        // Closing the connection below releases it anyway.
        Err(e) => tracing::warn!("screen saver inhibit {} not released: {e}", held.cookie),
    }
}
