//! "Ask at each start" inside the application: the prompt at start, the password reaching
//! the engine through the shared password stores, and never reaching the disk.

use super::*;
use crate::config::secrets::{AccountSecrets, MemorySecretStore, Password};
use crate::config::{Account, AccountId, ConfigStore, PasswordStorage, Settings};
use crate::engine::api::{Event, RegistrationFailure, RegistrationState};
use crate::ui::engine_link::EngineMessage;
use settings::Message as PanelMessage;
use std::path::Path;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

const TYPED: &str = "typed-at-start-pw";

fn asked_account(id: u32) -> Account {
    let mut account = Account::new(AccountId(id), "alice", "127.0.0.1:5999");
    account.password_storage = PasswordStorage::AskEachStart;
    account
}

/// An app started with `accounts` saved in `dir`, its engine up.
fn started(dir: &Path, accounts: Vec<Account>) -> (App, UnboundedReceiver<Command>) {
    let config = super::tests::config();
    let mut store = ConfigStore::open(Some(dir.to_path_buf())).unwrap();
    let settings = Settings {
        default_account: accounts.first().map(|a| a.id),
        accounts,
        ..Settings::default()
    };
    store.save(&settings).unwrap();
    let secrets = AccountSecrets::with_stores(
        Box::new(MemorySecretStore::new()),
        Box::new(MemorySecretStore::new()),
    );
    let panel = SettingsPanel::new(settings, &[], None);
    let mut app = App::with_settings(
        config,
        SettingsStore::with_parts(store, secrets),
        panel,
        crate::contacts::Phonebook::empty(),
        crate::history::CallLog::disabled(),
    );
    let (commands, received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    (app, received)
}

fn prompt(app: &mut App, message: password_prompt::Message) -> Effect {
    app.step(Message::PasswordPrompt(message), Instant::now())
}

fn type_password(app: &mut App, password: &str) -> Effect {
    prompt(
        app,
        password_prompt::Message::PasswordChanged(password.to_owned()),
    );
    prompt(app, password_prompt::Message::Submit)
}

/// The password the engine would read for account `id`: the stores are shared with it.
fn engine_password(app: &App, id: u32) -> Option<Password> {
    let secrets = app.settings_store.secrets().unwrap();
    let settings = app.settings_panel.settings();
    secrets
        .get(settings.account(AccountId(id)).unwrap())
        .unwrap()
}

fn apply_commands(received: &mut UnboundedReceiver<Command>) -> usize {
    std::iter::from_fn(|| received.try_recv().ok())
        .filter(|c| matches!(c, Command::ApplySettings { .. }))
        .count()
}

fn disk_holds(dir: &Path, needle: &str) -> bool {
    std::fs::read_dir(dir).unwrap().flatten().any(|entry| {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).contains(needle)
    })
}

#[test]
fn at_start_the_password_is_asked_for_and_handed_to_the_engine_only() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut received) = started(dir.path(), vec![asked_account(1)]);
    assert_eq!(
        app.step(Message::WindowOpened, Instant::now()),
        Effect::Focus(password_prompt::PASSWORD_INPUT_ID),
        "the prompt has the keyboard at once"
    );
    assert_eq!(app.password_prompt().unwrap().account(), AccountId(1));
    // The saved settings were handed over at start; the engine reports no password yet.
    assert_eq!(apply_commands(&mut received), 1);
    assert_eq!(engine_password(&app, 1), None);

    assert_eq!(type_password(&mut app, TYPED), Effect::FocusSearch);
    assert!(app.password_prompt().is_none());
    assert_eq!(engine_password(&app, 1), Some(Password::new(TYPED)));
    assert_eq!(apply_commands(&mut received), 1, "the engine re-reads it");
    assert!(!disk_holds(dir.path(), TYPED), "nothing on disk holds it");
}

#[test]
fn later_leaves_the_account_waiting_and_the_row_opens_the_prompt_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut received) = started(dir.path(), vec![asked_account(1)]);
    apply_commands(&mut received);
    prompt(&mut app, password_prompt::Message::Later);
    assert!(app.password_prompt().is_none());
    assert_eq!(apply_commands(&mut received), 0);
    assert_eq!(engine_password(&app, 1), None);

    // A wrong password: the failure shows in the list, and the row offers the prompt again.
    app.step(Message::OpenSettings, Instant::now());
    app.step(
        app.current_engine_says(EngineMessage::Event(Event::Registration {
            account: AccountId(1),
            state: RegistrationState::Failed {
                failure: RegistrationFailure::WrongCredentials,
                retry_at_unix: None,
            },
        })),
        Instant::now(),
    );
    assert!(app.settings_panel.account_lines()[0]
        .1
        .contains("wrong user name or password"));
    // The prompt came back by itself; not now, says the user.
    assert!(app.password_prompt().is_some_and(|p| p.was_refused()));
    prompt(&mut app, password_prompt::Message::Later);
    assert!(app.password_prompt().is_none());
    let effect = app.step(
        Message::Settings(PanelMessage::EnterPassword(AccountId(1))),
        Instant::now(),
    );
    assert_eq!(effect, Effect::Focus(password_prompt::PASSWORD_INPUT_ID));
    assert!(
        app.password_prompt().unwrap().was_refused(),
        "the row's prompt says why the account is off too"
    );
    assert_eq!(type_password(&mut app, "second-try"), Effect::None);
    assert_eq!(engine_password(&app, 1), Some(Password::new("second-try")));
    assert_eq!(apply_commands(&mut received), 1);
    assert!(app.settings_open(), "back to the panel it came from");
}

