//! The notification rules (`notifications.rs`) run against the session bus's notification
//! server through notify-rust, in tokio tasks, so the window never waits for D-Bus.
//!
//! Each notification is a small task of its own: it shows the notification, waits for the
//! user's action or for the rules to withdraw or replace it, and reports back. A server that
//! is missing or fails only loses the notification; the window still rings.

use super::notifications::{CallNotices, Caller, Request, Slot};
use super::notifications_text;
use crate::engine::api::{Command, Event};
use notify_rust::{ActionResponse, Notification};
use std::collections::HashMap;
use std::time::Instant;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::sync::oneshot;

/// The notifications of one face. Dropping it withdraws those of ringing calls; missed-call
/// ones stay for the user to see.
#[derive(Debug, Clone)]
pub struct Notifications {
    inputs: UnboundedSender<Input>,
}

#[derive(Debug)]
enum Input {
    Event(Event),
    DoNotDisturb(bool),
}

/// What a notification's task tells the rules.
#[derive(Debug)]
enum Report {
    Action(Slot, String),
    /// The task is over (closed, answered, withdrawn, or the server failed).
    Over(Slot, u64),
}

/// What the rules tell a notification's task.
#[derive(Debug)]
enum Control {
    Replace(Notice),
    Withdraw,
}

/// The contents of one notification.
#[derive(Debug, Clone)]
enum Notice {
    Incoming(Caller),
    Missed(Caller, u32),
}

impl Notice {
    fn build(&self, with_actions: bool) -> Notification {
        match self {
            Notice::Incoming(caller) => notifications_text::incoming(caller, with_actions),
            Notice::Missed(caller, count) => {
                notifications_text::missed(caller, *count, with_actions)
            }
        }
    }
}

impl Notifications {
    /// Start the notifications in the current tokio runtime. What the user picks on them
    /// (Answer, Decline, Call back) is sent to `commands`.
    pub fn start(commands: UnboundedSender<Command>, do_not_disturb: bool) -> Notifications {
        let (inputs, received) = mpsc::unbounded_channel();
        tokio::spawn(run(received, commands, do_not_disturb));
        Notifications { inputs }
    }

    /// Hand over an event from the engine (with the caller's contact name filled in).
    pub fn observe(&self, event: &Event) {
        // Figures arrive every second and never change a notification.
        if matches!(
            event,
            Event::IncomingCall { .. }
                | Event::CallState { .. }
                | Event::CallEnded { .. }
                | Event::Stopped
        ) {
            let _ = self.inputs.send(Input::Event(event.clone()));
        }
    }

    pub fn set_do_not_disturb(&self, on: bool) {
        let _ = self.inputs.send(Input::DoNotDisturb(on));
    }
}

/// A running notification's task: how to reach it, and which one it is (a slot is reused
/// for the next missed call from the same caller).
struct Running {
    control: UnboundedSender<Control>,
    generation: u64,
}

