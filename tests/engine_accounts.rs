//! The engine with accounts, through the library API, against a scripted UDP registrar:
//! registering at start, ApplySettings disabling an account (REGISTER with Expires: 0), a
//! missing password, INVITEs for users that are none of ours answered 404, and INVITEs for an
//! account ringing only when they come through its registrar (403 from anywhere else).

mod engine_support;

use engine_support::registrar::{header, registrar, relaying_registrar};
use handset::audio::AudioBackend;
use handset::config::secrets::{AccountSecrets, MemorySecretStore};
use handset::config::{Account, AccountId, Settings};
use handset::engine::accounts::AccountSetup;
use handset::engine::api::{Command, Event, RegistrationFailure, RegistrationState};
use handset::engine::{self, EngineConfig, EngineHandle};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::UdpSocket;

/// Liveness bound for one exchange on loopback.
const BOUND: Duration = Duration::from_secs(10);

fn account(id: u32, user: &str, registrar: SocketAddr) -> Account {
    let mut account = Account::new(AccountId(id), user, &registrar.to_string());
    account.expires = 300;
    account
}

async fn start(settings: Settings, passwords: &[(&Account, &str)]) -> EngineHandle {
    engine_support::start_engine(settings, |account| {
        passwords
            .iter()
            .find(|(a, _)| a.id == account.id)
            .map(|(_, password)| password.to_string())
    })
    .await
}

async fn next_registration(handle: &mut EngineHandle) -> (AccountId, RegistrationState) {
    loop {
        let event = tokio::time::timeout(BOUND, handle.events.recv())
            .await
            .expect("a registration event within the liveness bound")
            .expect("the engine is running");
        if let Event::Registration { account, state } = event {
            if state != RegistrationState::Registering {
                return (account, state);
            }
        }
    }
}

async fn next_request(rx: &mut tokio::sync::mpsc::UnboundedReceiver<String>) -> String {
    tokio::time::timeout(BOUND, rx.recv())
        .await
        .expect("a REGISTER within the liveness bound")
        .unwrap()
}

#[tokio::test]
async fn an_account_registers_at_start_and_unregisters_when_disabled() {
    let (registrar, mut requests) = registrar().await;
    let alice = account(1, "alice", registrar);
    let mut settings = Settings {
        accounts: vec![alice.clone()],
        ..Settings::default()
    };
    let mut handle = start(settings.clone(), &[(&alice, "pw")]).await;

    let (id, state) = next_registration(&mut handle).await;
    assert_eq!(id, AccountId(1));
    assert!(matches!(state, RegistrationState::Registered { until_unix } if until_unix > 0));
    let register = next_request(&mut requests).await;
    assert_eq!(header(&register, "Expires"), Some("300"));

    settings.accounts[0].enabled = false;
    handle
        .commands
        .send(Command::ApplySettings {
            settings: Box::new(settings),
        })
        .unwrap();
    let (id, state) = next_registration(&mut handle).await;
    assert_eq!((id, state), (AccountId(1), RegistrationState::Off));
    let unregister = next_request(&mut requests).await;
    assert_eq!(header(&unregister, "Expires"), Some("0"), "{unregister}");
}

#[tokio::test]
async fn an_account_without_a_password_says_so() {
    let (registrar, _requests) = registrar().await;
    let settings = Settings {
        accounts: vec![account(4, "carol", registrar)],
        ..Settings::default()
    };
    let mut handle = start(settings, &[]).await;
    let (id, state) = next_registration(&mut handle).await;
    assert_eq!(id, AccountId(4));
    assert_eq!(
        state,
        RegistrationState::Failed {
            failure: RegistrationFailure::NoPassword,
            retry_at_unix: None
        }
    );
}

#[tokio::test]
async fn an_invite_for_a_user_that_is_none_of_ours_gets_404() {
    let (registrar, mut requests) = registrar().await;
    let alice = account(1, "alice", registrar);
    let settings = Settings {
        accounts: vec![alice.clone()],
        ..Settings::default()
    };
    let mut handle = start(settings, &[(&alice, "pw")]).await;
    next_registration(&mut handle).await;
    next_request(&mut requests).await;

    let caller = send_invite(&handle, "mallory").await;
    assert_eq!(final_status(&caller).await, 404);
    // It never rang.
    while let Ok(event) = handle.events.try_recv() {
        assert!(!matches!(event, Event::IncomingCall { .. }), "{event:?}");
    }
}

