//! The XDG GlobalShortcuts portal (`org.freedesktop.portal.GlobalShortcuts`, version 1) on
//! the session bus. The portal answers each call with a Request object and gives the result
//! later, in that object's `Response` signal (the user may be looking at a dialog), so each
//! step subscribes to the signal before asking. The steps: `CreateSession`, then
//! `BindShortcuts` with our three shortcuts, then the session's `Activated` signals for as
//! long as the shortcuts are on. Switching them off closes the session; so does closing the
//! connection, which is how the portal learns that Handset went away.
//!
//! Where no portal answers (no desktop session, or a desktop without global shortcuts) one
//! info line says so and the status tells the settings page; nothing else changes.

use super::global_shortcuts::{bound, Shortcut, ShortcutsStatus};
use crate::ui::i18n::tr;
use futures_util::StreamExt;
use std::collections::HashMap;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;
use zbus::zvariant::{ObjectPath, OwnedObjectPath, OwnedValue, Value};

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";
const SHORTCUTS: &str = "org.freedesktop.portal.GlobalShortcuts";
const REQUEST: &str = "org.freedesktop.portal.Request";
const SESSION: &str = "org.freedesktop.portal.Session";
/// Tells the portal which application a host (non-Flatpak) program is, before anything
/// else on the connection: desktops file the keys under it.
const REGISTRY: &str = "org.freedesktop.host.portal.Registry";
const APP_ID: &str = "org.handset.Handset";

/// What the shortcuts tell the face that started them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShortcutNews {
    /// The user pressed the keys of this shortcut.
    Pressed(Shortcut),
    /// The shortcuts now stand so.
    Status(ShortcutsStatus),
}

/// The handle on the global shortcuts: switch them on and off; presses and the status go to
/// the sender given to [`GlobalShortcuts::start`]. Dropping every handle ends them.
#[derive(Debug, Clone)]
pub struct GlobalShortcuts {
    wanted: std::sync::Arc<watch::Sender<bool>>,
}

impl GlobalShortcuts {
    /// Start, switched off, in the current tokio runtime.
    pub fn start(news: UnboundedSender<ShortcutNews>) -> GlobalShortcuts {
        let (wanted, watched) = watch::channel(false);
        tokio::spawn(run(watched, news));
        GlobalShortcuts {
            wanted: std::sync::Arc::new(wanted),
        }
    }

    /// Ask the desktop for the shortcuts, or let them go. Saying the same again does
    /// nothing: the desktop is not asked twice.
    pub fn set_enabled(&self, on: bool) {
        self.wanted.send_if_modified(|wanted| {
            let changed = *wanted != on;
            *wanted = on;
            changed
        });
    }
}

