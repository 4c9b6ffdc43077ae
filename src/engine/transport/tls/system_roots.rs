//! The operating system's CA roots (on Debian, the ca-certificates bundle under /etc/ssl/certs),
//! loaded once per process: reading and parsing ~150 certificates is slow enough that every
//! account's connector should share one copy.

use std::sync::{Arc, OnceLock};

use rustls::RootCertStore;

static SYSTEM_ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();

/// The system's trusted roots. Unreadable or unparsable entries are skipped (and logged): a
/// broken file in /etc/ssl/certs must not take SIP over TLS down with it. The store may be empty
/// (no ca-certificates installed); then only an account's own trusted certificate works.
pub(crate) fn system_roots() -> Arc<RootCertStore> {
    SYSTEM_ROOTS.get_or_init(load_system_roots).clone()
}

fn load_system_roots() -> Arc<RootCertStore> {
    let found = rustls_native_certs::load_native_certs();
    for error in &found.errors {
        tracing::warn!("skipping a system CA certificate: {error}");
    }
    let mut roots = RootCertStore::empty();
    let (added, ignored) = roots.add_parsable_certificates(found.certs);
    if ignored > 0 {
        tracing::debug!("{ignored} system CA certificates could not be parsed");
    }
    if added == 0 {
        tracing::warn!(
            "no system CA certificates found (is the ca-certificates package installed?): \
             only accounts' own trusted certificates will be accepted"
        );
    }
    Arc::new(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_roots_load_on_this_machine() {
        let roots = system_roots();
        assert!(
            roots.len() > 10,
            "only {} system CA roots loaded: install the Debian package ca-certificates",
            roots.len()
        );
    }

    #[test]
    fn the_roots_are_loaded_once_and_shared() {
        assert!(Arc::ptr_eq(&system_roots(), &system_roots()));
    }
}
