//! The [`Dns`] queries over hickory-resolver: the system's resolver configuration
//! (`/etc/resolv.conf`), or one name server chosen in the network settings.

use super::records::{Dns, LookupError, Naptr, Srv};
use hickory_resolver::config::{
    ConnectionConfig, LookupIpStrategy, NameServerConfig, ResolverConfig,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::NetError;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::TokioResolver;
use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;
use std::time::Duration;

/// How long one try of one query may take.
const QUERY_TIMEOUT: Duration = Duration::from_secs(2);

/// DNS as the product uses it.
pub struct SystemDns {
    server: Option<SocketAddr>,
    /// Set up at the first query, so an account given as an IP address never pays for a
    /// resolver (its caches cost a few MiB); an error (e.g. no readable resolv.conf) is then
    /// reported by every query.
    resolver: OnceLock<Result<TokioResolver, String>>,
}

impl SystemDns {
    /// The system's resolver, or `server` alone when given.
    pub fn new(server: Option<SocketAddr>) -> SystemDns {
        SystemDns {
            server,
            resolver: OnceLock::new(),
        }
    }

    fn resolver(&self) -> Result<&TokioResolver, LookupError> {
        self.resolver
            .get_or_init(|| build(self.server).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| LookupError::Failed(format!("no DNS resolver: {e}")))
    }

    async fn records(&self, name: &str, kind: RecordType) -> Result<Vec<RData>, LookupError> {
        match self.resolver()?.lookup(name, kind).await {
            Ok(found) => Ok(found.answers().iter().map(|r| r.data.clone()).collect()),
            Err(e) => no_records_or(e),
        }
    }
}

fn build(server: Option<SocketAddr>) -> Result<TokioResolver, NetError> {
    let mut builder = match server {
        None => TokioResolver::builder_tokio()?,
        Some(server) => {
            let mut udp = ConnectionConfig::udp();
            udp.port = server.port();
            let mut tcp = ConnectionConfig::tcp();
            tcp.port = server.port();
            let name_server = NameServerConfig::new(server.ip(), true, vec![udp, tcp]);
            let config = ResolverConfig::from_parts(None, Vec::new(), vec![name_server]);
            TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
        }
    };
    let options = builder.options_mut();
    // Both families, so that an IPv6 socket finds AAAA records even where A records exist.
    options.ip_strategy = LookupIpStrategy::Ipv4AndIpv6;
    // A dead name server should fail an account within seconds, not the resolver's usual
    // 5 s per try: the user waits for the registration state meanwhile.
    options.timeout = QUERY_TIMEOUT;
    builder.build()
}

/// An empty answer is no error for RFC 3263 (it moves on to the next step); NXDOMAIN and
/// timeouts are told apart so the user hears the right reason.
fn no_records_or<T>(error: NetError) -> Result<Vec<T>, LookupError> {
    if error.is_nx_domain() {
        Err(LookupError::NoSuchName)
    } else if error.is_no_records_found() {
        Ok(Vec::new())
    } else if matches!(error, NetError::Timeout) {
        Err(LookupError::Timeout)
    } else {
        Err(LookupError::Failed(error.to_string()))
    }
}

/// A domain name as text, without the root's trailing dot (for messages and the next query
/// alike: hickory treats both forms the same once a name has dots).
fn name_text(name: &hickory_resolver::proto::rr::Name) -> String {
    let text = name.to_ascii();
    match text.strip_suffix('.') {
        Some(stripped) if !stripped.is_empty() => stripped.to_owned(),
        _ => text,
    }
}

impl Dns for SystemDns {
    async fn naptr(&self, name: &str) -> Result<Vec<Naptr>, LookupError> {
        let records = self.records(name, RecordType::NAPTR).await?;
        Ok(records
            .into_iter()
            .filter_map(|data| match data {
                RData::NAPTR(n) => Some(Naptr {
                    order: n.order,
                    preference: n.preference,
                    flags: String::from_utf8_lossy(&n.flags).into_owned(),
                    service: String::from_utf8_lossy(&n.services).into_owned(),
                    replacement: name_text(&n.replacement),
                }),
                _ => None,
            })
            .collect())
    }

    async fn srv(&self, name: &str) -> Result<Vec<Srv>, LookupError> {
        let records = self.records(name, RecordType::SRV).await?;
        Ok(records
            .into_iter()
            .filter_map(|data| match data {
                RData::SRV(s) => Some(Srv {
                    priority: s.priority,
                    weight: s.weight,
                    port: s.port,
                    target: name_text(&s.target),
                }),
                _ => None,
            })
            .collect())
    }

    async fn addresses(&self, name: &str) -> Result<Vec<IpAddr>, LookupError> {
        match self.resolver()?.lookup_ip(name).await {
            Ok(found) => Ok(found.iter().collect()),
            Err(e) => no_records_or(e),
        }
    }
}