/// Why the portal gave no shortcuts.
#[derive(Debug, thiserror::Error)]
enum NotBound {
    #[error("no session bus: {0}")]
    NoBus(zbus::Error),
    #[error("the desktop has no GlobalShortcuts portal: {0}")]
    NoPortal(zbus::Error),
    #[error("the portal said no to {step} (response {code})")]
    Refused { step: &'static str, code: u32 },
    #[error("the portal's answer to {step} was not understood")]
    BadAnswer { step: &'static str },
    #[error("the portal failed: {0}")]
    Bus(#[from] zbus::Error),
}

impl NotBound {
    fn status(&self) -> ShortcutsStatus {
        match self {
            NotBound::NoBus(_) | NotBound::NoPortal(_) => ShortcutsStatus::Unavailable,
            _ => ShortcutsStatus::Refused,
        }
    }
}

/// A session the portal bound our shortcuts in.
struct Session {
    connection: zbus::Connection,
    handle: OwnedObjectPath,
    activated: zbus::MessageStream,
}

async fn run(mut wanted: watch::Receiver<bool>, news: UnboundedSender<ShortcutNews>) {
    let tell = |status| {
        let _ = news.send(ShortcutNews::Status(status));
    };
    loop {
        while !*wanted.borrow_and_update() {
            if wanted.changed().await.is_err() {
                return;
            }
        }
        tell(ShortcutsStatus::Binding);
        let opened = tokio::select! {
            opened = open() => opened,
            // Switched off while the desktop was asked: dropping the half-made session's
            // connection withdraws the request.
            changed = wanted.changed() => {
                if changed.is_err() {
                    return;
                }
                tell(ShortcutsStatus::Off);
                continue;
            }
        };
        let mut session = match opened {
            Ok((session, status)) => {
                tracing::info!("global shortcuts bound: {status:?}");
                tell(status);
                session
            }
            Err(e) => {
                tracing::info!("no global shortcuts: {e}");
                tell(e.status());
                if wanted.changed().await.is_err() {
                    return;
                }
                tell(ShortcutsStatus::Off);
                continue;
            }
        };
        if keep(&mut session, &mut wanted, &news).await.is_err() {
            close(&session).await;
            return;
        }
        if *wanted.borrow() {
            // The bus went while the shortcuts were wanted: wait to be asked again.
            tell(ShortcutsStatus::Unavailable);
            if wanted.changed().await.is_err() {
                return;
            }
        } else {
            close(&session).await;
            tell(ShortcutsStatus::Off);
        }
    }
}

/// Passes the session's presses on until the shortcuts are switched off (`Ok`, wanted now
/// false) or the bus goes (`Ok`, still wanted); `Err` when every handle is gone.
async fn keep(
    session: &mut Session,
    wanted: &mut watch::Receiver<bool>,
    news: &UnboundedSender<ShortcutNews>,
) -> Result<(), watch::error::RecvError> {
    loop {
        tokio::select! {
            signal = session.activated.next() => match signal {
                Some(Ok(message)) => {
                    if let Some(shortcut) = activated(&message, &session.handle) {
                        tracing::debug!("global shortcut {} pressed", shortcut.id());
                        let _ = news.send(ShortcutNews::Pressed(shortcut));
                    }
                }
                Some(Err(_)) => {}
                None => {
                    tracing::info!("global shortcuts lost: the session bus went away");
                    return Ok(());
                }
            },
            changed = wanted.changed() => {
                changed?;
                if !*wanted.borrow() {
                    return Ok(());
                }
            }
        }
    }
}

/// The shortcut an `Activated` signal names, when it is for our session.
fn activated(message: &zbus::Message, session: &OwnedObjectPath) -> Option<Shortcut> {
    let body = message.body();
    let (handle, id, _timestamp, _options): (
        OwnedObjectPath,
        String,
        u64,
        HashMap<String, OwnedValue>,
    ) = body.deserialize().ok()?;
    (&handle == session).then_some(())?;
    Shortcut::from_id(&id)
}

async fn open() -> Result<(Session, ShortcutsStatus), NotBound> {
    let connection = zbus::Connection::session().await.map_err(NotBound::NoBus)?;
    register_app(&connection).await;
    let version = connection
        .call_method(
            Some(PORTAL),
            PORTAL_PATH,
            Some("org.freedesktop.DBus.Properties"),
            "Get",
            &(SHORTCUTS, "version"),
        )
        .await
        .map_err(NotBound::NoPortal)?;
    tracing::debug!(
        "GlobalShortcuts portal version {:?}",
        version.body().deserialize::<OwnedValue>().ok()
    );
    // Subscribed before the first call, so no signal can slip by; the session is known
    // only later, so the signals are sorted out as they come.
    let activated = subscribe(&connection, SHORTCUTS, "Activated", Some(PORTAL_PATH)).await?;
    let mut tokens = Tokens::new();

    let (request, session_token) = (tokens.next(), tokens.next());
    let options = HashMap::from([
        ("handle_token", Value::from(request.as_str())),
        ("session_handle_token", Value::from(session_token.as_str())),
    ]);
    let results = ask(&connection, "CreateSession", &request, &(options,)).await?;
    let handle = results
        .get("session_handle")
        .and_then(|value| session_handle(value))
        .ok_or(NotBound::BadAnswer {
            step: "CreateSession",
        })?;

    let request = tokens.next();
    let shortcuts: Vec<(&str, HashMap<&str, Value>)> = Shortcut::ALL
        .into_iter()
        .map(|shortcut| {
            let described = HashMap::from([
                ("description", Value::from(tr(shortcut.description_key()))),
                (
                    "preferred_trigger",
                    Value::from(shortcut.preferred_trigger()),
                ),
            ]);
            (shortcut.id(), described)
        })
        .collect();
    let options = HashMap::from([("handle_token", Value::from(request.as_str()))]);
    let body = (ObjectPath::from(&handle), shortcuts, "", options);
    let results = ask(&connection, "BindShortcuts", &request, &body).await?;
    let reported = results
        .get("shortcuts")
        .map(|value| reported_shortcuts(value))
        .unwrap_or_default();
    let status = ShortcutsStatus::Bound(bound(&reported));
    Ok((
        Session {
            connection,
            handle,
            activated,
        },
        status,
    ))
}

/// Says who we are to the portal; older portals have no registry, which is fine.
async fn register_app(connection: &zbus::Connection) {
    let options: HashMap<&str, Value> = HashMap::new();
    let registered = connection
        .call_method(
            Some(PORTAL),
            PORTAL_PATH,
            Some(REGISTRY),
            "Register",
            &(APP_ID, options),
        )
        .await;
    if let Err(e) = registered {
        tracing::debug!("not registered with the portal as {APP_ID}: {e}");
    }
}

/// One portal call in the Request/Response way: subscribe to the request's `Response`,
/// make the call, then wait for the answer at the path the portal returned (older portals
/// may not use the path the token implies).
async fn ask<B>(
    connection: &zbus::Connection,
    method: &'static str,
    token: &str,
    body: &B,
) -> Result<HashMap<String, OwnedValue>, NotBound>
where
    B: serde::Serialize + zbus::zvariant::DynamicType,
{
    let expected = request_path(connection, token);
    let mut responses = subscribe(connection, REQUEST, "Response", None).await?;
    let reply = connection
        .call_method(Some(PORTAL), PORTAL_PATH, Some(SHORTCUTS), method, body)
        .await?;
    let handle: OwnedObjectPath = reply
        .body()
        .deserialize()
        .map_err(|_| NotBound::BadAnswer { step: method })?;
    if Some(handle.as_str()) != expected.as_deref() {
        tracing::debug!("the portal answers {method} at {handle}, not at {expected:?}");
    }
    while let Some(message) = responses.next().await {
        let Ok(message) = message else { continue };
        if message.header().path().map(|path| path.as_str()) != Some(handle.as_str()) {
            continue;
        }
        let (code, results): (u32, HashMap<String, OwnedValue>) = message
            .body()
            .deserialize()
            .map_err(|_| NotBound::BadAnswer { step: method })?;
        return match code {
            0 => Ok(results),
            code => Err(NotBound::Refused { step: method, code }),
        };
    }
    Err(NotBound::BadAnswer { step: method })
}

async fn subscribe(
    connection: &zbus::Connection,
    interface: &'static str,
    member: &'static str,
    path: Option<&'static str>,
) -> zbus::Result<zbus::MessageStream> {
    let mut rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .sender(PORTAL)?
        .interface(interface)?
        .member(member)?;
    if let Some(path) = path {
        rule = rule.path(path)?;
    }
    zbus::MessageStream::for_match_rule(rule.build(), connection, None).await
}

/// Lets the portal go of the session; the connection's end would do it too.
async fn close(session: &Session) {
    let closed = session
        .connection
        .call_method(
            Some(PORTAL),
            session.handle.as_str(),
            Some(SESSION),
            "Close",
            &(),
        )
        .await;
    match closed {
        Ok(_) => tracing::info!("global shortcuts let go"),
        Err(e) => tracing::debug!("global shortcuts session not closed: {e}"),
    }
}

/// The session handle in CreateSession's results: a string by the specification, an
/// object path from some portals.
fn session_handle(value: &Value) -> Option<OwnedObjectPath> {
    match value {
        Value::Str(text) => OwnedObjectPath::try_from(text.as_str()).ok(),
        Value::ObjectPath(path) => Some(OwnedObjectPath::from(path.clone())),
        Value::Value(inner) => session_handle(inner),
        _ => None,
    }
}

/// `shortcuts` in BindShortcuts' results (`a(sa{sv})`): each id with its
/// `trigger_description`, when given.
fn reported_shortcuts(value: &Value) -> Vec<(String, Option<String>)> {
    let value = match value {
        Value::Value(inner) => inner.as_ref(),
        other => other,
    };
    let Value::Array(items) = value else {
        return Vec::new();
    };
    items
        .inner()
        .iter()
        .filter_map(|item| {
            let Value::Structure(fields) = item else {
                return None;
            };
            let (Some(Value::Str(id)), details) = (fields.fields().first(), fields.fields().get(1))
            else {
                return None;
            };
            let trigger = match details {
                Some(Value::Dict(details)) => details.iter().find_map(|(key, value)| {
                    matches!(key, Value::Str(key) if key.as_str() == "trigger_description")
                        .then(|| text(value))
                        .flatten()
                }),
                _ => None,
            };
            Some((id.to_string(), trigger))
        })
        .collect()
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::Str(text) => Some(text.to_string()),
        Value::Value(inner) => text(inner),
        _ => None,
    }
}

/// Tokens for the request and session handles: unique within this connection.
struct Tokens {
    next: u32,
    prefix: String,
}

impl Tokens {
    fn new() -> Tokens {
        Tokens {
            next: 0,
            prefix: format!("handset{}", std::process::id()),
        }
    }

    fn next(&mut self) -> String {
        self.next += 1;
        format!("{}_{}", self.prefix, self.next)
    }
}

/// Where the portal puts the Request object for `token`: the caller's unique name without
/// its colon, dots made underscores (`:1.42` → `1_42`).
fn request_path(connection: &zbus::Connection, token: &str) -> Option<String> {
    let sender = connection.unique_name()?;
    Some(request_path_for(sender.as_str(), token))
}

fn request_path_for(unique_name: &str, token: &str) -> String {
    let sender = unique_name.trim_start_matches(':').replace('.', "_");
    format!("{PORTAL_PATH}/request/{sender}/{token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_path_is_made_from_the_unique_name_and_the_token() {
        assert_eq!(
            request_path_for(":1.42", "handset7_1"),
            "/org/freedesktop/portal/desktop/request/1_42/handset7_1"
        );
    }

    #[test]
    fn the_session_handle_is_read_as_a_string_or_a_path() {
        let path = "/org/freedesktop/portal/desktop/session/1_42/s";
        let expected = OwnedObjectPath::try_from(path).ok();
        assert_eq!(session_handle(&Value::from(path)), expected);
        let object = ObjectPath::try_from(path).expect("a path");
        assert_eq!(session_handle(&Value::from(object)), expected);
        assert_eq!(session_handle(&Value::from("not a path")), None);
        assert_eq!(session_handle(&Value::from(7u32)), None);
    }

    #[test]
    fn the_bound_triggers_are_read_from_the_results() {
        let details: HashMap<&str, Value> =
            HashMap::from([("trigger_description", Value::from("Ctrl+Alt+A"))]);
        let items = vec![("answer", details), ("mute", HashMap::new())];
        let reported = reported_shortcuts(&Value::from(items));
        assert_eq!(
            reported,
            vec![
                ("answer".to_owned(), Some("Ctrl+Alt+A".to_owned())),
                ("mute".to_owned(), None),
            ]
        );
        assert_eq!(reported_shortcuts(&Value::from(1u8)), Vec::new());
    }
}
