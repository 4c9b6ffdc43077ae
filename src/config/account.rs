//! One SIP account as the user configures it. The password is deliberately absent: it lives in
//! a [`crate::config::secrets::SecretStore`], never in the config file.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// Identifies one account for as long as it exists, across restarts. Copyable, so faces and the
/// engine pass it around instead of references. Never reused while the account exists; the
/// password in the secret store is keyed by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(pub u32);

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The SIP transport an account registers and calls over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    // Upper case as typed by hand (and as the pre-release format wrote it) is accepted too.
    #[default]
    #[serde(alias = "UDP")]
    Udp,
    #[serde(alias = "TCP")]
    Tcp,
    #[serde(alias = "TLS")]
    Tls,
    /// Whatever the provider's DNS says (RFC 3263: NAPTR, then SRV, then UDP). The resolver
    /// (`crate::engine::resolve`) turns it into one of the others before anything is sent;
    /// it is never a transport on the wire.
    #[serde(alias = "AUTO")]
    Auto,
}

impl Transport {
    /// The transports on the wire (what Handset can listen on).
    pub const ALL: [Transport; 3] = [Transport::Udp, Transport::Tcp, Transport::Tls];

    /// What an account can choose: the wire transports and automatic (DNS).
    pub const CHOICES: [Transport; 4] = [
        Transport::Auto,
        Transport::Udp,
        Transport::Tcp,
        Transport::Tls,
    ];

    /// The name used in the config file and in `transport=` URI parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
            Transport::Tls => "tls",
            Transport::Auto => "auto",
        }
    }
}

/// Where an account's password is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PasswordStorage {
    /// The desktop's Secret Service (GNOME Keyring, KWallet...).
    #[default]
    SecretService,
    /// Nowhere: the user types it at each start; it lives only in memory.
    AskEachStart,
    /// A file readable only by the user (mode 0600) in the data folder. Only after the user
    /// explicitly chose it, typically because no Secret Service is running.
    File,
}

/// Codec preference order for new accounts; names as in SDP `a=rtpmap`.
pub const DEFAULT_CODECS: [&str; 6] = ["opus", "G722", "PCMU", "PCMA", "GSM", "iLBC"];

/// Registration expiry offered to a registrar when the user has not chosen one, in seconds.
pub const DEFAULT_EXPIRES: u32 = 3600;

/// One SIP account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Account {
    pub id: AccountId,
    /// Shown to the callee in the From header; may be empty.
    pub display_name: String,
    /// The user part of the address of record (`user@domain`).
    pub user: String,
    /// The registrar's domain, or `host[:port]`.
    pub domain: String,
    /// The digest user name when it differs from `user`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_user: Option<String>,
    /// Every request goes through this proxy: a `sip:`/`sips:` URI or `host[:port]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outbound_proxy: Option<String>,
    pub transport: Transport,
    /// Whether to REGISTER at all (some PBXs route by IP).
    pub register: bool,
    /// The expiry asked for in REGISTER, in seconds.
    pub expires: u32,
    /// A disabled account neither registers nor places calls.
    pub enabled: bool,
    /// Codec names in order of preference.
    pub codecs: Vec<String>,
    /// A PEM certificate trusted for this account's TLS server in addition to the system roots.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_certificate: Option<PathBuf>,
    pub password_storage: PasswordStorage,
}

impl Default for Account {
    fn default() -> Self {
        Account {
            id: AccountId(1),
            display_name: String::new(),
            user: String::new(),
            domain: String::new(),
            auth_user: None,
            outbound_proxy: None,
            transport: Transport::default(),
            register: true,
            expires: DEFAULT_EXPIRES,
            enabled: true,
            codecs: DEFAULT_CODECS.iter().map(|c| c.to_string()).collect(),
            trusted_certificate: None,
            password_storage: PasswordStorage::default(),
        }
    }
}

impl Account {
    /// A new enabled account with default settings.
    pub fn new(id: AccountId, user: &str, domain: &str) -> Self {
        Account {
            id,
            user: user.to_string(),
            domain: domain.to_string(),
            ..Account::default()
        }
    }

    /// The address of record, `sip:user@domain` (or `sips:` over TLS).
    pub fn address_of_record(&self) -> String {
        let scheme = if self.transport == Transport::Tls {
            "sips"
        } else {
            "sip"
        };
        format!("{scheme}:{}@{}", self.user, self.domain)
    }

    /// The user name to answer digest challenges with.
    pub fn digest_user(&self) -> &str {
        self.auth_user.as_deref().unwrap_or(&self.user)
    }
}
