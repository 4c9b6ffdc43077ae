//! The settings panel inside the application: saving writes the config file and the password
//! store and hands the engine the new settings; registration events reach the account list.

use super::*;
use crate::config::secrets::{
    AccountSecrets, MemorySecretStore, Password, SecretError, SecretStore,
};
use crate::config::{AccountId, ConfigStore, PasswordStorage};
use crate::engine::api::{
    AudioDevice, AudioDirection, CertificateOutcome, Event, RegistrationState,
};
use crate::ui::engine_link::EngineMessage;
use settings::{Field, Message as PanelMessage};
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

/// A keyring that is never there, as on a desktop without a Secret Service.
struct NoKeyring;

impl SecretStore for NoKeyring {
    fn get(&self, _: AccountId) -> Result<Option<Password>, SecretError> {
        Err(unavailable())
    }
    fn set(&self, _: AccountId, _: &Password) -> Result<(), SecretError> {
        Err(unavailable())
    }
    fn delete(&self, _: AccountId) -> Result<(), SecretError> {
        Err(unavailable())
    }
}

fn unavailable() -> SecretError {
    SecretError::Unavailable {
        detail: "no session bus".to_owned(),
    }
}

fn app_in(dir: &std::path::Path, keyring: Box<dyn SecretStore>) -> App {
    app_with(dir, keyring, Default::default())
}

fn app_with(
    dir: &std::path::Path,
    keyring: Box<dyn SecretStore>,
    settings: crate::config::Settings,
) -> App {
    let config = super::tests::config();
    let store = ConfigStore::open(Some(dir.to_path_buf())).unwrap();
    let secrets = AccountSecrets::with_stores(keyring, Box::new(MemorySecretStore::new()));
    let panel = SettingsPanel::new(settings, &[], None);
    App::with_settings(
        config,
        SettingsStore::with_parts(store, secrets),
        panel,
        crate::contacts::Phonebook::empty(),
        crate::history::CallLog::disabled(),
    )
}

/// What the engine was told next, leaving out the sound-device questions that opening the
/// panel asks (`the_settings_ask_the_engine_for_the_sound_devices` is about those).
fn next_command(received: &mut UnboundedReceiver<Command>) -> Result<Command, TryRecvError> {
    loop {
        match received.try_recv() {
            Ok(Command::ListAudioDevices) => continue,
            other => return other,
        }
    }
}

fn panel(app: &mut App, message: PanelMessage) {
    app.step(Message::Settings(message), Instant::now());
}

fn fill_account(app: &mut App) {
    app.step(Message::OpenSettings, Instant::now());
    panel(app, PanelMessage::AddAccount);
    for (field, value) in [
        (Field::User, "alice"),
        (Field::Domain, "127.0.0.1:5999"),
        (Field::Password, "s3cret-pw"),
    ] {
        panel(app, PanelMessage::FieldChanged(field, value.to_owned()));
    }
}

#[test]
fn saving_an_account_writes_the_file_and_applies_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    fill_account(&mut app);
    panel(&mut app, PanelMessage::SaveAccount);

    let Ok(Command::ApplySettings { settings }) = next_command(&mut received) else {
        panic!("the engine should be handed the saved settings");
    };
    assert_eq!(settings.accounts.len(), 1);
    assert_eq!(settings.accounts[0].user, "alice");
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(file.contains("alice"), "{file}");
    assert!(!file.contains("s3cret-pw"), "{file}");
    assert!(app.settings_panel.form().is_none());
}

#[test]
fn without_a_keyring_nothing_is_saved_until_the_user_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(NoKeyring));
    fill_account(&mut app);
    panel(&mut app, PanelMessage::SaveAccount);
    assert!(app.settings_panel.storage_choice_text().is_some());
    assert!(!dir.path().join("config.toml").exists());
    assert!(
        !app.pending
            .iter()
            .any(|command| matches!(command, Command::ApplySettings { .. })),
        "nothing applied yet"
    );

    panel(&mut app, PanelMessage::ChooseStorage(PasswordStorage::File));
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(file.contains("password_storage = \"file\""), "{file}");
    assert!(matches!(
        app.pending.last(),
        Some(Command::ApplySettings { .. })
    ));
}

