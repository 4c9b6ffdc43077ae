//! The boundary between the engine and every face: one `Command` enum in, one `Event` enum out.
//!
//! Both are serde types because the headless face prints and reads them as JSON lines; the
//! JSON shape is part of Handset's public interface, so variants are only ever added.
//!
//! A face needs nothing else from the engine: [`launch`] starts one, and questions a face has
//! for the machine the engine runs on (its sound devices, whether a certificate file is
//! usable) are Commands answered by an Event, so every face sees the same answers.

pub mod launch;

use crate::config::{AccountId, Settings};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Identifies one call for as long as the engine runs. Copyable, so faces never hold references.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CallId(pub u64);

/// What a face asks the engine to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Command {
    /// Call a SIP URI such as `sip:alice@192.0.2.7:5060`, from `account` (the default account
    /// when absent, or peer-to-peer when there is none).
    Dial {
        target: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// Accept a ringing incoming call.
    Answer { call: CallId },
    /// Refuse a ringing incoming call (603 Decline).
    Decline { call: CallId },
    /// End a call in any state: CANCEL before the answer, BYE after it.
    Hangup { call: CallId },
    /// Stop or resume sending our microphone.
    Mute { call: CallId, muted: bool },
    /// Send DTMF digits (0-9, *, #, A-D) as RFC 4733 telephone-events.
    SendDtmf { call: CallId, digits: String },
    /// The face saved new settings; apply them without a restart (register, re-register or
    /// unregister accounts as they changed).
    ApplySettings { settings: Box<Settings> },
    /// List the sound devices now present (a headset plugged in since shows up); answered by
    /// `Event::AudioDevices`, and again by a new `Event::AudioDevices` whenever a device comes
    /// or goes or the desktop's default changes, where the audio system tells of it
    /// (PulseAudio and PipeWire do).
    ListAudioDevices,
    /// Move a call's audio to other devices (names or descriptions as `Event::AudioDevices`
    /// lists them); an absent side stays where it is. Answered by `Event::CallAudio`.
    SetCallAudio {
        call: CallId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        input: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        output: Option<String>,
    },
    /// Read the file at `path` as a trusted certificate, exactly as a TLS connection would;
    /// answered by `Event::CertificateChecked` carrying the same `request`, so a face can tell
    /// the answer to its latest question from older ones.
    CheckCertificate { path: PathBuf, request: u64 },
    /// Try the sound devices chosen in the settings: a tone on the speaker, or five seconds
    /// from the microphone played back. Followed by `Event::AudioTest`s; a new test stops the
    /// one running. Refused during a call.
    AudioTest { test: AudioTestKind },
    /// Hang up every call and stop the engine.
    Quit,
}

/// Where an account's registration stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegistrationState {
    /// The account is disabled or does not register.
    Off,
    /// A REGISTER is on its way.
    Registering,
    /// Registered until this moment (seconds since the Unix epoch).
    Registered { until_unix: u64 },
    /// Registration failed; `retry_at_unix` is when the next attempt happens, if any.
    Failed {
        failure: RegistrationFailure,
        retry_at_unix: Option<u64>,
    },
}

/// Why a registration failed, in terms a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegistrationFailure {
    /// The registrar refused our user name or password. We do not retry on our own.
    WrongCredentials,
    /// No password is stored for the account.
    NoPassword,
    /// The registrar did not answer.
    NoResponse,
    /// The registrar's host name does not resolve, or the network is down.
    Network { detail: String },
    /// The TLS certificate was not trusted.
    Certificate { detail: String },
    /// The registrar answered with a final error status.
    Rejected { code: u16, text: String },
    /// The registrar's challenge could not be understood.
    BadChallenge { detail: String },
}

/// Where a call stands, as a user would describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CallState {
    /// We sent an INVITE and heard nothing final yet.
    Calling,
    /// The far end is ringing (180/183).
    Ringing,
    /// Someone is calling us and we have not answered.
    Incoming,
    /// Media flows both ways.
    Established,
    /// The call is over; `Event::CallEnded` says why.
    Ended,
}

