//! What a caller may add to a request (identity, credentials), and the account events the
//! user agent reports beside its [`super::Output`]s.

use core::net::SocketAddr;
use std::time::Duration;

use super::{CallKey, MessageKey, MessageOutcome, SipError, UserAgent};
use crate::sip::auth::Credentials;
use crate::sip::registration::{RegistrationEvent, RegistrationKey};
use crate::sip::transport::Transport;

/// How one outgoing call differs from the agent's defaults. `CallOptions::default()` is
/// what [`UserAgent::invite`] uses.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    /// Answers 401/407 to this call's INVITE and BYE; `None` uses the agent's default
    /// credentials (see [`UserAgent::set_credentials`]), if any.
    pub credentials: Option<Credentials>,
    /// The From URI, e.g. the account's address of record `sip:alice@example.com`;
    /// `None` is `sip:{user}@{local_addr}` from the config.
    pub from_uri: Option<String>,
    /// The From display name; `None` is the config's.
    pub display_name: Option<String>,
    /// The host:port for our Contact, e.g. the account registration's learnt public address
    /// ([`UserAgent::registration_public_address`]); `None` is the config's `local_addr`.
    pub contact_addr: Option<SocketAddr>,
    /// The transport of the call's first request (and of the dialog unless a next hop URI
    /// names another); UDP by default.
    pub transport: Transport,
}

/// What the user agent tells its driver about accounts (registrations, MESSAGEs), drained with
/// [`UserAgent::poll_account_event`] beside [`UserAgent::poll_output`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccountEvent {
    Registration {
        registration: RegistrationKey,
        event: RegistrationEvent,
    },
    /// A MESSAGE from [`UserAgent::send_message`] got its final answer (or none).
    Message {
        message: MessageKey,
        outcome: MessageOutcome,
    },
}

impl UserAgent {
    /// Like [`Self::invite`], with per-call credentials and From identity (an account's).
    /// A 401/407 to the INVITE (or later to our BYE) is answered once with these credentials;
    /// a second challenge that is not `stale` ends the call with
    /// [`super::EndCause::Rejected`] carrying 401 or 407.
    pub fn invite_with(
        &mut self,
        now: Duration,
        target: &str,
        destination: SocketAddr,
        sdp: Vec<u8>,
        options: CallOptions,
    ) -> Result<CallKey, SipError> {
        self.start_call(now, target, destination, sdp, options)
    }

    /// Credentials used by calls started without their own, and by incoming calls (a proxy
    /// may challenge our BYE). `None` removes them. Calls already started keep theirs.
    pub fn set_credentials(&mut self, credentials: Option<Credentials>) {
        self.credentials = credentials;
    }

    /// Use `contact_addr` (as in [`CallOptions::contact_addr`]) in our Contact of incoming
    /// call `call` from now on: its 180 and 200, and later in-dialog requests. Call it before
    /// `ringing` for a call that came in on an account.
    pub fn set_call_contact(
        &mut self,
        call: CallKey,
        contact_addr: Option<SocketAddr>,
    ) -> Result<(), SipError> {
        let c = self
            .calls
            .get_mut(&call)
            .ok_or(SipError::UnknownCall(call))?;
        c.contact_addr = contact_addr;
        Ok(())
    }

    /// The address we advertise in Via and Contact (`UaConfig::local_addr`).
    pub fn local_addr(&self) -> SocketAddr {
        self.config.local_addr
    }

