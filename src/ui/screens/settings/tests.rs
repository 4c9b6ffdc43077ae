use super::*;
use crate::config::PasswordStorage;
use crate::engine::api::{AudioDirection, RegistrationFailure};

fn panel_with(accounts: Vec<Account>) -> SettingsPanel {
    let settings = Settings {
        accounts,
        ..Settings::default()
    };
    SettingsPanel::new(settings, &[], None)
}

fn type_into(panel: &mut SettingsPanel, field: Field, value: &str) {
    assert_eq!(
        panel.update(Message::FieldChanged(field, value.to_owned())),
        Action::None
    );
}

fn filled_form() -> SettingsPanel {
    let mut panel = panel_with(Vec::new());
    panel.update(Message::AddAccount);
    type_into(&mut panel, Field::DisplayName, "Alice");
    type_into(&mut panel, Field::User, "alice");
    type_into(&mut panel, Field::Domain, "sip.example.com");
    type_into(&mut panel, Field::Password, "s3cret");
    panel
}

#[test]
fn form_errors_appear_next_to_the_right_field() {
    let mut panel = panel_with(Vec::new());
    panel.update(Message::AddAccount);
    type_into(&mut panel, Field::User, "alice");
    type_into(&mut panel, Field::Expires, "soon");
    assert_eq!(panel.update(Message::SaveAccount), Action::None);

    let domain = panel
        .field_error("domain")
        .expect("a message by the domain");
    assert!(domain.contains("domain"), "{domain}");
    let expires = panel
        .field_error("expires")
        .expect("a message by the expiry");
    assert!(expires.contains("seconds"), "{expires}");
    assert_eq!(panel.field_error("user"), None);

    // Fixing the field clears its message.
    type_into(&mut panel, Field::Domain, "sip.example.com");
    assert_eq!(panel.field_error("domain"), None);
}

#[test]
fn saving_a_valid_account_asks_to_save_it_with_its_password() {
    let mut panel = filled_form();
    let Action::Settings(SettingsRequest::Save {
        settings, password, ..
    }) = panel.update(Message::SaveAccount)
    else {
        panic!("Save should ask to save");
    };
    assert_eq!(settings.accounts.len(), 1);
    assert_eq!(settings.accounts[0].user, "alice");
    assert_eq!(settings.accounts[0].domain, "sip.example.com");
    assert_eq!(settings.default_account, Some(settings.accounts[0].id));
    let (account, password) = *password.expect("the typed password");
    assert_eq!(account.id, settings.accounts[0].id);
    assert_eq!(password.expose(), "s3cret");

    panel.saved(*settings);
    assert!(panel.form().is_none(), "the form closes once saved");
    assert_eq!(panel.account_lines().len(), 1);
}

#[test]
fn delete_asks_first_and_only_then_saves() {
    let mut panel = panel_with(vec![Account::new(AccountId(1), "bob", "pbx.example")]);
    assert_eq!(
        panel.update(Message::DeleteAccount(AccountId(1))),
        Action::None
    );
    let question = panel.delete_question().expect("a confirmation question");
    assert!(question.contains("bob@pbx.example"), "{question}");

    assert_eq!(panel.update(Message::CancelDelete), Action::None);
    assert_eq!(panel.delete_question(), None);

    panel.update(Message::DeleteAccount(AccountId(1)));
    let Action::Settings(SettingsRequest::Save {
        settings, forget, ..
    }) = panel.update(Message::ConfirmDelete)
    else {
        panic!("confirming should save");
    };
    assert!(settings.accounts.is_empty());
    assert_eq!(forget.map(|account| account.id), Some(AccountId(1)));
}

#[test]
fn registration_events_update_the_account_list() {
    let mut panel = panel_with(vec![Account::new(AccountId(4), "carol", "example.org")]);
    panel.set_registration(AccountId(4), RegistrationState::Registering);
    assert_eq!(panel.account_lines()[0].1, "Registering…");

    panel.set_registration(
        AccountId(4),
        RegistrationState::Registered {
            until_unix: 3_600 * 24 * 365 + 3_600 * 9 + 60 * 30,
        },
    );
    let registered = &panel.account_lines()[0].1;
    assert!(registered.starts_with("Registered until "), "{registered}");

    panel.set_registration(
        AccountId(4),
        RegistrationState::Failed {
            failure: RegistrationFailure::NoResponse,
            retry_at_unix: Some(0),
        },
    );
    assert_eq!(
        panel.account_lines()[0].1,
        "Failed: the registrar did not answer"
    );
}

