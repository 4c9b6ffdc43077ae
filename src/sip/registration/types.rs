//! The public face of registrations: configuration, keys, events and failure reasons.

use core::net::SocketAddr;
use std::time::Duration;

use crate::sip::auth::Credentials;
use crate::sip::transport::Transport;

/// Identifies one registration inside the user agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegistrationKey(pub u64);

/// What to register, where, and as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationConfig {
    /// The Request-URI, e.g. `sip:example.com`.
    pub registrar_uri: String,
    /// The address of record in From and To, e.g. `sip:alice@example.com`.
    pub aor: String,
    /// Display name in From.
    pub display_name: Option<String>,
    /// User part of the Contact URI; its host is our address (or the learnt public one).
    pub contact_user: String,
    /// Requested binding lifetime in seconds.
    pub expires: u32,
    /// RFC 5626 instance id: `urn:uuid:...` or a bare UUID; `None` sends no `+sip.instance`.
    pub instance_id: Option<String>,
    /// RFC 5626 `reg-id`; also adds `Supported: outbound`.
    pub reg_id: Option<u32>,
    /// Answers 401/407; `None` means a challenge ends in [`RegFailure::AuthFailed`].
    pub credentials: Option<Credentials>,
    /// Where REGISTERs are sent (registrar or outbound proxy).
    pub destination: SocketAddr,
    /// How REGISTERs reach `destination`; it also shapes the Contact (`;transport=tcp`,
    /// `sips:`). Over TCP and TLS the Contact keeps our own address rather than the one the
    /// registrar saw: that one is the connection's passing port, gone with the connection.
    pub transport: Transport,
    /// Route header values, e.g. `<sip:proxy.example.com;lr>` for an outbound proxy.
    pub routes: Vec<String>,
}

/// Why a registration attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegFailure {
    /// The credentials were refused (or there were none to answer a challenge). No retry.
    AuthFailed,
    /// A challenge we cannot answer (unsupported algorithm, malformed, other realm).
    BadChallenge(String),
    /// No final response before timer F.
    Timeout,
    /// A final failure response.
    Rejected { code: u16, reason: String },
}

/// What a registration reports, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistrationEvent {
    /// A REGISTER is going out for a binding we do not hold yet (first try or a retry);
    /// refreshes of a live binding are silent.
    Registering,
    /// The registrar accepted us.
    Registered {
        /// When the binding runs out, in the driver's `now` time base.
        expires_at: Duration,
        /// Every Contact the registrar listed (ours and other devices').
        contacts: Vec<String>,
        /// The address the registrar saw us at (`received`/`rport`), if it told us.
        public_address: Option<SocketAddr>,
    },
    /// An attempt failed; `retry_at` is when the next one goes out, `None` if none will.
    Failed {
        reason: RegFailure,
        retry_at: Option<Duration>,
    },
    /// The binding is removed (or the attempt to remove it is over); the registration is gone.
    Unregistered,
}
