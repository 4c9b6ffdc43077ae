//! Make a real-world SDP digestible for webrtc-sdp.
//!
//! webrtc-sdp implements the WebRTC (JSEP) subset of SDP and rejects things RFC 4566 allows and
//! SIP phones send every day: `e=`, `p=`, `u=`, `k=`, `z=`, `r=` lines, odd `b=` types,
//! attributes in places it does not expect, transport protocols it does not know (`udptl`,
//! `TCP/MSRP`), and combinations it sanity-checks for browsers (`extmap` at two levels, `rid`
//! without `simulcast`...). None of that matters for a voice call, so this pass drops or
//! neutralises those lines before parsing, and remembers each `m=` line verbatim so that the
//! answer can reject a section it could not even parse with the same format list.

use webrtc_sdp::attribute_type::SdpAttribute;
use webrtc_sdp::{parse_sdp_line, SdpType};

/// Stands in for a media section webrtc-sdp cannot parse, so that sections still line up.
const PLACEHOLDER_MEDIA: &str = "m=x-handset-unparsed 0 RTP/AVP";
const PLACEHOLDER_CONNECTION: &str = "c=IN IP4 0.0.0.0";
/// We never use the origin; a broken one must not sink the call.
const PLACEHOLDER_ORIGIN: &str = "o=- 0 0 IN IP4 0.0.0.0";
const DEFAULT_TIMING: &str = "t=0 0";

/// One `m=` line as the peer wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMediaLine {
    pub media: String,
    pub proto: String,
    /// The format list, space separated, as written.
    pub formats: String,
    /// False when webrtc-sdp could not parse the line and a placeholder took its place.
    pub understood: bool,
    /// The section's `a=fmtp` parameters by payload type, as written: webrtc-sdp only models
    /// the WebRTC codecs' parameters, and iLBC's `mode=` must survive.
    pub fmtps: Vec<(u8, String)>,
}

/// The cleaned text and what we noted on the way.
#[derive(Debug, Clone)]
pub struct Prefiltered {
    pub text: String,
    pub media_lines: Vec<RawMediaLine>,
    /// A session-level `a=ptime`, which webrtc-sdp only allows per media.
    pub session_ptime: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Session,
    Media {
        understood: bool,
        has_connection: bool,
    },
}

/// The cleaned lines, sorted into the order webrtc-sdp insists on: `v=`, `o=`, `s=` first
/// (some phones put `s=` elsewhere or leave it out), one `t=`, then the rest.
#[derive(Default)]
struct Lines {
    version: Option<String>,
    origin: Option<String>,
    name: Option<String>,
    timing: Option<String>,
    session: Vec<String>,
    media: Vec<String>,
}

impl Lines {
    fn push(&mut self, level: Level, line: String) {
        match level {
            Level::Session => self.session.push(line),
            Level::Media { .. } => self.media.push(line),
        }
    }

    fn into_text(self) -> Result<String, String> {
        let version = self.version.ok_or("no v= line")?;
        let header = [
            version,
            self.origin.unwrap_or_else(|| PLACEHOLDER_ORIGIN.to_owned()),
            self.name.unwrap_or_else(|| "s=-".to_owned()),
            self.timing.unwrap_or_else(|| DEFAULT_TIMING.to_owned()),
        ];
        let all: Vec<String> = header
            .into_iter()
            .chain(self.session)
            .chain(self.media)
            .collect();
        Ok(all.join("\r\n") + "\r\n")
    }
}

/// Clean `sdp`. Fails on text without `v=` and on an `m=` line too short to answer.
pub fn prefilter(sdp: &str) -> Result<Prefiltered, String> {
    let mut lines = Lines::default();
    let mut media_lines = Vec::new();
    let mut session_ptime = None;
    let mut level = Level::Session;

    for line in sdp.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((kind, _value)) = line.split_once('=') else {
            continue; // Not an SDP line at all.
        };
        let owned = line.to_owned();
        match (kind.trim(), level) {
            ("v", Level::Session) if lines.version.is_none() => lines.version = Some(owned),
            ("s", Level::Session) if lines.name.is_none() => lines.name = Some(owned),
            ("o", Level::Session) if lines.origin.is_none() => {
                lines.origin = Some(if parses(line) {
                    owned
                } else {
                    PLACEHOLDER_ORIGIN.to_owned()
                });
            }
            // Several t= lines are legal; one is all a call needs.
            ("t", Level::Session) if lines.timing.is_none() => {
                lines.timing = Some(if parses(line) {
                    owned
                } else {
                    DEFAULT_TIMING.to_owned()
                });
            }
            ("c", Level::Session) => lines.push(level, owned),
            // One c= per section (a second would be layered multicast), none in placeholders.
            (
                "c",
                Level::Media {
                    understood: true,
                    has_connection: false,
                },
            ) => {
                lines.push(level, owned);
                level = Level::Media {
                    understood: true,
                    has_connection: true,
                };
            }
            (
                "b",
                Level::Session
                | Level::Media {
                    understood: true, ..
                },
            ) if parses(line) => lines.push(level, owned),
            ("a", _) => {
                if let (Some(fmtp), Some(section)) = (raw_fmtp(line), media_lines.last_mut()) {
                    let section: &mut RawMediaLine = section;
                    section.fmtps.push(fmtp);
                }
                if let Some(kept) = filter_attribute(line, level, &mut session_ptime) {
                    lines.push(level, kept);
                }
            }
            ("m", _) => {
                let raw = raw_media_line(line)?;
                level = Level::Media {
                    understood: raw.understood,
                    has_connection: !raw.understood,
                };
                if raw.understood {
                    lines.push(level, owned);
                } else {
                    lines.push(level, PLACEHOLDER_MEDIA.to_owned());
                    lines.push(level, PLACEHOLDER_CONNECTION.to_owned());
                }
                media_lines.push(raw);
            }
            // i=, u=, e=, p=, k=, z=, r=, unknown letters, repeated v=/o=/s=/t=, and session
            // lines inside a media section: nothing a call needs.
            _ => {}
        }
    }
    Ok(Prefiltered {
        text: lines.into_text()?,
        media_lines,
        session_ptime,
    })
}