#[test]
fn registration_events_reach_the_account_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    fill_account(&mut app);
    panel(&mut app, PanelMessage::SaveAccount);
    let id = app.settings_panel.settings().accounts[0].id;
    app.step(
        app.current_engine_says(EngineMessage::Event(Event::Registration {
            account: id,
            state: RegistrationState::Registering,
        })),
        Instant::now(),
    );
    assert_eq!(app.settings_panel.account_lines()[0].1, "Registering…");
}

#[test]
fn back_closes_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    app.step(Message::OpenSettings, Instant::now());
    assert!(app.settings_open());
    let effect = app.step(Message::Settings(PanelMessage::Close), Instant::now());
    assert!(!app.settings_open());
    assert_eq!(effect, Effect::FocusSearch);
}

#[test]
fn a_new_keepalive_interval_is_saved_and_handed_to_the_running_engine() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    app.step(Message::OpenSettings, Instant::now());
    panel(&mut app, PanelMessage::KeepaliveChanged("30".to_owned()));
    panel(&mut app, PanelMessage::SaveNetwork);

    let Ok(Command::ApplySettings { settings }) = next_command(&mut received) else {
        panic!("the engine should be handed the new interval without a restart");
    };
    assert_eq!(settings.network.keepalive_seconds, 30);
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(file.contains("keepalive_seconds = 30"), "{file}");
}

#[test]
fn a_new_sip_port_starts_the_phone_again_there_and_other_saves_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    app.step(Message::OpenSettings, Instant::now());
    panel(&mut app, PanelMessage::Section(settings::Section::Network));

    // Saving the network page unchanged keeps the port given at start (0 here).
    panel(&mut app, PanelMessage::KeepaliveChanged("40".to_owned()));
    panel(&mut app, PanelMessage::SaveNetwork);
    assert!(matches!(app.engine, EngineStatus::Running(_)));
    assert_eq!(app.config.listen.port(), 0);
    let Ok(Command::ApplySettings { settings }) = next_command(&mut received) else {
        panic!("the running engine is handed the new keep-alive interval");
    };
    assert_eq!(settings.network.keepalive_seconds, 40);

    panel(&mut app, PanelMessage::SipPortChanged("5099".to_owned()));
    panel(&mut app, PanelMessage::SaveNetwork);
    assert_eq!(app.config.listen.to_string(), "127.0.0.1:5099");
    assert!(matches!(app.engine, EngineStatus::Starting));
    // The old engine hears nothing more: its channel closes, and it stops.
    assert!(matches!(
        next_command(&mut received),
        Err(TryRecvError::Disconnected)
    ));
    // The old engine's last words are not taken for the new one's.
    let stale = Message::Engine(EngineReport {
        generation: 0,
        message: EngineMessage::Event(Event::Stopped),
    });
    assert_eq!(app.step(stale, Instant::now()), Effect::None);
    assert!(matches!(app.engine, EngineStatus::Starting));
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    assert!(matches!(app.engine, EngineStatus::Running(_)));
    let Ok(Command::ApplySettings { settings }) = next_command(&mut received) else {
        panic!("the new engine is handed the settings as it comes up");
    };
    assert_eq!(settings.network.sip_port, 5099);
    assert_eq!(settings.network.keepalive_seconds, 40);
}

#[test]
fn a_saved_sip_port_the_phone_already_listens_on_keeps_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    app.config.listen.set_port(5077);
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    app.step(Message::OpenSettings, Instant::now());
    panel(&mut app, PanelMessage::Section(settings::Section::Network));
    panel(&mut app, PanelMessage::SipPortChanged("5077".to_owned()));
    panel(&mut app, PanelMessage::SaveNetwork);
    assert!(matches!(app.engine, EngineStatus::Running(_)));
    let Ok(Command::ApplySettings { settings }) = next_command(&mut received) else {
        panic!("the running engine is handed the settings");
    };
    assert_eq!(settings.network.sip_port, 5077);
}

