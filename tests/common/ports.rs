//! Loopback ports for peers, so tests can run in parallel without fixed port numbers.
//!
//! Peers such as baresip need several related ports (SIP, SIP+1 for TLS, RTP, control), so the
//! allocator hands out blocks of consecutive ports. Blocks come from 20000-32767, below Linux's
//! ephemeral range (32768-60999), so no kernel-chosen source port can land in one. Within a
//! test binary a counter never hands out the same block twice; across concurrently running
//! programs each block is checked by binding every port for UDP and TCP first.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, UdpSocket};
use std::sync::atomic::{AtomicU32, Ordering};

const FIRST_PORT: u32 = 20_000;
const END_PORT: u32 = 32_768;

static NEXT_OFFSET: AtomicU32 = AtomicU32::new(u32::MAX);

/// The first of `len` consecutive ports on 127.0.0.1 that are free for both UDP and TCP.
pub fn free_port_block(len: u16) -> u16 {
    let len = u32::from(len.max(1));
    let span = END_PORT - FIRST_PORT;
    // Start each process at a different place so parallel test binaries rarely meet.
    let _ = NEXT_OFFSET.compare_exchange(
        u32::MAX,
        (std::process::id().wrapping_mul(7919)) % span,
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
    for _ in 0..(span / len) {
        let offset = NEXT_OFFSET.fetch_add(len, Ordering::SeqCst) % span;
        let base = FIRST_PORT + offset;
        if base + len > END_PORT {
            continue;
        }
        if (base..base + len).all(|port| is_free(port as u16)) {
            return base as u16;
        }
    }
    panic!("no block of {len} free loopback ports between {FIRST_PORT} and {END_PORT}");
}

/// One free port on 127.0.0.1 (UDP and TCP).
pub fn free_port() -> u16 {
    free_port_block(1)
}

/// `127.0.0.1:port`.
pub fn loopback(port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::LOCALHOST, port))
}

fn is_free(port: u16) -> bool {
    let addr = loopback(port);
    UdpSocket::bind(addr).is_ok() && TcpListener::bind(addr).is_ok()
}
