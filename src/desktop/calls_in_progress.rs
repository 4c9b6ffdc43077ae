//! Which calls ring, which are being placed and which are on the line, followed from the
//! engine's events alone: what a headset button or a global shortcut acts on.

use crate::engine::api::{CallId, CallState, Direction, Event};

#[derive(Debug, Default)]
pub struct CallsInProgress {
    /// Incoming calls not answered yet, oldest first.
    ringing: Vec<CallId>,
    /// Calls on the line, oldest first.
    talking: Vec<CallId>,
    /// Outgoing calls not answered yet.
    dialling: Vec<CallId>,
}

impl CallsInProgress {
    /// Follows one event from the engine.
    pub fn observe(&mut self, event: &Event) {
        match event {
            Event::IncomingCall { call, .. } => remember(&mut self.ringing, *call),
            Event::CallState {
                call,
                state,
                direction,
                ..
            } => {
                self.forget(*call);
                match (state, direction) {
                    (CallState::Incoming, _) => remember(&mut self.ringing, *call),
                    (CallState::Established, _) => remember(&mut self.talking, *call),
                    (CallState::Calling | CallState::Ringing, Direction::Outgoing) => {
                        remember(&mut self.dialling, *call)
                    }
                    _ => {}
                }
            }
            Event::CallEnded { call, .. } => self.forget(*call),
            Event::Stopped => *self = CallsInProgress::default(),
            _ => {}
        }
    }

    /// Whether any call rings, is being placed, or runs.
    pub fn any(&self) -> bool {
        !(self.ringing.is_empty() && self.talking.is_empty() && self.dialling.is_empty())
    }

    /// The call that rang first and is still ringing.
    pub fn first_ringing(&self) -> Option<CallId> {
        self.ringing.first().copied()
    }

    /// The latest call on the line.
    pub fn talking(&self) -> Option<CallId> {
        self.talking.last().copied()
    }

    /// The latest call on the line, else the latest being placed: what "hang up" ends.
    pub fn on_line(&self) -> Option<CallId> {
        self.talking.last().or(self.dialling.last()).copied()
    }

    fn forget(&mut self, call: CallId) {
        for calls in [&mut self.ringing, &mut self.talking, &mut self.dialling] {
            calls.retain(|&c| c != call);
        }
    }
}

fn remember(calls: &mut Vec<CallId>, call: CallId) {
    if !calls.contains(&call) {
        calls.push(call);
    }
}
