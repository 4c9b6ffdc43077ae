//! The transport fields as a user meets them: a trusted certificate for a TLS account, checked
//! on Save, and the keep-alive interval on the network page.

use super::*;
use std::path::{Path, PathBuf};

/// A real self-signed certificate (made with `openssl req -x509`, valid for a century).
fn good_certificate() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trusted-certificate.pem")
}

fn type_into(panel: &mut SettingsPanel, field: Field, value: &str) {
    assert_eq!(
        panel.update(Message::FieldChanged(field, value.to_owned())),
        Action::None
    );
}

/// A filled-in new TLS account with `certificate` typed into its certificate field.
fn tls_form_with_certificate(certificate: &str) -> SettingsPanel {
    let mut panel = SettingsPanel::new(Settings::default(), &[], None);
    panel.update(Message::AddAccount);
    type_into(&mut panel, Field::User, "alice");
    type_into(&mut panel, Field::Domain, "pbx.handset.test");
    panel.update(Message::TransportPicked(Transport::Tls));
    type_into(&mut panel, Field::TrustedCertificate, certificate);
    panel
}

fn saved_settings(action: Action) -> Settings {
    let Action::Settings(SettingsRequest::Save { settings, .. }) = action else {
        panic!("Save should ask to save, got {action:?}");
    };
    *settings
}

fn refused_with(certificate: &str) -> String {
    let mut panel = tls_form_with_certificate(certificate);
    assert_eq!(
        panel.update(Message::SaveAccount),
        Action::None,
        "nothing may be saved with the certificate {certificate:?}"
    );
    assert!(panel.form().is_some(), "the form stays open to fix it");
    assert_eq!(panel.field_error("domain"), None);
    panel
        .field_error("trusted_certificate")
        .expect("a message next to the certificate field")
}

#[test]
fn the_certificate_field_is_shown_for_tls_and_reached_after_the_other_fields() {
    let mut panel = SettingsPanel::new(Settings::default(), &[], None);
    panel.update(Message::AddAccount);
    let form = panel.form().unwrap();
    assert!(!form.shows(Field::TrustedCertificate), "not for UDP");
    assert!(form.shows(Field::Expires));
    assert_eq!(Field::ALL.last(), Some(&Field::TrustedCertificate));

    panel.update(Message::TransportPicked(Transport::Tls));
    assert!(panel.form().unwrap().shows(Field::TrustedCertificate));
    // A path set on a TCP account stays visible, so its error cannot hide.
    type_into(&mut panel, Field::TrustedCertificate, "/etc/pbx.pem");
    panel.update(Message::TransportPicked(Transport::Tcp));
    assert!(panel.form().unwrap().shows(Field::TrustedCertificate));
}

#[test]
fn a_missing_certificate_file_is_named_next_to_the_field() {
    let error = refused_with("/nonexistent/handset-pbx.pem");
    assert!(error.contains("missing"), "{error}");
    assert!(error.contains("/nonexistent/handset-pbx.pem"), "{error}");
}

#[test]
fn a_file_without_a_pem_certificate_is_refused_next_to_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "this is not a certificate\n").unwrap();
    let error = refused_with(&path.display().to_string());
    assert!(error.contains("no PEM certificate"), "{error}");
}

#[test]
fn a_damaged_pem_certificate_is_refused_next_to_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.pem");
    let good = std::fs::read_to_string(good_certificate()).unwrap();
    // Keep the BEGIN/END lines but cut the certificate's body short.
    let damaged: String = good
        .lines()
        .enumerate()
        .filter(|(index, line)| *index < 3 || line.starts_with("-----END"))
        .map(|(_, line)| format!("{line}\n"))
        .collect();
    std::fs::write(&path, damaged).unwrap();
    let error = refused_with(&path.display().to_string());
    assert!(error.contains("not a usable certificate"), "{error}");
}

#[test]
fn a_good_certificate_is_saved_into_the_account() {
    let certificate = good_certificate();
    let mut panel = tls_form_with_certificate(&format!("  {}  ", certificate.display()));
    let settings = saved_settings(panel.update(Message::SaveAccount));
    let account = &settings.accounts[0];
    assert_eq!(account.transport, Transport::Tls);
    assert_eq!(account.trusted_certificate, Some(certificate.clone()));

    // Opening the account again shows the path, and saving it untouched keeps it.
    panel.saved(settings);
    panel.update(Message::EditAccount(AccountId(1)));
    assert_eq!(
        panel.form().unwrap().value(Field::TrustedCertificate),
        certificate.display().to_string()
    );
    let settings = saved_settings(panel.update(Message::SaveAccount));
    assert_eq!(settings.accounts[0].trusted_certificate, Some(certificate));
}

#[test]
fn clearing_the_certificate_field_removes_the_certificate() {
    let mut account = Account::new(AccountId(1), "alice", "pbx.handset.test");
    account.transport = Transport::Tls;
    account.trusted_certificate = Some(good_certificate());
    let settings = Settings {
        accounts: vec![account],
        ..Settings::default()
    };
    let mut panel = SettingsPanel::new(settings, &[], None);
    panel.update(Message::EditAccount(AccountId(1)));
    type_into(&mut panel, Field::TrustedCertificate, "   ");
    let settings = saved_settings(panel.update(Message::SaveAccount));
    assert_eq!(settings.accounts[0].trusted_certificate, None);
}

