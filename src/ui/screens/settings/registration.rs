//! An account's registration state in words, for the account list.

use crate::engine::api::{RegistrationFailure, RegistrationState};
use crate::ui::i18n::{tr, tr_args};

/// "Registering…", "Registered until 14:05 UTC", "Failed: wrong user name or password"...
pub fn registration_text(state: &RegistrationState) -> String {
    match state {
        RegistrationState::Off => tr("settings-registration-off"),
        RegistrationState::Registering => tr("settings-registration-registering"),
        RegistrationState::Registered { until_unix } => tr_args(
            "settings-registration-registered",
            &[("time", &clock_time_utc(*until_unix))],
        ),
        RegistrationState::Failed { failure, .. } => tr_args(
            "settings-registration-failed",
            &[("reason", &failure_text(failure))],
        ),
    }
}

/// `HH:MM` in UTC. The local offset would need a time-zone database; the label says "UTC".
fn clock_time_utc(unix_seconds: u64) -> String {
    let minutes_of_day = (unix_seconds % 86_400) / 60;
    format!("{:02}:{:02}", minutes_of_day / 60, minutes_of_day % 60)
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

    #[test]
    fn registered_shows_the_expiry_as_a_clock_time() {
        // 2026-11-25 14:05:30 UTC.
        let text = registration_text(&RegistrationState::Registered {
            until_unix: 1_795_615_530,
        });
        assert_eq!(text, "Registered until 14:05 UTC");
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