#[test]
fn without_a_keyring_the_user_chooses_where_the_password_goes() {
    let mut panel = filled_form();
    assert!(matches!(
        panel.update(Message::SaveAccount),
        Action::Settings(_)
    ));
    panel.password_storage_unavailable("no D-Bus session".to_owned());
    let question = panel.storage_choice_text().expect("the choice is offered");
    assert!(question.contains("No keyring"), "{question}");
    assert!(panel.form().is_some(), "the form stays open");

    let Action::Settings(SettingsRequest::Save {
        settings, password, ..
    }) = panel.update(Message::ChooseStorage(PasswordStorage::AskEachStart))
    else {
        panic!("choosing should save again");
    };
    assert_eq!(
        settings.accounts[0].password_storage,
        PasswordStorage::AskEachStart
    );
    assert!(password.is_some());
    assert_eq!(panel.storage_choice_text(), None);
}

#[test]
fn network_ports_are_checked_before_saving() {
    let mut panel = panel_with(Vec::new());
    panel.update(Message::Section(Section::Network));
    panel.update(Message::SipPortChanged("70000".to_owned()));
    assert_eq!(panel.update(Message::SaveNetwork), Action::None);
    let error = panel
        .network_error("network.sip_port")
        .expect("a message by the SIP port");
    assert!(error.contains("65535"), "{error}");

    panel.update(Message::SipPortChanged("5070".to_owned()));
    let Action::Settings(SettingsRequest::Save { settings, .. }) =
        panel.update(Message::SaveNetwork)
    else {
        panic!("a valid port saves");
    };
    assert_eq!(settings.network.sip_port, 5070);
}

#[test]
fn a_config_that_failed_to_load_offers_a_confirmed_reset() {
    let mut panel = SettingsPanel::new(
        Settings::default(),
        &[],
        Some("config.toml line 3: expected `=`".to_owned()),
    );
    assert!(panel.load_error().is_some());
    assert_eq!(panel.update(Message::AskReset), Action::None);
    assert_eq!(
        panel.update(Message::ConfirmReset),
        Action::Settings(SettingsRequest::Reset)
    );
}

#[test]
fn enable_toggle_and_set_default_save_at_once() {
    let mut panel = panel_with(vec![
        Account::new(AccountId(1), "a", "example.com"),
        Account::new(AccountId(2), "b", "example.com"),
    ]);
    let Action::Settings(SettingsRequest::Save { settings, .. }) =
        panel.update(Message::ToggleEnabled(AccountId(2), false))
    else {
        panic!("the toggle saves");
    };
    assert!(!settings.account(AccountId(2)).unwrap().enabled);
    assert!(settings.account(AccountId(1)).unwrap().enabled);

    let Action::Settings(SettingsRequest::Save { settings, .. }) =
        panel.update(Message::SetDefault(AccountId(1)))
    else {
        panic!("set as default saves");
    };
    assert_eq!(settings.default_account, Some(AccountId(1)));
}

#[test]
fn editing_keeps_the_account_id_and_an_empty_password_leaves_it_alone() {
    let mut panel = panel_with(vec![Account::new(AccountId(7), "dave", "example.net")]);
    panel.update(Message::EditAccount(AccountId(7)));
    assert_eq!(panel.form().unwrap().value(Field::User), "dave");
    type_into(&mut panel, Field::Domain, "pbx.example.net");
    panel.update(Message::TransportPicked(Transport::Tcp));
    let Action::Settings(SettingsRequest::Save {
        settings, password, ..
    }) = panel.update(Message::SaveAccount)
    else {
        panic!("Save saves");
    };
    assert_eq!(settings.accounts.len(), 1);
    let account = settings.account(AccountId(7)).unwrap();
    assert_eq!(account.domain, "pbx.example.net");
    assert_eq!(account.transport, Transport::Tcp);
    assert!(
        password.is_none(),
        "no password typed: the stored one stays"
    );
}

#[test]
fn a_duplicate_account_is_refused_next_to_the_user_field() {
    let mut panel = panel_with(vec![Account::new(AccountId(1), "alice", "example.com")]);
    panel.update(Message::AddAccount);
    type_into(&mut panel, Field::User, "alice");
    type_into(&mut panel, Field::Domain, "example.com");
    assert_eq!(panel.update(Message::SaveAccount), Action::None);
    let error = panel.field_error("user").expect("a message by the user");
    assert!(error.contains("already exists"), "{error}");
}

