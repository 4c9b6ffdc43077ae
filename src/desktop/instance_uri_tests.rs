use super::*;

fn target(link: &str) -> String {
    dial_target(link).unwrap_or_else(|e| panic!("{link:?}: {e}"))
}

#[test]
fn sip_and_sips_links_are_dialled_as_given() {
    assert_eq!(target("sip:bob@example.com"), "sip:bob@example.com");
    assert_eq!(
        target("SIP:bob@127.0.0.1:5080;transport=tcp"),
        "sip:bob@127.0.0.1:5080;transport=tcp"
    );
    assert_eq!(target("sips:alice@example.org"), "sips:alice@example.org");
    assert_eq!(target(" sip:[::1]:5060 "), "sip:[::1]:5060");
    // The user part stays percent-encoded: SIP sends it that way.
    assert_eq!(target("sip:j%40doe@example.com"), "sip:j%40doe@example.com");
}

#[test]
fn a_sip_link_cannot_add_header_fields() {
    assert_eq!(
        target("sip:bob@example.com?Call-Info=%3Chttp://evil%3E&subject=hi"),
        "sip:bob@example.com"
    );
}

#[test]
fn tel_numbers_lose_their_visual_separators_and_parameters() {
    assert_eq!(target("tel:+4930123456"), "+4930123456");
    assert_eq!(target("tel:+49-30-123.456"), "+4930123456");
    assert_eq!(target("tel:+49(30)123456"), "+4930123456");
    assert_eq!(target("tel:+49%2030%20123456"), "+4930123456");
    assert_eq!(target("TEL:+1-201-555-0123;ext=1234"), "+12015550123");
    assert_eq!(
        target("tel:7042;phone-context=example.com"),
        "7042",
        "a local number goes out through the default account"
    );
    assert_eq!(target("tel:*31#"), "*31#");
}

#[test]
fn callto_is_what_a_user_would_type() {
    assert_eq!(target("callto:bob"), "bob");
    assert_eq!(target("callto://bob"), "bob");
    assert_eq!(target("callto:bob@example.com"), "bob@example.com");
    assert_eq!(target("callto:+49%2030%20123456"), "+4930123456");
    assert_eq!(target("callto://+4930123456/"), "+4930123456");
    assert_eq!(target("callto:sip:bob@example.com"), "sip:bob@example.com");
}

#[test]
fn links_that_name_nobody_or_hold_garbage_are_refused() {
    for bad in [
        "sip:",
        "sip:@example.com",
        "sip:bob@",
        "sip:bob smith@example.com",
        "sip:<bob>@example.com",
        "tel:",
        "tel:+",
        "tel:+49 30 CALL ME",
        "tel:%zz",
        "tel:%ff",
        "callto:",
        "callto://",
        "callto:bob smith",
        "callto:bob@",
        "callto:bob?x=y",
    ] {
        assert!(dial_target(bad).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn other_schemes_are_not_dialled() {
    for other in ["http://example.com", "mailto:bob@example.com", "bob", ""] {
        assert!(
            matches!(dial_target(other), Err(LinkError::UnknownScheme(_))),
            "{other:?}"
        );
    }
}
