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
}
