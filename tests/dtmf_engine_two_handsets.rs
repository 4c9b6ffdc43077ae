//! Two engines in one process: Alice presses keys in a call with Bob and Bob's engine reports
//! the same digits, in order, as RFC 4733 telephone-events crossed real UDP on loopback.

mod engine_support;

use engine_support::next_event;
use handset::audio::AudioBackend;
use handset::engine::api::{CallId, CallState, Command, Event};
use handset::engine::{self, EngineConfig, EngineHandle};

fn config(auto_answer: bool, user: &str, codecs: &[&str]) -> EngineConfig {
    EngineConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        audio: AudioBackend::Null,
        auto_answer,
        user: user.to_owned(),
        display_name: None,
        codecs: codecs.iter().map(|c| c.to_string()).collect(),
    }
}

fn established(e: &Event) -> bool {
    matches!(
        e,
        Event::CallState {
            state: CallState::Established,
            ..
        }
    )
}

/// Alice calls Bob (auto-answer); returns both engines and Alice's call.
async fn connected(codecs: &[&str]) -> (EngineHandle, EngineHandle, CallId) {
    let alice = engine::start(config(false, "alice", codecs)).await.unwrap();
    let mut bob = engine::start(config(true, "bob", codecs)).await.unwrap();
    let mut alice = alice;
    let target = format!("sip:bob@{}", bob.local_addr);
    alice
        .commands
        .send(Command::Dial {
            target,
            account: None,
        })
        .unwrap();
    let Event::CallState { call, .. } = next_event(&mut alice, established).await else {
        unreachable!()
    };
    next_event(&mut bob, established).await;
    (alice, bob, call)
}

async fn digits_heard(bob: &mut EngineHandle, count: usize) -> Vec<(char, u32)> {
    let mut heard = Vec::new();
    while heard.len() < count {
        if let Event::DtmfReceived {
            digit, duration_ms, ..
        } = next_event(bob, |e| matches!(e, Event::DtmfReceived { .. })).await
        {
            heard.push((digit, duration_ms));
        }
    }
    heard
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn digits_sent_by_one_handset_arrive_in_order_at_the_other() {
    for codecs in [&["PCMU"][..], &["opus"][..]] {
        let (alice, mut bob, call) = connected(codecs).await;
        alice
            .commands
            .send(Command::SendDtmf {
                call,
                digits: "159#".to_owned(),
            })
            .unwrap();
        alice
            .commands
            .send(Command::SendDtmf {
                call,
                digits: "*0D".to_owned(),
            })
            .unwrap();
        let heard = digits_heard(&mut bob, 7).await;
        let digits: String = heard.iter().map(|(d, _)| d).collect();
        assert_eq!(digits, "159#*0D", "over {codecs:?}");
        assert!(
            heard.iter().all(|(_, ms)| *ms >= 100),
            "each key lasts as long as it was sent: {heard:?}"
        );
        alice.commands.send(Command::Quit).unwrap();
        bob.commands.send(Command::Quit).unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_digits_and_unknown_calls_are_errors_not_sends() {
    let (mut alice, _bob, call) = connected(&["PCMU"]).await;
    alice
        .commands
        .send(Command::SendDtmf {
            call,
            digits: "12x".to_owned(),
        })
        .unwrap();
    let Event::Error(info) = next_event(&mut alice, |e| matches!(e, Event::Error(_))).await else {
        unreachable!()
    };
    assert_eq!(info.code, "invalid-dtmf");
    assert!(info.detail.contains("'x'"), "{}", info.detail);
    alice
        .commands
        .send(Command::SendDtmf {
            call: CallId(call.0 + 99),
            digits: "1".to_owned(),
        })
        .unwrap();
    let Event::Error(info) = next_event(&mut alice, |e| matches!(e, Event::Error(_))).await else {
        unreachable!()
    };
    assert_eq!(info.code, "unknown-call");
}
