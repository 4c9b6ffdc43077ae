//! Handset account folders (`--config DIR`): a `config.toml` with one account and a 0600
//! `secrets.toml` holding its password, as the tests against registrars write them.

use super::kamailio::Kamailio;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Account 1, `user`@sip.test, as written by [`AccountFolder::write`].
pub struct AccountFolder {
    pub user: String,
    pub password: String,
    pub display_name: String,
    pub outbound_proxy: String,
    /// "udp", "tcp" or "tls".
    pub transport: String,
    pub expires: u32,
    /// A certificate (or CA) the account trusts for TLS.
    pub trusted_certificate: Option<PathBuf>,
    /// Handset's own listeners (`[network.transports]`: udp, tcp, tls), when not the defaults.
    pub own_transports: Option<[bool; 3]>,
}

impl AccountFolder {
    /// `user` ("Test user") sent over UDP via `outbound_proxy`, registering for 300 s.
    pub fn new(user: &str, password: &str, outbound_proxy: &str) -> AccountFolder {
        AccountFolder {
            user: user.to_string(),
            password: password.to_string(),
            display_name: format!("Test {user}"),
            outbound_proxy: outbound_proxy.to_string(),
            transport: "udp".to_string(),
            expires: 300,
            trusted_certificate: None,
            own_transports: None,
        }
    }

    /// Writes `DIR/config.toml` and `DIR/secrets.toml` (0600).
    pub fn write(&self, dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        let listeners = self
            .own_transports
            .map(|[udp, tcp, tls]| {
                format!("[network.transports]\nudp = {udp}\ntcp = {tcp}\ntls = {tls}\n\n")
            })
            .unwrap_or_default();
        let trusted = self
            .trusted_certificate
            .as_ref()
            .map(|path| format!("trusted_certificate = \"{}\"\n", path.display()))
            .unwrap_or_default();
        let config = format!(
            r#"version = 1
default_account = 1

{listeners}[[accounts]]
id = 1
display_name = "{display_name}"
user = "{user}"
domain = "sip.test"
outbound_proxy = "{proxy}"
transport = "{transport}"
register = true
expires = {expires}
enabled = true
password_storage = "file"
{trusted}"#,
            display_name = self.display_name,
            user = self.user,
            proxy = self.outbound_proxy,
            transport = self.transport,
            expires = self.expires,
        );
        std::fs::write(dir.join("config.toml"), config).unwrap();
        let secrets = dir.join("secrets.toml");
        let password = &self.password;
        std::fs::write(&secrets, format!("[passwords]\n1 = \"{password}\"\n")).unwrap();
        std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// Writes an account folder for `user`@sip.test sent over UDP via 127.0.0.1:`port`.
pub fn write_account_folder(dir: &Path, user: &str, password: &str, port: u16, expires: u32) {
    let mut account = AccountFolder::new(user, password, &format!("sip:127.0.0.1:{port}"));
    account.expires = expires;
    account.write(dir);
}

/// Writes an account folder for `user`@sip.test sent via `kamailio` over `transport` ("udp",
/// "tcp" or "tls"), trusting `certificate` for TLS when given.
pub fn write_transport_account(
    dir: &Path,
    user: &str,
    password: &str,
    kamailio: &Kamailio,
    transport: &str,
    certificate: Option<&Path>,
) {
    let mut account = AccountFolder::new(user, password, &kamailio.proxy(transport));
    account.transport = transport.to_string();
    account.trusted_certificate = certificate.map(Path::to_path_buf);
    account.write(dir);
}
