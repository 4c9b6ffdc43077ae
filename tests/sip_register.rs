//! REGISTER against a scripted registrar on virtual time: digest challenges (MD5, SHA-256,
//! stale nonces, a wrong password), 423 Min-Expires, several Contacts, refreshes over a day,
//! a silent registrar with back-off, unregistering, and the rport-learnt Contact.

mod sip_auth_support;
mod support_sim;

use std::time::Duration;

use handset::sip::{
    AccountEvent, Credentials, RegFailure, RegistrationConfig, RegistrationEvent, RegistrationKey,
};
use sip_auth_support::{
    digest_params, first, header, param, registration_events, Registrar, Scripted,
};
use support_sim::{addr, NetConditions, Sim};

const REGISTRAR: u16 = 6100;
const HOUR: Duration = Duration::from_secs(3600);

fn account(expires: u32, password: &str) -> RegistrationConfig {
    RegistrationConfig {
        registrar_uri: "sip:sip.test".into(),
        aor: "sip:alice@sip.test".into(),
        display_name: Some("Alice".into()),
        contact_user: "alice".into(),
        expires,
        instance_id: Some("00000000-0000-1000-8000-000A95A0E128".into()),
        reg_id: Some(1),
        credentials: Some(Credentials::new("alice", password)),
        destination: addr(REGISTRAR),
        routes: Vec::new(),
        transport: Default::default(),
    }
}

/// The registration the events are about.
fn key_of(server: &Scripted) -> RegistrationKey {
    server
        .account_events
        .iter()
        .find_map(|(_, e)| match e {
            AccountEvent::Registration { registration, .. } => Some(*registration),
            _ => None,
        })
        .expect("a registration event")
}

fn registered(server: &Scripted) -> Vec<(Duration, Duration)> {
    registration_events(server)
        .into_iter()
        .filter_map(|(t, e)| match e {
            RegistrationEvent::Registered { expires_at, .. } => Some((t, expires_at)),
            _ => None,
        })
        .collect()
}

/// A world with Alice and a registrar; REGISTER is started with `config`.
fn start(seed: u64, config: RegistrationConfig) -> (Sim, usize, Scripted) {
    let mut sim = Sim::new(seed, NetConditions::perfect());
    let alice = sim.add("alice", 5070);
    let now = sim.now;
    sim.ua(alice).register(now, config).unwrap();
    (sim, alice, Scripted::new(addr(REGISTRAR)))
}

fn registers_with_md5_or_sha256(algorithm: &'static str) {
    let (mut sim, alice, mut server) = start(1, account(3600, "correct horse"));
    let mut registrar = Registrar::new(algorithm);
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| {
        registrar.answer(r)
    });

    let registers = server.requests("REGISTER");
    assert_eq!(registers.len(), 2, "{}", sim.trace_text());
    let (first_sent, second) = (&registers[0].1, &registers[1].1);
    assert!(header(first_sent, "Authorization").is_empty());
    assert_eq!(first(first_sent, "Call-ID"), first(second, "Call-ID"));
    assert_eq!(first(first_sent, "CSeq"), "1 REGISTER");
    assert_eq!(first(second, "CSeq"), "2 REGISTER");
    assert_eq!(first(second, "Expires"), "3600");
    let contact = first(second, "Contact");
    assert!(
        contact.starts_with("<sip:alice@127.0.0.1:5070>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";reg-id=1;expires=3600"),
        "{contact}"
    );
    let credentials = digest_params(&first(second, "Authorization"));
    assert_eq!(param(&credentials, "algorithm").as_deref(), Some(algorithm));
    assert_eq!(param(&credentials, "nc").as_deref(), Some("00000001"));
    assert_eq!(param(&credentials, "uri").as_deref(), Some("sip:sip.test"));
    assert_eq!(param(&credentials, "opaque").as_deref(), Some("op-nonce1"));

    let seen = registration_events(&server);
    assert!(matches!(seen[0].1, RegistrationEvent::Registering));
    let done = registered(&server);
    assert_eq!(done.len(), 1, "{seen:?}");
    // The binding lasts an hour from when the accepted REGISTER went out.
    assert_eq!(done[0].1, registers[1].0 - Duration::from_millis(10) + HOUR);
}

