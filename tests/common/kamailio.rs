//! A Handset account folder (`--config DIR`) pointing at a test kamailio, and the kamailio
//! registrar configuration the account tests share. The kamailio process itself is started
//! by `tests/sip_auth_support/kamailio.rs` (users alice/alicepw, bob/bobpw, realm sip.test).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// A kamailio body: digest registrar with `algorithm`, every REGISTER logged with xlog as
/// `REGISTER-SEEN`, and INVITEs between registered users relayed with proxy authentication.
pub fn registrar_body(algorithm: &str) -> String {
    format!(
        r#"loadmodule "xlog.so"
modparam("registrar", "min_expires", 2)
modparam("auth", "algorithm", "{algorithm}")
modparam("auth", "nonce_count", 1)
request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (is_method("REGISTER")) {{
        xlog("L_ALERT", "REGISTER-SEEN from $fU\n");
        if ($sht(users=>$fU) == $null || !pv_www_authenticate("$fd", "$sht(users=>$fU)", "0")) {{
            www_challenge("$fd", "1");
            exit;
        }}
        consume_credentials();
        save("location");
        xlog("L_ALERT", "REGISTERED-USER $fU\n");
        exit;
    }}
    if (has_totag()) {{
        if (loose_route()) {{ t_relay(); exit; }}
        if (is_method("ACK")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
    if (is_method("INVITE")) {{
        if ($sht(users=>$fU) == $null || !pv_proxy_authenticate("$fd", "$sht(users=>$fU)", "0")) {{
            proxy_challenge("$fd", "1");
            exit;
        }}
        consume_credentials();
        remove_hf("Route");
        record_route();
    }}
    if (!lookup("location")) {{ sl_send_reply("404", "Not Found"); exit; }}
    t_relay();
}}
"#
    )
}

/// How many REGISTERs kamailio has seen, from its log.
pub fn registers_seen(log: &str) -> usize {
    log.matches("REGISTER-SEEN").count()
}

/// Writes `DIR/config.toml` with account 1 (`user`@sip.test, sent via kamailio at
/// 127.0.0.1:`port`) and `DIR/secrets.toml` (0600) with its password.
pub fn write_account_folder(dir: &Path, user: &str, password: &str, port: u16, expires: u32) {
    std::fs::create_dir_all(dir).unwrap();
    let config = format!(
        r#"version = 1
default_account = 1

[[accounts]]
id = 1
display_name = "Test {user}"
user = "{user}"
domain = "sip.test"
outbound_proxy = "sip:127.0.0.1:{port}"
transport = "udp"
register = true
expires = {expires}
enabled = true
password_storage = "file"
"#
    );
    std::fs::write(dir.join("config.toml"), config).unwrap();
    let secrets = dir.join("secrets.toml");
    std::fs::write(&secrets, format!("[passwords]\n1 = \"{password}\"\n")).unwrap();
    std::fs::set_permissions(&secrets, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// Waits until kamailio's log (read by `log`) shows `user` registered. Fails after a
/// liveness bound of 20 s.
pub fn wait_registered(log: impl Fn() -> String, user: &str) {
    let wanted = format!("REGISTERED-USER {user}\n");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !log().contains(&wanted) {
        assert!(
            std::time::Instant::now() < deadline,
            "{user} did not register with kamailio within 20 s\n{}",
            log()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
