//! An account's registration state in words, for the account list.

use crate::engine::api::{RegistrationFailure, RegistrationState};
use crate::ui::i18n::{format_time, tr, tr_args};

/// "Registering…", "Registered until 14:05", "Failed: wrong user name or password"...
/// The time is in the system time zone.
pub fn registration_text(state: &RegistrationState) -> String {
    registration_text_with(state, format_time)
}

/// [`registration_text`] with the expiry's clock time from `clock_time`.
fn registration_text_with(state: &RegistrationState, clock_time: impl Fn(u64) -> String) -> String {
    match state {
        RegistrationState::Off => tr("settings-registration-off"),
        RegistrationState::Registering => tr("settings-registration-registering"),
        RegistrationState::Registered { until_unix } => tr_args(
            "settings-registration-registered",
            &[("time", &clock_time(*until_unix))],
        ),
        RegistrationState::Failed { failure, .. } => tr_args(
            "settings-registration-failed",
            &[("reason", &failure_text(failure))],
        ),
    }
}

fn failure_text(failure: &RegistrationFailure) -> String {
    match failure {
        RegistrationFailure::WrongCredentials => tr("registration-failure-credentials"),
        RegistrationFailure::NoPassword => tr("registration-failure-no-password"),
        RegistrationFailure::NoResponse => tr("registration-failure-no-response"),
        RegistrationFailure::Network { detail } => {
            tr_args("registration-failure-network", &[("detail", detail)])
        }
        RegistrationFailure::Certificate { detail } => {
            tr_args("registration-failure-certificate", &[("detail", detail)])
        }
        RegistrationFailure::Rejected { code, text } => tr_args(
            "registration-failure-rejected",
            &[("code", &code.to_string()), ("text", text)],
        ),
        RegistrationFailure::BadChallenge { detail } => {
            tr_args("registration-failure-challenge", &[("detail", detail)])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Localizer;

    #[test]
    fn registered_shows_the_expiry_as_a_clock_time_in_the_given_zone() {
        // 2026-11-25 14:05:30 UTC; 15:05 in Berlin (CET, UTC+1 in November).
        let state = RegistrationState::Registered {
            until_unix: 1_795_615_530,
        };
        let berlin = jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let english = Localizer::for_language("en-US");
        let text = registration_text_with(&state, |until| english.format_time_in(until, &berlin));
        assert_eq!(text, "Registered until 3:05 PM");
        // The system's zone decides the hour; it is still a clock time in words.
        let local = registration_text(&state);
        assert!(local.starts_with("Registered until "), "{local}");
        assert!(local.ends_with(" AM") || local.ends_with(" PM"), "{local}");
    }

    #[test]
    fn a_failure_says_why_in_words() {
        let text = registration_text(&RegistrationState::Failed {
            failure: RegistrationFailure::WrongCredentials,
            retry_at_unix: None,
        });
        assert!(text.starts_with("Failed: "), "{text}");
        assert!(text.contains("password"), "{text}");
    }
}
