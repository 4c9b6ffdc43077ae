//! A GlobalShortcuts portal of our own (`org.freedesktop.portal.GlobalShortcuts`, version 1),
//! served on a private session bus as xdg-desktop-portal serves it: the interface at
//! `/org/freedesktop/portal/desktop` under the name `org.freedesktop.portal.Desktop`, a
//! Request object for each call whose `Response` signal carries the answer, a Session object,
//! and the host registry a program outside Flatpak names itself to. Its "user" takes the keys
//! suggested; the test presses them by emitting `Activated`.

#![allow(dead_code)] // each test file uses a different part

use crate::desktop_notifications_support::{SessionBus, BOUND};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use zbus::message::Header;
use zbus::object_server::ObjectServer;
use zbus::zvariant::{ObjectPath, OwnedObjectPath, OwnedValue, Value};

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";
const SHORTCUTS: &str = "org.freedesktop.portal.GlobalShortcuts";

/// One shortcut as the window asked for it: id, description, preferred trigger.
pub type Asked = (String, String, String);

/// What the portal was asked.
#[derive(Debug, Default)]
pub struct Seen {
    pub registered: Vec<String>,
    pub sessions_created: usize,
    pub session: Option<OwnedObjectPath>,
    pub bound: Vec<Asked>,
    pub sessions_closed: usize,
    /// The user cancels the desktop's dialog: BindShortcuts answers 1 (cancelled).
    pub cancel_bind: bool,
}

pub type Shared = Arc<Mutex<Seen>>;

pub fn seen<T>(shared: &Shared, read: impl FnOnce(&Seen) -> T) -> T {
    read(&shared.lock().unwrap_or_else(|e| e.into_inner()))
}

fn text(options: &HashMap<String, OwnedValue>, key: &str) -> String {
    options
        .get(key)
        .and_then(|value| String::try_from(value.clone()).ok())
        .unwrap_or_default()
}

/// `:1.42` → `1_42`, as the portal names a caller in its object paths.
fn caller(header: &Header<'_>) -> String {
    header
        .sender()
        .map(|name| name.trim_start_matches(':').replace('.', "_"))
        .unwrap_or_default()
}

/// Answers a request the way the portal does: the Request object first, then its
/// `Response` signal once the method has returned the object's path.
async fn respond(
    server: &ObjectServer,
    connection: &zbus::Connection,
    request: String,
    code: u32,
    results: HashMap<&'static str, Value<'static>>,
) -> zbus::fdo::Result<OwnedObjectPath> {
    server.at(request.as_str(), Request).await?;
    let path = OwnedObjectPath::try_from(request.as_str())
        .map_err(|e| zbus::fdo::Error::InvalidArgs(e.to_string()))?;
    let connection = connection.clone();
    tokio::spawn(async move {
        let sent = connection
            .emit_signal(
                None::<()>,
                request.as_str(),
                "org.freedesktop.portal.Request",
                "Response",
                &(code, results),
            )
            .await;
        if let Err(e) = sent {
            eprintln!("the fake portal could not answer {request}: {e}");
        }
    });
    Ok(path)
}

/// `org.freedesktop.portal.GlobalShortcuts`, version 1.
struct GlobalShortcuts {
    seen: Shared,
}

#[zbus::interface(name = "org.freedesktop.portal.GlobalShortcuts")]
impl GlobalShortcuts {
    async fn create_session(
        &self,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: Header<'_>,
        #[zbus(object_server)] server: &ObjectServer,
        #[zbus(connection)] connection: &zbus::Connection,
    ) -> zbus::fdo::Result<OwnedObjectPath> {
        let who = caller(&header);
        let request = format!(
            "{PORTAL_PATH}/request/{who}/{}",
            text(&options, "handle_token")
        );
        let session = format!(
            "{PORTAL_PATH}/session/{who}/{}",
            text(&options, "session_handle_token")
        );
        server
            .at(
                session.as_str(),
                Session {
                    seen: Arc::clone(&self.seen),
                },
            )
            .await?;
        {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            seen.sessions_created += 1;
            seen.session = OwnedObjectPath::try_from(session.as_str()).ok();
        }
        // A string, as the specification has it.
        let results = HashMap::from([("session_handle", Value::from(session))]);
        respond(server, connection, request, 0, results).await
    }