/// The codec names the saved account gets when the filled form is saved now.
fn saved_codecs(panel: &mut SettingsPanel) -> Vec<String> {
    let Action::Settings(SettingsRequest::Save { settings, .. }) =
        panel.update(Message::SaveAccount)
    else {
        panic!("Save should ask to save");
    };
    settings.accounts[0].codecs.clone()
}

fn codec_rows(panel: &SettingsPanel) -> Vec<String> {
    let form = panel.form().expect("the form is open");
    form.codecs.rows().iter().map(|r| r.name.clone()).collect()
}

#[test]
fn a_new_account_lists_every_codec_in_the_default_order() {
    let mut panel = filled_form();
    assert_eq!(
        codec_rows(&panel),
        ["opus", "G722", "PCMU", "PCMA", "GSM", "iLBC"]
    );
    assert_eq!(
        saved_codecs(&mut panel),
        ["opus", "G722", "PCMU", "PCMA", "GSM", "iLBC"]
    );
}

#[test]
fn moving_a_codec_up_or_down_changes_the_saved_order() {
    let mut panel = filled_form();
    // PCMA (index 3) up twice: opus, PCMA, G722, PCMU, …
    panel.update(Message::Codec(CodecChange::Up(3)));
    panel.update(Message::Codec(CodecChange::Up(2)));
    // Down on the first row and again on the (new) first row: back where it was.
    panel.update(Message::Codec(CodecChange::Down(0)));
    panel.update(Message::Codec(CodecChange::Down(0)));
    assert_eq!(
        saved_codecs(&mut panel),
        ["opus", "PCMA", "G722", "PCMU", "GSM", "iLBC"]
    );

    let mut panel = filled_form();
    panel.update(Message::Codec(CodecChange::Down(0)));
    assert_eq!(
        saved_codecs(&mut panel),
        ["G722", "opus", "PCMU", "PCMA", "GSM", "iLBC"]
    );
}

#[test]
fn disabling_a_codec_leaves_it_out_of_the_saved_list() {
    let mut panel = filled_form();
    panel.update(Message::Codec(CodecChange::Toggled(0, false)));
    panel.update(Message::Codec(CodecChange::Toggled(5, false)));
    assert_eq!(panel.field_error("codecs"), None);
    assert_eq!(saved_codecs(&mut panel), ["G722", "PCMU", "PCMA", "GSM"]);
}

#[test]
fn editing_an_account_shows_its_order_with_the_rest_switched_off() {
    let mut account = Account::new(AccountId(1), "alice", "sip.example.com");
    account.codecs = vec!["GSM".into(), "PCMU".into()];
    let mut panel = panel_with(vec![account]);
    panel.update(Message::EditAccount(AccountId(1)));
    let form = panel.form().unwrap();
    let shown: Vec<(&str, bool)> = form
        .codecs
        .rows()
        .iter()
        .map(|r| (r.name.as_str(), r.enabled))
        .collect();
    assert_eq!(
        shown,
        [
            ("GSM", true),
            ("PCMU", true),
            ("opus", false),
            ("G722", false),
            ("PCMA", false),
            ("iLBC", false)
        ]
    );
    // Switching one back on and moving it first puts it first in the account.
    panel.update(Message::Codec(CodecChange::Toggled(2, true)));
    for index in [2, 1] {
        panel.update(Message::Codec(CodecChange::Up(index)));
    }
    assert_eq!(saved_codecs(&mut panel), ["opus", "GSM", "PCMU"]);
}

#[test]
fn switching_off_the_last_codec_is_refused_with_a_message_by_the_list() {
    let mut panel = filled_form();
    for index in 0..5 {
        panel.update(Message::Codec(CodecChange::Toggled(index, false)));
        assert_eq!(panel.field_error("codecs"), None);
    }
    panel.update(Message::Codec(CodecChange::Toggled(5, false)));
    let error = panel
        .field_error("codecs")
        .expect("a message by the codec list at once");
    assert!(error.contains("codec"), "{error}");
    assert_eq!(
        panel.update(Message::SaveAccount),
        Action::None,
        "Save is blocked"
    );
    assert!(panel.form().is_some(), "the form stays open");
    assert!(panel.field_error("codecs").is_some(), "{error}");

    // Switching one back on clears the message and saves that one.
    panel.update(Message::Codec(CodecChange::Toggled(3, true)));
    assert_eq!(panel.field_error("codecs"), None);
    assert_eq!(saved_codecs(&mut panel), ["PCMA"]);
}

fn device(name: &str, direction: AudioDirection, is_default: bool) -> AudioDevice {
    AudioDevice {
        name: name.to_owned(),
        description: name.to_owned(),
        direction,
        is_default,
    }
}

