//! Re-registration after a network change, for real: Handset's engine runs in its own network
//! namespace, joined by a veth pair to a second namespace where a scripted registrar listens.
//! The test then moves Handset to another address, as a laptop does going from one network
//! to another, and the registrar must see a new REGISTER from the new address, with the new
//! address in Via and Contact, long before the binding's own refresh (300 s) was due.
//!
//! A resume from suspend cannot be staged here (it needs the machine to sleep); the detector's
//! unit tests (`engine::network_watch`) feed it the clock readings of one instead.
//!
//! Needs root (CI runs as root) and `ip` from Debian's iproute2.

mod network_support;

use handset::config::Settings;
use handset::engine::api::{Command as EngineCommand, Event};
use network_support::{account, start_engine, Registrar};
use std::fs::File;
use std::net::{IpAddr, UdpSocket};
use std::os::fd::AsRawFd;
use std::process::Command;
use std::time::Duration;

/// Liveness bound: the kernel reports the change at once and the address is read 0.3 s after
/// the burst; a loaded CI machine gets generous slack.
const BOUND: Duration = Duration::from_secs(30);

/// Run `ip ARGS`, failing the test with what went wrong.
fn ip(args: &[&str]) {
    let output = Command::new("ip")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `ip` ({e}): install Debian's iproute2 package"));
    assert!(
        output.status.success(),
        "`ip {}` failed (this test needs root for network namespaces): {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Two namespaces joined by a veth pair: `phone` (Handset, 10.77.0.2/24 at first) and
/// `server` (the registrar on 10.77.0.1, also reachable as 10.78.0.1). Removed on drop.
struct Network {
    phone: String,
    server: String,
    phone_link: String,
}

impl Network {
    fn new(tag: &str) -> Network {
        let id = std::process::id();
        let network = Network {
            phone: format!("hs-{tag}-phone-{id}"),
            server: format!("hs-{tag}-server-{id}"),
            phone_link: format!("hsp{tag}{id}"),
        };
        let server_link = format!("hsr{tag}{id}");
        let (phone, server, link) = (&network.phone, &network.server, &network.phone_link);
        ip(&["netns", "add", phone]);
        ip(&["netns", "add", server]);
        ip(&[
            "-n",
            phone,
            "link",
            "add",
            link,
            "type",
            "veth",
            "peer",
            "name",
            &server_link,
            "netns",
            server,
        ]);
        for (ns, dev) in [(phone, link.as_str()), (server, server_link.as_str())] {
            ip(&["-n", ns, "link", "set", "lo", "up"]);
            ip(&["-n", ns, "link", "set", dev, "up"]);
        }
        ip(&[
            "-n",
            server,
            "addr",
            "add",
            "10.77.0.1/24",
            "dev",
            &server_link,
        ]);
        ip(&[
            "-n",
            server,
            "addr",
            "add",
            "10.78.0.1/24",
            "dev",
            &server_link,
        ]);
        ip(&["-n", phone, "addr", "add", "10.77.0.2/24", "dev", link]);
        ip(&["-n", phone, "route", "add", "default", "via", "10.77.0.1"]);
        network
    }

    /// Handset's side: `ip -n PHONE ARGS`.
    fn phone(&self, args: &[&str]) {
        let mut all = vec!["-n", self.phone.as_str()];
        all.extend_from_slice(args);
        ip(&all);
    }
}

impl Drop for Network {
    fn drop(&mut self) {
        // Deleting a namespace deletes its end of the veth pair, and so the pair.
        for ns in [&self.phone, &self.server] {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
    }
}

/// Move the calling thread into network namespace `name` (sockets it opens live there).
fn enter(name: &str) {
    let namespace = File::open(format!("/run/netns/{name}")).unwrap();
    // SAFETY: the descriptor is open for the whole call, and setns changes only the
    // namespace of the calling thread, which the caller dedicates to that namespace.
    let result = unsafe { libc::setns(namespace.as_raw_fd(), libc::CLONE_NEWNET) };
    assert_eq!(
        result,
        0,
        "setns into {name}: {}",
        std::io::Error::last_os_error()
    );
}

/// The registrar, on a socket opened inside the server namespace.
fn registrar_in(network: &Network) -> Registrar {
    let server = network.server.clone();
    let socket = std::thread::spawn(move || {
        enter(&server);
        UdpSocket::bind("10.77.0.1:5060").unwrap()
    })
    .join()
    .unwrap();
    Registrar::serve(socket, None)
}

/// The engine listening on `listen` on a thread of its own inside the phone namespace; it
/// stops when the returned sender is dropped.
fn engine_in(
    network: &Network,
    listen: &'static str,
    settings: Settings,
) -> std::sync::mpsc::Sender<()> {
    let phone = network.phone.clone();
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        enter(&phone);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let _handle = start_engine(listen, settings).await;
            // Park until the test ends, without blocking the runtime's only thread.
            while matches!(
                stopped.try_recv(),
                Err(std::sync::mpsc::TryRecvError::Empty)
            ) {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
    });
    stop
}

fn register_from(registrar: &mut Registrar, ip: &str) -> network_support::Datagram {
    let ip: IpAddr = ip.parse().unwrap();
    registrar.wait_for(&format!("REGISTER from {ip}"), BOUND, |d| {
        d.is_register() && d.from.ip() == ip
    })
}

#[test]
fn moving_to_another_network_registers_again_from_the_new_address() {
    let network = Network::new("mv");
    let mut registrar = registrar_in(&network);
    let settings = Settings {
        accounts: vec![account(registrar.addr)],
        ..Settings::default()
    };
    let _engine = engine_in(&network, "0.0.0.0:0", settings);

    let first = register_from(&mut registrar, "10.77.0.2");
    let contact = first.header("Contact").unwrap_or_default();
    assert!(
        contact.starts_with("<sip:alice@10.77.0.2:"),
        "{}",
        first.text
    );

    // Off one network and onto another: the old address and its route go, a new one comes.
    network.phone(&["addr", "del", "10.77.0.2/24", "dev", &network.phone_link]);
    network.phone(&["addr", "add", "10.78.0.2/24", "dev", &network.phone_link]);
    network.phone(&["route", "add", "default", "via", "10.78.0.1"]);

    let moved = register_from(&mut registrar, "10.78.0.2");
    let via = moved.header("Via").unwrap_or_default();
    let contact = moved.header("Contact").unwrap_or_default();
    assert!(via.starts_with("SIP/2.0/UDP 10.78.0.2:"), "{}", moved.text);
    assert!(
        contact.starts_with("<sip:alice@10.78.0.2:"),
        "{}",
        moved.text
    );
    assert_eq!(
        moved.header("Call-ID"),
        first.header("Call-ID"),
        "the same registration, renewed"
    );
}

#[test]
fn a_bound_address_that_comes_back_is_registered_again() {
    let network = Network::new("bk");
    let mut registrar = registrar_in(&network);
    let settings = Settings {
        accounts: vec![account(registrar.addr)],
        ..Settings::default()
    };
    let _engine = engine_in(&network, "10.77.0.2:5070", settings);
    let first = register_from(&mut registrar, "10.77.0.2");

    // The interface loses its address and gets it back (a cable pulled and plugged in).
    network.phone(&["addr", "del", "10.77.0.2/24", "dev", &network.phone_link]);
    // Long enough for the engine to hear of it and read the address while it is gone (0.3 s
    // after the last change): an address back before that reading would be no change at all.
    std::thread::sleep(Duration::from_secs(3));
    network.phone(&["addr", "add", "10.77.0.2/24", "dev", &network.phone_link]);

    let again = register_from(&mut registrar, "10.77.0.2");
    assert_eq!(again.header("Call-ID"), first.header("Call-ID"));
    assert_ne!(again.header("CSeq"), first.header("CSeq"), "a new REGISTER");
}

/// A peer-to-peer engine on `listen` inside namespace `ns`, on a thread of its own: the test
/// sends it Commands and reads its Events. It stops when the returned `Peer` is dropped.
struct Peer {
    commands: tokio::sync::mpsc::UnboundedSender<EngineCommand>,
    events: std::sync::mpsc::Receiver<Event>,
    _stop: std::sync::mpsc::Sender<()>,
}

impl Peer {
    fn start(ns: &str, listen: &'static str) -> Peer {
        let ns = ns.to_owned();
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let (events_tx, events) = std::sync::mpsc::channel();
        let (commands_tx, commands) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            enter(&ns);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let mut handle = start_engine(listen, Settings::default()).await;
                commands_tx.send(handle.commands.clone()).unwrap();
                while matches!(
                    stopped.try_recv(),
                    Err(std::sync::mpsc::TryRecvError::Empty)
                ) {
                    let tick = tokio::time::sleep(Duration::from_millis(100));
                    tokio::select! {
                        Some(event) = handle.events.recv() => {
                            if events_tx.send(event).is_err() {
                                return;
                            }
                        }
                        _ = tick => {}
                    }
                }
            });
        });
        Peer {
            commands: commands.recv_timeout(BOUND).expect("the engine started"),
            events,
            _stop: stop,
        }
    }

    /// The next event `want` accepts, skipping others; fails after [`BOUND`] without one.
    fn wait(&self, what: &str, want: impl Fn(&Event) -> bool) -> Event {
        let deadline = std::time::Instant::now() + BOUND;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) if want(&event) => return event,
                Ok(_) => {}
                Err(e) => panic!("no {what} ({e})"),
            }
        }
    }
}

