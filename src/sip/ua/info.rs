//! SIP INFO carrying DTMF inside a dialog (the legacy "INFO DTMF" many PBXs and phones send):
//! `application/dtmf-relay` (`Signal=5\r\nDuration=160`) and `application/dtmf` (`5`).
//! A DTMF body gets 200 and a [`UaEvent::Dtmf`]; other bodies get 415, a broken DTMF body 400.

use super::{UaEvent, UserAgent};
use crate::sip::message::parsed::InRequest;
use crate::sip::transaction::key::ServerKey;
use crate::sip::CallKey;
use std::time::Duration;

/// A key press read from an INFO body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InfoDigit {
    pub digit: char,
    /// From `Duration=` in dtmf-relay; `None` when the body does not say.
    pub duration_ms: Option<u32>,
}

/// Why an INFO body is not a DTMF key press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoError {
    /// Not a DTMF content type: 415.
    UnsupportedType,
    /// A DTMF content type with a body we cannot read: 400.
    BadBody,
}

/// Read the DTMF key press in an INFO with the given Content-Type and body.
pub fn parse_dtmf_info(content_type: &str, body: &[u8]) -> Result<InfoDigit, InfoError> {
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let text = std::str::from_utf8(body).map_err(|_| InfoError::BadBody)?;
    match media_type.as_str() {
        "application/dtmf-relay" => parse_relay(text),
        "application/dtmf" => {
            let digit = signal_digit(text.trim()).ok_or(InfoError::BadBody)?;
            Ok(InfoDigit {
                digit,
                duration_ms: None,
            })
        }
        _ => Err(InfoError::UnsupportedType),
    }
}

/// `Signal=<key>` and optional `Duration=<ms>`, one per line, in any order.
fn parse_relay(text: &str) -> Result<InfoDigit, InfoError> {
    let mut digit = None;
    let mut duration_ms = None;
    for line in text.lines() {
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "signal" => digit = signal_digit(value),
            "duration" => duration_ms = value.parse().ok(),
            _ => {}
        }
    }
    let digit = digit.ok_or(InfoError::BadBody)?;
    Ok(InfoDigit { digit, duration_ms })
}

/// A key named by itself (`5`, `*`, `#`, `A`) or by its event code (`10` is `*`, `11` is `#`,
/// `12`-`15` are A-D), as some senders write it.
fn signal_digit(value: &str) -> Option<char> {
    let mut chars = value.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let c = c.to_ascii_uppercase();
        return matches!(c, '0'..='9' | '*' | '#' | 'A'..='D').then_some(c);
    }
    match value.parse::<u8>().ok()? {
        10 => Some('*'),
        11 => Some('#'),
        code @ 12..=15 => Some(char::from(b'A' + code - 12)),
        _ => None,
    }
}

impl UserAgent {
    /// An INFO inside the established dialog `call`.
    pub(super) fn on_info(
        &mut self,
        now: Duration,
        key: &ServerKey,
        call: CallKey,
        request: &InRequest,
    ) {
        let raw = &request.common.raw;
        let content_type = raw.header("Content-Type").unwrap_or_default();
        match parse_dtmf_info(content_type, &request.common.body) {
            Ok(pressed) => {
                self.reply(now, key, raw, 200, Vec::new());
                self.emit(UaEvent::Dtmf {
                    call,
                    digit: pressed.digit,
                    duration_ms: pressed.duration_ms,
                });
            }
            Err(InfoError::UnsupportedType) => self.reply(
                now,
                key,
                raw,
                415,
                vec![(
                    "Accept",
                    "application/dtmf-relay, application/dtmf".to_owned(),
                )],
            ),
            Err(InfoError::BadBody) => self.reply(now, key, raw, 400, Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dtmf_relay_gives_signal_and_duration() {
        let got = parse_dtmf_info("application/dtmf-relay", b"Signal=5\r\nDuration=160\r\n");
        assert_eq!(
            got,
            Ok(InfoDigit {
                digit: '5',
                duration_ms: Some(160)
            })
        );
        let star = parse_dtmf_info("Application/DTMF-Relay", b"Duration=250\nSignal=10\n");
        assert_eq!(star.map(|d| d.digit), Ok('*'));
        let hash = parse_dtmf_info("application/dtmf-relay", b"Signal= #\r\n");
        assert_eq!(hash.map(|d| (d.digit, d.duration_ms)), Ok(('#', None)));
    }

    #[test]
    fn application_dtmf_is_the_bare_key() {
        let got = parse_dtmf_info("application/dtmf; charset=utf-8", b"d\r\n");
        assert_eq!(got.map(|d| d.digit), Ok('D'));
    }

    #[test]
    fn other_types_and_broken_bodies_are_refused() {
        assert_eq!(
            parse_dtmf_info("application/sdp", b"v=0"),
            Err(InfoError::UnsupportedType)
        );
        assert_eq!(
            parse_dtmf_info("application/dtmf-relay", b"Signal=X\r\n"),
            Err(InfoError::BadBody)
        );
        assert_eq!(
            parse_dtmf_info("application/dtmf-relay", b"Duration=100"),
            Err(InfoError::BadBody)
        );
        assert_eq!(
            parse_dtmf_info("application/dtmf", &[0xFF, 0xFE]),
            Err(InfoError::BadBody)
        );
        assert_eq!(
            parse_dtmf_info("application/dtmf", b"99"),
            Err(InfoError::BadBody)
        );
    }
}
