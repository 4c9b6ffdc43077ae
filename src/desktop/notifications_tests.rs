use super::*;
use crate::engine::api::Direction;

const ALICE: &str = "sip:alice@192.0.2.7";

fn incoming(call: u64, from: &str) -> Event {
    Event::IncomingCall {
        call: CallId(call),
        from: from.into(),
        to: "sip:me@192.0.2.1".into(),
        account: Some(AccountId(2)),
        contact: Some("Alice Liddell".into()),
    }
}

fn state(call: u64, state: CallState) -> Event {
    Event::CallState {
        call: CallId(call),
        state,
        direction: Direction::Incoming,
        remote: ALICE.into(),
        contact: None,
        account: None,
    }
}

fn ended(call: u64, reason: EndReason) -> Event {
    Event::CallEnded {
        call: CallId(call),
        reason,
    }
}

fn alice() -> Caller {
    Caller {
        address: ALICE.into(),
        contact: Some("Alice Liddell".into()),
        account: Some(AccountId(2)),
    }
}

#[test]
fn a_ringing_call_is_announced_and_its_actions_answer_or_decline_it() {
    let mut rules = CallNotices::new();
    assert_eq!(
        rules.observe(&incoming(1, ALICE)),
        vec![Request::ShowIncoming {
            call: CallId(1),
            caller: alice()
        }]
    );
    let slot = Slot::Incoming(CallId(1));
    assert_eq!(
        rules.on_action(&slot, ANSWER),
        Some(Command::Answer { call: CallId(1) })
    );
    assert_eq!(
        rules.on_action(&slot, DECLINE),
        Some(Command::Decline { call: CallId(1) })
    );
    assert_eq!(rules.on_action(&slot, "default"), None);
    assert_eq!(alice().shown_name(), "Alice Liddell");
    let stranger = Caller {
        contact: None,
        ..alice()
    };
    assert_eq!(stranger.shown_name(), "alice@192.0.2.7");
}

#[test]
fn a_taken_call_withdraws_its_notification_and_leaves_nothing_behind() {
    let mut rules = CallNotices::new();
    rules.observe(&incoming(1, ALICE));
    assert_eq!(
        rules.observe(&state(1, CallState::Established)),
        vec![Request::Withdraw(Slot::Incoming(CallId(1)))]
    );
    // A late click on the withdrawn notification does nothing.
    assert_eq!(rules.on_action(&Slot::Incoming(CallId(1)), ANSWER), None);
    assert_eq!(rules.observe(&ended(1, EndReason::RemoteHangup)), vec![]);
}

#[test]
fn a_declined_call_is_withdrawn_and_not_missed() {
    let mut rules = CallNotices::new();
    rules.observe(&incoming(1, ALICE));
    assert_eq!(
        rules.observe(&ended(1, EndReason::Declined)),
        vec![Request::Withdraw(Slot::Incoming(CallId(1)))]
    );
}

#[test]
fn missed_calls_leave_one_notification_per_caller_counting_them() {
    let mut rules = CallNotices::new();
    rules.observe(&incoming(1, ALICE));
    assert_eq!(
        rules.observe(&ended(1, EndReason::CallerCancelled)),
        vec![
            Request::Withdraw(Slot::Incoming(CallId(1))),
            Request::ShowMissed {
                caller: alice(),
                count: 1
            }
        ]
    );
    rules.observe(&incoming(2, ALICE));
    let second = rules.observe(&ended(2, EndReason::CallerCancelled));
    assert_eq!(
        second[1],
        Request::ShowMissed {
            caller: alice(),
            count: 2
        }
    );
    // Another caller has a notification of their own.
    rules.observe(&incoming(3, "sip:bob@192.0.2.8"));
    let bob = rules.observe(&ended(3, EndReason::CallerCancelled));
    assert!(
        matches!(&bob[1], Request::ShowMissed { caller, count: 1 } if caller.address == "sip:bob@192.0.2.8")
    );
    // Call back dials from the account the call came in on, and starts the count afresh.
    let missed = Slot::Missed(ALICE.into());
    assert_eq!(
        rules.on_action(&missed, CALL_BACK),
        Some(Command::Dial {
            target: ALICE.into(),
            account: Some(AccountId(2))
        })
    );
    rules.observe(&incoming(4, ALICE));
    let again = rules.observe(&ended(4, EndReason::CallerCancelled));
    assert!(matches!(&again[1], Request::ShowMissed { count: 1, .. }));
    // Dismissed by the user: the count starts again too.
    rules.on_closed(&missed);
    rules.observe(&incoming(5, ALICE));
    let after = rules.observe(&ended(5, EndReason::CallerCancelled));
    assert!(matches!(&after[1], Request::ShowMissed { count: 1, .. }));
}

#[test]
fn do_not_disturb_silences_ringing_and_missed_calls() {
    let mut rules = CallNotices::new();
    rules.observe(&incoming(1, ALICE));
    assert_eq!(
        rules.set_do_not_disturb(true),
        vec![Request::Withdraw(Slot::Incoming(CallId(1)))]
    );
    assert_eq!(rules.observe(&ended(1, EndReason::CallerCancelled)), vec![]);
    assert_eq!(rules.observe(&incoming(2, ALICE)), vec![]);
    assert_eq!(rules.observe(&ended(2, EndReason::DoNotDisturb)), vec![]);
    rules.set_do_not_disturb(false);
    assert_eq!(rules.observe(&incoming(3, ALICE)).len(), 1);
}

#[test]
fn a_second_caller_during_a_call_is_not_announced() {
    let mut rules = CallNotices::new();
    rules.observe(&state(1, CallState::Calling));
    assert_eq!(rules.observe(&incoming(2, ALICE)), vec![]);
    assert_eq!(rules.observe(&ended(2, EndReason::Declined)), vec![]);
    rules.observe(&ended(1, EndReason::LocalHangup));
    assert_eq!(rules.observe(&incoming(3, ALICE)).len(), 1);
    assert_eq!(
        rules.observe(&Event::Stopped),
        vec![Request::Withdraw(Slot::Incoming(CallId(3)))]
    );
}
