//! A Handset config folder for the DNS tests: account 1, alice (password alicepw, kept in
//! the secrets file) at a domain, asking one name server for every name.

use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Writes `DIR/config.toml` with alice's account at `domain` over `transport` (no port, no
/// proxy: DNS alone finds the server) and `DIR/secrets.toml` (0600) with her password.
pub fn write_account(dir: &Path, domain: &str, transport: &str, dns_server: SocketAddr) {
    std::fs::create_dir_all(dir).unwrap();
    let config = format!(
        r#"version = 1
default_account = 1

[network]
dns_server = "{dns_server}"

[[accounts]]
id = 1
user = "alice"
domain = "{domain}"
transport = "{transport}"
register = true
expires = 60
enabled = true
password_storage = "file"
"#
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
    let secrets = dir.join("secrets.toml");
    std::fs::write(&secrets, "[passwords]\n1 = \"alicepw\"\n").unwrap();
    std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o600)).unwrap();
}
