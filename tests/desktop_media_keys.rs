//! The headset's play/pause button answers a ringing call and hangs it up: Handset is an
//! MPRIS player (`org.mpris.MediaPlayer2.handset`) on the session bus while a call rings or
//! runs, and nowhere the rest of the time. The button is what a desktop's media-key daemon
//! sends to the player: `org.mpris.MediaPlayer2.Player.PlayPause`, sent here on a private bus.

mod common;
mod desktop_notifications_support;
#[allow(unused)]
mod gui_support;

use common::baresip::{AnswerMode, Baresip, BaresipSetup};
use common::handset::{args, call_id, Handset, SHORT};
use common::scratch::Scratch;
use common::speech::speech_wav;
use desktop_notifications_support::{handset_env, SessionBus, BOUND};
use std::time::Instant;

const PLAYER: &str = "org.mpris.MediaPlayer2.handset";

fn connect(bus: &SessionBus) -> zbus::Connection {
    zbus::block_on(async {
        zbus::connection::Builder::address(bus.address.as_str())?
            .build()
            .await
    })
    .expect("connect to the private session bus")
}

fn player_present(connection: &zbus::Connection) -> bool {
    let name = zbus::names::BusName::try_from(PLAYER).expect("a bus name");
    zbus::block_on(async {
        let bus = zbus::fdo::DBusProxy::new(connection).await?;
        bus.name_has_owner(name).await
    })
    .expect("NameHasOwner")
}

fn wait_for_player(connection: &zbus::Connection, present: bool) {
    let deadline = Instant::now() + BOUND;
    while player_present(connection) != present {
        assert!(
            Instant::now() < deadline,
            "{PLAYER} should be {} the bus",
            if present { "on" } else { "off" }
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// What a desktop's media-key handling sends when the headset's button is pressed.
fn press_play_pause(connection: &zbus::Connection) {
    zbus::block_on(connection.call_method(
        Some(PLAYER),
        "/org/mpris/MediaPlayer2",
        Some("org.mpris.MediaPlayer2.Player"),
        "PlayPause",
        &(),
    ))
    .expect("PlayPause");
}

fn identity(connection: &zbus::Connection) -> String {
    let reply = zbus::block_on(connection.call_method(
        Some(PLAYER),
        "/org/mpris/MediaPlayer2",
        Some("org.freedesktop.DBus.Properties"),
        "Get",
        &("org.mpris.MediaPlayer2", "Identity"),
    ))
    .expect("Properties.Get Identity");
    let value: zbus::zvariant::OwnedValue = reply.body().deserialize().expect("a variant");
    String::try_from(value).expect("a string")
}

#[test]
fn the_headset_button_answers_a_ringing_call_and_hangs_it_up() {
    let scratch = Scratch::new("media-keys");
    let bus = SessionBus::start(&scratch.subdir("bus"));
    let client = connect(&bus);
    let mut handset = Handset::spawn_with_env(
        &scratch,
        &args(&["--listen", "127.0.0.1:0", "--desktop", "--audio", "null"]),
        &handset_env(&bus),
    );
    let ready = handset.wait_event("ready", SHORT);
    let address = ready["contact"]
        .as_str()
        .expect("ready names our address")
        .to_owned();
    assert!(
        !player_present(&client),
        "with no call the media keys belong to the user's music player"
    );

    let mut baresip = Baresip::start(
        &scratch.subdir("baresip"),
        &BaresipSetup::new("alice", AnswerMode::Auto, &speech_wav()),
    );
    baresip.dial(&address);
    handset.wait_event("incoming_call", SHORT);
    wait_for_player(&client, true);
    assert_eq!(identity(&client), "Handset");

    press_play_pause(&client);
    let established = handset.wait_call_state("established", SHORT);
    baresip.wait_event("CALL_ESTABLISHED", SHORT);

    press_play_pause(&client);
    handset.wait_call_ended(SHORT);
    baresip.wait_event("CALL_CLOSED", SHORT);
    wait_for_player(&client, false);
    assert!(call_id(&established) > 0);
    assert!(handset.quit().success());
}
