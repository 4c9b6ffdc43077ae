//! Why no SIP server could be found, in words a user can act on.

/// The outcome of a failed server location. `Display` is the message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The account names no host at all (an empty or malformed domain/proxy).
    #[error("{0:?} names no SIP server host")]
    NoHost(String),
    /// NXDOMAIN for the host itself: usually a typo in the domain.
    #[error("cannot find {0}: no such domain")]
    NoSuchDomain(String),
    /// The domain exists but publishes nothing a SIP client can use.
    #[error("no SIP server for {0} (no NAPTR, SRV or address records)")]
    NoServer(String),
    /// No name server answered: offline, or a broken resolver.
    #[error("DNS timeout while looking up {0}: no name server answered")]
    Timeout(String),
    /// Any other DNS failure (refused, server failure, a bad answer).
    #[error("cannot look up {host}: {detail}")]
    Lookup { host: String, detail: String },
    /// The system's resolver configuration could not be read.
    #[error("cannot set up DNS: {0}")]
    Config(String),
}
