use super::*;

fn key<'a>(entry: &'a str, name: &str) -> Option<&'a str> {
    entry
        .lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix('='))
}

#[test]
fn switching_on_writes_an_entry_that_starts_hidden_and_off_removes_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/autostart");
    assert!(!is_enabled_in(&dir));

    set_in(&dir, true, Path::new("/usr/bin/handset")).unwrap();
    assert!(is_enabled_in(&dir));
    let text = std::fs::read_to_string(dir.join("org.handset.Handset.desktop")).unwrap();
    assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
    assert_eq!(key(&text, "Type"), Some("Application"));
    assert_eq!(
        key(&text, "Exec"),
        Some("/usr/bin/handset --gapplication-service")
    );
    assert_eq!(key(&text, "X-GNOME-Autostart-enabled"), Some("true"));

    // Again: still one entry, still on.
    set_in(&dir, true, Path::new("/usr/bin/handset")).unwrap();
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    set_in(&dir, false, Path::new("/usr/bin/handset")).unwrap();
    assert!(!is_enabled_in(&dir));
    assert!(!dir.join(FILE_NAME).exists());
    // Off when already off is no error.
    set_in(&dir, false, Path::new("/usr/bin/handset")).unwrap();
}

#[test]
fn an_entry_hidden_by_the_user_counts_as_off() {
    let home = tempfile::tempdir().unwrap();
    let mut text = entry(Path::new("/usr/bin/handset"));
    text.push_str("Hidden=true\n");
    std::fs::write(home.path().join(FILE_NAME), text).unwrap();
    assert!(!is_enabled_in(home.path()));
}

#[test]
fn a_program_path_with_spaces_or_reserved_characters_is_quoted() {
    let exec = |path: &str| key(&entry(Path::new(path)), "Exec").map(str::to_owned);
    assert_eq!(
        exec("/opt/my apps/handset").as_deref(),
        Some("\"/opt/my apps/handset\" --gapplication-service")
    );
    assert_eq!(
        exec("/home/a$b/handset").as_deref(),
        Some(r#""/home/a\\$b/handset" --gapplication-service"#)
    );
    assert_eq!(
        exec("/home/100%/handset").as_deref(),
        Some("/home/100%%/handset --gapplication-service")
    );
}

#[test]
fn the_folder_follows_xdg_config_home() {
    // Read only: the test does not change the process environment.
    if let Some(config) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        let config = PathBuf::from(config);
        if config.is_absolute() {
            assert_eq!(autostart_dir(), Some(config.join("autostart")));
        }
    } else if let Some(home) = std::env::var_os("HOME") {
        assert_eq!(
            autostart_dir(),
            Some(PathBuf::from(home).join(".config/autostart"))
        );
    }
}
