//! The transport fields as a user meets them: a trusted certificate for a TLS account, checked
//! by the engine on Save (these tests answer for it), and the keep-alive interval on the
//! network page.

use super::*;
use crate::engine::api::{CertificateOutcome, Command};
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

/// The certificate check Save asks the engine for: the path and the question's number.
fn asked(action: Action) -> (PathBuf, u64) {
    let Action::Engine(Command::CheckCertificate { path, request }) = action else {
        panic!("Save should first ask the engine to check the certificate, got {action:?}");
    };
    (path, request)
}

/// Save with `certificate` typed in, the engine answering `code` and `detail`: what the user
/// reads below the field. The file must exist: the config refuses a missing path before the
/// engine is asked.
fn refused_with(certificate: &str, code: &str, detail: &str) -> String {
    let mut panel = tls_form_with_certificate(certificate);
    let (path, request) = asked(panel.update(Message::SaveAccount));
    assert_eq!(path, PathBuf::from(certificate));
    assert!(panel.checking_certificate());
    let refused = CertificateOutcome::Refused {
        code: code.to_owned(),
        detail: detail.to_owned(),
    };
    assert_eq!(
        panel.certificate_checked(request, refused),
        Action::None,
        "nothing may be saved with the certificate {certificate:?}"
    );
    assert!(!panel.checking_certificate());
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
fn a_missing_certificate_file_is_named_next_to_the_field_without_asking_the_engine() {
    let mut panel = tls_form_with_certificate("/nonexistent/handset-pbx.pem");
    assert_eq!(panel.update(Message::SaveAccount), Action::None);
    assert!(!panel.checking_certificate());
    let error = panel
        .field_error("trusted_certificate")
        .expect("a message next to the certificate field");
    assert!(error.contains("missing"), "{error}");
    assert!(error.contains("/nonexistent/handset-pbx.pem"), "{error}");
}

#[test]
fn a_file_without_a_pem_certificate_is_refused_next_to_the_field() {
    let path = good_certificate().display().to_string();
    let error = refused_with(&path, "tls.no_pem_certificate", &path);
    assert!(error.contains("no PEM certificate"), "{error}");
    assert!(error.contains(&path), "{error}");
}

#[test]
fn a_damaged_pem_certificate_is_refused_next_to_the_field() {
    let path = good_certificate().display().to_string();
    let error = refused_with(&path, "tls.bad_trusted_certificate", "bad length");
    assert!(error.contains("not a usable certificate"), "{error}");
    assert!(error.contains("bad length"), "{error}");
}

#[test]
fn an_unreadable_certificate_file_is_refused_next_to_the_field() {
    let path = good_certificate().display().to_string();
    let error = refused_with(&path, "tls.read_trusted_certificate", "Permission denied");
    assert!(error.contains("cannot be read"), "{error}");
    assert!(error.contains("Permission denied"), "{error}");
}

#[test]
fn a_refusal_the_panel_has_no_words_for_is_told_in_the_engines_sentence() {
    let path = good_certificate().display().to_string();
    let error = refused_with(&path, "tls.something_new", "the file is from the future");
    assert_eq!(error, "the file is from the future");
}

#[test]
fn a_good_certificate_is_saved_into_the_account_once_the_engine_found_it_usable() {
    let certificate = good_certificate();
    let mut panel = tls_form_with_certificate(&format!("  {}  ", certificate.display()));
    let (path, request) = asked(panel.update(Message::SaveAccount));
    assert_eq!(
        path, certificate,
        "the path is asked about as it will be saved"
    );
    assert!(
        panel.checking_certificate(),
        "the field says it is being checked"
    );
    let settings = saved_settings(panel.certificate_checked(request, CertificateOutcome::Usable));
    let account = &settings.accounts[0];
    assert_eq!(account.transport, Transport::Tls);
    assert_eq!(account.trusted_certificate, Some(certificate.clone()));

    // Opening the account again shows the path, and saving it untouched keeps it, after
    // asking again: the file may have changed since.
    panel.saved(settings);
    panel.update(Message::EditAccount(AccountId(1)));
    assert_eq!(
        panel.form().unwrap().value(Field::TrustedCertificate),
        certificate.display().to_string()
    );
    let (_, again) = asked(panel.update(Message::SaveAccount));
    assert_ne!(again, request, "a new question");
    let settings = saved_settings(panel.certificate_checked(again, CertificateOutcome::Usable));
    assert_eq!(settings.accounts[0].trusted_certificate, Some(certificate));
}

#[test]
fn an_answer_to_an_older_question_saves_nothing() {
    let certificate = good_certificate();
    let mut panel = tls_form_with_certificate(&certificate.display().to_string());
    let (_, first) = asked(panel.update(Message::SaveAccount));
    // Save pressed again while the engine reads the file: only the latest answer counts.
    let (_, second) = asked(panel.update(Message::SaveAccount));
    assert_eq!(
        panel.certificate_checked(first, CertificateOutcome::Usable),
        Action::None
    );
    assert!(panel.checking_certificate(), "still waiting for the latest");
    saved_settings(panel.certificate_checked(second, CertificateOutcome::Usable));

    // The path retyped while its check runs: the old answer is not about this one.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.pem");
    std::fs::write(&old, "an older certificate\n").unwrap();
    let mut panel = tls_form_with_certificate(&old.display().to_string());
    let (_, request) = asked(panel.update(Message::SaveAccount));
    type_into(
        &mut panel,
        Field::TrustedCertificate,
        &certificate.display().to_string(),
    );
    assert!(!panel.checking_certificate());
    assert_eq!(
        panel.certificate_checked(request, CertificateOutcome::Usable),
        Action::None
    );
    assert_eq!(panel.field_error("trusted_certificate"), None);
}

#[test]
fn a_check_nobody_can_answer_is_said_next_to_the_field() {
    let mut panel = tls_form_with_certificate(&good_certificate().display().to_string());
    let (_, request) = asked(panel.update(Message::SaveAccount));
    panel.certificate_not_checked(request);
    assert!(!panel.checking_certificate());
    let error = panel
        .field_error("trusted_certificate")
        .expect("a message next to the certificate field");
    assert!(error.contains("not running"), "{error}");
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
    // No certificate, nothing to ask the engine about.
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
        "settings-certificate-checking",
        "settings-certificate-not-checked",
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
