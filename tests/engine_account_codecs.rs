//! Each account's codec order, through the library API with two engines on loopback: a call
//! dialled from an account offers only that account's codecs, and an incoming call for an
//! account is answered from that account's list (RFC 3264: the answerer takes the first codec
//! in the offerer's order that it also supports).

mod engine_support;

use engine_support::next_event;
use handset::audio::AudioBackend;
use handset::config::secrets::{AccountSecrets, MemorySecretStore};
use handset::config::{Account, AccountId, Settings};
use handset::engine::accounts::AccountSetup;
use handset::engine::api::{Command, Event};
use handset::engine::{self, EngineConfig, EngineHandle};
use std::sync::Arc;

fn config(user: &str, auto_answer: bool) -> EngineConfig {
    let mut config = EngineConfig::peer_to_peer("127.0.0.1:0".parse().unwrap(), AudioBackend::Null);
    config.user = user.to_owned();
    config.auto_answer = auto_answer;
    config
}

/// An account that does not register (no registrar needed), so its calls go straight to
/// `domain`, with the given codec order.
fn account(id: u32, user: &str, domain: &str, codecs: &[&str]) -> Account {
    let mut account = Account::new(AccountId(id), user, domain);
    account.register = false;
    account.codecs = codecs.iter().map(|c| c.to_string()).collect();
    account
}

/// An engine with `account`; `allow_direct` lets calls straight to its peer-to-peer user ring
/// too (Settings → General).
async fn start_with(config: EngineConfig, account: Account, allow_direct: bool) -> EngineHandle {
    let secrets = AccountSecrets::with_stores(
        Box::new(MemorySecretStore::new()),
        Box::new(MemorySecretStore::new()),
    );
    let mut settings = Settings {
        accounts: vec![account],
        ..Settings::default()
    };
    settings.general.allow_direct_calls = allow_direct;
    let setup = AccountSetup {
        settings,
        secrets: Arc::new(secrets),
    };
    engine::start_with_accounts(config, Some(setup))
        .await
        .unwrap()
}

async fn media_codec(handle: &mut EngineHandle) -> String {
    match next_event(handle, |e| matches!(e, Event::MediaStarted { .. })).await {
        Event::MediaStarted { codec, .. } => codec,
        _ => unreachable!(),
    }
}

/// Alice, with one account whose codec list is `["PCMA"]`, calls Bob, a peer-to-peer engine
/// that prefers Opus; `from` is the account Alice names in Dial (None: the default account).
async fn call_from_a_pcma_account(from: Option<AccountId>) {
    let mut bob = engine::start(config("bob", true)).await.unwrap();
    let alice_account = account(1, "alice", &bob.local_addr.to_string(), &["PCMA"]);
    let mut alice = start_with(config("alice", false), alice_account, false).await;
    alice
        .commands
        .send(Command::Dial {
            target: "bob".to_owned(),
            account: from,
        })
        .unwrap();
    assert_eq!(media_codec(&mut alice).await, "PCMA/8000");
    assert_eq!(media_codec(&mut bob).await, "PCMA/8000");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_from_an_account_offers_the_account_codecs() {
    call_from_a_pcma_account(Some(AccountId(1))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_from_the_default_account_offers_its_codecs() {
    call_from_a_pcma_account(None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incoming_call_on_an_account_is_answered_from_the_account_codecs() {
    // Bob's account accepts GSM and PCMU, GSM first. Alice offers every codec in the default
    // order (opus, G722, PCMU, PCMA, GSM, iLBC): the answerer follows the offerer's order, so
    // the call runs PCMU, not Bob's favourite GSM and not Alice's favourite Opus.
    // Alice stands in for Bob's proxy: an account's calls ring only when they come from
    // its server.
    let mut alice = engine::start(config("alice", false)).await.unwrap();
    let bob_account = account(2, "bob", &alice.local_addr.to_string(), &["GSM", "PCMU"]);
    let mut bob = start_with(config("handset", true), bob_account, false).await;
    alice
        .commands
        .send(Command::Dial {
            target: format!("sip:bob@{}", bob.local_addr),
            account: None,
        })
        .unwrap();
    let incoming = next_event(&mut bob, |e| matches!(e, Event::IncomingCall { .. })).await;
    let Event::IncomingCall { account, .. } = incoming else {
        unreachable!()
    };
    assert_eq!(account, Some(AccountId(2)), "the call is for Bob's account");
    assert_eq!(media_codec(&mut bob).await, "PCMU/8000");
    assert_eq!(media_codec(&mut alice).await, "PCMU/8000");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_to_peer_call_keeps_the_engine_codecs() {
    // The same Bob, called at his peer-to-peer user rather than his account's, answers with
    // every codec (the engine's list is empty): Opus, Alice's first choice.
    let bob_account = account(2, "bob", "127.0.0.1:9", &["GSM", "PCMU"]);
    let mut bob = start_with(config("handset", true), bob_account, true).await;
    let mut alice = engine::start(config("alice", false)).await.unwrap();
    alice
        .commands
        .send(Command::Dial {
            target: format!("sip:handset@{}", bob.local_addr),
            account: None,
        })
        .unwrap();
    assert_eq!(media_codec(&mut bob).await, "opus/48000");
    assert_eq!(media_codec(&mut alice).await, "opus/48000");
}
