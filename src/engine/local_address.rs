//! Which address to advertise in Contact and SDP when we listen on every interface.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};

/// The address peers should use to reach a socket bound to `bound`.
///
/// A wildcard bind cannot go into a Contact or `c=` line, so we ask the routing table which
/// source address it would use towards a documentation address. `connect` on UDP sends nothing.
pub fn advertised(bound: SocketAddr) -> SocketAddr {
    if !bound.ip().is_unspecified() {
        return bound;
    }
    let ip = primary_ipv4().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    SocketAddr::new(ip, bound.port())
}

pub(super) fn primary_ipv4() -> Option<IpAddr> {
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    probe.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    let ip = probe.local_addr().ok()?.ip();
    (!ip.is_unspecified()).then_some(ip)
}
