//! Passwords through a real Secret Service (gnome-keyring on a private D-Bus), the opt-in
//! 0600 file, and the check a user cares about most: no password lands in Handset's folders.

mod secrets_support;

use handset::config::secrets::{
    AccountSecrets, FileSecretStore, Password, SecretError, SecretServiceStore, SecretStore,
};
use handset::config::{Account, AccountId, ConfigPaths, ConfigStore, PasswordStorage, Settings};
use secrets_support::{file_contains, files_under, lock_env, KeyringSession};
use std::os::unix::fs::PermissionsExt;

#[test]
fn secret_service_store_get_delete_agree_with_secret_tool() {
    let session = KeyringSession::start();
    let store = SecretServiceStore::new();
    let account = AccountId(1);
    let item = ["service", "handset", "username", "account-1"];

    assert_eq!(store.get(account).unwrap(), None);
    store.set(account, &Password::new("correct horse")).unwrap();
    assert_eq!(
        session.secret_tool_lookup(&item).as_deref(),
        Some("correct horse")
    );
    assert_eq!(
        store.get(account).unwrap().unwrap().expose(),
        "correct horse"
    );

    // Replacing keeps one item, and what another client changes is what we read.
    store
        .set(account, &Password::new("battery staple"))
        .unwrap();
    assert_eq!(
        session.secret_tool_lookup(&item).as_deref(),
        Some("battery staple")
    );
    session.secret_tool_store(&item, "changed elsewhere");
    assert_eq!(
        store.get(account).unwrap().unwrap().expose(),
        "changed elsewhere"
    );

    // Another account's item is separate.
    store.set(AccountId(2), &Password::new("other")).unwrap();
    store.delete(account).unwrap();
    assert_eq!(session.secret_tool_lookup(&item), None);
    assert_eq!(store.get(account).unwrap(), None);
    store.delete(account).unwrap();
    assert_eq!(store.get(AccountId(2)).unwrap().unwrap().expose(), "other");
    assert!(store.probe().is_ok());
}

