//! Behind a NAT: the registrar tells (RFC 3581 `received`/`rport`) the address it saw our
//! REGISTER come from, and a call from that account carries it in its Contact, so the far
//! end's in-dialog requests (BYE, re-INVITE) come back through the NAT.

mod network_support;

use handset::config::{AccountId, Settings};
use handset::engine::api::{Command, Event, RegistrationState};
use network_support::{account, start_engine, Registrar};
use std::net::SocketAddr;
use std::time::Duration;

const BOUND: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invite_from_an_account_behind_a_nat_carries_the_learnt_contact() {
    let nat: SocketAddr = "203.0.113.5:40000".parse().unwrap();
    let mut registrar = Registrar::start("127.0.0.1:0", Some(nat));
    let settings = Settings {
        accounts: vec![account(registrar.addr)],
        ..Settings::default()
    };
    let mut handle = start_engine("127.0.0.1:0", settings).await;
    loop {
        let event = tokio::time::timeout(BOUND, handle.events.recv())
            .await
            .expect("registered within the liveness bound")
            .expect("the engine runs");
        if let Event::Registration { state, .. } = event {
            match state {
                RegistrationState::Registered { .. } => break,
                RegistrationState::Failed { .. } => panic!("registration failed: {state:?}"),
                _ => {}
            }
        }
    }

    handle
        .commands
        .send(Command::Dial {
            target: "bob".into(),
            account: Some(AccountId(1)),
        })
        .unwrap();
    let invite = tokio::task::block_in_place(|| {
        registrar.wait_for("INVITE", BOUND, |d| d.text.starts_with("INVITE "))
    });
    let contact = invite.header("Contact").unwrap_or_default();
    assert!(
        contact.contains(&format!("@{nat}>")),
        "the INVITE's Contact is not the learnt {nat}: {contact}\n{}",
        invite.text
    );
}