/// Which side a call was started from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Outgoing,
    Incoming,
}

/// Why a call ended. Faces translate the variant, never a prose string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EndReason {
    /// We hung up.
    LocalHangup,
    /// The other side hung up.
    RemoteHangup,
    /// The caller gave up before we answered.
    CallerCancelled,
    /// We declined an incoming call.
    Declined,
    /// Do-not-disturb turned an incoming call away (486 Busy Here) without ringing; it is a
    /// missed call.
    DoNotDisturb,
    /// The far end was busy (486/600).
    Busy,
    /// The far end refused the call with a final status.
    Rejected { code: u16, text: String },
    /// The far end never answered our requests (timer B/F, or no ACK).
    NoResponse,
    /// The session description could not be agreed (488).
    MediaIncompatible,
    /// The target could not be used: bad URI, or a host name that does not resolve.
    BadTarget { detail: String },
    /// Sending failed at the transport.
    TransportError { detail: String },
    /// The audio device or file could not be opened.
    AudioError { detail: String },
    /// Nobody answered an incoming call before the ring timeout (Settings → General); the
    /// caller was told 480 and the call is a missed one.
    Unanswered,
}

impl EndReason {
    /// A stable key for translations and for tests.
    pub fn i18n_key(&self) -> &'static str {
        match self {
            EndReason::LocalHangup => "end-local-hangup",
            EndReason::RemoteHangup => "end-remote-hangup",
            EndReason::CallerCancelled => "end-caller-cancelled",
            EndReason::Declined => "end-declined",
            EndReason::DoNotDisturb => "end-do-not-disturb",
            EndReason::Busy => "end-busy",
            EndReason::Rejected { .. } => "end-rejected",
            EndReason::NoResponse => "end-no-response",
            EndReason::MediaIncompatible => "end-media-incompatible",
            EndReason::BadTarget { .. } => "end-bad-target",
            EndReason::TransportError { .. } => "end-transport-error",
            EndReason::AudioError { .. } => "end-audio-error",
            EndReason::Unanswered => "end-unanswered",
        }
    }
}

/// Media figures for one call, sent about once a second while it is established.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallStats {
    pub codec: String,
    pub packets_sent: u64,
    pub packets_received: u64,
    /// Given up for lost by the jitter buffer.
    pub packets_lost: u64,
    /// Arrived after their turn had been given up.
    pub packets_late: u64,
    pub packets_duplicate: u64,
    /// Arrived in time but dropped to cut the delay after an outage.
    pub packets_discarded: u64,
    /// Packet times of concealment and comfort noise played.
    pub frames_concealed: u64,
    pub concealed_ms: u64,
    /// Runs of concealment: how often the listener heard a gap being filled.
    pub concealment_events: u64,
    /// Audio removed or inserted by time-stretching to follow the target delay.
    pub accelerated_ms: u64,
    pub decelerated_ms: u64,
    /// RFC 3550 interarrival jitter.
    pub jitter_ms: f64,
    /// How long audio waited in the jitter buffer, on average over the call.
    pub jitter_buffer_ms: u32,
    /// The delay the jitter buffer aims for now.
    pub jitter_buffer_target_ms: u32,
    pub capture_overruns: u64,
    pub playback_underruns: u64,
    pub malformed_packets: u64,
}

/// Whether a sound device records or plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AudioDirection {
    Input,
    Output,
}

/// Why a call's audio is on the devices `Event::CallAudio` names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CallAudioChange {
    /// The call's audio has just opened.
    Opened,
    /// The user chose them (`Command::SetCallAudio`).
    Chosen,
    /// The audio system moved the call: its device was unplugged, or the desktop's default
    /// changed while the call followed the default.
    Moved,
    /// The call's device stopped working and the call reopened on the default devices.
    Reopened { detail: String },
    /// Moving to the devices the user chose failed; the call stays where it was.
    Refused { detail: String },
}

