//! RFC 3263 section 4.3: the ordered targets one lookup found, which of them is in use, and
//! which comes next when it stops answering. When every target of a list has failed, the
//! client waits a back-off (growing like the registration's own, so a dead domain gets no
//! storm) and looks the name up again.

use super::Target;
use crate::sip::registration::{FIRST_RETRY, MAX_RETRY};
use rand::Rng;
use std::time::Duration;

/// The targets of one next hop, best first, and the one in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetList {
    targets: Vec<Target>,
    /// Where `current` is in `targets`.
    index: usize,
    current: Target,
}

impl TargetList {
    /// A list starting at its best target; `None` when the lookup found nothing.
    pub fn new(targets: Vec<Target>) -> Option<TargetList> {
        let current = targets.first().copied()?;
        Some(TargetList {
            targets,
            index: 0,
            current,
        })
    }

    /// The target requests go to now.
    pub fn current(&self) -> Target {
        self.current
    }

    /// Whether there is nothing to fail over to at all (a single target).
    pub fn is_single(&self) -> bool {
        self.targets.len() < 2
    }

    /// The current target failed for want of an answer (a timeout or a transport error):
    /// move to the next one and return it, or `None` when every target has been tried (the
    /// list then stays on its last target; the caller backs off and looks the name up again).
    pub fn advance(&mut self) -> Option<Target> {
        let next = self.index + 1;
        let target = self.targets.get(next).copied()?;
        self.index = next;
        self.current = target;
        Some(target)
    }

    /// Every target of the list, tried or not.
    pub fn all(&self) -> &[Target] {
        &self.targets
    }

    /// The current target and those after it, in order: what one request may still try.
    pub fn remaining(&self) -> &[Target] {
        self.targets.get(self.index..).unwrap_or_default()
    }
}

/// How long to wait before looking the name up again after `rounds` (1 or more) whole
/// lists failed in a row: 30 s, doubling to 15 minutes, each shortened by up to 20 % at
/// random so that clients cut off by one outage come back spread out.
pub fn round_retry_delay(rounds: u32, rng: &mut impl Rng) -> Duration {
    let doublings = rounds.saturating_sub(1).min(16);
    let nominal = FIRST_RETRY.saturating_mul(1 << doublings).min(MAX_RETRY);
    nominal.mul_f64(rng.random_range(0.8..=1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Transport;
    use rand::rngs::StdRng;
    use rand::SeedableRng;
    use std::net::SocketAddr;

    fn target(port: u16, transport: Transport) -> Target {
        Target::new(SocketAddr::from(([127, 0, 0, 1], port)), transport)
    }

    #[test]
    fn an_empty_lookup_gives_no_list() {
        assert_eq!(TargetList::new(Vec::new()), None);
    }

    #[test]
    fn failing_targets_are_left_in_order_until_none_is_left() {
        let first = target(5060, Transport::Tcp);
        let second = target(5070, Transport::Tcp);
        let third = target(5080, Transport::Udp);
        let mut list = TargetList::new(vec![first, second, third]).unwrap();
        assert_eq!(list.current(), first);
        assert_eq!(list.remaining(), [first, second, third]);
        assert_eq!(list.advance(), Some(second));
        assert_eq!(list.current(), second);
        assert_eq!(list.remaining(), [second, third]);
        assert_eq!(list.advance(), Some(third));
        assert_eq!(list.advance(), None);
        // Exhausted: it stays on the last target rather than wrapping by itself.
        assert_eq!(list.current(), third);
        assert_eq!(list.remaining(), [third]);
    }

    #[test]
    fn a_single_target_has_nothing_to_fail_over_to() {
        let only = target(5060, Transport::Udp);
        let mut list = TargetList::new(vec![only]).unwrap();
        assert!(list.is_single());
        assert_eq!(list.advance(), None);
        assert_eq!(list.current(), only);
    }

    #[test]
    fn round_back_off_grows_to_a_cap_and_jitter_only_shortens() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut previous = Duration::ZERO;
        for rounds in 1..=5 {
            let delay = round_retry_delay(rounds, &mut rng);
            let nominal = FIRST_RETRY * (1 << (rounds - 1));
            assert!(
                delay <= nominal && delay >= nominal.mul_f64(0.8),
                "{delay:?}"
            );
            assert!(delay > previous, "{rounds}: {delay:?} after {previous:?}");
            previous = delay;
        }
        for rounds in [0, 6, 40, u32::MAX] {
            let delay = round_retry_delay(rounds, &mut rng);
            assert!(delay <= MAX_RETRY && delay >= FIRST_RETRY.mul_f64(0.8));
        }
    }
}
