//! The config file as a user meets it: saved settings come back, a damaged file is reported
//! with its line and kept aside, never overwritten, and every released format still loads.

use handset::config::{
    Account, AccountId, ConfigError, ConfigStore, PasswordStorage, Settings, Transport, CONFIG_FILE,
};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// A store in a fresh folder holding `text` as its config file.
fn store_with(text: &[u8]) -> (tempfile::TempDir, ConfigStore) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
    let store = ConfigStore::open(Some(dir.path().to_path_buf())).unwrap();
    (dir, store)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn sample_settings() -> Settings {
    let mut settings = Settings::default();
    let mut office = Account::new(AccountId(1), "alice", "pbx.example.com");
    office.display_name = "Alice \"the\" Tester".into();
    office.codecs = vec!["PCMA".into(), "PCMU".into()];
    let mut provider = Account::new(AccountId(2), "4930123", "sip.example.net:5080");
    provider.transport = Transport::Tls;
    provider.outbound_proxy = Some("sips:edge.example.net;lr".into());
    provider.auth_user = Some("auth-4930123".into());
    provider.password_storage = PasswordStorage::File;
    provider.expires = 300;
    settings.accounts = vec![office, provider];
    settings.default_account = Some(AccountId(2));
    settings.audio.input = Some("USB headset".into());
    settings.network.sip_port = 5072;
    settings.network.transports.tcp = false;
    settings.general.auto_answer = true;
    settings
}

#[test]
fn saved_settings_load_back_the_same_and_no_temp_file_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let config_dir = dir.path().join("nested/handset");
    let mut store = ConfigStore::open(Some(config_dir.clone())).unwrap();
    let first = store.load().unwrap();
    assert!(first.is_new);
    assert_eq!(first.settings, Settings::default());
    assert!(!config_dir.exists(), "loading defaults writes nothing");

    let settings = sample_settings();
    store.save(&settings).unwrap();
    store.save(&settings).unwrap();
    assert_eq!(names_in(&config_dir), [CONFIG_FILE]);

    let mut reopened = ConfigStore::open(Some(config_dir.clone())).unwrap();
    let loaded = reopened.load().unwrap();
    assert_eq!(loaded.settings, settings);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let text = fs::read_to_string(config_dir.join(CONFIG_FILE)).unwrap();
    assert!(text.contains("\nversion = 1\n"), "{text}");
    assert!(text.contains("[[accounts]]"), "{text}");
}

#[test]
fn every_fixture_loads() {
    let mut seen = 0;
    for entry in fs::read_dir(fixture("")).unwrap() {
        let path = entry.unwrap().path();
        let (_dir, mut store) = store_with(&fs::read(&path).unwrap());
        let loaded = store
            .load()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(loaded.settings.version, 1, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 4);
}

#[test]
fn the_full_v1_fixture_has_its_three_accounts() {
    let (_dir, mut store) = store_with(&fs::read(fixture("v1-full.toml")).unwrap());
    let loaded = store.load().unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.migrated_from, None);
    let settings = loaded.settings;
    let ids: Vec<u32> = settings.accounts.iter().map(|a| a.id.0).collect();
    assert_eq!(ids, [1, 2, 7]);
    assert_eq!(settings.dialling_account().unwrap().user, "4930123456");
    let tls = settings.account(AccountId(7)).unwrap();
    assert_eq!(tls.transport, Transport::Tls);
    assert_eq!(tls.password_storage, PasswordStorage::File);
    assert!(!tls.enabled);
    assert_eq!(settings.network.sip_port, 5070);
    assert_eq!(settings.general.language.as_deref(), Some("de"));
}

#[test]
fn the_minimal_fixture_gets_the_defaults() {
    let (_dir, mut store) = store_with(&fs::read(fixture("v1-minimal.toml")).unwrap());
    let loaded = store.load().unwrap();
    assert_eq!(loaded.settings, Settings::default());
    assert_eq!(loaded.settings.network.sip_port, 5060);
}

#[test]
fn unknown_keys_are_warnings_and_a_password_in_the_file_is_not_used() {
    let (_dir, mut store) = store_with(&fs::read(fixture("v1-unknown-keys.toml")).unwrap());
    let loaded = store.load().unwrap();
    let mut paths: Vec<&str> = loaded.warnings.iter().map(|w| w.path.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "accounts.0.colour",
            "accounts.0.password",
            "general.auto_answr",
            "network.stun_server",
            "theme"
        ]
    );
    let password = loaded
        .warnings
        .iter()
        .find(|w| w.path == "accounts.0.password")
        .unwrap();
    assert_eq!(password.key, "config.warning.password_in_file");
    assert_eq!(loaded.settings.accounts[0].user, "bob");

    // Saving drops the plain-text password from the file.
    store.save(&loaded.settings).unwrap();
    let text = fs::read_to_string(store.path()).unwrap();
    assert!(!text.contains("must-not-be-read-from-here"), "{text}");
}