fn parses(line: &str) -> bool {
    parse_sdp_line(line, 0).is_ok()
}

fn raw_media_line(line: &str) -> Result<RawMediaLine, String> {
    let value = line.split_once('=').map(|(_, v)| v).unwrap_or_default();
    let mut tokens = value.split_whitespace();
    let (Some(media), Some(_port), Some(proto)) = (tokens.next(), tokens.next(), tokens.next())
    else {
        return Err(format!("media line too short: {line}"));
    };
    let formats: Vec<&str> = tokens.collect();
    if formats.is_empty() {
        return Err(format!("media line without formats: {line}"));
    }
    Ok(RawMediaLine {
        media: media.to_owned(),
        proto: proto.to_owned(),
        formats: formats.join(" "),
        understood: parses(line),
        fmtps: Vec::new(),
    })
}

/// `a=fmtp:<pt> <parameters>` split into the payload type and the parameter text.
fn raw_fmtp(line: &str) -> Option<(u8, String)> {
    let rest = line.strip_prefix("a=fmtp:")?;
    let (payload_type, parameters) = rest.split_once(char::is_whitespace)?;
    let payload_type = payload_type.trim().parse().ok()?;
    Some((payload_type, parameters.trim().to_owned()))
}

/// Keep an `a=` line only if webrtc-sdp accepts it at this level and it cannot trip one of
/// its WebRTC sanity checks.
fn filter_attribute(line: &str, level: Level, session_ptime: &mut Option<u64>) -> Option<String> {
    if let Level::Media {
        understood: false, ..
    } = level
    {
        return None;
    }
    let Ok(parsed) = parse_sdp_line(line, 0) else {
        return None;
    };
    let SdpType::Attribute(attribute) = parsed.sdp_type else {
        return None;
    };
    if matches!(
        attribute,
        SdpAttribute::Extmap(_)
            | SdpAttribute::Rid(_)
            | SdpAttribute::Simulcast(_)
            | SdpAttribute::RtcpMuxOnly
    ) {
        return None;
    }
    let allowed = match level {
        Level::Session => {
            if let SdpAttribute::Ptime(ptime) = attribute {
                *session_ptime = Some(ptime);
            }
            attribute.allowed_at_session_level()
        }
        Level::Media { .. } => attribute.allowed_at_media_level(),
    };
    allowed.then(|| line.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_lines_webrtc_sdp_refuses() {
        let sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=call\r\ni=info\r\nu=http://x\r\n\
                   e=a@b.c\r\np=+1 555\r\nc=IN IP4 10.0.0.1\r\nb=X-FOO:bar\r\nt=0 0\r\nr=7d 1h 0 25h\r\n\
                   z=2882844526 -1h\r\nk=clear:secret\r\nm=audio 4000 RTP/AVP 0\r\ni=audio\r\n\
                   a=rtcp-xr:rcvr-rtt=all\r\na=ptime:20\r\n";
        let filtered = prefilter(sdp).unwrap();
        for gone in ["i=", "u=", "e=", "p=", "b=", "r=", "z=", "k=", "rtcp-xr"] {
            assert!(
                !filtered.text.contains(gone),
                "{gone} survived:\n{}",
                filtered.text
            );
        }
        assert!(filtered.text.contains("a=ptime:20"));
        assert!(webrtc_sdp::parse_sdp(&filtered.text, false).is_ok());
    }

    #[test]
    fn replaces_unknown_transports_with_a_placeholder() {
        let sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n\
                   m=audio 4000 RTP/AVP 0\r\nm=image 4002 udptl t38\r\na=T38FaxVersion:0\r\n";
        let filtered = prefilter(sdp).unwrap();
        assert_eq!(filtered.media_lines.len(), 2);
        assert!(filtered.media_lines[0].understood);
        assert!(!filtered.media_lines[1].understood);
        assert_eq!(filtered.media_lines[1].proto, "udptl");
        assert_eq!(filtered.media_lines[1].formats, "t38");
        let parsed = webrtc_sdp::parse_sdp(&filtered.text, false).unwrap();
        assert_eq!(parsed.media.len(), 2);
    }

    #[test]
    fn adds_missing_timing_and_fixes_a_bad_origin() {
        let sdp = "v=0\r\no=weird user name here\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 8\r\n";
        let filtered = prefilter(sdp).unwrap();
        assert!(filtered.text.contains(DEFAULT_TIMING));
        assert!(webrtc_sdp::parse_sdp(&filtered.text, false).is_ok());
    }

    #[test]
    fn puts_the_header_in_order_and_supplies_a_missing_name() {
        let sdp = "v=0\r\nc=IN IP4 10.0.0.1\r\no=- 1 1 IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        let filtered = prefilter(sdp).unwrap();
        assert!(filtered
            .text
            .starts_with("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n"));
        assert!(webrtc_sdp::parse_sdp(&filtered.text, false).is_ok());
        assert!(
            prefilter("o=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n").is_err(),
            "no v="
        );
    }

    #[test]
    fn a_media_line_without_formats_is_refused() {
        assert!(prefilter("v=0\r\nm=audio 4000 RTP/AVP\r\n").is_err());
    }
}
