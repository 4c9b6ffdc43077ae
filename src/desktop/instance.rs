//! One Handset per desktop session, reached over D-Bus.
//!
//! The first Handset owns the bus name `org.handset.Handset` and serves
//! `org.freedesktop.Application` (what GApplication and desktop launchers speak) at
//! `/org/handset/Handset`: `Activate` shows the window, `Open` dials a `sip:`, `sips:`,
//! `tel:` or `callto:` link, `ActivateAction` runs one of the tray's actions. A second
//! `handset` (a click on a link, the launcher again) finds the name taken, hands its link to
//! the first over the same interface, and exits. D-Bus activation starts
//! `handset --gapplication-service`, which takes the name and waits for the call.
//!
//! The bus connection lives on a thread of its own with a small runtime, so it is up before
//! the window (a second instance must leave before opening one) and outlives nothing: the
//! window reads [`Request`]s from it, and the tray is served from the same thread.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use zbus::zvariant::OwnedValue;

/// The application's bus name and ID.
pub const BUS_NAME: &str = "org.handset.Handset";
/// Where `org.freedesktop.Application` is served.
pub const OBJECT_PATH: &str = "/org/handset/Handset";
/// A running Handset that does not answer a hand-off within this long is taken as hung.
const HAND_OFF_BOUND: Duration = Duration::from_secs(25);

/// What the desktop (a second start, a link, the tray) asks of the running window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Show the window and bring it forward: the user started Handset again.
    Activate,
    /// Call the first of these links that can be called (see [`super::instance_uri`]).
    Open(Vec<String>),
    /// Hide the window if it is shown, else show it (the tray's click and its Show/Hide).
    ToggleWindow,
    /// Switch do-not-disturb on or off (the tray's check box).
    DoNotDisturb(bool),
    /// Quit Handset (the tray's Quit).
    Quit,
    /// Whether a tray (a StatusNotifierWatcher) shows our icon; without one, hiding the
    /// window would leave the user no way back to it.
    TrayShown(bool),
}

/// How starting went for this process.
pub enum Claim {
    /// We are the one Handset of the session.
    Primary(Instance),
    /// Another Handset runs and took our link (or was asked to show itself): exit.
    HandedOff,
    /// No session bus: run on our own, without single-instance or tray.
    NoBus(String),
    /// Another Handset owns the name but did not take the hand-off.
    Failed(String),
}

/// The D-Bus side of the running Handset.
pub struct Instance {
    runtime: tokio::runtime::Handle,
    sender: UnboundedSender<Request>,
    requests: Arc<Mutex<Option<UnboundedReceiver<Request>>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Instance {
    /// Where requests arrive; the window takes the receiver once.
    pub fn requests(&self) -> Arc<Mutex<Option<UnboundedReceiver<Request>>>> {
        self.requests.clone()
    }

    /// A sender into the same queue, for the tray.
    pub fn sender(&self) -> UnboundedSender<Request> {
        self.sender.clone()
    }

    /// The runtime the bus connection runs on; the tray is spawned there.
    pub fn runtime(&self) -> &tokio::runtime::Handle {
        &self.runtime
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Become the session's Handset, or hand `links` to the one that runs (`Activate` when
/// there are none). Blocks until the bus has answered.
pub fn claim(links: &[String]) -> Claim {
    let (answer, answered) = std::sync::mpsc::channel();
    let links = links.to_vec();
    let spawned = std::thread::Builder::new()
        .name("handset-desktop".to_owned())
        .spawn(move || run_bus_thread(links, answer));
    let thread = match spawned {
        Ok(thread) => thread,
        Err(e) => return Claim::NoBus(format!("cannot start the D-Bus thread: {e}")),
    };
    match answered.recv() {
        Ok(Outcome::Primary {
            runtime,
            sender,
            receiver,
            stop,
        }) => Claim::Primary(Instance {
            runtime,
            sender,
            requests: Arc::new(Mutex::new(Some(receiver))),
            stop: Some(stop),
            thread: Some(thread),
        }),
        Ok(Outcome::HandedOff) => {
            let _ = thread.join();
            Claim::HandedOff
        }
        Ok(Outcome::NoBus(why)) => {
            let _ = thread.join();
            Claim::NoBus(why)
        }
        Ok(Outcome::Failed(why)) => {
            let _ = thread.join();
            Claim::Failed(why)
        }
        Err(_) => Claim::NoBus("the D-Bus thread stopped".to_owned()),
    }
}

enum Outcome {
    Primary {
        runtime: tokio::runtime::Handle,
        sender: UnboundedSender<Request>,
        receiver: UnboundedReceiver<Request>,
        stop: tokio::sync::oneshot::Sender<()>,
    },
    HandedOff,
    NoBus(String),
    Failed(String),
}

fn run_bus_thread(links: Vec<String>, answer: std::sync::mpsc::Sender<Outcome>) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let _ = answer.send(Outcome::NoBus(format!("cannot start a runtime: {e}")));
            return;
        }
    };
    runtime.block_on(async move {
        let (sender, receiver) = unbounded_channel();
        let connection = match serve(sender.clone()).await {
            Ok(connection) => connection,
            Err(e) => {
                let _ = answer.send(Outcome::NoBus(e.to_string()));
                return;
            }
        };
        match connection
            .request_name_with_flags(BUS_NAME, zbus::fdo::RequestNameFlags::DoNotQueue.into())
            .await
        {
            Ok(_) => {
                let (stop, stopped) = tokio::sync::oneshot::channel();
                let outcome = Outcome::Primary {
                    runtime: tokio::runtime::Handle::current(),
                    sender,
                    receiver,
                    stop,
                };
                if answer.send(outcome).is_ok() {
                    // Serve until the window goes; the connection and the tray run here.
                    let _ = stopped.await;
                }
            }
            Err(zbus::Error::NameTaken) => {
                let handed =
                    tokio::time::timeout(HAND_OFF_BOUND, hand_off(&connection, &links)).await;
                let outcome = match handed {
                    Ok(Ok(())) => Outcome::HandedOff,
                    Ok(Err(e)) => Outcome::Failed(format!("the running Handset refused: {e}")),
                    Err(_) => Outcome::Failed(format!(
                        "the running Handset did not answer within {} s",
                        HAND_OFF_BOUND.as_secs()
                    )),
                };
                let _ = answer.send(outcome);
            }
            Err(e) => {
                let _ = answer.send(Outcome::NoBus(format!("cannot take {BUS_NAME}: {e}")));
            }
        }
    });
}