async fn run(
    mut inputs: UnboundedReceiver<Input>,
    commands: UnboundedSender<Command>,
    do_not_disturb: bool,
) {
    let mut rules = CallNotices::new();
    rules.set_do_not_disturb(do_not_disturb);
    let (reports_tx, mut reports) = mpsc::unbounded_channel();
    let mut running: HashMap<Slot, Running> = HashMap::new();
    let mut generation = 0_u64;
    loop {
        let requests = tokio::select! {
            input = inputs.recv() => match input {
                Some(Input::Event(event)) => rules.observe(&event),
                Some(Input::DoNotDisturb(on)) => rules.set_do_not_disturb(on),
                None => return,
            },
            Some(report) = reports.recv() => {
                match report {
                    Report::Action(slot, action) => {
                        if let Some(command) = rules.on_action(&slot, &action) {
                            let _ = commands.send(command);
                        }
                    }
                    Report::Over(slot, ended) => {
                        if running.get(&slot).is_some_and(|r| r.generation == ended) {
                            running.remove(&slot);
                            rules.on_closed(&slot);
                        }
                    }
                }
                continue;
            }
        };
        for request in requests {
            let (slot, notice) = match request {
                Request::Withdraw(slot) => {
                    if let Some(task) = running.remove(&slot) {
                        let _ = task.control.send(Control::Withdraw);
                    }
                    continue;
                }
                Request::ShowIncoming { call, caller } => {
                    (Slot::Incoming(call), Notice::Incoming(caller))
                }
                Request::ShowMissed { caller, count } => (
                    Slot::Missed(caller.address.clone()),
                    Notice::Missed(caller, count),
                ),
            };
            let notice = match running.get(&slot) {
                Some(task) => match task.control.send(Control::Replace(notice)) {
                    Ok(()) => continue,
                    Err(mpsc::error::SendError(Control::Replace(notice))) => notice,
                    Err(_) => continue,
                },
                None => notice,
            };
            generation += 1;
            let (control, controlled) = mpsc::unbounded_channel();
            running.insert(
                slot.clone(),
                Running {
                    control,
                    generation,
                },
            );
            tokio::spawn(show(
                slot,
                notice,
                controlled,
                reports_tx.clone(),
                generation,
            ));
        }
    }
}

/// What ended a wait on a notification.
enum Outcome {
    /// The user picked an action (`Some`) or closed it (`None`).
    Responded(Option<String>),
    Control(Option<Control>),
}

async fn show(
    slot: Slot,
    mut notice: Notice,
    mut control: UnboundedReceiver<Control>,
    reports: UnboundedSender<Report>,
    generation: u64,
) {
    let mut shown_as = 0_u32;
    loop {
        let asked = Instant::now();
        let with_actions = server_has_actions().await;
        let mut notification = notice.build(with_actions);
        if shown_as != 0 {
            // Replace it in place rather than stack a second one.
            notification.id(shown_as);
        }
        let handle = match notification.show_async().await {
            Ok(handle) => handle,
            Err(e) => {
                tracing::warn!("no desktop notification: {e}");
                break;
            }
        };
        shown_as = handle.id();
        tracing::info!(
            "notification {shown_as} up for {slot:?} after {} ms",
            asked.elapsed().as_millis()
        );
        let (picked, response) = oneshot::channel();
        let outcome = tokio::select! {
            () = handle.wait_for_action_async(move |response: &ActionResponse| {
                let action = match response {
                    ActionResponse::Custom(action) => Some((*action).to_owned()),
                    ActionResponse::Closed(_) => None,
                };
                let _ = picked.send(action);
            }) => Outcome::Responded(response.await.ok().flatten()),
            message = control.recv() => Outcome::Control(message),
        };
        match outcome {
            Outcome::Responded(Some(action)) => {
                let _ = reports.send(Report::Action(slot.clone(), action));
                // Acted on, it has done its work; not every server closes it by itself
                // (dunst keeps it after an action picked from its context menu).
                handle.close_async().await;
                break;
            }
            Outcome::Responded(None) => break,
            Outcome::Control(Some(Control::Replace(next))) => notice = next,
            // The face is gone: what was missed stays for the user to see.
            Outcome::Control(None) if matches!(slot, Slot::Missed(_)) => break,
            Outcome::Control(Some(Control::Withdraw) | None) => {
                handle.close_async().await;
                break;
            }
        }
    }
    let _ = reports.send(Report::Over(slot, generation));
}

/// Whether the server shows action buttons; without them the window is the way to answer.
async fn server_has_actions() -> bool {
    let asked = tokio::task::spawn_blocking(notify_rust::get_capabilities).await;
    match asked {
        Ok(Ok(capabilities)) => capabilities.iter().any(|c| c == "actions"),
        Ok(Err(e)) => {
            tracing::debug!("notification server capabilities unknown: {e}");
            false
        }
        Err(_) => false,
    }
}
