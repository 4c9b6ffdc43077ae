//! DNS answers as the RFC 3263 procedure needs them: plain values, independent of the DNS
//! library, so the procedure can be tested with a table instead of a name server.

use std::net::IpAddr;

/// A NAPTR record (RFC 3403) with the fields SIP uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naptr {
    pub order: u16,
    pub preference: u16,
    /// `s` for SIP: the replacement names an SRV record set.
    pub flags: String,
    /// e.g. `SIP+D2U`, `SIP+D2T`, `SIPS+D2T`.
    pub service: String,
    /// The name to look up next (an SRV owner name).
    pub replacement: String,
}

/// An SRV record (RFC 2782).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Srv {
    pub priority: u16,
    pub weight: u16,
    pub port: u16,
    /// A host name; `.` means the service is decidedly not available here.
    pub target: String,
}

impl Srv {
    /// RFC 2782: a target of "." means the service is not offered at this domain.
    pub fn is_refusal(&self) -> bool {
        self.target.is_empty() || self.target == "."
    }
}

/// Why one query found nothing. An empty answer (the name exists, but not with this record
/// type) is `Ok(vec![])`, not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// NXDOMAIN: the name does not exist.
    NoSuchName,
    /// No name server answered in time.
    Timeout,
    /// Anything else (refused, server failure, bad answer), as the DNS library says it.
    Failed(String),
}

/// The three queries RFC 3263 makes. Implemented over hickory-resolver in production and
/// over a table in tests.
pub(crate) trait Dns {
    async fn naptr(&self, name: &str) -> Result<Vec<Naptr>, LookupError>;
    async fn srv(&self, name: &str) -> Result<Vec<Srv>, LookupError>;
    /// A and AAAA records together.
    async fn addresses(&self, name: &str) -> Result<Vec<IpAddr>, LookupError>;
}