#[test]
fn a_picked_language_is_saved_and_the_window_speaks_it_at_once() {
    use crate::ui::i18n::{active_language, tr};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    app.step(Message::OpenSettings, Instant::now());
    panel(&mut app, PanelMessage::Section(settings::Section::General));
    panel(
        &mut app,
        PanelMessage::LanguagePicked(Some("de".to_owned())),
    );

    assert_eq!(tr("settings-heading"), "Einstellungen");
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(file.contains("language = \"de\""), "{file}");

    // Back to the desktop's language (English in unit tests), and nothing left in the file.
    panel(&mut app, PanelMessage::LanguagePicked(None));
    assert_eq!(active_language(), "en-US");
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(!file.contains("language"), "{file}");
}

#[test]
fn the_saved_language_is_spoken_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = crate::config::Settings::default();
    settings.general.language = Some("pt-BR".to_owned());
    let _app = app_with(dir.path(), Box::new(MemorySecretStore::new()), settings);
    assert_eq!(crate::ui::i18n::active_language(), "pt-BR");
    assert_eq!(crate::ui::i18n::tr("settings-heading"), "Configurações");
}

/// An app whose engine is up, and the engine's end of the command channel.
fn connected_app(dir: &std::path::Path) -> (App, UnboundedReceiver<Command>) {
    let mut app = app_in(dir, Box::new(MemorySecretStore::new()));
    let (commands, received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    (app, received)
}

fn engine_says(app: &mut App, event: Event) -> Effect {
    app.step(
        app.current_engine_says(EngineMessage::Event(event)),
        Instant::now(),
    )
}

#[test]
fn the_settings_ask_the_engine_for_the_sound_devices() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut received) = connected_app(dir.path());
    engine_says(
        &mut app,
        Event::Ready {
            listen: "127.0.0.1:5060".parse().unwrap(),
            contact: "sip:me@127.0.0.1:5060".to_owned(),
        },
    );
    assert_eq!(received.try_recv(), Ok(Command::ListAudioDevices));
    engine_says(
        &mut app,
        Event::AudioDevices {
            devices: vec![AudioDevice {
                name: "nullsink.monitor".to_owned(),
                description: "Monitor of NullSink".to_owned(),
                direction: AudioDirection::Input,
                is_default: true,
            }],
        },
    );
    let inputs = app.settings_panel.devices_for(settings::AudioRole::Input);
    assert_eq!(inputs, ["nullsink.monitor"]);

    // Each time the panel opens, by the button or the shortcut, the list is asked for again.
    app.step(Message::OpenSettings, Instant::now());
    assert_eq!(received.try_recv(), Ok(Command::ListAudioDevices));
    app.step(Message::Show(Tab::Contacts), Instant::now());
    app.step(
        Message::Key(crate::ui::keys::Shortcut::OpenSettings),
        Instant::now(),
    );
    assert!(app.settings_open());
    assert_eq!(received.try_recv(), Ok(Command::ListAudioDevices));
}

/// A TLS account with the test certificate typed in, Save pressed: the question the
/// engine is asked.
fn save_tls_account(app: &mut App, received: &mut UnboundedReceiver<Command>) -> (PathBuf, u64) {
    fill_account(app);
    panel(
        app,
        PanelMessage::TransportPicked(crate::config::Transport::Tls),
    );
    let certificate = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/trusted-certificate.pem");
    panel(
        app,
        PanelMessage::FieldChanged(Field::TrustedCertificate, certificate.display().to_string()),
    );
    panel(app, PanelMessage::SaveAccount);
    let Ok(Command::CheckCertificate { path, request }) = next_command(received) else {
        panic!("Save should ask the engine to check the certificate first");
    };
    assert_eq!(path, certificate);
    (path, request)
}

