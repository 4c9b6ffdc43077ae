//! Registration when things go wrong: a registrar that restarts (new nonces), Retry-After,
//! a malformed challenge, and unregistering while a REGISTER is still unanswered.

mod sip_auth_support;
mod support_sim;

use std::time::Duration;

use handset::sip::{
    Credentials, RegFailure, RegistrationConfig, RegistrationEvent, RegistrationKey,
};
use sip_auth_support::{digest_params, first, param, registration_events, Registrar, Scripted};
use support_sim::{addr, NetConditions, Sim};

const REGISTRAR: u16 = 6100;

fn account(expires: u32) -> RegistrationConfig {
    RegistrationConfig {
        registrar_uri: "sip:sip.test".into(),
        aor: "sip:alice@sip.test".into(),
        display_name: None,
        contact_user: "alice".into(),
        expires,
        instance_id: None,
        reg_id: None,
        credentials: Some(Credentials::new("alice", "correct horse")),
        destination: addr(REGISTRAR),
        routes: Vec::new(),
        transport: Default::default(),
    }
}

fn start(seed: u64, config: RegistrationConfig) -> (Sim, usize, Scripted, RegistrationKey) {
    let mut sim = Sim::new(seed, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    let key = sim.ua(alice).register(now, config).unwrap();
    (sim, alice, Scripted::new(addr(REGISTRAR)), key)
}

#[test]
fn a_restarted_registrar_is_registered_with_again() {
    let (mut sim, alice, mut server, _) = start(11, account(120));
    let mut registrar = Registrar::new("MD5");
    server.run(&mut sim, alice, Duration::from_secs(5), |_, r| {
        registrar.answer(r)
    });
    // The registrar dies for two minutes, then comes back without its old nonces.
    let down = Duration::from_secs(5);
    let up = Duration::from_secs(125);
    let mut restarted = false;
    server.run(&mut sim, alice, Duration::from_secs(400), |now, r| {
        if now < up {
            return Vec::new();
        }
        if !restarted {
            registrar.restart();
            restarted = true;
        }
        registrar.answer(r)
    });
    let seen = registration_events(&server);
    let timeout_at = seen
        .iter()
        .find(|(_, e)| {
            matches!(
                e,
                RegistrationEvent::Failed {
                    reason: RegFailure::Timeout,
                    ..
                }
            )
        })
        .map(|(t, _)| *t)
        .expect("the outage is reported");
    assert!(timeout_at > down);
    let back = seen
        .iter()
        .filter(|(t, e)| *t > up && matches!(e, RegistrationEvent::Registered { .. }))
        .count();
    assert!(back >= 1, "{seen:?}\n{}", sim.trace_text());
    assert!(!seen.iter().any(|(_, e)| matches!(
        e,
        RegistrationEvent::Failed {
            reason: RegFailure::AuthFailed,
            ..
        }
    )));
    // After the restart the old nonce is challenged and a fresh one is used.
    let after: Vec<String> = server
        .requests("REGISTER")
        .into_iter()
        .filter(|(t, _)| *t > up)
        .map(|(_, r)| param(&digest_params(&first(&r, "Authorization")), "nonce").unwrap())
        .collect();
    assert_eq!(after.first().map(String::as_str), Some("nonce1"));
    assert!(after.iter().any(|n| n == "life1-nonce1"), "{after:?}");
}

#[test]
fn retry_after_is_honoured() {
    let (mut sim, alice, mut server, _) = start(12, account(3600));
    let mut registrar = Registrar::new("MD5");
    registrar.fixed = Some((
        "503 Service Unavailable",
        "Retry-After: 300\r\n".to_string(),
    ));
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| {
        registrar.answer(r)
    });
    let seen = registration_events(&server);
    let (at, retry_at) = seen
        .iter()
        .find_map(|(t, e)| match e {
            RegistrationEvent::Failed {
                reason: RegFailure::Rejected { code: 503, .. },
                retry_at: Some(r),
            } => Some((*t, *r)),
            _ => None,
        })
        .expect("503 reported");
    assert_eq!(retry_at - at, Duration::from_secs(300));
}

