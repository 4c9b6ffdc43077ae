//! How the user agent's view of a call's end becomes what a user is told.

use super::api::EndReason;
use crate::sip::EndCause;

pub fn from_cause(cause: &EndCause) -> EndReason {
    match cause {
        EndCause::LocalHangup => EndReason::LocalHangup,
        EndCause::RemoteHangup => EndReason::RemoteHangup,
        EndCause::RemoteCancelled => EndReason::CallerCancelled,
        EndCause::LocallyRejected { code: 488 } => EndReason::MediaIncompatible,
        EndCause::LocallyRejected { .. } => EndReason::Declined,
        EndCause::Rejected { code, reason } => from_status(*code, reason),
        EndCause::Timeout => EndReason::NoResponse,
        EndCause::Unanswered => EndReason::Unanswered,
    }
}

fn from_status(code: u16, reason: &str) -> EndReason {
    match code {
        486 | 600 => EndReason::Busy,
        408 => EndReason::NoResponse,
        488 | 606 => EndReason::MediaIncompatible,
        _ => EndReason::Rejected {
            code,
            text: reason.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_statuses_read_as_busy() {
        for code in [486, 600] {
            let cause = EndCause::Rejected {
                code,
                reason: "Busy".into(),
            };
            assert_eq!(from_cause(&cause), EndReason::Busy);
        }
    }

    #[test]
    fn a_decline_keeps_its_code() {
        let cause = EndCause::Rejected {
            code: 603,
            reason: "Decline".into(),
        };
        assert_eq!(
            from_cause(&cause),
            EndReason::Rejected {
                code: 603,
                text: "Decline".into()
            }
        );
    }

    #[test]
    fn our_own_rejections() {
        assert_eq!(
            from_cause(&EndCause::LocallyRejected { code: 603 }),
            EndReason::Declined
        );
        assert_eq!(
            from_cause(&EndCause::LocallyRejected { code: 488 }),
            EndReason::MediaIncompatible
        );
        assert_eq!(from_cause(&EndCause::Timeout), EndReason::NoResponse);
        assert_eq!(from_cause(&EndCause::Unanswered), EndReason::Unanswered);
    }
}
