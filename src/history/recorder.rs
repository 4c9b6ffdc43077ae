//! Turns the engine's events into history entries. Both faces (the window and the headless JSON
//! face) feed it every event and record what it hands back, so they keep the same history.

use super::entry::NewEntry;
use crate::config::AccountId;
use crate::engine::api::{CallId, CallState, Direction, EndReason, Event};
use std::collections::HashMap;

/// What is known of a call that has not ended yet.
#[derive(Debug)]
struct Pending {
    direction: Direction,
    /// The first address heard; `IncomingCall`'s `from` replaces it, because `CallState` wraps
    /// an incoming caller's address in its display name.
    remote: String,
    /// A contact name a face already put into the events, if any.
    contact: Option<String>,
    account: Option<AccountId>,
    started_unix: i64,
    answered_unix: Option<i64>,
}

/// Follows calls through the engine's events and returns a [`NewEntry`] when one ends.
///
/// The entry's `contact_uid` is left empty, and `contact` holds only a name a face already put
/// into the events: the caller matches `remote` against the address book before recording.
/// The account comes from `IncomingCall` and `CallState`.
#[derive(Debug, Default)]
pub struct Recorder {
    calls: HashMap<CallId, Pending>,
}

impl Recorder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds one event; `now_unix` is when it arrived (seconds since the Unix epoch). Returns the
    /// finished entry on `Event::CallEnded` for a call seen before.
    pub fn observe(&mut self, event: &Event, now_unix: i64) -> Option<NewEntry> {
        match event {
            Event::IncomingCall {
                call,
                from,
                account,
                contact,
                ..
            } => {
                let pending = self.pending(*call, Direction::Incoming, from, now_unix);
                pending.direction = Direction::Incoming;
                pending.remote.clone_from(from);
                pending.account = *account;
                pending.note_contact(contact);
                None
            }
            Event::CallState {
                call,
                state,
                direction,
                remote,
                contact,
                account,
            } => {
                let pending = self.pending(*call, *direction, remote, now_unix);
                if account.is_some() {
                    pending.account = *account;
                }
                if *state == CallState::Established && pending.answered_unix.is_none() {
                    pending.answered_unix = Some(now_unix);
                }
                pending.note_contact(contact);
                None
            }
            Event::CallEnded { call, reason } => {
                let pending = self.calls.remove(call)?;
                Some(finish(pending, reason, now_unix))
            }
            // No more events follow: calls still open will never end.
            Event::Stopped => {
                self.calls.clear();
                None
            }
            _ => None,
        }
    }

    /// How many calls are being followed (a call whose end never came would stay here).
    pub fn in_progress(&self) -> usize {
        self.calls.len()
    }

    fn pending(
        &mut self,
        call: CallId,
        direction: Direction,
        remote: &str,
        now_unix: i64,
    ) -> &mut Pending {
        self.calls.entry(call).or_insert_with(|| Pending {
            direction,
            remote: remote.to_owned(),
            contact: None,
            account: None,
            started_unix: now_unix,
            answered_unix: None,
        })
    }
}

impl Pending {
    fn note_contact(&mut self, contact: &Option<String>) {
        if contact.is_some() {
            self.contact.clone_from(contact);
        }
    }
}

