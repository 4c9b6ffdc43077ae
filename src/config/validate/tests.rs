use super::*;
use crate::config::account::Transport;

fn keys_by_field(errors: &[FieldError]) -> Vec<(&'static str, &'static str)> {
    errors.iter().map(|e| (e.field, e.key)).collect()
}

#[test]
fn a_good_account_has_no_errors() {
    let mut account = Account::new(AccountId(1), "alice", "sip.example.com:5060");
    account.outbound_proxy = Some("sip:proxy.example.com;lr".into());
    account.auth_user = Some("alice-auth".into());
    assert_eq!(account.validate(), []);
}

#[test]
fn each_bad_field_is_named() {
    let mut account = Account::new(AccountId(1), "", "not a host");
    account.outbound_proxy = Some("http://proxy".into());
    account.expires = 10;
    account.display_name = "Eve\r\nVia: evil".into();
    account.codecs = vec!["PCMU".into(), "pcmu".into(), "mp3".into()];
    account.auth_user = Some("a b".into());
    assert_eq!(
        keys_by_field(&account.validate()),
        [
            (
                "display_name",
                "config.account.display_name.control_character"
            ),
            ("user", "config.account.user.empty"),
            ("domain", "config.account.domain.invalid"),
            ("auth_user", "config.account.user.invalid_character"),
            ("outbound_proxy", "config.account.outbound_proxy.invalid"),
            ("expires", "config.account.expires.out_of_range"),
            ("codecs", "config.account.codecs.duplicate"),
            ("codecs", "config.account.codecs.unknown"),
        ]
    );
}

#[test]
fn expires_limits_are_inclusive() {
    let mut account = Account::new(AccountId(1), "a", "example.com");
    for (expires, ok) in [(59, false), (60, true), (86_400, true), (86_401, false)] {
        account.expires = expires;
        assert_eq!(account.validate().is_empty(), ok, "{expires}");
    }
}

#[test]
fn a_missing_certificate_file_is_shown_at_its_field() {
    let mut account = Account::new(AccountId(1), "a", "example.com");
    account.trusted_certificate = Some("/nonexistent/handset.pem".into());
    assert_eq!(
        keys_by_field(&account.validate()),
        [(
            "trusted_certificate",
            "config.account.trusted_certificate.missing"
        )]
    );
}

#[test]
fn the_same_user_at_the_same_domain_twice_is_a_duplicate() {
    let mut settings = Settings::default();
    settings
        .accounts
        .push(Account::new(AccountId(1), "alice", "example.com"));
    let editing_itself = Account::new(AccountId(1), "alice", "example.com");
    assert_eq!(settings.validate_account(&editing_itself), []);
    let another = Account::new(AccountId(2), "alice", "EXAMPLE.com");
    assert_eq!(
        keys_by_field(&settings.validate_account(&another)),
        [("user", "config.account.duplicate")]
    );
}

#[test]
fn keepalive_interval_is_off_or_at_most_an_hour() {
    let mut settings = Settings::default();
    assert_eq!(settings.network.keepalive_seconds, 25);
    for good in [0, 2, 3600] {
        settings.network.keepalive_seconds = good;
        assert!(settings.validate().is_empty(), "{good}");
    }
    settings.network.keepalive_seconds = 3601;
    let found: Vec<_> = settings.validate().into_iter().map(|e| e.error).collect();
    assert_eq!(
        keys_by_field(&found),
        [(
            "network.keepalive_seconds",
            "config.network.keepalive_seconds.out_of_range"
        )]
    );
}

#[test]
fn settings_wide_problems() {
    let mut settings = Settings::default();
    let mut tls = Account::new(AccountId(1), "a", "example.com");
    tls.transport = Transport::Tls;
    settings.accounts.push(tls);
    settings
        .accounts
        .push(Account::new(AccountId(1), "b", "example.com"));
    settings.default_account = Some(AccountId(9));
    settings.network.transports.tls = false;
    settings.network.tls_port = settings.network.sip_port;
    let found: Vec<_> = settings
        .validate()
        .into_iter()
        .map(|e| (e.account, e.error.key))
        .collect();
    assert_eq!(
        found,
        [
            (Some(AccountId(1)), "config.account.transport.disabled"),
            (Some(AccountId(1)), "config.account.id.duplicate"),
            (None, "config.default_account.unknown"),
        ]
    );
    settings.network.transports = crate::config::TransportFlags {
        udp: false,
        tcp: true,
        tls: true,
    };
    settings.accounts.truncate(1);
    settings.default_account = None;
    assert_eq!(
        settings
            .validate()
            .into_iter()
            .map(|e| e.error.key)
            .collect::<Vec<_>>(),
        ["config.network.tls_port.same_as_sip_port"]
    );
}