fn refused(app: &mut App, id: u32) -> Effect {
    app.step(
        app.current_engine_says(EngineMessage::Event(Event::Registration {
            account: AccountId(id),
            state: RegistrationState::Failed {
                failure: RegistrationFailure::WrongCredentials,
                retry_at_unix: None,
            },
        })),
        Instant::now(),
    )
}

#[test]
fn a_refused_password_brings_the_prompt_back_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut received) = started(dir.path(), vec![asked_account(1)]);
    apply_commands(&mut received);
    assert!(!app.password_prompt().unwrap().was_refused());
    assert_eq!(type_password(&mut app, "wrong-one"), Effect::FocusSearch);
    assert!(app.password_prompt().is_none());
    assert_eq!(apply_commands(&mut received), 1);

    assert_eq!(
        refused(&mut app, 1),
        Effect::Focus(password_prompt::PASSWORD_INPUT_ID),
        "the prompt is back, with the keyboard"
    );
    let prompt_now = app.password_prompt().unwrap();
    assert_eq!(prompt_now.account(), AccountId(1));
    assert!(prompt_now.was_refused());
    // Once only, however often the refusal is reported.
    refused(&mut app, 1);
    assert_eq!(app.prompts.len(), 1);

    assert_eq!(type_password(&mut app, TYPED), Effect::FocusSearch);
    assert_eq!(engine_password(&app, 1), Some(Password::new(TYPED)));
    assert_eq!(apply_commands(&mut received), 1);
}

#[test]
fn a_refused_password_of_a_keyring_account_opens_no_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut account = asked_account(1);
    account.password_storage = PasswordStorage::SecretService;
    let (mut app, _received) = started(dir.path(), vec![account]);
    assert_eq!(refused(&mut app, 1), Effect::None);
    assert!(app.password_prompt().is_none());
}

#[test]
fn only_enabled_registering_accounts_are_asked_for_each_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let mut disabled = asked_account(2);
    disabled.enabled = false;
    let mut silent = asked_account(3);
    silent.register = false;
    let mut keyring = asked_account(4);
    keyring.password_storage = PasswordStorage::SecretService;
    let accounts = vec![
        asked_account(1),
        disabled,
        silent,
        keyring,
        asked_account(5),
    ];
    let (mut app, _received) = started(dir.path(), accounts);

    let asked: Vec<AccountId> = app.prompts.iter().map(|p| p.account()).collect();
    assert_eq!(asked, [AccountId(1), AccountId(5)]);
    assert_eq!(
        type_password(&mut app, "one"),
        Effect::Focus(password_prompt::PASSWORD_INPUT_ID),
        "the next account's prompt follows"
    );
    assert_eq!(app.password_prompt().unwrap().account(), AccountId(5));
    // OK with nothing typed does nothing.
    assert_eq!(
        prompt(&mut app, password_prompt::Message::Submit),
        Effect::None
    );
    assert_eq!(app.password_prompt().unwrap().account(), AccountId(5));
}

#[test]
fn enabling_an_account_that_waits_for_its_password_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut account = asked_account(1);
    account.enabled = false;
    let (mut app, _received) = started(dir.path(), vec![account]);
    assert!(app.password_prompt().is_none());
    app.step(Message::OpenSettings, Instant::now());
    let effect = app.step(
        Message::Settings(PanelMessage::ToggleEnabled(AccountId(1), true)),
        Instant::now(),
    );
    assert_eq!(effect, Effect::Focus(password_prompt::PASSWORD_INPUT_ID));
    assert_eq!(app.password_prompt().unwrap().account(), AccountId(1));
}

#[test]
fn a_password_typed_in_the_form_for_ask_each_start_needs_no_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _received) = started(dir.path(), vec![asked_account(1)]);
    prompt(&mut app, password_prompt::Message::Later);
    app.step(Message::OpenSettings, Instant::now());
    app.step(
        Message::Settings(PanelMessage::EditAccount(AccountId(1))),
        Instant::now(),
    );
    app.step(
        Message::Settings(PanelMessage::FieldChanged(
            settings::Field::Password,
            "from-the-form".to_owned(),
        )),
        Instant::now(),
    );
    app.step(Message::Settings(PanelMessage::SaveAccount), Instant::now());
    assert!(app.password_prompt().is_none());
    assert_eq!(
        engine_password(&app, 1),
        Some(Password::new("from-the-form"))
    );
    assert!(!disk_holds(dir.path(), "from-the-form"));
}
