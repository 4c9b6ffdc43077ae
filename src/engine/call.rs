//! What the engine remembers about one call.

use super::api::{CallId, CallState, Direction, EndReason};
use super::media_session::{DeviceChoice, MediaHandle};
use crate::config::AccountId;
use crate::media::sdp::{LocalMedia, Negotiated};
use crate::sip::CallKey;
use tokio::net::UdpSocket;

pub struct Call {
    pub id: CallId,
    pub key: CallKey,
    pub direction: Direction,
    pub remote: String,
    pub state: CallState,
    pub local_media: LocalMedia,
    /// The RTP socket, until the media task takes it.
    pub rtp_socket: Option<UdpSocket>,
    /// For an incoming call: the answer we will send and what it agrees to.
    pub prepared_answer: Option<(String, Negotiated)>,
    pub media: Option<MediaHandle>,
    /// What a 183's SDP agreed to, while its early media plays.
    pub early_media: Option<Negotiated>,
    pub muted: bool,
    /// Set when the engine itself ended the call for a reason the user agent cannot know.
    pub end_reason: Option<EndReason>,
    /// The account the call goes through; `None` peer-to-peer.
    pub account: Option<AccountId>,
    /// Sound devices the user chose for this call, over the settings' choice.
    pub devices: DeviceChoice,
}

impl Call {
    pub fn new(
        id: CallId,
        key: CallKey,
        direction: Direction,
        remote: String,
        local_media: LocalMedia,
        rtp_socket: UdpSocket,
    ) -> Self {
        let state = match direction {
            Direction::Outgoing => CallState::Calling,
            Direction::Incoming => CallState::Incoming,
        };
        Self {
            id,
            key,
            direction,
            remote,
            state,
            local_media,
            rtp_socket: Some(rtp_socket),
            prepared_answer: None,
            media: None,
            early_media: None,
            muted: false,
            end_reason: None,
            account: None,
            devices: DeviceChoice::default(),
        }
    }
}
