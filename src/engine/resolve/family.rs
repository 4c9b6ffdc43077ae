//! Address family preference: our SIP socket is either IPv4 or IPv6, and an address of the
//! other family cannot be reached from it, so those go last.

use super::Target;

/// `targets` with those of the socket's family first, each group in its original (DNS)
/// order, and repeats removed.
pub fn prefer_family(targets: Vec<Target>, ipv6_socket: bool) -> Vec<Target> {
    let mut unique: Vec<Target> = Vec::with_capacity(targets.len());
    for target in targets {
        if !unique.contains(&target) {
            unique.push(target);
        }
    }
    // A stable sort keeps the DNS order within each family.
    unique.sort_by_key(|t| t.addr.is_ipv6() != ipv6_socket);
    unique
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Transport;

    fn target(addr: &str) -> Target {
        Target {
            addr: addr.parse().unwrap(),
            transport: Transport::Udp,
        }
    }

    #[test]
    fn an_ipv4_socket_gets_ipv4_addresses_first_in_dns_order() {
        let found = vec![
            target("[2001:db8::1]:5060"),
            target("192.0.2.2:5060"),
            target("192.0.2.1:5060"),
            target("192.0.2.2:5060"),
        ];
        let order = prefer_family(found, false);
        let addrs: Vec<String> = order.iter().map(|t| t.addr.to_string()).collect();
        assert_eq!(
            addrs,
            ["192.0.2.2:5060", "192.0.2.1:5060", "[2001:db8::1]:5060"]
        );
    }

    #[test]
    fn an_ipv6_socket_gets_ipv6_addresses_first() {
        let found = vec![target("192.0.2.1:5060"), target("[2001:db8::1]:5060")];
        assert!(prefer_family(found, true)[0].addr.is_ipv6());
    }
}
