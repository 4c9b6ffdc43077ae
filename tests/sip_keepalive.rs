//! UDP keep-alives: an account registered over UDP sends CRLFCRLF datagrams to its registrar
//! from the SIP socket, at the interval of `network.keepalive_seconds`.

mod network_support;

use handset::config::Settings;
use network_support::{account, start_engine, Registrar};
use std::time::Duration;

/// Liveness bound: keep-alives every 2 s arrive well within this on a loaded machine.
const BOUND: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_udp_account_sends_crlf_keep_alives_to_its_registrar() {
    let mut registrar = Registrar::start("127.0.0.1:0", None);
    let mut settings = Settings {
        accounts: vec![account(registrar.addr)],
        ..Settings::default()
    };
    settings.network.keepalive_seconds = 2;
    let handle = start_engine("127.0.0.1:0", settings).await;

    let register =
        tokio::task::block_in_place(|| registrar.wait_for("REGISTER", BOUND, |d| d.is_register()));
    assert_eq!(
        register.from, handle.local_addr,
        "REGISTER from the SIP socket"
    );
    for n in 1..=3 {
        let ping = tokio::task::block_in_place(|| {
            registrar.wait_for(&format!("keep-alive {n}"), BOUND, |d| d.text == "\r\n\r\n")
        });
        assert_eq!(
            ping.from, handle.local_addr,
            "keep-alive from the SIP socket"
        );
    }
    // Keep-alives only: the binding (300 s) was not refreshed meanwhile.
    let registers = registrar.seen.iter().filter(|d| d.is_register()).count();
    assert_eq!(registers, 1, "{:#?}", registrar.seen);
}