#[test]
fn the_pre_release_format_is_migrated_and_kept_as_a_backup_on_first_save() {
    let original = fs::read(fixture("v0-single-account.toml")).unwrap();
    let (dir, mut store) = store_with(&original);
    let loaded = store.load().unwrap();
    assert_eq!(loaded.migrated_from, Some(0));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let settings = &loaded.settings;
    let carol = &settings.accounts[0];
    assert_eq!(
        (
            carol.display_name.as_str(),
            carol.user.as_str(),
            carol.domain.as_str()
        ),
        ("Carol", "carol", "sip.example.net")
    );
    assert_eq!(carol.auth_user.as_deref(), Some("carol-auth"));
    assert_eq!(
        carol.outbound_proxy.as_deref(),
        Some("sip:edge.example.net;lr")
    );
    assert_eq!(carol.transport, Transport::Tcp);
    assert_eq!(settings.default_account, Some(carol.id));
    assert_eq!(settings.network.sip_port, 5070);
    assert_eq!(settings.audio.output.as_deref(), Some("pulse"));

    store.save(settings).unwrap();
    let backup = dir.path().join("config.toml.bak");
    assert_eq!(fs::read(backup).unwrap(), original);
    let reloaded = ConfigStore::open(Some(dir.path().into()))
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(reloaded.migrated_from, None);
    assert_eq!(&reloaded.settings, settings);
}

fn expect_corrupt(text: &[u8], line: usize) {
    let (dir, mut store) = store_with(text);
    let error = store.load().unwrap_err();
    let ConfigError::Corrupt {
        path,
        line: got_line,
        column,
        backup,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(error.key(), "config.error.corrupt");
    assert_eq!(path, &store.path());
    assert_eq!(*got_line, Some(line), "{error}");
    assert!(column.is_some());
    let message = error.to_string();
    assert!(message.contains("config.toml") && message.contains(&format!("line {line}")));
    assert_eq!(
        fs::read(backup.as_ref().unwrap()).unwrap(),
        text,
        "the copy is the original"
    );

    // Nothing overwrites it until the user chooses to reset.
    let refused = store.save(&sample_settings()).unwrap_err();
    assert_eq!(refused.key(), "config.error.save_refused");
    let mut other_store = ConfigStore::open(Some(dir.path().into())).unwrap();
    assert!(other_store.save(&sample_settings()).is_err());
    assert_eq!(fs::read(store.path()).unwrap(), text, "original untouched");

    let defaults = store.reset_to_defaults().unwrap();
    assert_eq!(defaults, Settings::default());
    assert_eq!(store.load().unwrap().settings, Settings::default());
    store.save(&sample_settings()).unwrap();
}

#[test]
fn text_that_is_not_toml_is_reported_at_its_line() {
    expect_corrupt(b"version = 1\n[general]\nthis is not toml\n", 3);
}

#[test]
fn a_truncated_file_is_reported() {
    let full = fs::read_to_string(fixture("v1-full.toml")).unwrap();
    let cut = full.find("display_name = \"Alice (").unwrap() + 20;
    let truncated = &full.as_bytes()[..cut];
    let line = full[..cut].matches('\n').count() + 1;
    expect_corrupt(truncated, line);
}

#[test]
fn a_value_of_the_wrong_type_is_reported_at_its_line() {
    expect_corrupt(
        b"version = 1\n\n[[accounts]]\nid = 1\nuser = \"a\"\nexpires = \"soon\"\n",
        6,
    );
}

#[test]
fn repeated_failures_do_not_pile_up_or_overwrite_backups() {
    let (dir, mut store) = store_with(b"version = = 1");
    fs::write(dir.path().join("config.toml.bak"), "an older backup").unwrap();
    for _ in 0..3 {
        assert!(store.load().is_err());
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("config.toml.bak")).unwrap(),
        "an older backup"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("config.toml.bak.1")).unwrap(),
        "version = = 1"
    );
    assert_eq!(
        names_in(dir.path()),
        ["config.toml", "config.toml.bak", "config.toml.bak.1"]
    );
}

#[test]
fn a_file_broken_by_hand_while_running_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = ConfigStore::open(Some(dir.path().into())).unwrap();
    store.save(&sample_settings()).unwrap();
    // Valid edits by hand are simply replaced by the next save...
    fs::write(
        store.path(),
        "version = 1\n[general]\nauto_answer = false\n",
    )
    .unwrap();
    store.save(&sample_settings()).unwrap();
    // ...but a file that no longer loads is kept, with a copy, and the save refused.
    fs::write(store.path(), "version = 1\n[general\n").unwrap();
    let error = store.save(&Settings::default()).unwrap_err();
    assert_eq!(error.key(), "config.error.save_refused", "{error}");
    assert_eq!(
        fs::read_to_string(store.path()).unwrap(),
        "version = 1\n[general\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("config.toml.bak")).unwrap(),
        "version = 1\n[general\n"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_reported() {
    let (_dir, mut store) = store_with(b"version = 1\nname = \"\xff\xfe\"\n");
    let error = store.load().unwrap_err();
    assert_eq!(error.key(), "config.error.corrupt", "{error}");
}

#[test]
fn a_newer_format_is_left_alone() {
    let (_dir, mut store) = store_with(b"version = 2\nhologram = true\n");
    let error = store.load().unwrap_err();
    assert_eq!(error.key(), "config.error.too_new", "{error}");
    assert!(store.save(&Settings::default()).is_err());
    assert_eq!(
        fs::read_to_string(store.path()).unwrap(),
        "version = 2\nhologram = true\n"
    );
}

#[test]
fn a_directory_where_the_file_should_be_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(CONFIG_FILE)).unwrap();
    let mut store = ConfigStore::open(Some(dir.path().into())).unwrap();
    let error = store.load().unwrap_err();
    assert_eq!(error.key(), "config.error.not_a_file");
    assert!(error.to_string().contains("config.toml"), "{error}");
    assert_eq!(
        store.save(&Settings::default()).unwrap_err().key(),
        "config.error.save_refused"
    );
    assert!(dir.path().join(CONFIG_FILE).is_dir());
}

