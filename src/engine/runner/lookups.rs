//! RFC 3263 lookups off the loop: a host name is resolved in a task of its own and its
//! answer comes back through a channel the loop selects on, so a slow or dead name server
//! holds up only what waits for that answer (one account's registration, one dial), never
//! other calls, incoming requests or registrations. IP literals need no DNS and answer at once.

use super::Runner;
use crate::config::AccountId;
use crate::engine::api::CallId;
use crate::engine::resolve::{resolve, Request, Target};
use std::collections::BTreeMap;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

/// What a lookup is for, and so where its answer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Purpose {
    /// An account's next hop. `generation` tells this activation (or this re-resolution) of
    /// the account from earlier ones, whose answers are stale.
    Account { id: AccountId, generation: u64 },
    /// The next hop of a dial waiting to send its INVITE.
    Dial(CallId),
}

/// A lookup's answer: the targets best first, or why there are none (shown to the user).
pub(super) type Answer = Result<Vec<Target>, String>;

/// The lookups running in the background.
pub(super) struct Lookups {
    done_tx: mpsc::UnboundedSender<(Purpose, Answer)>,
    /// Answers, for the loop to select on.
    pub(super) done: mpsc::UnboundedReceiver<(Purpose, Answer)>,
    running: BTreeMap<Purpose, AbortHandle>,
    next_generation: u64,
}

impl Lookups {
    pub(super) fn new() -> Lookups {
        let (done_tx, done) = mpsc::unbounded_channel();
        Lookups {
            done_tx,
            done,
            running: BTreeMap::new(),
            next_generation: 1,
        }
    }

    /// A generation no earlier lookup of any account carries.
    pub(super) fn new_generation(&mut self) -> u64 {
        let generation = self.next_generation;
        self.next_generation += 1;
        generation
    }

    /// Stop the lookup for `purpose`, if one runs: its answer is no longer wanted.
    pub(super) fn cancel(&mut self, purpose: Purpose) {
        if let Some(task) = self.running.remove(&purpose) {
            task.abort();
        }
    }

    /// Stop every lookup (the engine stops).
    pub(super) fn cancel_all(&mut self) {
        for (_, task) in std::mem::take(&mut self.running) {
            task.abort();
        }
    }

    /// Whether the lookup for `purpose` still runs.
    pub(super) fn is_running(&self, purpose: Purpose) -> bool {
        self.running.contains_key(&purpose)
    }

    /// `purpose`'s answer arrived.
    fn finished(&mut self, purpose: Purpose) {
        self.running.remove(&purpose);
    }
}

impl Runner {
    /// Find the targets for `request` with the current network settings. An IP literal
    /// answers at once (`Some`); a host name is looked up in the background (`None`) and
    /// its answer comes to [`Self::on_lookup`] later.
    pub(super) async fn look_up(&mut self, request: Request, purpose: Purpose) -> Option<Answer> {
        let network = self.settings.network;
        let local_addr = self.local_addr;
        if request.ip_literal().is_some() {
            let found = resolve(&request, &network, local_addr).await;
            return Some(found.map_err(|e| e.to_string()));
        }
        let done = self.lookups.done_tx.clone();
        let task = tokio::spawn(async move {
            let found = resolve(&request, &network, local_addr).await;
            // The loop may have stopped meanwhile: then nobody needs the answer.
            let _ = done.send((purpose, found.map_err(|e| e.to_string())));
        });
        self.lookups.cancel(purpose);
        self.lookups.running.insert(purpose, task.abort_handle());
        None
    }

    /// A background lookup answered: carry on with what waited for it.
    pub(super) async fn on_lookup(&mut self, purpose: Purpose, answer: Answer) {
        self.lookups.finished(purpose);
        match purpose {
            Purpose::Account { id, generation } => self.on_account_hop(id, generation, answer),
            Purpose::Dial(call) => self.on_dial_hop(call, answer).await,
        }
    }
}