#[test]
fn a_tls_account_is_saved_once_the_engine_found_its_certificate_usable() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut received) = connected_app(dir.path());
    let (path, request) = save_tls_account(&mut app, &mut received);
    assert!(
        !dir.path().join("config.toml").exists(),
        "nothing is saved before the engine answers"
    );
    engine_says(
        &mut app,
        Event::CertificateChecked {
            request,
            path: path.clone(),
            outcome: CertificateOutcome::Usable,
        },
    );
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(file.contains(&path.display().to_string()), "{file}");
    let Ok(Command::ApplySettings { settings }) = next_command(&mut received) else {
        panic!("the engine should be handed the saved settings");
    };
    assert_eq!(settings.accounts[0].trusted_certificate, Some(path));
    assert!(
        app.settings_panel.form().is_none(),
        "the form closes once saved"
    );
}

#[test]
fn a_certificate_the_engine_refuses_is_said_below_the_field_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut received) = connected_app(dir.path());
    let (path, request) = save_tls_account(&mut app, &mut received);
    engine_says(
        &mut app,
        Event::CertificateChecked {
            request,
            path: path.clone(),
            outcome: CertificateOutcome::Refused {
                code: "tls.no_pem_certificate".to_owned(),
                detail: path.display().to_string(),
            },
        },
    );
    assert!(!dir.path().join("config.toml").exists());
    assert!(next_command(&mut received).is_err(), "nothing applied");
    let error = app
        .settings_panel
        .field_error("trusted_certificate")
        .expect("a message below the certificate field");
    assert!(error.contains("holds no PEM certificate"), "{error}");
}

#[test]
fn with_the_phone_not_running_a_certificate_check_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    app.step(
        app.current_engine_says(EngineMessage::Failed("port taken".to_owned())),
        Instant::now(),
    );
    fill_account(&mut app);
    panel(
        &mut app,
        PanelMessage::TransportPicked(crate::config::Transport::Tls),
    );
    let certificate = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/trusted-certificate.pem");
    panel(
        &mut app,
        PanelMessage::FieldChanged(Field::TrustedCertificate, certificate.display().to_string()),
    );
    panel(&mut app, PanelMessage::SaveAccount);
    assert!(!dir.path().join("config.toml").exists());
    assert!(
        !app.settings_panel.checking_certificate(),
        "no endless wait"
    );
    let error = app
        .settings_panel
        .field_error("trusted_certificate")
        .expect("a message below the certificate field");
    assert!(error.contains("not running"), "{error}");
}

#[test]
fn a_volume_slider_let_go_writes_the_file_and_tells_the_engine() {
    use settings::{SoundChange, Volume};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path(), Box::new(MemorySecretStore::new()));
    let (commands, mut received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    app.step(Message::OpenSettings, Instant::now());
    for value in [90, 60, 35] {
        panel(
            &mut app,
            PanelMessage::Sound(SoundChange::Dragged(Volume::Ringtone, value)),
        );
    }
    assert!(
        !dir.path().join("config.toml").exists(),
        "nothing is written while the slider is dragged"
    );
    panel(&mut app, PanelMessage::Sound(SoundChange::Released));

    let Ok(Command::ApplySettings { settings }) = next_command(&mut received) else {
        panic!("the engine should be handed the saved settings");
    };
    assert_eq!(settings.audio.ringtone_volume, 35);
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(file.contains("ringtone_volume = 35"), "{file}");
    assert_eq!(app.settings_panel.shown_volume(Volume::Ringtone), 35);

    panel(
        &mut app,
        PanelMessage::Sound(SoundChange::RingEveryOutput(true)),
    );
    let Ok(Command::ApplySettings { settings }) = next_command(&mut received) else {
        panic!("the checkbox saves too");
    };
    assert!(settings.audio.ring_every_output);
    assert_eq!(settings.audio.ringtone_volume, 35);
    let file = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(file.contains("ring_every_output = true"), "{file}");
}
