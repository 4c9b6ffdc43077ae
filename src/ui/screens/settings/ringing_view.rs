//! The General page's rows about incoming calls: whether direct peer-to-peer calls may ring
//! while accounts are set up, and how long an unanswered call rings.

use super::view::toggle;
use super::{Message, SettingsPanel};
use crate::config::RING_TIMEOUT_RANGE;
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{column, pick_list, row, text};
use iced::{Alignment, Element};

/// A ring timeout as the picker shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RingSeconds(pub u32);

impl RingSeconds {
    /// The choices offered, plus the saved value when it is none of them (a hand edit).
    fn choices(saved: u32) -> Vec<RingSeconds> {
        let mut all: Vec<u32> = vec![15, 30, 45, 60, 90, 120, 180];
        if RING_TIMEOUT_RANGE.contains(&saved) && !all.contains(&saved) {
            all.push(saved);
            all.sort_unstable();
        }
        all.into_iter().map(RingSeconds).collect()
    }
}

impl std::fmt::Display for RingSeconds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let seconds = self.0.to_string();
        f.write_str(&tr_args(
            "settings-general-ring-timeout-seconds",
            &[("seconds", &seconds)],
        ))
    }
}

impl SettingsPanel {
    pub(super) fn ringing_rows(&self) -> Element<'_, Message> {
        let general = &self.settings.general;
        let saved = general.ring_timeout().as_secs();
        let saved = RingSeconds(u32::try_from(saved).unwrap_or(u32::MAX));
        column![
            toggle(
                "settings-general-allow-direct",
                general.allow_direct_calls,
                Message::AllowDirectCalls
            ),
            row![
                text(tr("settings-general-ring-timeout")).size(style::SMALL_SIZE),
                pick_list(RingSeconds::choices(saved.0), Some(saved), |choice| {
                    Message::RingTimeoutPicked(choice.0)
                })
                .text_size(style::SMALL_SIZE),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(12)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_edited_timeout_is_offered_beside_the_usual_ones() {
        let usual = RingSeconds::choices(60);
        assert_eq!(usual.len(), 7);
        let edited = RingSeconds::choices(75);
        assert!(edited.contains(&RingSeconds(75)));
        assert_eq!(edited.len(), 8);
    }

    #[test]
    fn picking_a_timeout_and_direct_calls_saves_them() {
        use super::super::SettingsRequest;
        use crate::ui::screens::Action;
        let mut panel = SettingsPanel::new(Default::default(), &[], None);
        let saved = |action: Action| match action {
            Action::Settings(SettingsRequest::Save { settings, .. }) => settings.general,
            other => panic!("expected a save, got {other:?}"),
        };
        let general = saved(panel.update(Message::RingTimeoutPicked(30)));
        assert_eq!(general.ring_timeout_seconds, 30);
        let general = saved(panel.update(Message::AllowDirectCalls(true)));
        assert!(general.allow_direct_calls);
    }
}
