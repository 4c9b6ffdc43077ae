//! Handset as an MPRIS media player on the session bus (`org.mpris.MediaPlayer2.handset`),
//! present only while a call rings or runs, so the desktop routes the headset's play/pause
//! button to it then and to the user's music player the rest of the time. Leaving the bus is
//! closing the connection: the name goes with it.

use super::media_keys::{Key, MediaKeys};
use crate::engine::api::{Command, Event};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use zbus::zvariant::{ObjectPath, OwnedValue, Value};

const BUS_NAME: &str = "org.mpris.MediaPlayer2.handset";
const OBJECT_PATH: &str = "/org/mpris/MediaPlayer2";

/// The player's handle: feed it the engine's events; the commands its keys produce go to the
/// sender given to [`MediaPlayer::start`].
#[derive(Debug, Clone)]
pub struct MediaPlayer {
    events: UnboundedSender<Event>,
}

impl MediaPlayer {
    /// Start in the current tokio runtime.
    pub fn start(commands: UnboundedSender<Command>) -> MediaPlayer {
        let (events, received) = mpsc::unbounded_channel();
        tokio::spawn(run(received, commands));
        MediaPlayer { events }
    }

    pub fn observe(&self, event: &Event) {
        if matches!(
            event,
            Event::IncomingCall { .. }
                | Event::CallState { .. }
                | Event::CallEnded { .. }
                | Event::Stopped
        ) {
            let _ = self.events.send(event.clone());
        }
    }
}

type Shared = Arc<Mutex<MediaKeys>>;

async fn run(mut events: UnboundedReceiver<Event>, commands: UnboundedSender<Command>) {
    let keys: Shared = Arc::default();
    let mut on_bus: Option<zbus::Connection> = None;
    let mut shown_caller: Option<String> = None;
    while let Some(event) = events.recv().await {
        let (active, caller) = match keys.lock() {
            Ok(mut keys) => {
                keys.observe(&event);
                (keys.active(), keys.caller().map(str::to_owned))
            }
            Err(_) => return,
        };
        match (&on_bus, active) {
            (None, true) => match appear(Arc::clone(&keys), commands.clone()).await {
                Ok(connection) => {
                    tracing::info!("media keys answer and hang up ({BUS_NAME})");
                    on_bus = Some(connection);
                    shown_caller = caller;
                }
                // No session bus, or another Handset has the name: the window still works.
                Err(e) => tracing::info!("no media keys for this call: {e}"),
            },
            (Some(connection), true) if caller != shown_caller => {
                announce_metadata(connection).await;
                shown_caller = caller;
            }
            (Some(_), false) => {
                on_bus = None;
                shown_caller = None;
            }
            _ => {}
        }
    }
}

async fn appear(
    keys: Shared,
    commands: UnboundedSender<Command>,
) -> zbus::Result<zbus::Connection> {
    zbus::connection::Builder::session()?
        .name(BUS_NAME)?
        .serve_at(OBJECT_PATH, Root)?
        .serve_at(OBJECT_PATH, Player { keys, commands })?
        .build()
        .await
}

/// Tells applets watching the player that the call is with someone else now.
async fn announce_metadata(connection: &zbus::Connection) {
    let player = connection
        .object_server()
        .interface::<_, Player>(OBJECT_PATH)
        .await;
    if let Ok(player) = player {
        let emitter = player.signal_emitter();
        if let Err(e) = player.get().await.metadata_changed(emitter).await {
            tracing::debug!("media player metadata not announced: {e}");
        }
    }
}

/// `org.mpris.MediaPlayer2`: who the player is.
struct Root;

#[zbus::interface(name = "org.mpris.MediaPlayer2")]
impl Root {
    fn raise(&self) {}

    fn quit(&self) {}

    #[zbus(property)]
    fn can_quit(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn can_raise(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn has_track_list(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn identity(&self) -> String {
        "Handset".to_owned()
    }

    #[zbus(property)]
    fn desktop_entry(&self) -> String {
        "org.handset.Handset".to_owned()
    }

    #[zbus(property)]
    fn supported_uri_schemes(&self) -> Vec<String> {
        Vec::new()
    }

    #[zbus(property)]
    fn supported_mime_types(&self) -> Vec<String> {
        Vec::new()
    }
}

/// `org.mpris.MediaPlayer2.Player`: the keys. A call is not a track: seeking, skipping and
/// the volume are refused or fixed.
struct Player {
    keys: Shared,
    commands: UnboundedSender<Command>,
}

impl Player {
    fn press(&self, key: Key) {
        let command = self.keys.lock().ok().and_then(|keys| keys.press(key));
        if let Some(command) = command {
            tracing::info!("media key {key:?}: {command:?}");
            let _ = self.commands.send(command);
        }
    }
}

#[zbus::interface(name = "org.mpris.MediaPlayer2.Player")]
impl Player {
    fn play_pause(&self) {
        self.press(Key::PlayPause);
    }

    fn play(&self) {
        self.press(Key::Play);
    }

    fn pause(&self) {
        self.press(Key::Pause);
    }

    fn stop(&self) {
        self.press(Key::Stop);
    }

    fn next(&self) {}

    fn previous(&self) {}

    fn seek(&self, _offset: i64) {}

    fn set_position(&self, _track: ObjectPath<'_>, _position: i64) {}

    fn open_uri(&self, _uri: String) -> zbus::fdo::Result<()> {
        Err(zbus::fdo::Error::NotSupported(
            "Handset plays no media; give it a sip: or tel: link through org.handset.Handset"
                .to_owned(),
        ))
    }

    /// "Playing" whenever the player exists at all: it only exists while a call rings or
    /// runs, and desktops give the keys to the player that is playing.
    #[zbus(property)]
    fn playback_status(&self) -> String {
        "Playing".to_owned()
    }

    #[zbus(property)]
    fn metadata(&self) -> HashMap<String, OwnedValue> {
        let mut metadata = HashMap::new();
        if let Ok(path) = ObjectPath::try_from("/org/handset/Handset/Call") {
            if let Ok(value) = OwnedValue::try_from(Value::from(path)) {
                metadata.insert("mpris:trackid".to_owned(), value);
            }
        }
        let caller = self
            .keys
            .lock()
            .ok()
            .and_then(|keys| keys.caller().map(str::to_owned));
        if let Some(caller) = caller {
            if let Ok(value) = OwnedValue::try_from(Value::from(caller)) {
                metadata.insert("xesam:title".to_owned(), value);
            }
        }
        metadata
    }

    #[zbus(property)]
    fn rate(&self) -> f64 {
        1.0
    }

    #[zbus(property)]
    fn minimum_rate(&self) -> f64 {
        1.0
    }

    #[zbus(property)]
    fn maximum_rate(&self) -> f64 {
        1.0
    }

    #[zbus(property)]
    fn volume(&self) -> f64 {
        1.0
    }

    #[zbus(property)]
    fn position(&self) -> i64 {
        0
    }

    #[zbus(property)]
    fn can_go_next(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn can_go_previous(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn can_play(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn can_pause(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn can_seek(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn can_control(&self) -> bool {
        true
    }
}
