//! The agent's table of client and server transactions: starting them with the timers their
//! transport needs, carrying out what they ask for (send, deliver, time out), routing
//! responses to them, and dropping them once terminated.

use core::time::Duration;

use crate::sip::transaction::client_invite::ClientInvite;
use crate::sip::transaction::client_non_invite::ClientNonInvite;
use crate::sip::transaction::key::{ClientKey, ServerKey};
use crate::sip::transaction::server_invite::ServerInvite;
use crate::sip::transaction::server_non_invite::ServerNonInvite;
use crate::sip::transaction::TxAction;
use crate::sip::transport::Flow;

use super::{CallKey, Purpose, UserAgent};

/// A client transaction just started and the actions it asks for (sending the request).
pub(super) type ClientStart = (ClientTx, Vec<TxAction>);

pub(super) enum ClientTx {
    Invite(ClientInvite),
    NonInvite(ClientNonInvite),
}

pub(super) struct ClientEntry {
    pub(super) tx: ClientTx,
    pub(super) call: CallKey,
    pub(super) purpose: Purpose,
    pub(super) destination: Flow,
}

pub(super) enum ServerTx {
    Invite(ServerInvite),
    NonInvite(ServerNonInvite),
}

pub(super) struct ServerEntry {
    pub(super) tx: ServerTx,
    /// Where the request came from: responses go back there on the same transport (18.2.2).
    pub(super) destination: Flow,
}

impl UserAgent {
    /// A non-INVITE client transaction for `request` on `flow`, with the timers its transport
    /// needs.
    pub(super) fn start_non_invite(
        &self,
        now: Duration,
        request: Vec<u8>,
        flow: Flow,
    ) -> ClientStart {
        let reliable = flow.transport.is_reliable();
        let (tx, actions) = ClientNonInvite::start_over(now, request, self.timer_values, reliable);
        (ClientTx::NonInvite(tx), actions)
    }

    /// An INVITE client transaction for `request` on `flow`.
    pub(super) fn start_invite(
        &self,
        now: Duration,
        request: Vec<u8>,
        sent: crate::sip::message::build::SentInvite,
        flow: Flow,
    ) -> ClientStart {
        let reliable = flow.transport.is_reliable();
        let (tx, actions) =
            ClientInvite::start_over(now, request, sent, self.timer_values, reliable);
        (ClientTx::Invite(tx), actions)
    }

    pub(super) fn add_client(
        &mut self,
        now: Duration,
        key: ClientKey,
        started: ClientStart,
        call: CallKey,
        purpose: Purpose,
        destination: Flow,
    ) {
        let (tx, actions) = started;
        self.clients.insert(
            key.clone(),
            ClientEntry {
                tx,
                call,
                purpose,
                destination,
            },
        );
        self.run_client_actions(now, &key, actions);
    }

    /// Carry out what a client transaction asked for.
    pub(super) fn run_client_actions(
        &mut self,
        now: Duration,
        key: &ClientKey,
        actions: Vec<TxAction>,
    ) {
        let Some(entry) = self.clients.get(key) else {
            return;
        };
        let (call, purpose, destination) = (entry.call, entry.purpose, entry.destination);
        for action in actions {
            match action {
                TxAction::Send(bytes) => self.transmit(destination, bytes),
                TxAction::Deliver(response) => {
                    self.on_client_response(now, call, purpose, destination, response)
                }
                TxAction::Timeout => self.on_client_timeout(now, call, purpose),
            }
        }
    }

    /// Carry out what a server transaction asked for (only sending: H is of no interest,
    /// the call ended when the failure response went out).
    pub(super) fn run_server_actions(&mut self, key: &ServerKey, actions: Vec<TxAction>) {
        let Some(destination) = self.servers.get(key).map(|e| e.destination) else {
            return;
        };
        for action in actions {
            if let TxAction::Send(bytes) = action {
                self.transmit(destination, bytes);
            }
        }
    }

    /// Send a response through the server transaction `key`.
    pub(super) fn respond(&mut self, now: Duration, key: &ServerKey, code: u16, bytes: Vec<u8>) {
        let actions = match self.servers.get_mut(key).map(|e| &mut e.tx) {
            Some(ServerTx::Invite(tx)) => tx.send_response(now, code, bytes),
            Some(ServerTx::NonInvite(tx)) => tx.send_response(now, code, bytes),
            None => Vec::new(),
        };
        self.run_server_actions(key, actions);
    }

    pub(super) fn on_response(
        &mut self,
        now: Duration,
        response: Box<crate::sip::message::parsed::InResponse>,
    ) {
        let Some(key) = ClientKey::of_response(&response.common) else {
            return;
        };
        let actions = match self.clients.get_mut(&key).map(|e| &mut e.tx) {
            Some(ClientTx::Invite(tx)) => tx.on_response(now, response),
            Some(ClientTx::NonInvite(tx)) => tx.on_response(now, response),
            None => return self.on_stray_response(&response),
        };
        self.run_client_actions(now, &key, actions);
    }

    pub(super) fn purge_terminated(&mut self) {
        self.clients.retain(|_, e| match &e.tx {
            ClientTx::Invite(tx) => !tx.is_terminated(),
            ClientTx::NonInvite(tx) => !tx.is_terminated(),
        });
        self.servers.retain(|_, e| match &e.tx {
            ServerTx::Invite(tx) => !tx.is_terminated(),
            ServerTx::NonInvite(tx) => !tx.is_terminated(),
        });
    }
}