    /// Our advertised address changed (a new network): new requests carry `local_addr` in Via
    /// and Contact, and the public addresses registrations learnt through the old one are
    /// forgotten. Calls whose Contact is
    /// the local address put the new one in their later requests and answers.
    pub fn set_local_addr(&mut self, local_addr: SocketAddr) {
        if self.config.local_addr == local_addr {
            return;
        }
        self.config.local_addr = local_addr;
        for registration in self.registrations.values_mut() {
            registration.forget_public_address();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::registration::RegistrationConfig;
    use crate::sip::{Output, UaConfig};

    const SECOND: Duration = Duration::from_secs(1);

    fn registrar() -> SocketAddr {
        SocketAddr::from(([192, 0, 2, 10], 5060))
    }

    fn agent() -> UserAgent {
        let config = UaConfig {
            local_addr: SocketAddr::from(([10, 0, 0, 2], 5070)),
            user: "handset".into(),
            display_name: None,
            user_agent: "test".into(),
        };
        UserAgent::new(config, 7)
    }

    fn account() -> RegistrationConfig {
        RegistrationConfig {
            registrar_uri: "sip:sip.test".into(),
            aor: "sip:alice@sip.test".into(),
            display_name: None,
            contact_user: "alice".into(),
            expires: 600,
            instance_id: None,
            reg_id: None,
            credentials: None,
            destination: registrar(),
            transport: Transport::Udp,
            routes: Vec::new(),
        }
    }

    /// Every datagram the agent wants sent, as text.
    fn sent(ua: &mut UserAgent) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(output) = ua.poll_output() {
            if let Output::Transmit(t) = output {
                out.push(String::from_utf8_lossy(&t.payload).into_owned());
            }
        }
        out
    }

    fn header<'a>(message: &'a str, name: &str) -> &'a str {
        message
            .split("\r\n")
            .filter_map(|l| l.split_once(':'))
            .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .unwrap_or_else(|| panic!("no {name} in {message}"))
    }

    /// A registrar's 200 OK to `register`, saying (RFC 3581) it saw it from 203.0.113.5:40000.
    fn accept_behind_nat(ua: &mut UserAgent, now: Duration, register: &str) {
        let via = format!(
            "{};received=203.0.113.5",
            header(register, "Via").replace(";rport", ";rport=40000")
        );
        let response = format!(
            "SIP/2.0 200 OK\r\nVia: {via}\r\nFrom: {}\r\nTo: {};tag=r1\r\nCall-ID: {}\r\n\
CSeq: {}\r\nContact: {};expires=600\r\nContent-Length: 0\r\n\r\n",
            header(register, "From"),
            header(register, "To"),
            header(register, "Call-ID"),
            header(register, "CSeq"),
            header(register, "Contact")
                .split(';')
                .next()
                .unwrap_or_default(),
        );
        ua.handle_datagram(now, registrar(), response.as_bytes());
    }

    fn registered_behind_nat() -> (UserAgent, crate::sip::RegistrationKey) {
        let mut ua = agent();
        let key = ua.register(Duration::ZERO, account()).unwrap();
        let register = sent(&mut ua).pop().expect("a REGISTER");
        accept_behind_nat(&mut ua, SECOND, &register);
        // The learnt address is bound at once, in a second REGISTER.
        let update = sent(&mut ua)
            .pop()
            .expect("a REGISTER binding the learnt address");
        assert!(
            header(&update, "Contact").starts_with("<sip:alice@203.0.113.5:40000>"),
            "{update}"
        );
        accept_behind_nat(&mut ua, SECOND, &update);
        assert!(sent(&mut ua).is_empty(), "one update only");
        (ua, key)
    }

    #[test]
    fn an_invite_from_an_account_carries_the_address_its_registrar_saw() {
        let (mut ua, key) = registered_behind_nat();
        let learnt = ua.registration_public_address(key);
        assert_eq!(learnt, Some(SocketAddr::from(([203, 0, 113, 5], 40000))));
        let options = CallOptions {
            from_uri: Some("sip:alice@sip.test".into()),
            contact_addr: learnt,
            ..CallOptions::default()
        };
        ua.invite_with(
            2 * SECOND,
            "sip:bob@sip.test",
            registrar(),
            b"v=0\r\n".to_vec(),
            options,
        )
        .unwrap();
        let invite = sent(&mut ua).pop().expect("an INVITE");
        assert!(invite.starts_with("INVITE "), "{invite}");
        assert_eq!(
            header(&invite, "Contact"),
            "<sip:handset@203.0.113.5:40000>"
        );
    }

    #[test]
    fn an_invite_without_an_account_keeps_the_local_contact() {
        let (mut ua, _) = registered_behind_nat();
        ua.invite(
            2 * SECOND,
            "sip:bob@192.0.2.20",
            registrar(),
            b"v=0\r\n".to_vec(),
        )
        .unwrap();
        let invite = sent(&mut ua).pop().expect("an INVITE");
        assert_eq!(header(&invite, "Contact"), "<sip:handset@10.0.0.2:5070>");
    }

    #[test]
    fn an_incoming_call_on_an_account_answers_with_the_learnt_contact() {
        let (mut ua, key) = registered_behind_nat();
        let invite = "INVITE sip:alice@203.0.113.5:40000 SIP/2.0\r\n\
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKin1\r\nFrom: <sip:bob@sip.test>;tag=b1\r\n\
To: <sip:alice@sip.test>\r\nCall-ID: in1@test\r\nCSeq: 1 INVITE\r\n\
Contact: <sip:bob@192.0.2.10:5060>\r\nContent-Length: 0\r\n\r\n";
        ua.handle_datagram(2 * SECOND, registrar(), invite.as_bytes());
        let call = std::iter::from_fn(|| ua.poll_output())
            .find_map(|o| match o {
                Output::Event(crate::sip::UaEvent::Incoming { call, .. }) => Some(call),
                _ => None,
            })
            .expect("an incoming call");
        let learnt = ua.registration_public_address(key);
        ua.set_call_contact(call, learnt).unwrap();
        ua.ringing(2 * SECOND, call).unwrap();
        ua.answer(3 * SECOND, call, b"v=0\r\n".to_vec()).unwrap();
        let answers = sent(&mut ua);
        let ringing = answers
            .iter()
            .find(|m| m.starts_with("SIP/2.0 180"))
            .unwrap();
        let ok = answers
            .iter()
            .find(|m| m.starts_with("SIP/2.0 200"))
            .unwrap();
        assert_eq!(
            header(ringing, "Contact"),
            "<sip:handset@203.0.113.5:40000>"
        );
        assert_eq!(header(ok, "Contact"), "<sip:handset@203.0.113.5:40000>");
    }

    #[test]
    fn a_new_local_address_goes_into_via_and_contact_and_forgets_the_public_one() {
        let (mut ua, key) = registered_behind_nat();
        let moved = SocketAddr::from(([10, 9, 0, 4], 5070));
        ua.set_local_addr(moved);
        assert_eq!(ua.local_addr(), moved);
        assert_eq!(ua.registration_public_address(key), None);
        ua.reregister(2 * SECOND, key).unwrap();
        let register = sent(&mut ua).pop().expect("a REGISTER");
        assert!(header(&register, "Via").starts_with("SIP/2.0/UDP 10.9.0.4:5070;"));
        assert!(
            header(&register, "Contact").starts_with("<sip:alice@10.9.0.4:5070>"),
            "{register}"
        );
    }
}