#[test]
fn fixing_the_certificate_path_clears_its_message() {
    let mut panel = tls_form_with_certificate("/nonexistent/handset-pbx.pem");
    panel.update(Message::SaveAccount);
    assert!(panel.field_error("trusted_certificate").is_some());
    type_into(
        &mut panel,
        Field::TrustedCertificate,
        &good_certificate().display().to_string(),
    );
    assert_eq!(panel.field_error("trusted_certificate"), None);
}

fn keepalive_typed(text: &str) -> (SettingsPanel, Action) {
    let mut panel = SettingsPanel::new(Settings::default(), &[], None);
    panel.update(Message::Section(Section::Network));
    assert_eq!(
        panel.update(Message::KeepaliveChanged(text.to_owned())),
        Action::None
    );
    let action = panel.update(Message::SaveNetwork);
    (panel, action)
}

#[test]
fn a_keepalive_interval_over_an_hour_is_refused_next_to_the_field() {
    let (panel, action) = keepalive_typed("99999");
    assert_eq!(action, Action::None, "nothing is saved");
    let error = panel
        .network_error("network.keepalive_seconds")
        .expect("a message next to the keep-alive field");
    assert!(error.contains("99999"), "{error}");
    assert!(error.contains("3600"), "{error}");
    assert_eq!(panel.network_error("network.sip_port"), None);
}

#[test]
fn a_keepalive_interval_that_is_not_a_number_is_refused_next_to_the_field() {
    for typed in ["soon", "-5", "2.5"] {
        let (panel, action) = keepalive_typed(typed);
        assert_eq!(action, Action::None, "{typed:?} is not saved");
        let error = panel
            .network_error("network.keepalive_seconds")
            .expect("a message next to the keep-alive field");
        assert!(error.contains("whole number of seconds"), "{error}");
    }
}

#[test]
fn a_keepalive_interval_of_30_or_0_is_saved_and_the_form_shows_it_afterwards() {
    for (typed, seconds) in [(" 30 ", 30), ("0", 0)] {
        let (mut panel, action) = keepalive_typed(typed);
        let settings = saved_settings(action);
        assert_eq!(settings.network.keepalive_seconds, seconds);
        assert_eq!(panel.network_error("network.keepalive_seconds"), None);
        panel.saved(settings);
        assert_eq!(panel.keepalive, seconds.to_string());
    }
}

#[test]
fn fixing_the_keepalive_interval_clears_its_message() {
    let (mut panel, _) = keepalive_typed("99999");
    panel.update(Message::KeepaliveChanged("60".to_owned()));
    assert_eq!(panel.network_error("network.keepalive_seconds"), None);
}

#[test]
fn the_new_fields_have_their_words_in_english() {
    for key in [
        Field::TrustedCertificate.label_key(),
        "settings-account-trusted-certificate-placeholder",
        "settings-account-trusted-certificate-hint",
        "settings-network-keepalive",
        "settings-network-dns-server",
        "settings-network-dns-server-placeholder",
        "settings-dns-server-invalid",
    ] {
        assert!(
            crate::ui::i18n::has_key(key),
            "i18n key {key:?} is missing in en-US"
        );
    }
}

fn dns_server_typed(text: &str) -> (SettingsPanel, Action) {
    let mut panel = SettingsPanel::new(Settings::default(), &[], None);
    panel.update(Message::Section(Section::Network));
    panel.update(Message::DnsServerChanged(text.to_owned()));
    let action = panel.update(Message::SaveNetwork);
    (panel, action)
}

#[test]
fn a_name_server_that_is_not_an_address_is_refused_next_to_the_field() {
    for typed in ["dns.example.com", "192.0.2.300", "127.0.0.1:99999"] {
        let (mut panel, action) = dns_server_typed(typed);
        assert_eq!(action, Action::None, "{typed:?} is not saved");
        let error = panel
            .network_error("network.dns_server")
            .expect("a message next to the name server field");
        assert!(
            error.contains(typed) && error.contains("192.0.2.53"),
            "{error}"
        );
        panel.update(Message::DnsServerChanged(String::new()));
        assert_eq!(panel.network_error("network.dns_server"), None);
    }
}

#[test]
fn a_name_server_is_saved_with_its_port_or_53_and_empty_means_the_systems() {
    for (typed, saved) in [
        ("127.0.0.1:5353", Some("127.0.0.1:5353")),
        (" 192.0.2.53 ", Some("192.0.2.53:53")),
        ("[::1]:5300", Some("[::1]:5300")),
        ("", None),
    ] {
        let (mut panel, action) = dns_server_typed(typed);
        let settings = saved_settings(action);
        let server = settings.network.dns_server.map(|s| s.to_string());
        assert_eq!(server.as_deref(), saved, "{typed:?}");
        panel.saved(settings);
        assert_eq!(panel.dns_server, saved.unwrap_or_default());
    }
}