#[test]
fn without_a_secret_service_the_error_says_so_and_the_file_opt_in_works() {
    let _env = lock_env();
    let dir = tempfile::tempdir().unwrap();
    let previous = std::env::var_os("DBUS_SESSION_BUS_ADDRESS");
    let nowhere = format!("unix:path={}", dir.path().join("no-bus").display());
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &nowhere);

    let paths = ConfigPaths::in_dir(dir.path());
    let secrets = AccountSecrets::new(&paths);
    let mut account = Account::new(AccountId(5), "dave", "example.com");
    let result = secrets.set(&account, &Password::new("d4ve-pass"));
    let probe = SecretServiceStore::new().probe();

    // The face then asks the user, who opts in to the file.
    account.password_storage = PasswordStorage::File;
    let opted_in = secrets.set(&account, &Password::new("d4ve-pass"));
    let read_back = secrets.get(&account);
    account.password_storage = PasswordStorage::AskEachStart;
    let asked = secrets.get(&account);
    match previous {
        Some(previous) => std::env::set_var("DBUS_SESSION_BUS_ADDRESS", previous),
        None => std::env::remove_var("DBUS_SESSION_BUS_ADDRESS"),
    }

    let error = result.unwrap_err();
    assert!(
        matches!(error, SecretError::Unavailable { .. }),
        "{error:?}"
    );
    assert_eq!(error.key(), "secrets.error.unavailable");
    assert!(
        matches!(probe, Err(SecretError::Unavailable { .. })),
        "{probe:?}"
    );
    opted_in.unwrap();
    assert_eq!(read_back.unwrap().unwrap().expose(), "d4ve-pass");
    assert_eq!(asked.unwrap(), None, "ask-each-start reads nothing");
    let mode = std::fs::metadata(paths.secrets_file())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn after_setting_up_accounts_no_password_is_in_the_config_or_data_folders() {
    let _session = KeyringSession::start();
    let root = tempfile::tempdir().unwrap();
    let paths = ConfigPaths {
        config_dir: root.path().join("config/handset"),
        data_dir: root.path().join("data/handset"),
    };
    let mut store = ConfigStore::with_paths(paths.clone());
    let secrets = AccountSecrets::new(&paths);

    let setups = [
        (1, PasswordStorage::SecretService, "keyring-pw-one"),
        (2, PasswordStorage::SecretService, "keyring-pw-two"),
        (3, PasswordStorage::File, "file-pw-three"),
        (4, PasswordStorage::AskEachStart, "asked-pw-four"),
    ];
    let mut settings = store.load().unwrap().settings;
    for (id, storage, password) in setups {
        let mut account = Account::new(AccountId(id), &format!("user{id}"), "example.com");
        account.password_storage = storage;
        secrets.set(&account, &Password::new(password)).unwrap();
        settings.accounts.push(account);
    }
    settings.default_account = Some(AccountId(1));
    store.save(&settings).unwrap();
    // An account moved from the file to the keyring leaves nothing behind in the file.
    let mut moved = Account::new(AccountId(9), "mover", "example.com");
    moved.password_storage = PasswordStorage::File;
    secrets
        .set(&moved, &Password::new("moved-pw-nine"))
        .unwrap();
    moved.password_storage = PasswordStorage::SecretService;
    secrets
        .set(&moved, &Password::new("moved-pw-nine"))
        .unwrap();
    settings.accounts.push(moved);
    store.save(&settings).unwrap();

    // Passwords come back from where they were put.
    let reloaded: Settings = store.load().unwrap().settings;
    for (id, storage, password) in setups {
        let account = reloaded.account(AccountId(id)).unwrap();
        let got = secrets.get(account).unwrap();
        match storage {
            PasswordStorage::AskEachStart => assert_eq!(got, None),
            _ => assert_eq!(got.unwrap().expose(), password),
        }
    }

    let secrets_file = paths.secrets_file();
    let files: Vec<_> = [&paths.config_dir, &paths.data_dir]
        .into_iter()
        .flat_map(|dir| files_under(dir))
        .collect();
    assert!(files.contains(&paths.config_file()));
    assert!(files.contains(&secrets_file));
    for file in &files {
        for (_, storage, password) in setups {
            let allowed = storage == PasswordStorage::File && *file == secrets_file;
            assert_eq!(
                file_contains(file, password),
                allowed,
                "{password} in {}",
                file.display()
            );
        }
        assert!(!file_contains(file, "moved-pw-nine"), "{}", file.display());
    }
    let mode = std::fs::metadata(&secrets_file)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "secrets file mode {mode:o}");

    // Deleting the file account's password removes the file with it.
    let file_account = reloaded.account(AccountId(3)).unwrap();
    secrets.delete(file_account).unwrap();
    assert!(!secrets_file.exists());
    assert_eq!(
        FileSecretStore::new(&secrets_file)
            .get(AccountId(3))
            .unwrap(),
        None
    );
}

#[test]
fn the_secret_service_store_works_from_inside_the_engines_tokio_runtime() {
    let _session = KeyringSession::start();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let got = runtime.block_on(async {
        // Directly on a runtime thread (not spawn_blocking): must neither panic nor deadlock.
        let store = SecretServiceStore::new();
        store
            .set(AccountId(11), &Password::new("in-runtime"))
            .unwrap();
        let inline = store.get(AccountId(11)).unwrap();
        let blocking = tokio::task::spawn_blocking(move || store.get(AccountId(11)))
            .await
            .unwrap()
            .unwrap();
        (inline, blocking)
    });
    assert_eq!(got.0.unwrap().expose(), "in-runtime");
    assert_eq!(got.1.unwrap().expose(), "in-runtime");
}

#[test]
fn a_session_bus_without_a_keyring_daemon_is_reported_as_unavailable() {
    let _bus = KeyringSession::start_bus_only();
    let store = SecretServiceStore::new();
    let error = store
        .set(AccountId(1), &Password::new("nowhere"))
        .unwrap_err();
    assert!(
        matches!(error, SecretError::Unavailable { .. }),
        "{error:?}"
    );
    assert!(matches!(
        store.get(AccountId(1)),
        Err(SecretError::Unavailable { .. })
    ));
    assert!(store.probe().is_err());
}
