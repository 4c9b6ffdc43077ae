//! What Handset asks of the server for a call's streams: mono 16-bit at the device's own rate
//! (the server maps the channels, nothing resamples), buffers sized in milliseconds of that
//! rate, and the properties that make desktops treat the streams as phone audio.

use std::ffi::{CStr, CString};

use pulseaudio::protocol::stream::{BufferAttr, StreamFlags};
use pulseaudio::protocol::{
    ChannelMap, PlaybackStreamParams, Prop, Props, RecordStreamParams, SampleFormat, SampleSpec,
};

use super::devices::Endpoint;

/// The server delivers capture in blocks this long: the engine's frame.
pub(super) const FRAGMENT_MS: u32 = 20;
/// Playback latency in all, the device's buffer and the stream's together.
const PLAYBACK_TARGET_MS: u32 = 40;
/// The server asks for playback in blocks this long. With `adjust_latency` PulseAudio gives
/// the device (target - 2 × request) / 2 = 10 ms of buffer: a request the size of the target's
/// half would leave it none, and the device would run at its minimum latency (0.5 ms on a
/// null sink), waking the server every half millisecond.
const PLAYBACK_REQUEST_MS: u32 = 10;
/// Most capture the server holds for us before it drops the oldest.
const CAPTURE_MAX_MS: u32 = 5 * FRAGMENT_MS;
/// Mono S16: two bytes a frame.
pub(super) const BYTES_PER_FRAME: u32 = 2;

/// What a stream is for; it names the stream and decides whether the echo canceller applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// A call's microphone and speaker.
    Call,
    /// Tones and the ringtone, with no microphone.
    Tones,
}

fn bytes(rate: u32, ms: u32) -> u32 {
    let frames = (u64::from(rate) * u64::from(ms) / 1000).max(1);
    u32::try_from(frames * u64::from(BYTES_PER_FRAME)).unwrap_or(u32::MAX)
}

fn spec(rate: u32) -> SampleSpec {
    SampleSpec {
        format: SampleFormat::S16Le,
        channels: 1,
        sample_rate: rate,
    }
}

fn device_name(endpoint: &Endpoint) -> Option<CString> {
    endpoint
        .name
        .as_deref()
        .and_then(|name| CString::new(name).ok())
}

fn props(purpose: Purpose, name: &CStr) -> Props {
    let mut props = Props::new();
    props.set(Prop::MediaName, name);
    // PulseAudio's and PipeWire's policies route and duck by role; module-filter-apply and
    // PipeWire's filter chains put a stream that asks for it through the echo canceller.
    props.set(Prop::MediaRole, c"phone");
    if purpose == Purpose::Call {
        props.set(Prop::FilterWant, c"echo-cancel");
    }
    props.set(Prop::ApplicationId, c"org.handset.Handset");
    props.set(Prop::ApplicationIconName, c"org.handset.Handset");
    props
}

fn flags() -> StreamFlags {
    StreamFlags {
        // The buffer sizes are the whole latency: the server sets the device's to match.
        adjust_latency: true,
        ..StreamFlags::default()
    }
}

/// The speaker stream on `endpoint`.
pub(super) fn playback(endpoint: &Endpoint, purpose: Purpose) -> PlaybackStreamParams {
    let name = match purpose {
        Purpose::Call => c"Call",
        Purpose::Tones => c"Tones",
    };
    PlaybackStreamParams {
        sample_spec: spec(endpoint.rate),
        channel_map: ChannelMap::mono(),
        sink_name: device_name(endpoint),
        buffer_attr: BufferAttr {
            max_length: bytes(endpoint.rate, PLAYBACK_TARGET_MS),
            target_length: bytes(endpoint.rate, PLAYBACK_TARGET_MS),
            pre_buffering: u32::MAX,
            minimum_request_length: bytes(endpoint.rate, PLAYBACK_REQUEST_MS),
            fragment_size: u32::MAX,
        },
        flags: flags(),
        props: props(purpose, name),
        ..PlaybackStreamParams::default()
    }
}

/// The microphone stream on `endpoint`.
pub(super) fn record(endpoint: &Endpoint) -> RecordStreamParams {
    RecordStreamParams {
        sample_spec: spec(endpoint.rate),
        channel_map: ChannelMap::mono(),
        source_name: device_name(endpoint),
        buffer_attr: BufferAttr {
            max_length: bytes(endpoint.rate, CAPTURE_MAX_MS),
            fragment_size: bytes(endpoint.rate, FRAGMENT_MS),
            ..BufferAttr::default()
        },
        flags: flags(),
        props: props(Purpose::Call, c"Call"),
        ..RecordStreamParams::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_are_sized_from_the_device_rate() {
        let endpoint = Endpoint {
            name: Some("callsink".into()),
            rate: 8000,
        };
        let params = playback(&endpoint, Purpose::Call);
        assert_eq!(params.buffer_attr.target_length, 640);
        assert_eq!(params.buffer_attr.minimum_request_length, 160);
        let wide = Endpoint {
            name: None,
            rate: 48000,
        };
        assert_eq!(record(&wide).buffer_attr.fragment_size, 1920);
        assert_eq!(record(&wide).source_name, None);
    }

    #[test]
    fn call_streams_are_phone_audio_that_wants_echo_cancelling() {
        let endpoint = Endpoint {
            name: None,
            rate: 16000,
        };
        let call = playback(&endpoint, Purpose::Call).props;
        assert_eq!(call.get(Prop::MediaRole), Some(&b"phone\0"[..]));
        assert_eq!(call.get(Prop::FilterWant), Some(&b"echo-cancel\0"[..]));
        let tones = playback(&endpoint, Purpose::Tones).props;
        assert_eq!(tones.get(Prop::MediaRole), Some(&b"phone\0"[..]));
        assert_eq!(tones.get(Prop::FilterWant), None);
        let mic = record(&endpoint).props;
        assert_eq!(mic.get(Prop::FilterWant), Some(&b"echo-cancel\0"[..]));
    }
}
