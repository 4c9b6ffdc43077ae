//! Writing one REGISTER (RFC 3261 10.2, RFC 5626 4.2 for `+sip.instance` and `reg-id`).

use super::{Phase, Registration, RegistrationConfig};
use crate::sip::message::build::{build_request_with, InvalidRequestUri, RequestSpec};
use crate::sip::ua::name_addr;
use core::net::SocketAddr;
use std::time::Duration;

/// What changes from one REGISTER of a registration to the next.
pub(super) struct RegisterParts<'a> {
    pub config: &'a RegistrationConfig,
    pub via: String,
    pub call_id: &'a str,
    pub from_tag: &'a str,
    pub cseq: u32,
    /// The Contact URI, e.g. `sip:alice@192.0.2.4:5060`.
    pub contact_uri: &'a str,
    /// An earlier Contact of ours to remove in the same request (`expires=0`).
    pub stale_contact_uri: Option<&'a str>,
    /// 0 removes the binding.
    pub expires: u32,
    pub user_agent: &'a str,
    /// Authorization / Proxy-Authorization headers.
    pub credentials: Vec<(&'static str, String)>,
}

/// `+sip.instance` wants a URN; a bare UUID is accepted and given the `urn:uuid:` prefix.
pub(super) fn instance_urn(instance_id: &str) -> String {
    let id = instance_id
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>');
    if id.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:")) {
        id.to_string()
    } else {
        format!("urn:uuid:{id}")
    }
}

/// The Contact header value: URI, instance, reg-id and expiry.
pub(super) fn contact_value(config: &RegistrationConfig, uri: &str, expires: u32) -> String {
    let mut value = format!("<{uri}>");
    if let Some(id) = &config.instance_id {
        value.push_str(&format!(";+sip.instance=\"<{}>\"", instance_urn(id)));
    }
    if let Some(reg_id) = config.reg_id {
        value.push_str(&format!(";reg-id={reg_id}"));
    }
    value.push_str(&format!(";expires={expires}"));
    value
}

/// Our Contact, then the stale one being removed, if any (RFC 3261 10.2.2).
fn contact_list(config: &RegistrationConfig, parts: &RegisterParts<'_>) -> String {
    let ours = contact_value(config, parts.contact_uri, parts.expires);
    match parts.stale_contact_uri {
        Some(stale) => format!("{ours}, <{stale}>;expires=0"),
        None => ours,
    }
}

pub(super) fn build_register(parts: RegisterParts<'_>) -> Result<Vec<u8>, InvalidRequestUri> {
    let config = parts.config;
    let contact = contact_list(config, &parts);
    let mut extra = vec![("Expires", parts.expires.to_string())];
    if config.reg_id.is_some() {
        // RFC 5626 4.2.1: reg-id goes with the outbound option tag.
        extra.push(("Supported", "outbound".to_string()));
    }
    extra.extend(parts.credentials);
    let spec = RequestSpec {
        method: rsip::Method::Register,
        uri: &config.registrar_uri,
        via: parts.via,
        from: format!(
            "{};tag={}",
            name_addr(config.display_name.as_deref(), &config.aor),
            parts.from_tag
        ),
        to: name_addr(None, &config.aor),
        call_id: parts.call_id,
        cseq: parts.cseq,
        contact: Some(contact),
        routes: &config.routes,
        user_agent: parts.user_agent,
        body: b"",
    };
    build_request_with(&spec, &extra)
}

impl Registration {
    /// The REGISTER to send now, through a Via `via`; `local` is our own address.
    pub(crate) fn build(
        &mut self,
        now: Duration,
        via: String,
        local: SocketAddr,
        user_agent: &str,
    ) -> Result<Vec<u8>, InvalidRequestUri> {
        let removing = self.remove_requested;
        self.cseq = self.cseq.wrapping_add(1);
        let contact = match (&self.bound_contact, removing) {
            (Some(bound), true) => bound.clone(),
            _ => {
                let transport = self.config.transport;
                let learnt = self.public_address.filter(|_| !transport.is_reliable());
                let address = learnt.unwrap_or(local);
                self.sent_contact_addr = Some(address);
                transport.contact_uri(&self.config.contact_user, address)
            }
        };
        let expires = if removing { 0 } else { self.expires };
        let credentials = match &mut self.digest {
            Some(d) => d.authorization("REGISTER", &self.config.registrar_uri, b"", &mut self.rng),
            None => Vec::new(),
        };
        let bytes = build_register(RegisterParts {
            config: &self.config,
            via,
            call_id: &self.call_id,
            from_tag: &self.from_tag,
            cseq: self.cseq,
            contact_uri: &contact,
            stale_contact_uri: self.stale_contact.as_deref().filter(|s| *s != contact),
            expires,
            user_agent,
            credentials,
        })?;
        self.sent_contact = contact;
        self.sent_at = now;
        self.phase = Phase::Sending { removing };
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_ids_become_urns() {
        assert_eq!(
            instance_urn("00000000-0000-1000-8000-000A95A0E128"),
            "urn:uuid:00000000-0000-1000-8000-000A95A0E128"
        );
        assert_eq!(instance_urn("<urn:uuid:abc>"), "urn:uuid:abc");
        assert_eq!(instance_urn("URN:uuid:abc"), "URN:uuid:abc");
        assert_eq!(instance_urn("abcé"), "urn:uuid:abcé");
    }
}