/// An INVITE for `user` at the engine, sent from `me`.
fn invite_text(user: &str, me: SocketAddr, engine_addr: SocketAddr) -> String {
    let sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    format!(
        "INVITE sip:{user}@{engine_addr} SIP/2.0\r\n\
         Via: SIP/2.0/UDP {me};branch=z9hG4bKstray{user}\r\n\
         Max-Forwards: 70\r\n\
         From: <sip:scanner@{me}>;tag=s1\r\n\
         To: <sip:{user}@{engine_addr}>\r\n\
         Call-ID: stray-{user}@test\r\n\
         CSeq: 1 INVITE\r\n\
         Contact: <sip:scanner@{me}>\r\n\
         Content-Type: application/sdp\r\n\
         Content-Length: {}\r\n\r\n{sdp}",
        sdp.len()
    )
}

/// Sends an INVITE for `user` to the engine from a fresh socket, which it returns.
async fn send_invite(handle: &EngineHandle, user: &str) -> UdpSocket {
    let caller = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let me = caller.local_addr().unwrap();
    let engine_addr = handle.local_addr;
    caller
        .send_to(invite_text(user, me, engine_addr).as_bytes(), engine_addr)
        .await
        .unwrap();
    caller
}

/// The final status the engine answers `caller`'s INVITE with.
async fn final_status(caller: &UdpSocket) -> u16 {
    let mut buf = vec![0u8; 65_535];
    loop {
        let (len, _) = tokio::time::timeout(BOUND, caller.recv_from(&mut buf))
            .await
            .expect("an answer within the liveness bound")
            .unwrap();
        let text = String::from_utf8_lossy(&buf[..len]).to_string();
        let code: u16 = text
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        if code >= 200 {
            return code;
        }
    }
}

#[tokio::test]
async fn an_invite_for_an_account_user_through_its_registrar_rings_on_that_account() {
    let (registrar, mut requests, relay) = relaying_registrar().await;
    let alice = account(1, "alice", registrar);
    let bob = account(2, "bob", registrar);
    let settings = Settings {
        accounts: vec![alice.clone(), bob.clone()],
        ..Settings::default()
    };
    let mut handle = start(settings, &[(&alice, "pw"), (&bob, "pw")]).await;
    next_registration(&mut handle).await;
    next_registration(&mut handle).await;
    next_request(&mut requests).await;

    let invite = invite_text("bob", registrar, handle.local_addr);
    relay.send.send((invite, handle.local_addr)).unwrap();
    let account = loop {
        let event = tokio::time::timeout(BOUND, handle.events.recv())
            .await
            .expect("an incoming call within the liveness bound")
            .unwrap();
        if let Event::IncomingCall { account, .. } = event {
            break account;
        }
    };
    assert_eq!(account, Some(AccountId(2)));
}

#[tokio::test]
async fn an_invite_for_an_account_user_straight_from_elsewhere_gets_403_and_never_rings() {
    let (registrar, mut requests) = registrar().await;
    let bob = account(2, "bob", registrar);
    let settings = Settings {
        accounts: vec![bob.clone()],
        ..Settings::default()
    };
    let mut handle = start(settings, &[(&bob, "pw")]).await;
    next_registration(&mut handle).await;
    next_request(&mut requests).await;

    let caller = send_invite(&handle, "bob").await;
    assert_eq!(final_status(&caller).await, 403);
    while let Ok(event) = handle.events.try_recv() {
        assert!(!matches!(event, Event::IncomingCall { .. }), "{event:?}");
    }
}

#[tokio::test]
async fn a_password_stored_after_start_is_used_on_apply_settings() {
    let (registrar, mut requests) = registrar().await;
    let carol = account(4, "carol", registrar);
    let settings = Settings {
        accounts: vec![carol.clone()],
        ..Settings::default()
    };
    let secrets = Arc::new(AccountSecrets::with_stores(
        Box::new(MemorySecretStore::new()),
        Box::new(MemorySecretStore::new()),
    ));
    let config = EngineConfig::peer_to_peer("127.0.0.1:0".parse().unwrap(), AudioBackend::Null);
    let setup = AccountSetup {
        settings: settings.clone(),
        secrets: secrets.clone(),
    };
    let mut handle = engine::start_with_accounts(config, Some(setup))
        .await
        .unwrap();
    let (_, state) = next_registration(&mut handle).await;
    assert!(
        matches!(state, RegistrationState::Failed { .. }),
        "{state:?}"
    );

    // The settings panel stores the password, then applies the (unchanged) settings.
    secrets.set(&carol, &"pw".into()).unwrap();
    handle
        .commands
        .send(Command::ApplySettings {
            settings: Box::new(settings),
        })
        .unwrap();
    loop {
        let (_, state) = next_registration(&mut handle).await;
        if matches!(state, RegistrationState::Registered { .. }) {
            break;
        }
        assert_eq!(state, RegistrationState::Off);
    }
    assert_eq!(
        header(&next_request(&mut requests).await, "Expires"),
        Some("300")
    );
}
