//! An account's registration state in words, for the account list.

use crate::engine::api::{RegistrationFailure, RegistrationState};
use crate::ui::i18n::{tr, tr_args};

/// "Registering…", "Registered until 14:05", "Failed: wrong user name or password"...
/// The time is local; "UTC" is added when the local time zone cannot be found.
pub fn registration_text(state: &RegistrationState) -> String {
    registration_text_with(state, |until| match local_clock_time(until) {
        Some(time) => tr_args("settings-registration-registered", &[("time", &time)]),
        None => utc_text(until),
    })
}

fn utc_text(unix_seconds: u64) -> String {
    tr_args(
        "settings-registration-registered-utc",
        &[("time", &clock_time_utc(unix_seconds))],
    )
}

/// [`registration_text`] with the expiry put in words by `registered_until`.
fn registration_text_with(
    state: &RegistrationState,
    registered_until: impl Fn(u64) -> String,
) -> String {
    match state {
        RegistrationState::Off => tr("settings-registration-off"),
        RegistrationState::Registering => tr("settings-registration-registering"),
        RegistrationState::Registered { until_unix } => registered_until(*until_unix),
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

/// `HH:MM` in the local time zone (TZ, else /etc/localtime), as the C library computes it.
fn local_clock_time(unix_seconds: u64) -> Option<String> {
    let time = libc::time_t::try_from(unix_seconds).ok()?;
    // SAFETY: `tm` is plain data (integers and a pointer) for which all-zero bytes are valid.
    let mut local: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are valid for the call; localtime_r is the thread-safe variant and
    // writes only into `local`.
    let result = unsafe { libc::localtime_r(&time, &mut local) };
    if result.is_null() {
        return None;
    }
    Some(format!("{:02}:{:02}", local.tm_hour, local.tm_min))
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
        let state = RegistrationState::Registered {
            until_unix: 1_795_615_530,
        };
        assert_eq!(
            registration_text_with(&state, utc_text),
            "Registered until 14:05 UTC"
        );
        let local = registration_text(&state);
        let time = local
            .strip_prefix("Registered until ")
            .expect("the expiry is named");
        // The machine's own zone decides the hour; it is still a clock time.
        let (hours, minutes) = time.trim_end_matches(" UTC").split_once(':').unwrap();
        assert!(hours.parse::<u8>().unwrap() < 24, "{local}");
        assert!(minutes.parse::<u8>().unwrap() < 60, "{local}");
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