fn finish(pending: Pending, reason: &EndReason, now_unix: i64) -> NewEntry {
    let established = pending.answered_unix.is_some();
    let duration = pending
        .answered_unix
        .map_or(0, |answered| now_unix.saturating_sub(answered).max(0));
    let missed =
        pending.direction == Direction::Incoming && !established && *reason != EndReason::Declined;
    NewEntry {
        direction: pending.direction,
        remote: pending.remote,
        contact: pending.contact,
        contact_uid: None,
        account: pending.account,
        started_unix: pending.started_unix,
        answered_unix: pending.answered_unix,
        duration_secs: u32::try_from(duration).unwrap_or(u32::MAX),
        end_reason: reason.i18n_key().to_owned(),
        missed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALICE: &str = "sip:alice@192.0.2.7";

    fn incoming(call: u64) -> Event {
        Event::IncomingCall {
            call: CallId(call),
            from: ALICE.into(),
            to: "sip:me@192.0.2.1".into(),
            account: Some(AccountId(3)),
            contact: None,
        }
    }

    fn state(call: u64, state: CallState, direction: Direction, remote: &str) -> Event {
        Event::CallState {
            call: CallId(call),
            state,
            direction,
            remote: remote.into(),
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

    /// Feeds (time, event) pairs; returns every entry handed back.
    fn run(events: &[(i64, Event)]) -> Vec<NewEntry> {
        let mut recorder = Recorder::new();
        let entries = events
            .iter()
            .filter_map(|(now, event)| recorder.observe(event, *now))
            .collect();
        assert_eq!(recorder.in_progress(), 0, "every call ended");
        entries
    }

    /// An incoming call as the engine reports it: `IncomingCall`, then `CallState` with the
    /// display name, then whatever follows.
    fn ringing_from_alice(call: u64, at: i64) -> Vec<(i64, Event)> {
        let shown = format!("Alice <{ALICE}>");
        vec![
            (at, incoming(call)),
            (
                at,
                state(call, CallState::Incoming, Direction::Incoming, &shown),
            ),
        ]
    }

    #[test]
    fn an_answered_incoming_call_has_its_duration_and_is_not_missed() {
        let mut events = ringing_from_alice(1, 100);
        events.push((
            104,
            state(1, CallState::Established, Direction::Incoming, "x"),
        ));
        events.push((164, state(1, CallState::Ended, Direction::Incoming, "x")));
        events.push((164, ended(1, EndReason::RemoteHangup)));
        let entries = run(&events);
        assert_eq!(
            entries,
            [NewEntry {
                direction: Direction::Incoming,
                remote: ALICE.into(),
                contact: None,
                contact_uid: None,
                account: Some(AccountId(3)),
                started_unix: 100,
                answered_unix: Some(104),
                duration_secs: 60,
                end_reason: "end-remote-hangup".into(),
                missed: false,
            }]
        );
    }

    #[test]
    fn an_incoming_call_the_caller_gave_up_on_is_missed() {
        let mut events = ringing_from_alice(1, 100);
        events.push((120, ended(1, EndReason::CallerCancelled)));
        let entry = &run(&events)[0];
        assert!(entry.missed);
        assert_eq!(entry.duration_secs, 0);
        assert_eq!(entry.answered_unix, None);
        assert_eq!(entry.end_reason, "end-caller-cancelled");
    }

    #[test]
    fn an_incoming_call_that_timed_out_unanswered_is_missed() {
        let mut events = ringing_from_alice(1, 100);
        events.push((132, ended(1, EndReason::NoResponse)));
        assert!(run(&events)[0].missed);
    }

    #[test]
    fn a_call_that_rang_until_the_ring_timeout_is_missed() {
        let mut events = ringing_from_alice(1, 100);
        events.push((160, ended(1, EndReason::Unanswered)));
        let entry = &run(&events)[0];
        assert!(entry.missed);
        assert_eq!(entry.end_reason, "end-unanswered");
    }

    #[test]
    fn a_declined_call_is_not_missed() {
        let mut events = ringing_from_alice(1, 100);
        events.push((103, ended(1, EndReason::Declined)));
        let entry = &run(&events)[0];
        assert!(!entry.missed);
        assert_eq!(entry.end_reason, "end-declined");
    }

    #[test]
    fn an_outgoing_call_to_a_busy_line_is_kept_and_not_missed() {
        let target = "sip:bob@192.0.2.9";
        let events = [
            (
                50,
                state(7, CallState::Calling, Direction::Outgoing, target),
            ),
            (
                51,
                state(7, CallState::Ringing, Direction::Outgoing, target),
            ),
            (52, state(7, CallState::Ended, Direction::Outgoing, target)),
            (52, ended(7, EndReason::Busy)),
        ];
        let entry = &run(&events)[0];
        assert_eq!(entry.direction, Direction::Outgoing);
        assert_eq!(entry.remote, target);
        assert_eq!(entry.started_unix, 50);
        assert_eq!(entry.end_reason, "end-busy");
        assert_eq!(entry.duration_secs, 0);
        assert_eq!(entry.account, None);
        assert!(!entry.missed);
    }

    #[test]
    fn an_outgoing_call_keeps_the_account_it_went_out_from() {
        let target = "sip:bob@pbx.example";
        let mut calling = state(8, CallState::Calling, Direction::Outgoing, target);
        if let Event::CallState { account, .. } = &mut calling {
            *account = Some(AccountId(2));
        }
        let events = [
            (60, calling),
            (61, state(8, CallState::Ended, Direction::Outgoing, target)),
            (61, ended(8, EndReason::NoResponse)),
        ];
        assert_eq!(run(&events)[0].account, Some(AccountId(2)));
    }

    #[test]
    fn an_unanswered_outgoing_call_is_not_missed() {
        let target = "sip:bob@192.0.2.9";
        let events = [
            (
                50,
                state(7, CallState::Calling, Direction::Outgoing, target),
            ),
            (80, ended(7, EndReason::NoResponse)),
        ];
        assert!(!run(&events)[0].missed);
    }

    #[test]
    fn a_dial_that_never_started_is_recorded_with_its_reason() {
        // `end_unstarted`: only `CallState::Ended`, then `CallEnded`.
        let events = [
            (
                9,
                state(
                    2,
                    CallState::Ended,
                    Direction::Outgoing,
                    "sip:nowhere.invalid",
                ),
            ),
            (
                9,
                ended(
                    2,
                    EndReason::BadTarget {
                        detail: "no such host".into(),
                    },
                ),
            ),
        ];
        let entry = &run(&events)[0];
        assert_eq!(entry.remote, "sip:nowhere.invalid");
        assert_eq!(entry.end_reason, "end-bad-target");
    }

    #[test]
    fn a_second_established_state_keeps_the_first_answer_time() {
        // A re-INVITE (hold, codec change) reports Established again.
        let target = "sip:bob@192.0.2.9";
        let events = [
            (
                10,
                state(4, CallState::Calling, Direction::Outgoing, target),
            ),
            (
                12,
                state(4, CallState::Established, Direction::Outgoing, target),
            ),
            (
                40,
                state(4, CallState::Established, Direction::Outgoing, target),
            ),
            (70, ended(4, EndReason::LocalHangup)),
        ];
        let entry = &run(&events)[0];
        assert_eq!(entry.answered_unix, Some(12));
        assert_eq!(entry.duration_secs, 58);
    }

    #[test]
    fn interleaved_calls_are_kept_apart() {
        let mut events = ringing_from_alice(1, 100);
        events.push((
            101,
            state(2, CallState::Calling, Direction::Outgoing, "sip:b@h"),
        ));
        events.push((
            102,
            state(2, CallState::Established, Direction::Outgoing, "sip:b@h"),
        ));
        events.push((110, ended(1, EndReason::CallerCancelled)));
        events.push((130, ended(2, EndReason::RemoteHangup)));
        let entries = run(&events);
        assert_eq!(entries.len(), 2);
        assert!(entries[0].missed && entries[0].remote == ALICE);
        assert!(!entries[1].missed && entries[1].duration_secs == 28);
    }

    #[test]
    fn an_end_for_an_unknown_call_records_nothing() {
        let mut recorder = Recorder::new();
        assert_eq!(
            recorder.observe(&ended(99, EndReason::LocalHangup), 5),
            None
        );
    }

    #[test]
    fn the_engine_stopping_forgets_calls_that_never_ended() {
        let mut recorder = Recorder::new();
        recorder.observe(&incoming(1), 1);
        recorder.observe(&Event::Stopped, 2);
        assert_eq!(recorder.in_progress(), 0);
        assert_eq!(recorder.observe(&ended(1, EndReason::LocalHangup), 3), None);
    }

    #[test]
    fn a_contact_name_a_face_put_into_the_events_is_kept() {
        let mut events = ringing_from_alice(1, 100);
        if let (_, Event::CallState { contact, .. }) = &mut events[1] {
            *contact = Some("Alice Liddell".into());
        }
        events.push((
            110,
            state(1, CallState::Established, Direction::Incoming, "x"),
        ));
        events.push((120, ended(1, EndReason::RemoteHangup)));
        let entry = &run(&events)[0];
        assert_eq!(entry.contact.as_deref(), Some("Alice Liddell"));
        assert_eq!(entry.contact_uid, None);
    }

    #[test]
    fn a_clock_stepping_back_gives_no_negative_duration() {
        let events = [
            (
                100,
                state(3, CallState::Established, Direction::Outgoing, "sip:b@h"),
            ),
            (90, ended(3, EndReason::LocalHangup)),
        ];
        assert_eq!(run(&events)[0].duration_secs, 0);
    }
}