#[test]
fn md5_challenge_then_registered() {
    registers_with_md5_or_sha256("MD5");
}

#[test]
fn sha256_challenge_then_registered() {
    registers_with_md5_or_sha256("SHA-256");
}

#[test]
fn the_strongest_of_several_challenges_is_answered() {
    let (mut sim, alice, mut server) = start(2, account(3600, "correct horse"));
    let mut registrar = Registrar::new("MD5");
    registrar.algorithms = vec!["MD5", "SHA-256"];
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| {
        registrar.answer(r)
    });
    let registers = server.requests("REGISTER");
    let credentials = digest_params(&first(&registers[1].1, "Authorization"));
    assert_eq!(param(&credentials, "algorithm").as_deref(), Some("SHA-256"));
    assert_eq!(registered(&server).len(), 1);
}

#[test]
fn wrong_password_stops_after_two_registers_without_a_retry_storm() {
    let (mut sim, alice, mut server) = start(3, account(3600, "wrong"));
    let mut registrar = Registrar::new("MD5");
    server.run(&mut sim, alice, HOUR, |_, r| registrar.answer(r));
    assert_eq!(server.requests("REGISTER").len(), 2, "{}", sim.trace_text());
    let failures: Vec<_> = registration_events(&server)
        .into_iter()
        .filter(|(_, e)| matches!(e, RegistrationEvent::Failed { .. }))
        .collect();
    assert_eq!(
        failures.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>(),
        [RegistrationEvent::Failed {
            reason: RegFailure::AuthFailed,
            retry_at: None
        }]
    );
    assert!(registered(&server).is_empty());
}

#[test]
fn a_stale_nonce_is_retried_and_succeeds() {
    let (mut sim, alice, mut server) = start(4, account(3600, "correct horse"));
    let mut registrar = Registrar::new("MD5");
    registrar.stale_once = true;
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| {
        registrar.answer(r)
    });
    let registers = server.requests("REGISTER");
    assert_eq!(registers.len(), 3, "{}", sim.trace_text());
    let third = digest_params(&first(&registers[2].1, "Authorization"));
    assert_eq!(param(&third, "nonce").as_deref(), Some("nonce2"));
    assert_eq!(param(&third, "nc").as_deref(), Some("00000001"));
    assert_eq!(registered(&server).len(), 1);
    assert!(!registration_events(&server)
        .iter()
        .any(|(_, e)| matches!(e, RegistrationEvent::Failed { .. })));
}

#[test]
fn interval_too_brief_is_retried_with_min_expires() {
    let (mut sim, alice, mut server) = start(5, account(60, "correct horse"));
    let mut registrar = Registrar::new("MD5");
    registrar.min_expires = Some(1800);
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| {
        registrar.answer(r)
    });
    let registers = server.requests("REGISTER");
    let expires: Vec<String> = registers.iter().map(|(_, r)| first(r, "Expires")).collect();
    assert_eq!(expires, ["60", "1800", "1800"], "{}", sim.trace_text());
    assert!(first(&registers[2].1, "Contact").ends_with(";expires=1800"));
    let done = registered(&server);
    assert_eq!(done.len(), 1);
    assert_eq!(
        done[0].1,
        registers[2].0 - Duration::from_millis(10) + Duration::from_secs(1800)
    );
}

#[test]
fn our_binding_is_found_among_several_contacts() {
    let (mut sim, alice, mut server) = start(6, account(3600, "correct horse"));
    let mut registrar = Registrar::new("MD5");
    registrar.other_contacts = vec![
        "<sip:alice@203.0.113.9:5060>;expires=3000".into(),
        "<sip:alice@203.0.113.10:5062>;+sip.instance=\"<urn:uuid:ffffffff-0000-1000-8000-000000000001>\";expires=2000".into(),
    ];
    registrar.grant = Some(120);
    server.run(&mut sim, alice, Duration::from_secs(10), |_, r| {
        registrar.answer(r)
    });
    let registers = server.requests("REGISTER");
    let seen = registration_events(&server);
    let (expires_at, contacts) = seen
        .iter()
        .find_map(|(_, e)| match e {
            RegistrationEvent::Registered {
                expires_at,
                contacts,
                ..
            } => Some((*expires_at, contacts.clone())),
            _ => None,
        })
        .expect("registered");
    assert_eq!(contacts.len(), 3);
    assert_eq!(
        expires_at,
        registers[1].0 - Duration::from_millis(10) + Duration::from_secs(120)
    );
    // The short binding is refreshed half-way through, not after the others' hour.
    server.run(&mut sim, alice, Duration::from_secs(100), |_, r| {
        registrar.answer(r)
    });
    assert_eq!(server.requests("REGISTER").len(), 3, "{}", sim.trace_text());
}

