//! Settings applied while an account's next hop is still being looked up, through the
//! library API: the lookup that hangs on a silent name server must neither hold up the new
//! settings nor, once it gives up, report a failure for an account that has moved on. To
//! know when that stale lookup has given up, the test runs the same lookup against the same
//! silent server itself and waits for its timeout: the engine's started earlier.

mod common;
#[allow(dead_code)]
#[path = "dns_support/dnsmasq.rs"]
mod dnsmasq;
mod engine_support;

use common::scratch::Scratch;
use dnsmasq::{Dnsmasq, Zone};
use engine_support::{registrar, start_engine};
use handset::config::{Account, AccountId, NetworkSettings, Settings, Transport};
use handset::engine::api::{Command, Event, RegistrationState};
use handset::engine::resolve::{resolve, Request};
use handset::engine::EngineHandle;
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::time::Duration;

/// Liveness bound for one step on loopback (a DNS timeout included).
const BOUND: Duration = Duration::from_secs(20);

/// A name server that neither answers nor refuses.
fn silent_dns() -> (UdpSocket, TcpListener, SocketAddr) {
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = udp.local_addr().unwrap();
    let tcp = TcpListener::bind(addr).unwrap();
    (udp, tcp, addr)
}

fn settings(dns_server: SocketAddr, enabled: bool) -> Settings {
    let mut alice = Account::new(AccountId(1), "alice", "example.test");
    alice.transport = Transport::Udp;
    alice.enabled = enabled;
    Settings {
        accounts: vec![alice],
        network: NetworkSettings {
            dns_server: Some(dns_server),
            ..NetworkSettings::default()
        },
        ..Settings::default()
    }
}

fn apply(handle: &EngineHandle, settings: Settings) {
    let settings = Box::new(settings);
    handle
        .commands
        .send(Command::ApplySettings { settings })
        .unwrap();
}

/// The next registration state other than `Registering`.
async fn next_registration(handle: &mut EngineHandle) -> RegistrationState {
    loop {
        let event = tokio::time::timeout(BOUND, handle.events.recv())
            .await
            .expect("a registration event within the liveness bound")
            .expect("the engine is running");
        if let Event::Registration { state, .. } = event {
            if state != RegistrationState::Registering {
                return state;
            }
        }
    }
}

/// The test's own lookup of example.test at `silent`, which ends in a DNS timeout.
async fn wait_for_a_lookup_to_give_up(silent: SocketAddr) {
    let request = Request::parse("example.test", Transport::Auto).unwrap();
    let network = NetworkSettings {
        dns_server: Some(silent),
        ..NetworkSettings::default()
    };
    let local = "127.0.0.1:0".parse().unwrap();
    let found = tokio::time::timeout(BOUND, resolve(&request, &network, local)).await;
    assert!(matches!(found, Ok(Err(_))), "{found:?}");
}

/// Quit, and every event the engine sent until it stopped.
async fn quit(mut handle: EngineHandle) -> Vec<Event> {
    handle.commands.send(Command::Quit).unwrap();
    let mut events = Vec::new();
    loop {
        let event = tokio::time::timeout(BOUND, handle.events.recv())
            .await
            .expect("the engine stops within the liveness bound");
        match event {
            Some(Event::Stopped) | None => return events,
            Some(event) => events.push(event),
        }
    }
}

fn failures(events: &[Event]) -> Vec<&Event> {
    events
        .iter()
        .filter(|e| {
            matches!(
                e,
                Event::Registration {
                    state: RegistrationState::Failed { .. },
                    ..
                }
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_name_server_applied_during_a_hanging_lookup_is_used_at_once() {
    let scratch = Scratch::new("dns-race-new-server");
    let (_udp, _tcp, silent) = silent_dns();
    let (registrar, mut registers) = registrar::registrar().await;
    let zone = Zone::default()
        .srv(
            "_sip._udp.example.test",
            "reg.example.test",
            registrar.port(),
            10,
            10,
        )
        .host("reg.example.test", &["127.0.0.1"]);
    let dns = Dnsmasq::start(&scratch.subdir("dnsmasq"), zone);

    let mut handle = start_engine(settings(silent, true), |_| Some("pw".into())).await;
    apply(&handle, settings(dns.addr, true));
    let state = next_registration(&mut handle).await;
    assert!(
        matches!(state, RegistrationState::Registered { .. }),
        "{state:?}\n{}",
        dns.log()
    );
    let register = tokio::time::timeout(BOUND, registers.recv()).await;
    assert!(
        matches!(register, Ok(Some(_))),
        "the registrar got no REGISTER"
    );

    wait_for_a_lookup_to_give_up(silent).await;
    let events = quit(handle).await;
    assert!(failures(&events).is_empty(), "{events:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_disabled_during_its_lookup_hears_nothing_more_from_it() {
    let (_udp, _tcp, silent) = silent_dns();
    let mut handle = start_engine(settings(silent, true), |_| Some("pw".into())).await;
    apply(&handle, settings(silent, false));
    assert_eq!(next_registration(&mut handle).await, RegistrationState::Off);

    wait_for_a_lookup_to_give_up(silent).await;
    let events = quit(handle).await;
    assert!(failures(&events).is_empty(), "{events:?}");
}
