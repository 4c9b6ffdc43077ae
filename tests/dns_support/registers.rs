//! The check the DNS registration tests share: Handset, with alice's account at example.test
//! and `dns` as its name server, must end up registered with `kamailio`.

use crate::account::write_account;
use crate::common::handset::{registration_state, Handset};
use crate::common::kamailio::{registers_seen, Kamailio};
use crate::common::scratch::Scratch;
use crate::dnsmasq::Dnsmasq;
use std::time::Duration;

/// Starts Handset with the account over `transport` and waits up to `limit` for its
/// registration's outcome, which must be "registered", with kamailio's log agreeing.
pub fn assert_registers_through_dns(
    scratch: &Scratch,
    transport: &str,
    dns: &Dnsmasq,
    kamailio: &Kamailio,
    limit: Duration,
) {
    let config = scratch.subdir("accounts");
    write_account(&config, "example.test", transport, dns.addr);
    let mut handset = Handset::start_with_config(scratch, &config);
    let outcome = handset.wait_for(limit, "a registration outcome", |e| {
        matches!(registration_state(e), Some("registered" | "failed"))
    });
    assert_eq!(
        registration_state(&outcome),
        Some("registered"),
        "{outcome}\nkamailio:\n{}\ndnsmasq:\n{}",
        kamailio.log(),
        dns.log()
    );
    assert!(registers_seen(&kamailio.log()) >= 2, "{}", kamailio.log());
    assert!(handset.quit().success());
}
