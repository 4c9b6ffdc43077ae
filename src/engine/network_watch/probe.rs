//! Reading the clocks and the address we would advertise, from the system.

use super::{Clocks, Reading};
use crate::engine::local_address;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::time::Duration;

/// The clocks and the address for a SIP socket bound to `bound`.
pub fn read(bound: SocketAddr) -> Reading {
    Reading {
        clocks: clocks(),
        address: address(bound),
    }
}

/// For a wildcard bind, the routing table's source address (what `local_address` advertises);
/// for a bound address, itself if it is still on an interface: binding a new socket to an
/// address the machine no longer has fails (EADDRNOTAVAIL).
fn address(bound: SocketAddr) -> Option<IpAddr> {
    if bound.ip().is_unspecified() {
        return local_address::primary_ipv4();
    }
    UdpSocket::bind(SocketAddr::new(bound.ip(), 0))
        .ok()
        .map(|_| bound.ip())
}

#[cfg(target_os = "linux")]
fn clocks() -> Option<Clocks> {
    Some(Clocks {
        monotonic: clock(libc::CLOCK_MONOTONIC)?,
        boottime: clock(libc::CLOCK_BOOTTIME)?,
    })
}

/// Elsewhere no clock is known to stop during a suspend: only address changes are seen.
#[cfg(not(target_os = "linux"))]
fn clocks() -> Option<Clocks> {
    None
}

#[cfg(target_os = "linux")]
fn clock(id: libc::clockid_t) -> Option<Duration> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec that outlives the call, and clock_gettime
    // writes only into it; an unknown clock id makes it return -1, which is handled.
    let result = unsafe { libc::clock_gettime(id, &mut now) };
    if result != 0 {
        return None;
    }
    let seconds = u64::try_from(now.tv_sec).ok()?;
    let nanos = u32::try_from(now.tv_nsec).ok()?;
    Some(Duration::new(seconds, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boottime_never_runs_behind_monotonic() {
        let clocks = clocks().expect("Linux has both clocks");
        assert!(clocks.boottime >= clocks.monotonic, "{clocks:?}");
    }

    #[test]
    fn a_bound_address_that_exists_is_reported_and_one_that_does_not_is_not() {
        let here: SocketAddr = "127.0.0.1:5060".parse().unwrap();
        assert_eq!(address(here), Some(here.ip()));
        // TEST-NET-3: no interface of a test machine has it.
        let gone: SocketAddr = "203.0.113.77:5060".parse().unwrap();
        assert_eq!(address(gone), None);
    }
}