    // The portal's four arguments, plus what zbus hands an implementation.
    #[allow(clippy::too_many_arguments)]
    async fn bind_shortcuts(
        &self,
        session: OwnedObjectPath,
        shortcuts: Vec<(String, HashMap<String, OwnedValue>)>,
        _parent_window: String,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: Header<'_>,
        #[zbus(object_server)] server: &ObjectServer,
        #[zbus(connection)] connection: &zbus::Connection,
    ) -> zbus::fdo::Result<OwnedObjectPath> {
        let known = seen(&self.seen, |seen| seen.session.as_ref() == Some(&session));
        if !known {
            return Err(zbus::fdo::Error::InvalidArgs(format!(
                "no session {session}"
            )));
        }
        let asked: Vec<Asked> = shortcuts
            .iter()
            .map(|(id, details)| {
                (
                    id.clone(),
                    text(details, "description"),
                    text(details, "preferred_trigger"),
                )
            })
            .collect();
        // The desktop's dialog: the user takes the suggested keys, written its own way.
        let bound: Vec<(String, HashMap<&str, Value>)> = asked
            .iter()
            .map(|(id, description, trigger)| {
                let details = HashMap::from([
                    ("description", Value::from(description.clone())),
                    (
                        "trigger_description",
                        Value::from(trigger.replace("CTRL", "Ctrl").replace("ALT", "Alt")),
                    ),
                ]);
                (id.clone(), details)
            })
            .collect();
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).bound = asked;
        let request = format!(
            "{PORTAL_PATH}/request/{}/{}",
            caller(&header),
            text(&options, "handle_token")
        );
        let results = HashMap::from([("shortcuts", Value::from(bound))]);
        let code = if seen(&self.seen, |seen| seen.cancel_bind) {
            1
        } else {
            0
        };
        respond(server, connection, request, code, results).await
    }

    /// Lower case, as xdg-desktop-portal names it.
    #[zbus(property, name = "version")]
    fn version(&self) -> u32 {
        1
    }
}

/// `org.freedesktop.host.portal.Registry`: how a program outside Flatpak names itself.
struct Registry {
    seen: Shared,
}

#[zbus::interface(name = "org.freedesktop.host.portal.Registry")]
impl Registry {
    fn register(&self, app_id: String, _options: HashMap<String, OwnedValue>) {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .registered
            .push(app_id);
    }
}

/// `org.freedesktop.portal.Request`: each call's answer comes from one.
struct Request;

#[zbus::interface(name = "org.freedesktop.portal.Request")]
impl Request {
    fn close(&self) {}
}

/// `org.freedesktop.portal.Session`: the shortcuts live as long as it does.
struct Session {
    seen: Shared,
}

#[zbus::interface(name = "org.freedesktop.portal.Session")]
impl Session {
    fn close(&self) {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .sessions_closed += 1;
    }
}

/// The fake portal, on its own runtime, owning the portal's name on the private bus.
pub struct Portal {
    runtime: tokio::runtime::Runtime,
    connection: zbus::Connection,
    pub seen: Shared,
}

impl Portal {
    pub fn start(bus: &SessionBus) -> Portal {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the portal");
        let seen = Shared::default();
        let connection = runtime
            .block_on(async {
                zbus::connection::Builder::address(bus.address.as_str())?
                    .serve_at(
                        PORTAL_PATH,
                        GlobalShortcuts {
                            seen: Arc::clone(&seen),
                        },
                    )?
                    .serve_at(
                        PORTAL_PATH,
                        Registry {
                            seen: Arc::clone(&seen),
                        },
                    )?
                    .name(PORTAL)?
                    .build()
                    .await
            })
            .expect("serve the GlobalShortcuts portal on the private bus");
        Portal {
            runtime,
            connection,
            seen,
        }
    }

    /// Waits until Handset has bound its shortcuts, and returns them; `alive` fails the test
    /// (with Handset's output) if Handset has gone.
    pub fn wait_for_bind(&self, mut alive: impl FnMut() -> String) -> Vec<Asked> {
        let deadline = Instant::now() + BOUND;
        loop {
            let context = alive();
            let bound = seen(&self.seen, |seen| seen.bound.clone());
            if !bound.is_empty() {
                return bound;
            }
            assert!(
                Instant::now() < deadline,
                "Handset bound no shortcuts; its output:\n{context}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// What the desktop sends when the user presses the keys of `id`.
    pub fn press(&self, id: &str) {
        let session = seen(&self.seen, |seen| seen.session.clone()).expect("a session");
        self.runtime
            .block_on(self.connection.emit_signal(
                None::<()>,
                PORTAL_PATH,
                SHORTCUTS,
                "Activated",
                &(
                    ObjectPath::from(&session),
                    id,
                    0u64,
                    HashMap::<&str, Value>::new(),
                ),
            ))
            .expect("emit Activated");
    }
}