/// One sound device, as a settings panel offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudioDevice {
    /// What to save as the input or output device to pick this one (a PulseAudio sink or
    /// source such as `callsink.monitor`, an ALSA PCM such as `default`).
    pub name: String,
    /// A human-readable description (may equal `name`).
    pub description: String,
    pub direction: AudioDirection,
    /// True for the system's default device in this direction.
    pub is_default: bool,
}

/// What reading a trusted-certificate file found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CertificateOutcome {
    /// The file holds a certificate a TLS connection can trust.
    Usable,
    /// The file cannot be used. `code` is stable (`tls.read_trusted_certificate`,
    /// `tls.no_pem_certificate`, `tls.bad_trusted_certificate`, or another `tls.` code);
    /// `detail` holds the specifics in plain English (the reason, or the path).
    Refused { code: String, detail: String },
}

/// Errors that are not tied to a call: the face shows them to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// Stable machine-readable code, such as `bad-command` or `unknown-call`.
    pub code: String,
    /// Translation key for the face.
    pub key: String,
    /// Technical detail (never a password).
    pub detail: String,
}

/// What the engine tells every face.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// The engine listens for SIP on this address.
    Ready { listen: SocketAddr, contact: String },
    /// A new incoming call rings, on `account` (none in peer-to-peer mode).
    IncomingCall {
        call: CallId,
        from: String,
        to: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
        /// The caller's name from the user's contacts. The engine knows no contacts and
        /// leaves it empty; a face that keeps them fills it in before showing the event.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contact: Option<String>,
    },
    /// An account's registration changed.
    Registration {
        account: AccountId,
        state: RegistrationState,
    },
    /// A call changed state.
    CallState {
        call: CallId,
        state: CallState,
        direction: Direction,
        remote: String,
        /// The other side's name from the user's contacts, filled in by a face (see
        /// `IncomingCall::contact`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contact: Option<String>,
        /// The account the call goes through (none peer-to-peer).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    /// The codec and addresses a call settled on.
    MediaStarted {
        call: CallId,
        codec: String,
        local_rtp: SocketAddr,
        remote_rtp: SocketAddr,
    },
    /// The far end pressed a key (RFC 4733 telephone-event or SIP INFO).
    DtmfReceived {
        call: CallId,
        digit: char,
        duration_ms: u32,
    },
    /// Periodic media figures.
    CallStats { call: CallId, stats: CallStats },
    /// The sound devices a call's audio is on (stable names, as `Event::AudioDevices` lists
    /// them; absent where the audio system cannot tell), sent when its audio opens and
    /// whenever they change.
    CallAudio {
        call: CallId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        input: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        output: Option<String>,
        change: CallAudioChange,
    },
    /// A call is over.
    CallEnded { call: CallId, reason: EndReason },
    /// Something went wrong outside any call.
    Error(ErrorInfo),
    /// The answer to `Command::ListAudioDevices`: inputs and outputs; empty when no audio
    /// system is reachable.
    AudioDevices { devices: Vec<AudioDevice> },
    /// The answer to `Command::CheckCertificate`.
    CertificateChecked {
        request: u64,
        path: PathBuf,
        outcome: CertificateOutcome,
    },
    /// How a `Command::AudioTest` goes.
    AudioTest {
        test: AudioTestKind,
        progress: AudioTestProgress,
    },
    /// The engine stopped; no more events follow.
    Stopped,
}

/// What Settings → Audio's test tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AudioTestKind {
    /// A short tone on the speaker.
    Tone,
    /// Five seconds from the microphone, with its level shown, then played back.
    Microphone,
}

/// A step of an audio test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AudioTestProgress {
    /// The microphone's level over the last tenth of a second: 0 is silence (−60 dBFS or
    /// below), 1 is full scale; even steps of dB between.
    Level { level: f32 },
    /// The recording is being played back.
    PlayingBack,
    /// The test is over.
    Finished,
    /// The devices could not be opened, or a call started.
    Failed { detail: String },
}

#[cfg(test)]
#[path = "api/json_tests.rs"]
mod json_tests;
