//! The inhibit over D-Bus. First `org.freedesktop.ScreenSaver.Inhibit` on the session bus,
//! which GNOME, KDE, Xfce, Cinnamon and xscreensaver answer (GNOME and KDE also hold off
//! suspend on idle for it); its connection stays open while the inhibit is held: servers drop
//! an inhibit whose connection goes, so a crash never leaves the screen on. Where no screen
//! saver answers, a logind inhibitor lock on the system bus (`sleep:idle`, mode `block`): the
//! lock is a file descriptor logind hands us, held for the call and closed at its end (or by
//! the kernel when we die).

use super::inhibit::{next_inhibitor, CallsRunning, Change, Failure, Inhibitor, FIRST};
use crate::engine::api::Event;
use crate::ui::i18n::tr;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};

const SERVICE: &str = "org.freedesktop.ScreenSaver";
const PATH: &str = "/org/freedesktop/ScreenSaver";
const APPLICATION: &str = "Handset";
const LOGIN1: &str = "org.freedesktop.login1";
const LOGIN1_PATH: &str = "/org/freedesktop/login1";
const LOGIN1_MANAGER: &str = "org.freedesktop.login1.Manager";
/// Hold off suspend and the idle action (which may be suspend or lock), and block them rather
/// than only delay them: the call must not be cut.
const LOGIN1_WHAT: &str = "sleep:idle";
const LOGIN1_MODE: &str = "block";

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
enum Held {
    ScreenSaver {
        connection: zbus::Connection,
        cookie: u32,
    },
    /// Closing the descriptor releases the lock.
    Login1(zbus::zvariant::OwnedFd),
}

/// A failed attempt, with what went wrong to log.
struct Attempt {
    error: zbus::Error,
    /// Whether the bus itself was unreachable (so the service was never asked).
    no_bus: bool,
}

impl Attempt {
    fn failure(&self) -> Failure<'_> {
        match &self.error {
            _ if self.no_bus => Failure::NoBus,
            zbus::Error::MethodError(name, _, _) => Failure::Refused(name.as_str()),
            _ => Failure::Other,
        }
    }
}

async fn run(mut events: UnboundedReceiver<Event>) {
    let mut calls = CallsRunning::new();
    let mut held: Option<Held> = None;
    while let Some(event) = events.recv().await {
        match calls.observe(&event) {
            Some(Change::Hold) if held.is_none() => held = hold().await,
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

/// Try the inhibitors in turn (see `next_inhibitor`); `None` when none would hold.
async fn hold() -> Option<Held> {
    let mut inhibitor = FIRST;
    loop {
        let attempt = match inhibitor {
            Inhibitor::ScreenSaver => hold_screen_saver().await,
            Inhibitor::Login1 => hold_login1().await,
        };
        let failed = match attempt {
            Ok(granted) => return Some(granted),
            Err(failed) => failed,
        };
        tracing::info!("{inhibitor:?} not inhibited: {}", failed.error);
        inhibitor = next_inhibitor(inhibitor, failed.failure())?;
    }
}

async fn hold_screen_saver() -> Result<Held, Attempt> {
    let connection = zbus::Connection::session().await.map_err(|error| Attempt {
        error,
        no_bus: true,
    })?;
    let reason = tr("inhibit-call-reason");
    let granted = async {
        let reply = connection
            .call_method(
                Some(SERVICE),
                PATH,
                Some(SERVICE),
                "Inhibit",
                &(APPLICATION, reason.as_str()),
            )
            .await?;
        reply.body().deserialize::<u32>()
    };
    let cookie = granted.await.map_err(|error| Attempt {
        error,
        no_bus: false,
    })?;
    tracing::info!("screen saver inhibited during the call (cookie {cookie})");
    Ok(Held::ScreenSaver { connection, cookie })
}

async fn hold_login1() -> Result<Held, Attempt> {
    let connection = zbus::Connection::system().await.map_err(|error| Attempt {
        error,
        no_bus: true,
    })?;
    let reason = tr("inhibit-call-reason");
    let reply = connection
        .call_method(
            Some(LOGIN1),
            LOGIN1_PATH,
            Some(LOGIN1_MANAGER),
            "Inhibit",
            &(LOGIN1_WHAT, APPLICATION, reason.as_str(), LOGIN1_MODE),
        )
        .await
        .and_then(|reply| reply.body().deserialize::<zbus::zvariant::OwnedFd>())
        .map_err(|error| Attempt {
            error,
            no_bus: false,
        })?;
    tracing::info!("logind inhibitor lock ({LOGIN1_WHAT}) taken for the call");
    Ok(Held::Login1(reply))
}

async fn release(held: Held) {
    let (connection, cookie) = match held {
        Held::ScreenSaver { connection, cookie } => (connection, cookie),
        Held::Login1(lock) => {
            drop(lock);
            tracing::info!("logind inhibitor lock released");
            return;
        }
    };
    let done = connection
        .call_method(Some(SERVICE), PATH, Some(SERVICE), "UnInhibit", &(cookie))
        .await;
    match done {
        Ok(_) => tracing::info!("screen saver inhibit {cookie} released"),
        // Closing the connection below releases it anyway.
        Err(e) => tracing::warn!("screen saver inhibit {cookie} not released: {e}"),
    }
}
