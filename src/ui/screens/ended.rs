//! The small notice shown on the dialer after a call ends: with whom, why, and how long.

use super::{format_duration, Action};
use crate::engine::api::EndReason;
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, container, row, space, text};
use iced::{Alignment, Element};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Dismiss,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndedNotice {
    remote: String,
    reason: EndReason,
    /// How long the call was established, if it ever was.
    duration: Option<Duration>,
}

impl EndedNotice {
    pub fn new(remote: String, reason: EndReason, duration: Option<Duration>) -> EndedNotice {
        EndedNotice {
            remote,
            reason,
            duration,
        }
    }

    pub fn reason(&self) -> &EndReason {
        &self.reason
    }

    pub fn heading_text(&self) -> String {
        tr_args("ended-heading", &[("remote", &self.remote)])
    }

    pub fn reason_text(&self) -> String {
        reason_text(&self.reason)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Dismiss => Action::Close,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut details = column![
            text(self.heading_text()).size(style::BODY_SIZE),
            text(self.reason_text()).size(style::SMALL_SIZE),
        ]
        .spacing(4);
        if let Some(duration) = self.duration {
            let duration = format_duration(duration);
            details = details.push(
                text(tr_args("ended-duration", &[("duration", &duration)]))
                    .size(style::SMALL_SIZE)
                    .style(text::secondary),
            );
        }
        let dismiss = button(text(tr("ended-dismiss")).size(style::SMALL_SIZE))
            .on_press(Message::Dismiss)
            .style(button::secondary);
        style::notice(
            row![details, space::horizontal(), dismiss].align_y(Alignment::Center),
            container::bordered_box,
        )
    }
}

/// Why a call ended, in words the user understands, with any technical detail appended.
pub fn reason_text(reason: &EndReason) -> String {
    let key = reason.i18n_key();
    match reason {
        EndReason::Rejected { code, text } => {
            tr_args(key, &[("code", &code.to_string()), ("text", text)])
        }
        EndReason::BadTarget { detail }
        | EndReason::TransportError { detail }
        | EndReason::AudioError { detail } => tr_args(key, &[("detail", detail)]),
        _ if crate::ui::i18n::has_key(key) => tr(key),
        // A reason added to the engine before its translation still reads as a sentence.
        _ => tr("end-unknown"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_reads_as_busy() {
        assert_eq!(reason_text(&EndReason::Busy), "The other side is busy.");
    }

    #[test]
    fn rejection_shows_the_status() {
        let text = reason_text(&EndReason::Rejected {
            code: 404,
            text: "Not Found".to_owned(),
        });
        assert_eq!(text, "The call was refused (404 Not Found).");
    }

    #[test]
    fn details_are_shown() {
        let text = reason_text(&EndReason::TransportError {
            detail: "connection refused".to_owned(),
        });
        assert!(text.contains("connection refused"), "{text}");
    }

    #[test]
    fn every_reason_has_its_own_words() {
        let reasons = [
            EndReason::LocalHangup,
            EndReason::RemoteHangup,
            EndReason::CallerCancelled,
            EndReason::Declined,
            EndReason::Busy,
            EndReason::Rejected {
                code: 500,
                text: "Oops".to_owned(),
            },
            EndReason::NoResponse,
            EndReason::MediaIncompatible,
            EndReason::BadTarget {
                detail: "x".to_owned(),
            },
            EndReason::TransportError {
                detail: "x".to_owned(),
            },
            EndReason::AudioError {
                detail: "x".to_owned(),
            },
        ];
        let mut seen = std::collections::HashSet::new();
        for reason in &reasons {
            assert!(
                crate::ui::i18n::has_key(reason.i18n_key()),
                "{} missing",
                reason.i18n_key()
            );
            let text = reason_text(reason);
            assert!(!text.contains('{'), "unfilled placeable in {text:?}");
            assert!(seen.insert(text), "two reasons read the same");
        }
    }

    #[test]
    fn dismiss_closes_the_notice() {
        let mut notice = EndedNotice::new(
            "sip:bob@host".to_owned(),
            EndReason::RemoteHangup,
            Some(Duration::from_secs(65)),
        );
        assert_eq!(notice.heading_text(), "Call with sip:bob@host ended");
        assert_eq!(notice.update(Message::Dismiss), Action::Close);
    }
}
