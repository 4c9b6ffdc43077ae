//! Helpers for tests that drive the engine in-process through its `EngineHandle`.

#![allow(dead_code)]

pub mod registrar;

use handset::audio::AudioBackend;
use handset::config::secrets::{AccountSecrets, MemorySecretStore};
use handset::config::{Account, Settings};
use handset::engine::accounts::AccountSetup;
use handset::engine::api::Event;
use handset::engine::{self, EngineConfig, EngineHandle};
use std::sync::Arc;
use std::time::Duration;

/// Liveness bound for an awaited event: a broken engine fails the test instead of hanging it.
pub const EVENT_BOUND: Duration = Duration::from_secs(20);

/// The next event `want` accepts, skipping the others. Fails if the engine goes quiet for
/// [`EVENT_BOUND`] or stops.
pub async fn next_event(handle: &mut EngineHandle, want: impl Fn(&Event) -> bool) -> Event {
    let deadline = tokio::time::Instant::now() + EVENT_BOUND;
    loop {
        let event = tokio::time::timeout_at(deadline, handle.events.recv())
            .await
            .expect("the engine went quiet: the awaited event never came")
            .expect("the engine stopped before the awaited event");
        if want(&event) {
            return event;
        }
    }
}

/// The engine on a free loopback port with `settings` and no sound; the accounts' passwords
/// are kept in memory, as `password` gives them (`None`: no password stored).
pub async fn start_engine(
    settings: Settings,
    password: impl Fn(&Account) -> Option<String>,
) -> EngineHandle {
    let secrets = AccountSecrets::with_stores(
        Box::new(MemorySecretStore::new()),
        Box::new(MemorySecretStore::new()),
    );
    for account in &settings.accounts {
        if let Some(password) = password(account) {
            secrets.set(account, &password.as_str().into()).unwrap();
        }
    }
    let config = EngineConfig::peer_to_peer("127.0.0.1:0".parse().unwrap(), AudioBackend::Null);
    let setup = AccountSetup {
        settings,
        secrets: Arc::new(secrets),
    };
    engine::start_with_accounts(config, Some(setup))
        .await
        .unwrap()
}