/// Root ignores permission bits, so permission tests run again as the `nobody` user (65534)
/// through `setpriv`. Returns true in the root process after the rerun passed; the caller
/// then returns.
fn rerun_unprivileged(test: &str) -> bool {
    if std::env::var_os("HANDSET_TEST_UNPRIVILEGED").is_some() || !running_as_root() {
        return false;
    }
    let exe = std::env::current_exe().unwrap();
    // The build may sit in a folder `nobody` cannot enter (a clone under /root): then run a
    // link or copy of the test binary from a folder it can.
    let reachable = as_nobody("test")
        .args(["-x", &exe.to_string_lossy()])
        .status()
        .is_ok_and(|s| s.success());
    let staging = tempfile::tempdir().unwrap();
    let exe = if reachable {
        exe
    } else {
        fs::set_permissions(staging.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let staged = staging.path().join("config_store");
        if fs::hard_link(&exe, &staged).is_err() {
            fs::copy(&exe, &staged).unwrap();
        }
        staged
    };
    let output = as_nobody(&exe.to_string_lossy())
        .args(["--exact", test, "--test-threads=1"])
        .env("HANDSET_TEST_UNPRIVILEGED", "1")
        .env("TMPDIR", "/tmp")
        .output()
        .unwrap_or_else(|e| panic!("setpriv (Debian package util-linux) is needed: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{test} as nobody:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    true
}

fn as_nobody(program: &str) -> std::process::Command {
    let mut command = std::process::Command::new("setpriv");
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(program);
    command
}

fn running_as_root() -> bool {
    let probe = tempfile::tempdir().unwrap();
    fs::set_permissions(probe.path(), fs::Permissions::from_mode(0o500)).unwrap();
    let writable = fs::write(probe.path().join("x"), "x").is_ok();
    fs::set_permissions(probe.path(), fs::Permissions::from_mode(0o700)).unwrap();
    writable
}

#[test]
fn a_read_only_folder_gives_a_clear_write_error_and_keeps_the_file() {
    if rerun_unprivileged("a_read_only_folder_gives_a_clear_write_error_and_keeps_the_file") {
        return;
    }
    // No fixture here: as `nobody` the source tree may be out of reach.
    let dir = tempfile::tempdir().unwrap();
    let mut store = ConfigStore::open(Some(dir.path().into())).unwrap();
    let before = sample_settings();
    store.save(&before).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
    let result = store.save(&Settings::default());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    let error = result.unwrap_err();
    assert_eq!(error.key(), "config.error.write");
    assert!(
        error.to_string().contains(&*dir.path().to_string_lossy()),
        "{error}"
    );
    assert_eq!(store.load().unwrap().settings, before);
}

#[test]
fn a_file_where_the_config_folder_should_be_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("handset");
    fs::write(&blocker, "not a folder").unwrap();
    let mut store = ConfigStore::open(Some(blocker.clone())).unwrap();
    let error = store.load().unwrap_err();
    assert_eq!(error.key(), "config.error.unreadable", "{error}");
    assert!(error.to_string().contains("handset/config.toml"), "{error}");
    let refused = store.save(&sample_settings()).unwrap_err();
    assert_eq!(refused.key(), "config.error.save_refused", "{refused}");
    // Even the explicit reset cannot write there, and says so.
    let reset = store.reset_to_defaults().unwrap_err();
    assert_eq!(reset.key(), "config.error.write", "{reset}");
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a folder");
}

#[test]
fn an_unreadable_file_is_reported_and_not_overwritten() {
    if rerun_unprivileged("an_unreadable_file_is_reported_and_not_overwritten") {
        return;
    }
    let (_dir, mut store) = store_with(b"version = 1\n");
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o000)).unwrap();
    let error = store.load().unwrap_err();
    assert_eq!(error.key(), "config.error.unreadable");
    assert!(error.to_string().contains("config.toml"), "{error}");
    assert_eq!(
        store.save(&Settings::default()).unwrap_err().key(),
        "config.error.save_refused"
    );
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(fs::read(store.path()).unwrap(), b"version = 1\n");
}