fn remote_rtp_ip(event: &Event) -> Option<IpAddr> {
    match event {
        Event::MediaStarted { remote_rtp, .. } => Some(remote_rtp.ip()),
        _ => None,
    }
}

fn packets_received(event: &Event) -> Option<u64> {
    match event {
        Event::CallStats { stats, .. } => Some(stats.packets_received),
        _ => None,
    }
}

#[test]
fn a_call_follows_the_phone_to_its_new_address() {
    let network = Network::new("cl");
    let bob = Peer::start(&network.server, "10.77.0.1:5062");
    let alice = Peer::start(&network.phone, "0.0.0.0:0");
    alice
        .commands
        .send(EngineCommand::Dial {
            target: "sip:handset@10.77.0.1:5062".into(),
            account: None,
        })
        .unwrap();
    let incoming = bob.wait("incoming call", |e| matches!(e, Event::IncomingCall { .. }));
    let Event::IncomingCall { call, .. } = incoming else {
        unreachable!()
    };
    bob.commands.send(EngineCommand::Answer { call }).unwrap();
    let first = bob.wait("media toward alice", |e| remote_rtp_ip(e).is_some());
    assert_eq!(remote_rtp_ip(&first), Some("10.77.0.2".parse().unwrap()));
    alice.wait("alice's media", |e| remote_rtp_ip(e).is_some());

    // Alice's laptop moves to another network in the middle of the call.
    network.phone(&["addr", "del", "10.77.0.2/24", "dev", &network.phone_link]);
    network.phone(&["addr", "add", "10.78.0.2/24", "dev", &network.phone_link]);
    network.phone(&["route", "add", "default", "via", "10.78.0.1"]);

    // Her re-INVITE tells bob where she is now; his media turns there...
    let moved = bob.wait("bob's media turned to alice's new address", |e| {
        remote_rtp_ip(e) == Some("10.78.0.2".parse().unwrap())
    });
    assert!(matches!(moved, Event::MediaStarted { .. }));
    // ...and reaches her: once her media has restarted with bob's answer, what she has
    // received keeps growing (nothing can arrive at the old address: it is gone).
    alice.wait("alice's media restarted by bob's answer", |e| {
        remote_rtp_ip(e).is_some()
    });
    let before = alice
        .wait("alice's call stats", |e| packets_received(e).is_some())
        .clone();
    let before = packets_received(&before).unwrap_or_default();
    alice.wait("alice receiving bob's RTP at her new address", |e| {
        packets_received(e).is_some_and(|n| n > before)
    });
}