/// A session-bus connection serving `org.freedesktop.Application`.
async fn serve(sender: UnboundedSender<Request>) -> zbus::Result<zbus::Connection> {
    zbus::connection::Builder::session()?
        .serve_at(OBJECT_PATH, ApplicationService { sender })?
        .build()
        .await
}

/// Gives the links (or, with none, the wish to see the window) to the running Handset.
async fn hand_off(connection: &zbus::Connection, links: &[String]) -> zbus::Result<()> {
    let running = ApplicationProxy::new(connection).await?;
    let no_platform_data = HashMap::new();
    if links.is_empty() {
        running.activate(no_platform_data).await
    } else {
        let links: Vec<&str> = links.iter().map(String::as_str).collect();
        running.open(&links, no_platform_data).await
    }
}

/// `org.freedesktop.Application`, as the Desktop Entry Specification defines it for
/// D-Bus-activatable applications.
struct ApplicationService {
    sender: UnboundedSender<Request>,
}

#[zbus::interface(name = "org.freedesktop.Application")]
impl ApplicationService {
    fn activate(&self, _platform_data: HashMap<String, OwnedValue>) {
        let _ = self.sender.send(Request::Activate);
    }

    fn open(&self, uris: Vec<String>, _platform_data: HashMap<String, OwnedValue>) {
        let _ = self.sender.send(Request::Open(uris));
    }

    /// The actions are the tray's: `show` (also what a launcher's plain start does), `quit`.
    fn activate_action(
        &self,
        action_name: String,
        _parameter: Vec<OwnedValue>,
        _platform_data: HashMap<String, OwnedValue>,
    ) -> zbus::fdo::Result<()> {
        let request = match action_name.as_str() {
            "show" => Request::Activate,
            "quit" => Request::Quit,
            _ => {
                return Err(zbus::fdo::Error::InvalidArgs(format!(
                    "no action {action_name:?}; there are: show, quit"
                )))
            }
        };
        let _ = self.sender.send(request);
        Ok(())
    }
}

#[zbus::proxy(
    interface = "org.freedesktop.Application",
    default_service = "org.handset.Handset",
    default_path = "/org/handset/Handset"
)]
trait Application {
    fn activate(&self, platform_data: HashMap<&str, zbus::zvariant::Value<'_>>)
        -> zbus::Result<()>;

    fn open(
        &self,
        uris: &[&str],
        platform_data: HashMap<&str, zbus::zvariant::Value<'_>>,
    ) -> zbus::Result<()>;
}
