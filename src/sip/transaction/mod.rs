//! RFC 3261 section 17 transactions over UDP, as sans-IO state machines.
//!
//! Each transaction owns a [`timers::TimerTable`], is fed requests, responses and expired
//! timers, and answers with [`TxAction`]s. Sending goes to the destination the transaction was
//! created with; the user agent core turns actions into datagrams and events.

pub mod client_invite;
pub mod client_non_invite;
pub mod key;
pub mod server_invite;
pub mod server_non_invite;
pub mod timers;

use crate::sip::message::parsed::InResponse;

/// What a transaction asks of the user agent core.
#[derive(Debug, Clone)]
pub enum TxAction {
    /// Send these bytes to the transaction's peer.
    Send(Vec<u8>),
    /// (Client) pass this response up to the transaction user.
    Deliver(Box<InResponse>),
    /// Timer B, F or H fired: the peer never answered (or never acknowledged).
    Timeout,
}