#[test]
fn the_audio_pick_lists_offer_the_devices_the_engine_listed() {
    let mut panel = panel_with(Vec::new());
    assert!(
        panel.devices_for(AudioRole::Input).is_empty(),
        "none until asked"
    );
    panel.set_devices(&[
        device("callsink", AudioDirection::Output, false),
        device("nullsink.monitor", AudioDirection::Input, true),
        device("nullsink", AudioDirection::Output, true),
    ]);
    assert_eq!(panel.devices_for(AudioRole::Input), ["nullsink.monitor"]);
    assert_eq!(
        panel.devices_for(AudioRole::Output),
        ["callsink", "nullsink"]
    );
    assert_eq!(
        panel.devices_for(AudioRole::Ringer),
        ["callsink", "nullsink"]
    );

    // A headset plugged in since: the next answer replaces the lists.
    panel.set_devices(&[
        device("headset", AudioDirection::Input, false),
        device("headset", AudioDirection::Output, false),
    ]);
    assert_eq!(panel.devices_for(AudioRole::Input), ["headset"]);
    assert_eq!(panel.devices_for(AudioRole::Output), ["headset"]);
}

fn saved_settings(action: Action) -> Settings {
    let Action::Settings(SettingsRequest::Save { settings, .. }) = action else {
        panic!("expected a save, got {action:?}");
    };
    *settings
}

#[test]
fn a_volume_slider_saves_its_value_when_let_go_and_shows_it_while_dragged() {
    let mut panel = panel_with(Vec::new());
    let drag = |volume, value| Message::Sound(SoundChange::Dragged(volume, value));
    assert_eq!(panel.update(drag(Volume::Ringtone, 70)), Action::None);
    assert_eq!(panel.update(drag(Volume::Ringtone, 40)), Action::None);
    assert_eq!(
        panel.shown_volume(Volume::Ringtone),
        40,
        "the slider follows the drag"
    );
    assert_eq!(panel.shown_volume(Volume::Call), 100);

    let saved = saved_settings(panel.update(Message::Sound(SoundChange::Released)));
    assert_eq!(saved.audio.ringtone_volume, 40);
    assert_eq!(
        saved.audio.call_volume, 100,
        "the other volume is left alone"
    );
    assert_eq!(
        panel.shown_volume(Volume::Ringtone),
        40,
        "no jump back before the save lands"
    );
    panel.saved(saved);
    assert_eq!(panel.shown_volume(Volume::Ringtone), 40);

    panel.update(drag(Volume::Call, 25));
    let saved = saved_settings(panel.update(Message::Sound(SoundChange::Released)));
    assert_eq!(
        (saved.audio.ringtone_volume, saved.audio.call_volume),
        (40, 25)
    );
}

#[test]
fn letting_go_of_a_slider_where_it_was_saves_nothing() {
    let mut panel = panel_with(Vec::new());
    assert_eq!(
        panel.update(Message::Sound(SoundChange::Released)),
        Action::None
    );
    panel.update(Message::Sound(SoundChange::Dragged(Volume::Call, 100)));
    assert_eq!(
        panel.update(Message::Sound(SoundChange::Released)),
        Action::None
    );
}

#[test]
fn the_ringing_checkboxes_save_at_once() {
    let mut panel = panel_with(Vec::new());
    let saved = saved_settings(panel.update(Message::Sound(SoundChange::RingEveryOutput(true))));
    assert!(saved.audio.ring_every_output);
    assert!(!saved.audio.own_ringtone);
    let saved = saved_settings(panel.update(Message::Sound(SoundChange::OwnRingtone(true))));
    assert!(saved.audio.own_ringtone);
}

#[test]
fn each_part_of_the_microphone_cleaning_can_be_switched() {
    let mut panel = panel_with(Vec::new());
    assert!(panel.settings().audio.echo_cancellation, "on by default");
    let saved = saved_settings(panel.update(Message::Voice(VoiceChange::EchoCancellation(false))));
    assert!(!saved.audio.echo_cancellation);
    assert!(
        saved.audio.noise_suppression,
        "the others stay as they were"
    );
    let saved = saved_settings(panel.update(Message::Voice(VoiceChange::NoiseSuppression(false))));
    assert!(!saved.audio.noise_suppression);
    assert!(panel.settings().audio.gain_control, "on by default");
    let saved = saved_settings(panel.update(Message::Voice(VoiceChange::GainControl(false))));
    assert!(!saved.audio.gain_control);
}
