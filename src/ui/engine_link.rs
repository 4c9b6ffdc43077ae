//! The engine runs inside iced's tokio executor, started by a subscription: the stream starts
//! the engine, hands the application the command sender, then forwards every event.

use crate::engine::api::{Command, Event};
use crate::engine::{self, EngineConfig};
use iced::futures::{FutureExt, SinkExt, Stream};
use iced::Subscription;
use std::hash::{Hash, Hasher};
use std::panic::AssertUnwindSafe;
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

/// The subscription's identity: one engine per configuration for the life of the window.
#[derive(Debug, Clone)]
struct EngineSpec(EngineConfig);

impl Hash for EngineSpec {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // `EngineConfig` is not `Hash`; its debug text identifies it just as well.
        format!("{:?}", self.0).hash(state);
    }
}

/// Start the engine with `config` and keep it running as long as the subscription is kept.
pub fn subscription(config: &EngineConfig) -> Subscription<EngineMessage> {
    Subscription::run_with(EngineSpec(config.clone()), engine_stream)
}

fn engine_stream(spec: &EngineSpec) -> impl Stream<Item = EngineMessage> + use<> {
    let config = spec.0.clone();
    iced::stream::channel(64, async move |mut output| {
        // A panic while starting is a bug, but the window should say so rather than wait forever.
        let started = AssertUnwindSafe(engine::start(config)).catch_unwind().await;
        match started {
            Err(_panic) => {
                let detail = "the engine stopped while starting".to_owned();
                let _ = output.send(EngineMessage::Failed(detail)).await;
            }
            Ok(Err(error)) => {
                let _ = output.send(EngineMessage::Failed(error.to_string())).await;
            }
            Ok(Ok(handle)) => {
                let engine::EngineHandle {
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
