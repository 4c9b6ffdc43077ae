//! Everything Handset keeps in its config file: accounts and preferences.

use super::account::{Account, AccountId};
use serde::{Deserialize, Serialize};

/// The config file format this build writes. Older versions are migrated on load
/// (see `migrate.rs`); newer ones are refused rather than overwritten.
pub const CURRENT_VERSION: u32 = 1;

/// The SIP port Handset listens on by default (UDP and TCP).
pub const DEFAULT_SIP_PORT: u16 = 5060;
/// The SIP-over-TLS port Handset listens on by default.
pub const DEFAULT_TLS_PORT: u16 = 5061;

/// Keep-alive interval over UDP: below the 30 s after which many home routers forget a UDP
/// mapping (RFC 5626 section 4.4.1 suggests 95-120 s for TCP flows, which NATs keep longer).
pub const DEFAULT_KEEPALIVE_SECONDS: u32 = 25;

/// The whole config file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The format version; always [`CURRENT_VERSION`] after loading.
    pub version: u32,
    /// The account used for dialling when the user does not pick one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_account: Option<AccountId>,
    pub audio: AudioSettings,
    pub network: NetworkSettings,
    pub general: GeneralSettings,
    /// Written last so that the `[[accounts]]` tables follow the plain sections in the file.
    pub accounts: Vec<Account>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: CURRENT_VERSION,
            default_account: None,
            audio: AudioSettings::default(),
            network: NetworkSettings::default(),
            general: GeneralSettings::default(),
            accounts: Vec::new(),
        }
    }
}

/// Audio devices by the name cpal lists; `None` means the system default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AudioSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// Where incoming calls ring; `None` rings on the output device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ringer: Option<String>,
}

/// Which transports Handset listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransportFlags {
    pub udp: bool,
    pub tcp: bool,
    pub tls: bool,
}

impl Default for TransportFlags {
    fn default() -> Self {
        TransportFlags {
            udp: true,
            tcp: true,
            tls: true,
        }
    }
}

impl TransportFlags {
    pub fn enabled(&self, transport: super::account::Transport) -> bool {
        use super::account::Transport;
        match transport {
            Transport::Udp => self.udp,
            Transport::Tcp => self.tcp,
            Transport::Tls => self.tls,
        }
    }
}

/// Local SIP listening settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkSettings {
    /// The local port for UDP and TCP; 0 lets the system pick one.
    pub sip_port: u16,
    /// The local port for TLS; 0 lets the system pick one.
    pub tls_port: u16,
    pub transports: TransportFlags,
    /// Seconds between keep-alives to the next hop of an account registered over UDP, so a
    /// NAT keeps our mapping; 0 sends none.
    pub keepalive_seconds: u32,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        NetworkSettings {
            sip_port: DEFAULT_SIP_PORT,
            tls_port: DEFAULT_TLS_PORT,
            transports: TransportFlags::default(),
            keepalive_seconds: DEFAULT_KEEPALIVE_SECONDS,
        }
    }
}

/// General preferences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GeneralSettings {
    /// Answer incoming calls at once (useful for intercoms and tests).
    pub auto_answer: bool,
    /// Start with the window minimised.
    pub start_minimised: bool,
    /// Reject incoming calls with 486 Busy Here without ringing.
    pub do_not_disturb: bool,
    /// A UI language such as `de` or `pt-BR`; `None` follows the system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Settings {
    /// The account with this id.
    pub fn account(&self, id: AccountId) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The account with this id, to change it.
    pub fn account_mut(&mut self, id: AccountId) -> Option<&mut Account> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    /// An id no current account uses (one more than the highest).
    pub fn next_account_id(&self) -> AccountId {
        let highest = self.accounts.iter().map(|a| a.id.0).max().unwrap_or(0);
        AccountId(highest.saturating_add(1))
    }

    /// Removes an account and returns it; the default moves to the first remaining enabled
    /// account. The caller also deletes its password from the secret store.
    pub fn remove_account(&mut self, id: AccountId) -> Option<Account> {
        let index = self.accounts.iter().position(|a| a.id == id)?;
        let removed = self.accounts.remove(index);
        if self.default_account == Some(id) {
            self.default_account = self.accounts.iter().find(|a| a.enabled).map(|a| a.id);
        }
        Some(removed)
    }

    /// The account to dial from: the default if it exists and is enabled, else the first
    /// enabled account.
    pub fn dialling_account(&self) -> Option<&Account> {
        self.default_account
            .and_then(|id| self.account(id))
            .filter(|a| a.enabled)
            .or_else(|| self.accounts.iter().find(|a| a.enabled))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_the_default_account_moves_the_default_to_an_enabled_one() {
        let mut settings = Settings::default();
        let mut disabled = Account::new(AccountId(1), "a", "example.com");
        disabled.enabled = false;
        settings.accounts = vec![
            disabled,
            Account::new(AccountId(2), "b", "example.com"),
            Account::new(AccountId(3), "c", "example.com"),
        ];
        settings.default_account = Some(AccountId(2));
        assert_eq!(
            settings.dialling_account().map(|a| a.id),
            Some(AccountId(2))
        );
        assert_eq!(settings.next_account_id(), AccountId(4));

        assert!(settings.remove_account(AccountId(2)).is_some());
        assert_eq!(settings.default_account, Some(AccountId(3)));
        assert!(settings.remove_account(AccountId(2)).is_none());
        settings.account_mut(AccountId(3)).unwrap().enabled = false;
        assert_eq!(settings.dialling_account(), None);
    }
}
