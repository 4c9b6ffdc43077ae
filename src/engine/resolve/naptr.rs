//! Choosing among a domain's NAPTR records (RFC 3263 section 4.1): keep the SIP services
//! whose transport we have enabled, in the order the domain asks for.

use super::records::Naptr;
use crate::config::{Transport, TransportFlags};

/// One usable NAPTR record: the transport it stands for and the SRV name to query next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub transport: Transport,
    pub srv_name: String,
}

/// The transport a NAPTR service field stands for; `None` for services that are not SIP
/// over a transport we speak (e.g. `SIP+D2S`, SCTP, or `E2U+sip` ENUM records).
fn service_transport(service: &str) -> Option<Transport> {
    match service.to_ascii_uppercase().as_str() {
        "SIP+D2U" => Some(Transport::Udp),
        "SIP+D2T" => Some(Transport::Tcp),
        "SIPS+D2T" => Some(Transport::Tls),
        _ => None,
    }
}

/// The records to try, best first: SIP services with the `s` flag (the replacement is an SRV
/// name), only enabled transports, only TLS for a `sips:` URI; sorted by order, then
/// preference (lowest first, RFC 3403).
pub fn usable_services(records: &[Naptr], enabled: &TransportFlags, sips: bool) -> Vec<Service> {
    let mut usable: Vec<(u16, u16, Service)> = records
        .iter()
        .filter(|r| r.flags.eq_ignore_ascii_case("s"))
        .filter(|r| !r.replacement.is_empty() && r.replacement != ".")
        .filter_map(|r| {
            let transport = service_transport(&r.service)?;
            let wanted = enabled.enabled(transport) && (!sips || transport == Transport::Tls);
            wanted.then(|| {
                let service = Service {
                    transport,
                    srv_name: r.replacement.clone(),
                };
                (r.order, r.preference, service)
            })
        })
        .collect();
    usable.sort_by_key(|(order, preference, _)| (*order, *preference));
    usable.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naptr(order: u16, preference: u16, service: &str, replacement: &str) -> Naptr {
        Naptr {
            order,
            preference,
            flags: "S".into(),
            service: service.into(),
            replacement: replacement.into(),
        }
    }

    fn transports(services: &[Service]) -> Vec<Transport> {
        services.iter().map(|s| s.transport).collect()
    }

    fn example() -> Vec<Naptr> {
        vec![
            naptr(20, 10, "SIP+D2U", "_sip._udp.example.com."),
            naptr(10, 50, "SIP+D2T", "_sip._tcp.example.com."),
            naptr(10, 20, "SIPS+D2T", "_sips._tcp.example.com."),
            naptr(5, 10, "SIP+D2S", "_sip._sctp.example.com."),
            naptr(1, 1, "E2U+sip", "!^.*$!sip:info@example.com!"),
        ]
    }

    #[test]
    fn sip_services_come_in_order_then_preference() {
        let all = usable_services(&example(), &TransportFlags::default(), false);
        assert_eq!(
            transports(&all),
            [Transport::Tls, Transport::Tcp, Transport::Udp]
        );
        assert_eq!(all[0].srv_name, "_sips._tcp.example.com.");
    }

    #[test]
    fn disabled_transports_are_left_out() {
        let flags = TransportFlags {
            udp: true,
            tcp: false,
            tls: false,
        };
        let found = usable_services(&example(), &flags, false);
        assert_eq!(transports(&found), [Transport::Udp]);
    }

    #[test]
    fn a_sips_uri_only_takes_tls() {
        let found = usable_services(&example(), &TransportFlags::default(), true);
        assert_eq!(transports(&found), [Transport::Tls]);
    }

    #[test]
    fn records_without_the_s_flag_are_not_srv_names() {
        let mut records = example();
        for r in &mut records {
            r.flags = "A".into();
        }
        assert!(usable_services(&records, &TransportFlags::default(), false).is_empty());
    }
}
