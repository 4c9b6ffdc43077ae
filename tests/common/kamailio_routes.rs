//! What a test kamailio does with requests (the `body` of `Kamailio::start*` in
//! `tests/common/kamailio.rs`): the routes several tests share. Both log every REGISTER as
//! `REGISTER-SEEN` and every saved one as `REGISTERED-USER`, which `registers_seen` and
//! `wait_registered` read.

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

/// The transport tests' body: a digest registrar and proxy for clients on UDP, TCP and TLS,
/// logging each binding (`BINDING user proto address contact`) and where each initial request
/// was routed (`ROUTING method to uri via destination`).
pub fn transport_body() -> String {
    r#"loadmodule "xlog.so"
loadmodule "nathelper.so"
modparam("registrar", "min_expires", 2)
modparam("auth", "nonce_count", 1)
# NAT handling as a provider does it for clients on TCP and TLS, which cannot be reached by
# a new connection (they usually listen on no port, and never for TLS): nathelper's
# fix_nated_register() stores the address a REGISTER came from (the client's connection) as
# the binding's `received`, and lookup() then sends requests for that user to that address,
# where kamailio reuses the open connection. For dialogs, set_contact_alias() tags the
# callee's Contact in its replies with the connection's address, and handle_ruri_alias()
# routes in-dialog requests (ACK, BYE) back down that same connection.
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("registrar", "received_avp", "$avp(RECEIVED)")
request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (is_method("REGISTER")) {
        xlog("L_ALERT", "REGISTER-SEEN from $fU\n");
        if ($sht(users=>$fU) == $null || !pv_www_authenticate("$fd", "$sht(users=>$fU)", "0")) {
            www_challenge("$fd", "1");
            exit;
        }
        consume_credentials();
        if (proto == TCP || proto == TLS) { fix_nated_register(); }
        save("location");
        xlog("L_ALERT", "REGISTERED-USER $fU\n");
        xlog("L_ALERT", "BINDING $fU $proto $si:$sp $ct\n");
        exit;
    }
    if (has_totag()) {
        if (loose_route()) {
            if ($du == $null) { handle_ruri_alias(); }
            t_relay();
            exit;
        }
        if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
        sl_send_reply("404", "Not here");
        exit;
    }
    if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
    if (is_method("INVITE")) {
        if ($sht(users=>$fU) == $null || !pv_proxy_authenticate("$fd", "$sht(users=>$fU)", "0")) {
            proxy_challenge("$fd", "1");
            exit;
        }
        consume_credentials();
        remove_hf("Route");
        record_route();
        t_on_reply("CONTACT_ALIAS");
    }
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
    xlog("L_ALERT", "ROUTING $rm to $ru via $du\n");
    t_relay();
}
onreply_route[CONTACT_ALIAS] {
    if ((proto == TCP || proto == TLS) && status =~ "^(1|2)") { set_contact_alias(); }
}
"#
    .to_string()
}
