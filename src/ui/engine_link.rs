//! The engine runs inside iced's tokio executor, started by a subscription: the stream starts
//! the engine, hands the application the command sender, then forwards every event.

use crate::config::secrets::AccountSecrets;
use crate::config::Settings;
use crate::engine::api::launch::{self, AccountSetup, EngineConfig, EngineHandle};
use crate::engine::api::{Command, Event};
use iced::futures::{FutureExt, SinkExt, Stream};
use iced::Subscription;
use std::hash::{Hash, Hasher};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;

/// What the engine subscription reports to the application.
#[derive(Debug, Clone)]
pub enum EngineMessage {
    /// The engine is up; send commands here.
    Connected(UnboundedSender<Command>),
    /// The engine could not start; the text says why (for example, the port is taken).
    Failed(String),
    Event(Event),
    /// The engine's event stream closed: it is gone.
    Disconnected,
}

/// A message and which engine it comes from: after a restart (a new SIP port), what the old
/// engine still says on its way out (its accounts going off, `Stopped`) must not be taken
/// for the new one's.
#[derive(Debug, Clone)]
pub struct EngineReport {
    pub generation: u64,
    pub message: EngineMessage,
}

/// The subscription's identity: one engine per configuration and generation.
#[derive(Debug, Clone)]
struct EngineSpec {
    config: EngineConfig,
    generation: u64,
    /// The face's password stores, so that a password typed at start reaches the engine.
    secrets: Option<Arc<AccountSecrets>>,
}

impl Hash for EngineSpec {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // `EngineConfig` is not `Hash`; its debug text identifies it just as well. The
        // secrets are the same value for the window's whole life and do not take part.
        format!("{:?}", self.config).hash(state);
        self.generation.hash(state);
    }
}

/// Start the engine with `config` and keep it running as long as the subscription is kept.
/// With `secrets` the engine reads passwords through them (the accounts themselves come
/// later, with `ApplySettings`); without, it opens the user's usual stores itself.
/// A new `generation` starts a new engine (the old one stops as its subscription goes), and
/// every report carries the generation it comes from.
pub fn subscription(
    config: &EngineConfig,
    secrets: Option<Arc<AccountSecrets>>,
    generation: u64,
) -> Subscription<EngineReport> {
    let spec = EngineSpec {
        config: config.clone(),
        generation,
        secrets,
    };
    Subscription::run_with(spec, engine_stream)
}

fn engine_stream(spec: &EngineSpec) -> impl Stream<Item = EngineReport> + use<> {
    let generation = spec.generation;
    let config = spec.config.clone();
    let setup = spec.secrets.clone().map(|secrets| AccountSetup {
        settings: Settings::default(),
        secrets,
    });
    iced::stream::channel(64, async move |output| {
        // Everything this engine says leaves tagged with its generation.
        let mut output = output.with(move |message| {
            std::future::ready(Ok::<_, iced::futures::channel::mpsc::SendError>(
                EngineReport {
                    generation,
                    message,
                },
            ))
        });
        // A panic while starting is a bug, but the window should say so rather than wait forever.
        let started = AssertUnwindSafe(launch::start_with_accounts(config, setup))
            .catch_unwind()
            .await;
        match started {
            Err(_panic) => {
                let detail = "the engine stopped while starting".to_owned();
                let _ = output.send(EngineMessage::Failed(detail)).await;
            }
            Ok(Err(error)) => {
                let _ = output.send(EngineMessage::Failed(error.to_string())).await;
            }
            Ok(Ok(handle)) => {
                let EngineHandle {
                    commands,
                    mut events,
                    ..
                } = handle;
                if output
                    .send(EngineMessage::Connected(commands))
                    .await
                    .is_ok()
                {
                    while let Some(event) = events.recv().await {
                        if output.send(EngineMessage::Event(event)).await.is_err() {
                            break;
                        }
                    }
                    let _ = output.send(EngineMessage::Disconnected).await;
                }
            }
        }
        // Stay open: the application decides when the engine goes, not the end of a stream.
        std::future::pending::<()>().await;
    })
}
