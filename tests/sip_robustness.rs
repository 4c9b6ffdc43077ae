//! Whatever arrives on the socket, the user agent never panics: random bytes, truncated and
//! mutated copies of the messages of a real call, fed to agents in the middle of calls.

mod support_sim;

use std::time::Duration;

use handset::sip::{Output, UaEvent};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use support_sim::{addr, NetConditions, Sim};

/// Every datagram of one complete call (INVITE, 100, 180, 200, ACK, BYE, 200) plus a CANCEL.
fn recorded_messages() -> Vec<Vec<u8>> {
    let mut sim = Sim::new(1, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let bob = sim.add("bob", 5080);
    let now = sim.now;
    let call = sim
        .ua(alice)
        .invite(
            now,
            "sip:bob@127.0.0.1:5080",
            addr(5080),
            b"v=0\r\n".to_vec(),
        )
        .unwrap();
    sim.run_until(Duration::from_secs(5), |s| !s.events(bob).is_empty());
    let incoming = match sim.events(bob)[0] {
        UaEvent::Incoming { call, .. } => call,
        ref other => panic!("{other:?}"),
    };
    let now = sim.now;
    sim.ua(bob).ringing(now, incoming).unwrap();
    sim.run_until(Duration::from_secs(5), |s| s.events(alice).len() == 1);
    let now = sim.now;
    sim.ua(bob)
        .answer(now, incoming, b"v=0\r\n".to_vec())
        .unwrap();
    sim.run_until(Duration::from_secs(10), |s| s.events(bob).len() == 2);
    let now = sim.now;
    sim.ua(alice).hangup(now, call).unwrap();
    sim.settle(Duration::from_secs(60));
    let mut messages = sim.wire.clone();
    assert!(messages.len() >= 7, "call incomplete: {}", sim.trace_text());

    let mut cancel_sim = Sim::new(2, NetConditions::perfect());
    let a = cancel_sim.add("alice", 5070);
    let b = cancel_sim.add("bob", 5080);
    let call = cancel_sim
        .ua(a)
        .invite(
            now,
            "sip:bob@127.0.0.1:5080",
            addr(5080),
            b"v=0\r\n".to_vec(),
        )
        .unwrap();
    cancel_sim.ua(a).hangup(now, call).unwrap();
    cancel_sim.settle(Duration::from_secs(60));
    assert!(!cancel_sim.events(b).is_empty());
    messages.extend(cancel_sim.wire.clone());
    messages
}

fn mutate(rng: &mut StdRng, message: &[u8]) -> Vec<u8> {
    let mut out = message.to_vec();
    let special = b"\r\n:;,<>\"\\ \t=@[]%\x00\xff0123456789";
    for _ in 0..rng.random_range(1..8) {
        if out.is_empty() {
            break;
        }
        let at = rng.random_range(0..out.len());
        match rng.random_range(0..5) {
            0 => out[at] = rng.random(),
            1 => out[at] = special[rng.random_range(0..special.len())],
            2 => {
                out.remove(at);
            }
            3 => out.insert(at, special[rng.random_range(0..special.len())]),
            _ => out.truncate(at),
        }
    }
    out
}

#[test]
fn agents_in_every_call_state_survive_any_bytes() {
    let messages = recorded_messages();
    let mut rng = StdRng::seed_from_u64(99);
    let peer = addr(5070);
    let mut fed = 0;
    for round in 0..40u64 {
        // A fresh pair for each round, paused at a different point of a call.
        let mut sim = Sim::new(round, NetConditions::perfect());
        let alice = sim.add("alice", 5070);
        let bob = sim.add("bob", 5080);
        let now = sim.now;
        sim.ua(alice)
            .invite(
                now,
                "sip:bob@127.0.0.1:5080",
                addr(5080),
                b"v=0\r\n".to_vec(),
            )
            .unwrap();
        let steps = round % 6;
        for _ in 0..steps {
            sim.step();
        }
        for _ in 0..200 {
            let original = &messages[rng.random_range(0..messages.len())];
            let bytes = if rng.random_bool(0.1) {
                let len = rng.random_range(0..400);
                (0..len).map(|_| rng.random()).collect()
            } else {
                mutate(&mut rng, original)
            };
            let now = sim.now + Duration::from_millis(rng.random_range(0..3000));
            for node in [alice, bob] {
                let ua = sim.ua(node);
                ua.handle_datagram(now, peer, &bytes);
                ua.handle_datagram(now, peer, original);
                if ua.poll_timeout().is_some_and(|t| t <= now) {
                    ua.handle_timeout(now);
                }
                while let Some(output) = ua.poll_output() {
                    if let Output::Transmit(t) = output {
                        assert!(!t.payload.is_empty());
                    }
                }
            }
            fed += 1;
        }
    }
    assert_eq!(fed, 8000);
}

#[test]
fn random_bytes_never_get_an_answer() {
    let mut rng = StdRng::seed_from_u64(5);
    let mut sim = Sim::new(5, NetConditions::perfect());
    let bob = sim.add("bob", 5080);
    for _ in 0..2000 {
        let len = rng.random_range(0..300);
        let noise: Vec<u8> = (0..len).map(|_| rng.random_range(0x80..=0xff)).collect();
        sim.inject(addr(6000), bob, &noise);
    }
    sim.settle(Duration::from_secs(5));
    assert!(sim.captured.is_empty());
    assert!(sim.events(bob).is_empty());
}