#[test]
fn a_malformed_challenge_is_a_clear_failure_with_a_later_retry() {
    let (mut sim, alice, mut server, _) = start(13, account(3600));
    let mut registrar = Registrar::new("MD5");
    registrar.fixed = Some((
        "401 Unauthorized",
        "WWW-Authenticate: Digest realm=\"sip.test\", nonce=\"unterminated\r\n".to_string(),
    ));
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| {
        registrar.answer(r)
    });
    let seen = registration_events(&server);
    assert!(
        seen.iter().any(|(_, e)| matches!(
            e,
            RegistrationEvent::Failed { reason: RegFailure::BadChallenge(why), retry_at: Some(_) }
                if why.contains("quoted string")
        )),
        "{seen:?}"
    );
    assert_eq!(server.requests("REGISTER").len(), 1);
}

#[test]
fn unregistering_while_the_first_register_is_unanswered() {
    // Answered with a challenge: the authenticated retry is the removal itself.
    let (mut sim, alice, mut server, key) = start(14, account(3600));
    let now = sim.now;
    sim.ua(alice).unregister(now, key).unwrap();
    let mut registrar = Registrar::new("MD5");
    server.run(&mut sim, alice, Duration::from_secs(60), |_, r| {
        registrar.answer(r)
    });
    let expires: Vec<String> = server
        .requests("REGISTER")
        .iter()
        .map(|(_, r)| first(r, "Expires"))
        .collect();
    assert_eq!(expires, ["3600", "0"], "{}", sim.trace_text());
    assert_eq!(
        registration_events(&server).last().map(|(_, e)| e.clone()),
        Some(RegistrationEvent::Unregistered)
    );

    // Never answered: nothing to remove, the registration ends when timer F fires.
    let (mut sim, alice, mut server, key) = start(15, account(3600));
    let now = sim.now;
    sim.ua(alice).unregister(now, key).unwrap();
    server.run(&mut sim, alice, Duration::from_secs(3600), |_, _| {
        Vec::new()
    });
    assert_eq!(
        registration_events(&server),
        [
            (Duration::ZERO, RegistrationEvent::Registering),
            (Duration::from_secs(32), RegistrationEvent::Unregistered)
        ]
    );
    assert!(sim.ua(alice).poll_timeout().is_none());
}

#[test]
fn random_challenges_never_break_the_agent() {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    let pieces = [
        "Digest",
        "digest ",
        "realm=",
        "\"sip.test\"",
        "nonce=",
        "\"n\"",
        "qop=",
        "\"auth\"",
        "auth-int",
        "algorithm=",
        "SHA-256",
        "MD5-sess",
        "SHA-512-256",
        "AKAv1-MD5",
        "stale=",
        "true",
        "opaque=",
        ", ",
        ",",
        "\"",
        "\\",
        " ",
        "=",
        "é",
        "\t",
    ];
    let mut rng = StdRng::seed_from_u64(2617);
    for seed in 0..150 {
        let mut value = String::new();
        for _ in 0..rng.random_range(0..14) {
            value.push_str(pieces[rng.random_range(0..pieces.len())]);
        }
        let (mut sim, alice, mut server, _) = start(1000 + seed, account(3600));
        let mut registrar = Registrar::new("MD5");
        registrar.fixed = Some(("401 Unauthorized", format!("WWW-Authenticate: {value}\r\n")));
        server.run(&mut sim, alice, Duration::from_secs(120), |_, r| {
            registrar.answer(r)
        });
        let seen = registration_events(&server);
        // Whatever the challenge, the attempt ends in a reported failure: one authenticated
        // try, plus at most two more for `stale=true` (the fixed 401 never accepts).
        assert!(
            seen.iter()
                .any(|(_, e)| matches!(e, RegistrationEvent::Failed { .. })),
            "{value:?}: {seen:?}"
        );
        let attempts_in_first_round = server
            .requests("REGISTER")
            .iter()
            .filter(|(t, _)| *t < Duration::from_secs(20))
            .count();
        assert!(attempts_in_first_round <= 4, "{value:?}");
    }
}