#[test]
fn refreshes_come_before_expiry_all_day() {
    let (mut sim, alice, mut server) = start(7, account(600, "correct horse"));
    let mut registrar = Registrar::new("SHA-256");
    server.run(&mut sim, alice, 24 * HOUR, |_, r| registrar.answer(r));
    let done = registered(&server);
    // 600 s bindings refreshed 64 s early: one every 536 s.
    assert!(done.len() > 150, "only {} registrations", done.len());
    for pair in done.windows(2) {
        let (refreshed_at, _) = pair[1];
        let (_, previous_expiry) = pair[0];
        assert!(refreshed_at < previous_expiry, "{pair:?}");
    }
    assert!(!registration_events(&server)
        .iter()
        .any(|(_, e)| matches!(e, RegistrationEvent::Failed { .. })));
    // Refreshes reuse the nonce with a growing hex nonce count instead of a new challenge.
    let registers = server.requests("REGISTER");
    assert_eq!(registers.len(), done.len() + 1);
    let last = digest_params(&first(&registers.last().unwrap().1, "Authorization"));
    assert_eq!(
        param(&last, "nc"),
        Some(format!("{:08x}", done.len())),
        "one nonce for the whole day"
    );
    assert!(!registration_events(&server)
        .iter()
        .skip(1)
        .any(|(_, e)| matches!(e, RegistrationEvent::Registering)));
}

#[test]
fn a_silent_registrar_times_out_and_retries_with_growing_back_off() {
    let (mut sim, alice, mut server) = start(8, account(3600, "correct horse"));
    let mut registrar = Registrar::new("MD5");
    registrar.silent = true;
    server.run(&mut sim, alice, Duration::from_secs(600), |_, r| {
        registrar.answer(r)
    });
    let failures: Vec<(Duration, Duration)> = registration_events(&server)
        .into_iter()
        .filter_map(|(t, e)| match e {
            RegistrationEvent::Failed {
                reason: RegFailure::Timeout,
                retry_at: Some(at),
            } => Some((t, at)),
            _ => None,
        })
        .collect();
    assert!(failures.len() >= 3, "{failures:?}");
    // Timer F: the first attempt is given up 32 s after it started.
    assert_eq!(failures[0].0, Duration::from_secs(32));
    let waits: Vec<Duration> = failures.iter().map(|(t, at)| *at - *t).collect();
    for pair in waits.windows(2) {
        assert!(pair[1] > pair[0], "{waits:?}");
    }
    assert!(waits[0] >= Duration::from_secs(24) && waits[0] <= Duration::from_secs(30));
    // Each attempt starts with a Registering event and one REGISTER (a CSeq of its own,
    // retransmitted by timer E).
    let registering = registration_events(&server)
        .iter()
        .filter(|(_, e)| matches!(e, RegistrationEvent::Registering))
        .count();
    let mut attempts: Vec<u32> = server
        .requests("REGISTER")
        .iter()
        .map(|(_, r)| sip_auth_support::cseq_number(r))
        .collect();
    attempts.dedup();
    assert_eq!(registering, attempts.len());
    assert!(attempts.len() == failures.len() || attempts.len() == failures.len() + 1);
}

