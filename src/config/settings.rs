//! Everything Handset keeps in its config file: accounts and preferences.

use super::account::{Account, AccountId};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AudioSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// Where incoming calls ring; `None` rings on the output device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ringer: Option<String>,
    /// How loud the ringtone plays, in per cent (0-100) of its own level.
    #[serde(deserialize_with = "volume::deserialize")]
    pub ringtone_volume: u8,
    /// How loud the call's sound and the progress tones (ringback, busy, error) play, in per cent.
    #[serde(deserialize_with = "volume::deserialize")]
    pub call_volume: u8,
    /// Remove the far end's voice coming back from the speaker into the microphone.
    pub echo_cancellation: bool,
    /// Quieten steady background noise in what the microphone sends.
    pub noise_suppression: bool,
    /// Keep what the microphone sends at an even loudness (AGC2's adaptive digital gain).
    pub gain_control: bool,
    /// Ring on every output device at once instead of the ringer device only.
    pub ring_every_output: bool,
    /// Ring with our own ringtone even when the desktop's sound theme has one.
    pub own_ringtone: bool,
}

/// Full volume: the sounds as they come.
pub const FULL_VOLUME: u8 = 100;

impl Default for AudioSettings {
    fn default() -> Self {
        AudioSettings {
            input: None,
            output: None,
            ringer: None,
            ringtone_volume: FULL_VOLUME,
            call_volume: FULL_VOLUME,
            echo_cancellation: true,
            noise_suppression: true,
            gain_control: true,
            ring_every_output: false,
            own_ringtone: false,
        }
    }
}

/// A hand-edited volume is brought into 0-100 rather than refused.
mod volume {
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
        let value = i64::deserialize(d)?;
        Ok(value.clamp(0, i64::from(super::FULL_VOLUME)) as u8)
    }
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
            // DNS picks among the enabled ones, so one is enough.
            Transport::Auto => self.udp || self.tcp || self.tls,
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
    /// A name server to ask instead of the system's (`/etc/resolv.conf`), as `ip` (port 53)
    /// or `ip:port`. For networks whose resolver is broken (e.g. drops NAPTR or SRV
    /// queries), and for tests that run their own DNS server.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "dns_server::deserialize"
    )]
    pub dns_server: Option<SocketAddr>,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        NetworkSettings {
            sip_port: DEFAULT_SIP_PORT,
            tls_port: DEFAULT_TLS_PORT,
            transports: TransportFlags::default(),
            keepalive_seconds: DEFAULT_KEEPALIVE_SECONDS,
            dns_server: None,
        }
    }
}

/// A name server as the user writes it (config file or settings panel): `ip:port`,
/// `[v6]:port`, or a bare address meaning port 53. `None` when it is none of those.
pub fn parse_dns_server(text: &str) -> Option<SocketAddr> {
    dns_server::parse(text)
}

/// `dns_server` as written by hand: `ip:port`, `[v6]:port`, or a bare address meaning port 53.
mod dns_server {
    use serde::{Deserialize, Deserializer};
    use std::net::{IpAddr, SocketAddr};

    const DNS_PORT: u16 = 53;

    pub fn parse(text: &str) -> Option<SocketAddr> {
        let text = text.trim();
        text.parse::<SocketAddr>().ok().or_else(|| {
            let bare = text.trim_start_matches('[').trim_end_matches(']');
            bare.parse::<IpAddr>()
                .ok()
                .map(|ip| SocketAddr::new(ip, DNS_PORT))
        })
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SocketAddr>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => parse(text).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "dns_server {text:?} is not an address such as 192.0.2.53 or 127.0.0.1:5353"
                ))
            }),
        }
    }
}

/// How long an unanswered call rings by default before it is missed.
pub const DEFAULT_RING_TIMEOUT_SECONDS: u32 = 60;
/// The shortest and longest ring a user can set (a hand-edited file is brought into range).
pub const RING_TIMEOUT_RANGE: std::ops::RangeInclusive<u32> = 5..=600;

/// General preferences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GeneralSettings {
    /// Answer incoming calls at once (useful for intercoms and tests).
    pub auto_answer: bool,
    /// Start with the window minimised: hidden in the tray when a tray shows our icon.
    pub start_minimised: bool,
    /// Closing the window hides it in the tray (when a tray shows our icon) instead of
    /// quitting, so calls still ring.
    pub close_to_tray: bool,
    /// Start at login, in the background. Not kept in this file: the autostart entry in
    /// `$XDG_CONFIG_HOME/autostart` is the setting, read at start and written on save.
    #[serde(skip)]
    pub autostart: bool,
    /// Reject incoming calls with 486 Busy Here without ringing.
    pub do_not_disturb: bool,
    /// Answer, hang up and mute from any window, through the desktop's GlobalShortcuts
    /// portal. Off by default: the desktop asks the user about the keys when they are bound.
    pub global_shortcuts: bool,
    /// A UI language such as `de` or `pt-BR`; `None` follows the system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The country whose way of writing numbers the user's contacts follow, as an ISO 3166
    /// code such as `DE`: with it, a caller shown as `+49 30 1234567` finds the contact saved
    /// as `030 1234567`. `None` matches only numbers written in full international form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_country: Option<String>,
    /// Light or dark, or whatever the desktop prefers.
    pub theme: ThemeChoice,
    /// With accounts, let calls straight to our peer-to-peer address ring too (not only
    /// calls through an account's server). Off: a scanner cannot make the phone ring.
    pub allow_direct_calls: bool,
    /// Seconds an unanswered incoming call rings before it is missed (answered 480).
    pub ring_timeout_seconds: u32,
}

