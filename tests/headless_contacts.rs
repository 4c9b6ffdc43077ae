//! The headless face names callers from the contacts in `--data DIR` and keeps the call
//! history there, as the window does.

mod common;

use common::handset::{args, Handset};
use common::scratch::Scratch;
use std::time::Duration;

/// Liveness bound for the events; not a performance check.
const BOUND: Duration = Duration::from_secs(30);

#[test]
fn a_caller_in_the_contacts_is_named_and_the_call_is_kept_in_the_history() {
    let scratch = Scratch::new("headless_contacts");
    let data = scratch.subdir("bob-data");
    std::fs::create_dir_all(data.join("contacts")).unwrap();
    std::fs::write(
        data.join("contacts/alice.vcf"),
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:alice\r\nFN:Alice Liddell\r\n\
         IMPP;TYPE=work:sip:alice@127.0.0.1\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let data_arg = data.display().to_string();
    let (mut bob, _port) = Handset::start_on_loopback(
        &scratch,
        &["--audio", "null", "--auto-answer", "--data", &data_arg],
    );
    let (mut alice, _) = Handset::start(
        &scratch,
        &args(&[
            "--listen",
            "127.0.0.1:0",
            "--audio",
            "null",
            "--user",
            "alice",
        ]),
    );
    alice.dial(&bob.address());

    let incoming = bob.wait_event("incoming_call", BOUND);
    assert_eq!(incoming["contact"], "Alice Liddell", "{incoming}");
    let established = bob.wait_call_state("established", BOUND);
    assert_eq!(established["contact"], "Alice Liddell", "{established}");
    let call = common::handset::call_id(&alice.wait_call_state("established", BOUND));
    alice.hangup(call);
    bob.wait_call_ended(BOUND);
    bob.quit();

    let history = handset::history::History::open(data.join("history.db"))
        .expect("the history opens")
        .history;
    let calls = history
        .list(handset::history::Filter::All, 10)
        .expect("the history reads");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].contact.as_deref(), Some("Alice Liddell"));
    assert!(!calls[0].missed);
}
