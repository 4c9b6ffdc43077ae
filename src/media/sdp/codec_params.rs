//! Fit a codec we share with the peer to the parameters both sides can use: iLBC's frame
//! mode (RFC 3952), Opus's fixed rtpmap with our fmtp (RFC 7587), and the packet time.

use super::remote::RemoteFormat;
use crate::media::codec::ilbc::{agree_mode, mode_of};
use crate::media::codec::{ilbc_spec, CodecSpec};

/// Packet times we agree to at all; anything else falls back to the codec's own.
const PTIME_RANGE_MS: std::ops::RangeInclusive<u32> = 10..=120;

/// Our spec for `ours` as agreed with the peer's `format` and `a=ptime`, on the peer's
/// payload type (RFC 3264: the answerer uses the offerer's numbers, and an offerer receives
/// on its own numbers, which the answer repeats).
pub fn agree(ours: &CodecSpec, format: &RemoteFormat, remote_ptime: Option<u32>) -> CodecSpec {
    let mut agreed = if ours.name.eq_ignore_ascii_case("iLBC") {
        // The mode fixes the frame, and we send one frame per packet: a=ptime does not
        // override it (RFC 3952 section 5 lets mode= win over ptime).
        ilbc_spec(agree_mode(mode_of(ours), format.fmtp.as_deref()))
    } else {
        let mut spec = ours.clone();
        spec.ptime_ms = remote_ptime
            .filter(|p| PTIME_RANGE_MS.contains(p) && packet_time_fits(ours, *p))
            .unwrap_or(ours.ptime_ms);
        spec
    };
    agreed.payload_type = format.payload_type;
    agreed
}

/// Whether the codec can fill packets of `ptime_ms`: G.711 and G.722 any multiple of 10 ms
/// (MediaStream encodes whatever frame length the spec says), GSM whole 20 ms frames, Opus
/// one frame of a duration libopus encodes in one call.
fn packet_time_fits(codec: &CodecSpec, ptime_ms: u32) -> bool {
    if codec.name.eq_ignore_ascii_case("opus") {
        matches!(ptime_ms, 10 | 20 | 40 | 60)
    } else if codec.name.eq_ignore_ascii_case("GSM") {
        ptime_ms.is_multiple_of(20)
    } else {
        ptime_ms.is_multiple_of(10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::codec::{find, IlbcMode};

    fn format(payload_type: u8, name: &str, clock_rate: u32, fmtp: Option<&str>) -> RemoteFormat {
        RemoteFormat {
            payload_type,
            name: name.to_owned(),
            clock_rate,
            channels: 1,
            fmtp: fmtp.map(str::to_owned),
        }
    }

    #[test]
    fn ilbc_is_20_ms_only_when_both_ask_for_it() {
        let ours20 = ilbc_spec(IlbcMode::Ms20);
        let ours30 = ilbc_spec(IlbcMode::Ms30);
        let cases = [
            (&ours20, Some("mode=20"), 20),
            (&ours20, Some("mode=30"), 30),
            (&ours20, None, 30),
            (&ours30, Some("mode=20"), 30),
            (&ours30, Some("mode=30"), 30),
        ];
        for (ours, fmtp, expected) in cases {
            let agreed = agree(ours, &format(102, "iLBC", 8000, fmtp), Some(20));
            assert_eq!(agreed.ptime_ms, expected, "{fmtp:?}");
            assert_eq!(
                agreed.fmtp.as_deref(),
                Some(format!("mode={expected}").as_str())
            );
            assert_eq!(agreed.payload_type, 102);
        }
    }

    #[test]
    fn opus_takes_the_peers_payload_type_and_keeps_our_fmtp() {
        let ours = find("opus", 48000).unwrap();
        let mut remote = format(96, "opus", 48000, Some("useinbandfec=1"));
        remote.channels = 2;
        let agreed = agree(&ours, &remote, Some(40));
        assert_eq!(agreed.payload_type, 96);
        assert_eq!(agreed.fmtp, ours.fmtp);
        assert_eq!(agreed.ptime_ms, 40);
        assert_eq!(agree(&ours, &remote, Some(30)).ptime_ms, 20);
    }

    #[test]
    fn ptime_is_honoured_where_the_codec_can_fill_it() {
        let pcmu = find("PCMU", 8000).unwrap();
        let gsm = find("GSM", 8000).unwrap();
        let g722 = find("G722", 8000).unwrap();
        assert_eq!(
            agree(&pcmu, &format(0, "PCMU", 8000, None), Some(30)).ptime_ms,
            30
        );
        assert_eq!(
            agree(&pcmu, &format(0, "PCMU", 8000, None), Some(40)).ptime_ms,
            40
        );
        assert_eq!(
            agree(&pcmu, &format(0, "PCMU", 8000, None), Some(25)).ptime_ms,
            20
        );
        assert_eq!(
            agree(&pcmu, &format(0, "PCMU", 8000, None), Some(500)).ptime_ms,
            20
        );
        assert_eq!(
            agree(&gsm, &format(3, "GSM", 8000, None), Some(40)).ptime_ms,
            40
        );
        assert_eq!(
            agree(&gsm, &format(3, "GSM", 8000, None), Some(30)).ptime_ms,
            20
        );
        assert_eq!(
            agree(&g722, &format(9, "G722", 8000, None), Some(30)).ptime_ms,
            30
        );
        assert_eq!(
            agree(&g722, &format(9, "G722", 8000, None), None).ptime_ms,
            20
        );
    }
}