impl Default for GeneralSettings {
    fn default() -> Self {
        GeneralSettings {
            auto_answer: false,
            start_minimised: false,
            close_to_tray: false,
            autostart: false,
            do_not_disturb: false,
            global_shortcuts: false,
            language: None,
            default_country: None,
            theme: ThemeChoice::default(),
            allow_direct_calls: false,
            ring_timeout_seconds: DEFAULT_RING_TIMEOUT_SECONDS,
        }
    }
}

impl GeneralSettings {
    /// The ring timeout, brought into [`RING_TIMEOUT_RANGE`].
    pub fn ring_timeout(&self) -> std::time::Duration {
        let seconds = self
            .ring_timeout_seconds
            .clamp(*RING_TIMEOUT_RANGE.start(), *RING_TIMEOUT_RANGE.end());
        std::time::Duration::from_secs(u64::from(seconds))
    }
}

/// The window's colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemeChoice {
    /// Follow the desktop's preference (the XDG settings portal), light when it has none.
    #[default]
    System,
    Light,
    Dark,
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
    fn volumes_default_to_full_and_hand_edited_ones_are_brought_into_range() {
        let missing: Settings = toml::from_str("version = 1\n[audio]\n").unwrap();
        assert_eq!(missing.audio.ringtone_volume, FULL_VOLUME);
        assert_eq!(missing.audio.call_volume, FULL_VOLUME);
        let edited: Settings =
            toml::from_str("[audio]\nringtone_volume = 250\ncall_volume = -3\n").unwrap();
        assert_eq!(edited.audio.ringtone_volume, 100);
        assert_eq!(edited.audio.call_volume, 0);
        assert!(toml::from_str::<Settings>("[audio]\ncall_volume = \"loud\"\n").is_err());
    }

    #[test]
    fn an_older_audio_section_loads_with_one_ringer_and_the_theme_ringtone() {
        let old: Settings = toml::from_str("version = 1\n[audio]\nringer = \"x\"\n").unwrap();
        assert!(!old.audio.ring_every_output);
        assert!(!old.audio.own_ringtone);
        let set: Settings =
            toml::from_str("[audio]\nring_every_output = true\nown_ringtone = true\n").unwrap();
        assert!(set.audio.ring_every_output && set.audio.own_ringtone);
    }

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

    #[test]
    fn automatic_transport_loads_and_old_accounts_stay_on_udp() {
        use crate::config::Transport;
        let text = "[[accounts]]\nid = 1\ntransport = \"auto\"\n[[accounts]]\nid = 2\n";
        let settings: Settings = toml::from_str(text).unwrap();
        assert_eq!(settings.accounts[0].transport, Transport::Auto);
        assert_eq!(settings.accounts[1].transport, Transport::Udp);
        let saved = toml::to_string(&settings).unwrap();
        assert!(saved.contains("transport = \"auto\""), "{saved}");
        // Automatic only needs one enabled transport to choose from.
        let mut flags = TransportFlags {
            udp: false,
            tcp: false,
            tls: true,
        };
        assert!(flags.enabled(Transport::Auto));
        flags.tls = false;
        assert!(!flags.enabled(Transport::Auto));
    }

    #[test]
    fn a_dns_server_loads_with_or_without_a_port_and_round_trips() {
        let with_port: Settings =
            toml::from_str("[network]\ndns_server = \"127.0.0.1:5353\"\n").unwrap();
        assert_eq!(
            with_port.network.dns_server,
            Some(SocketAddr::from(([127, 0, 0, 1], 5353)))
        );
        let bare: Settings = toml::from_str("[network]\ndns_server = \"::1\"\n").unwrap();
        assert_eq!(bare.network.dns_server, Some("[::1]:53".parse().unwrap()));
        let text = toml::to_string(&with_port).unwrap();
        assert_eq!(toml::from_str::<Settings>(&text).unwrap(), with_port);
        assert!(toml::from_str::<Settings>("[network]\ndns_server = \"dns\"\n").is_err());
        assert_eq!(Settings::default().network.dns_server, None);
    }
}
