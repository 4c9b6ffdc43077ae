//! Hearing of address and route changes from the kernel instead of polling for them: a
//! NETLINK_ROUTE socket in the IPv4/IPv6 address and route multicast groups. The kernel sends
//! it a message whenever an address or a route comes or goes, and nothing otherwise, so an
//! idle machine never wakes us.
//!
//! The messages themselves are not parsed: any of them only says "look again", and the probe
//! reads what the address is now. A change comes as a burst (an address, its prefix route, the
//! default route), so one notice is sent [`QUIET`] after the last message of a burst.

use super::Notice;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::Duration;
use tokio::io::unix::AsyncFd;
use tokio::sync::mpsc::UnboundedSender;

/// Quiet time after the last message before the address is read: long enough for the rest of
/// a burst (`ip` and NetworkManager send its parts within milliseconds), short beside a
/// registration's life.
pub const QUIET: Duration = Duration::from_millis(300);

/// The groups of address and route changes, both families.
const GROUPS: libc::c_int = libc::RTMGRP_IPV4_IFADDR
    | libc::RTMGRP_IPV6_IFADDR
    | libc::RTMGRP_IPV4_ROUTE
    | libc::RTMGRP_IPV6_ROUTE;

/// A socket subscribed to address and route changes, registered with the current tokio
/// runtime. Fails where netlink is not available (a sandbox may forbid it).
pub fn subscribe() -> io::Result<AsyncFd<OwnedFd>> {
    // SAFETY: plain socket(2) call with constant arguments; the result is checked below.
    let raw = unsafe {
        libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_RAW | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            libc::NETLINK_ROUTE,
        )
    };
    if raw < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `raw` is a descriptor socket(2) just returned to us and nobody else owns it.
    let socket = unsafe { OwnedFd::from_raw_fd(raw) };
    // SAFETY: sockaddr_nl is a plain C struct for which all zeroes is a valid value (it has a
    // private padding field, so it cannot be written as a literal).
    let mut address: libc::sockaddr_nl = unsafe { std::mem::zeroed() };
    address.nl_family = libc::AF_NETLINK as libc::sa_family_t;
    address.nl_groups = GROUPS as u32;
    // SAFETY: `address` is a valid sockaddr_nl that outlives the call, and the length given
    // is its size; the socket is open.
    let bound = unsafe {
        libc::bind(
            socket.as_raw_fd(),
            (&address as *const libc::sockaddr_nl).cast(),
            std::mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t,
        )
    };
    if bound != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the OwnedFd is open and is moved into the AsyncFd, which owns it (and so keeps
    // it open, as the same descriptor) until the AsyncFd is dropped.
    Ok(unsafe { AsyncFd::register(socket) }?)
}

/// Send a notice after each burst of messages, until the watch goes away.
pub async fn watch(socket: AsyncFd<OwnedFd>, notices: UnboundedSender<Notice>) {
    loop {
        if let Err(e) = drain_when_readable(&socket).await {
            tracing::warn!("network change notifications stopped: {e}");
            return;
        }
        // The rest of the burst.
        while let Ok(read) = tokio::time::timeout(QUIET, drain_when_readable(&socket)).await {
            if let Err(e) = read {
                tracing::warn!("network change notifications stopped: {e}");
                return;
            }
        }
        if notices.send(Notice::Network).is_err() {
            return;
        }
    }
}

/// Wait for messages and throw away all that are queued.
async fn drain_when_readable(socket: &AsyncFd<OwnedFd>) -> io::Result<()> {
    let mut buffer = [0u8; 8192];
    loop {
        let mut ready = socket.readable().await?;
        let mut read_any = false;
        loop {
            match ready.try_io(|fd| receive(fd.get_ref(), &mut buffer)) {
                Ok(Ok(_)) => read_any = true,
                // The kernel dropped messages because we were slow: a change all the same.
                Ok(Err(e)) if e.raw_os_error() == Some(libc::ENOBUFS) => read_any = true,
                Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                Ok(Err(e)) => return Err(e),
                // Nothing more queued (readiness cleared by try_io).
                Err(_would_block) => break,
            }
        }
        if read_any {
            return Ok(());
        }
    }
}

fn receive(socket: &OwnedFd, buffer: &mut [u8]) -> io::Result<usize> {
    // SAFETY: `buffer` is valid for writes of its whole length for the duration of the call,
    // and the descriptor is open (owned by the caller).
    let read = unsafe {
        libc::recv(
            socket.as_raw_fd(),
            buffer.as_mut_ptr().cast(),
            buffer.len(),
            0,
        )
    };
    if read < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(read as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_route_socket_opens_here() {
        // The engine falls back to polling where this fails; on Linux it must not.
        subscribe().expect("a NETLINK_ROUTE socket");
    }
}