#[test]
fn unregister_sends_expires_zero_and_ends() {
    let (mut sim, alice, mut server) = start(9, account(3600, "correct horse"));
    let mut registrar = Registrar::new("MD5");
    server.run(&mut sim, alice, Duration::from_secs(5), |_, r| {
        registrar.answer(r)
    });
    assert_eq!(registered(&server).len(), 1);
    let key = key_of(&server);
    let now = sim.now;
    sim.ua(alice).unregister(now, key).unwrap();
    let until = sim.now + HOUR;
    server.run(&mut sim, alice, until, |_, r| registrar.answer(r));
    let registers = server.requests("REGISTER");
    assert_eq!(registers.len(), 3, "{}", sim.trace_text());
    let last = &registers[2].1;
    assert_eq!(first(last, "Expires"), "0");
    assert!(first(last, "Contact").ends_with(";expires=0"), "{last}");
    assert!(!header(last, "Authorization").is_empty());
    assert_eq!(
        registration_events(&server).last().map(|(_, e)| e.clone()),
        Some(RegistrationEvent::Unregistered)
    );
    assert!(sim.ua(alice).unregister(now, key).is_err());
}

#[test]
fn the_public_address_from_rport_goes_into_the_next_contact() {
    let (mut sim, alice, mut server) = start(10, account(300, "correct horse"));
    let mut registrar = Registrar::new("MD5");
    registrar.via_extra = ";received=198.51.100.7;rport=40123".into();
    server.run(&mut sim, alice, Duration::from_secs(5), |_, r| {
        registrar.answer(r)
    });
    let public = "198.51.100.7:40123".parse().unwrap();
    let seen = registration_events(&server);
    assert!(seen.iter().any(|(_, e)| matches!(
        e,
        RegistrationEvent::Registered { public_address: Some(a), .. } if *a == public
    )));
    let key = key_of(&server);
    assert_eq!(sim.ua(alice).registration_public_address(key), Some(public));
    // At once, not at the refresh: the learnt address is bound and the local one removed.
    let registers = server.requests("REGISTER");
    assert_eq!(registers.len(), 3, "challenged, accepted, Contact updated");
    let first_contact = first(&registers[1].1, "Contact");
    let local_uri = first_contact.split(';').next().unwrap();
    assert!(!local_uri.contains("198.51.100.7"), "{first_contact}");
    let update = first(&registers[2].1, "Contact");
    assert!(
        update.starts_with("<sip:alice@198.51.100.7:40123>;") && update.contains(";expires=300, "),
        "{update}"
    );
    assert!(
        update.ends_with(&format!(", {local_uri};expires=0")),
        "{update}"
    );
    server.run(&mut sim, alice, Duration::from_secs(300), |_, r| {
        registrar.answer(r)
    });
    let registers = server.requests("REGISTER");
    assert_eq!(registers.len(), 4, "then only the refresh");
    let refresh = first(&registers[3].1, "Contact");
    assert!(
        refresh.starts_with("<sip:alice@198.51.100.7:40123>;") && !refresh.contains(", "),
        "{refresh}"
    );
    assert!(first(&registers[0].1, "Via").contains(";rport"));
}

#[test]
fn a_nat_mapping_that_moves_each_time_draws_one_contact_update_not_a_storm() {
    let (mut sim, alice, mut server) = start(11, account(300, "correct horse"));
    let mut registrar = Registrar::new("MD5");
    let mut port = 40_000;
    server.run(&mut sim, alice, Duration::from_secs(100), |_, r| {
        port += 1;
        registrar.via_extra = format!(";received=198.51.100.7;rport={port}");
        registrar.answer(r)
    });
    let registers = server.requests("REGISTER");
    assert_eq!(
        registers.len(),
        3,
        "challenged, accepted, one Contact update; the next waits for the refresh"
    );
}

#[test]
fn registration_survives_a_lossy_network() {
    for seed in 0..20 {
        let mut sim = Sim::new(seed, NetConditions::lossy(0.2));
        let alice = sim.add("alice", 5070);
        let now = sim.now;
        sim.ua(alice)
            .register(now, account(300, "correct horse"))
            .unwrap();
        let mut server = Scripted::new(addr(REGISTRAR));
        let mut registrar = Registrar::new("SHA-256");
        server.run(&mut sim, alice, 2 * HOUR, |_, r| registrar.answer(r));
        let seen = registration_events(&server);
        assert!(
            !seen.iter().any(|(_, e)| matches!(
                e,
                RegistrationEvent::Failed {
                    reason: RegFailure::AuthFailed,
                    ..
                }
            )),
            "seed {seed}: {seen:?}"
        );
        // Bindings of 300 s refreshed every 236 s for two hours, give or take a lost one.
        assert!(registered(&server).len() >= 25, "seed {seed}: {seen:?}");
    }
}
