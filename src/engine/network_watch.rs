//! Noticing that the machine slept or that the network under us changed, so every registration
//! can be renewed at once instead of when its refresh timer (which stood still during a
//! suspend) comes round, with a binding the registrar or a NAT may have dropped meanwhile.
//!
//! Two signs, read whenever something says "look again" (a [`Notice`]):
//! - a resume from suspend: CLOCK_MONOTONIC stops while Linux is suspended, CLOCK_BOOTTIME
//!   keeps counting, so the gap between them grows by the time slept. Both are slewed alike by
//!   NTP, so the gap does not drift otherwise;
//! - a network change: the address we would advertise (the routing table's source address
//!   for a wildcard bind, or whether a bound address is still on an interface) is not the one
//!   of the last reading.
//!
//! Nothing is polled while nothing happens, so an idle phone never wakes: the kernel reports
//! address and route changes (`netlink`), and logind or a cancelled wall-clock timer reports a
//! resume (`resume`). Only where those cannot be had does a timer stand in for them.
//!
//! [`Detector`] is the pure part: it compares [`Reading`]s given as plain values, so tests can
//! feed it a suspend or a new address. `probe` takes the readings from the system.

mod netlink;
mod probe;
mod resume;

use std::net::{IpAddr, SocketAddr};
use std::os::fd::OwnedFd;
use std::time::Duration;
use tokio::io::unix::AsyncFd;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

/// How often the local address is read where the kernel cannot tell us of changes.
pub const CHECK_EVERY: Duration = Duration::from_secs(2);

/// How often the clocks are read where nothing tells us of a resume (no logind, no timerfd):
/// a registration renewed a minute late after a resume is still far sooner than its refresh,
/// and one wake-up a minute costs little.
pub const RESUME_CHECK_EVERY: Duration = Duration::from_secs(60);

/// A growth of the BOOTTIME−MONOTONIC gap above this is a suspend. Far above any scheduling
/// jitter (the gap does not move at all while the machine is awake), and far below a suspend
/// worth a new registration.
pub const SLEEP_THRESHOLD: Duration = Duration::from_secs(5);

/// The two clocks, read together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clocks {
    /// CLOCK_MONOTONIC: stands still while the machine is suspended.
    pub monotonic: Duration,
    /// CLOCK_BOOTTIME: counts suspended time too.
    pub boottime: Duration,
}

impl Clocks {
    /// The time spent suspended since boot, as far as these readings tell.
    fn suspended(&self) -> Duration {
        self.boottime.saturating_sub(self.monotonic)
    }
}

/// One look at the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// `None` if the clocks could not be read (then no suspend is detected).
    pub clocks: Option<Clocks>,
    /// The address we would advertise now; `None` when there is none (no route out, or the
    /// address our socket is bound to is on no interface any more).
    pub address: Option<IpAddr>,
}

/// What changed between two readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The machine slept about this long.
    pub slept: Option<Duration>,
    /// The advertised address went from the first to the second.
    pub address: Option<(Option<IpAddr>, Option<IpAddr>)>,
}

impl Change {
    /// The address to advertise from now on, when it changed to a usable one.
    pub fn new_address(&self) -> Option<IpAddr> {
        self.address.and_then(|(_, new)| new)
    }

    /// Whether registering again can do any good: not while we have no address at all (the
    /// REGISTERs could not leave; the change that brings an address back will register).
    pub fn wants_reregistration(&self) -> bool {
        match self.address {
            Some((_, new)) => new.is_some(),
            None => self.slept.is_some(),
        }
    }
}

/// Compares each reading with the one before.
#[derive(Debug, Default)]
pub struct Detector {
    last: Option<Reading>,
}

impl Detector {
    /// Take a new reading; what changed since the last one, if anything. The first reading
    /// only sets the baseline.
    pub fn observe(&mut self, reading: Reading) -> Option<Change> {
        let last = self.last.replace(reading)?;
        let slept = match (last.clocks, reading.clocks) {
            (Some(before), Some(now)) => {
                let grown = now.suspended().saturating_sub(before.suspended());
                (grown > SLEEP_THRESHOLD).then_some(grown)
            }
            _ => None,
        };
        let address = (last.address != reading.address).then_some((last.address, reading.address));
        (slept.is_some() || address.is_some()).then_some(Change { slept, address })
    }
}

/// Why the system is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The kernel reported address or route changes (a burst of them has ended).
    Network,
    /// logind, or the wall clock being set, says we may have slept.
    Resume,
    /// A fallback timer came round.
    Poll,
}

/// The detector fed by the system's notices, for the engine loop. Its background tasks end
/// when it is dropped.
#[derive(Debug)]
pub struct NetworkWatch {
    bound: SocketAddr,
    detector: Detector,
    notices: UnboundedReceiver<Notice>,
    tasks: Vec<JoinHandle<()>>,
}

impl NetworkWatch {
    /// Watch for a SIP socket bound to `bound`; the baseline is read now. Must run inside a
    /// tokio runtime, in the network namespace of that socket.
    pub fn new(bound: SocketAddr) -> Self {
        let mut detector = Detector::default();
        detector.observe(probe::read(bound));
        let (sender, notices) = mpsc::unbounded_channel();
        let mut tasks = Vec::new();
        match netlink::subscribe() {
            Ok(socket) => tasks.push(tokio::spawn(netlink::watch(socket, sender.clone()))),
            Err(e) => {
                tracing::info!(
                    "no network change notifications ({e}): reading the address every {CHECK_EVERY:?}"
                );
                tasks.push(tokio::spawn(every(CHECK_EVERY, sender.clone())));
            }
        }
        let clock = resume::clock_set_timer();
        if let Err(e) = &clock {
            tracing::info!("no wall-clock timer to notice a resume: {e}");
        }
        let clock = clock.ok();
        tasks.push(tokio::spawn(watch_resume(clock, sender)));
        NetworkWatch {
            bound,
            detector,
            notices,
            tasks,
        }
    }

    /// The next reason to look again; `None` once every source has given up.
    pub async fn notice(&mut self) -> Option<Notice> {
        self.notices.recv().await
    }

    /// Read the system, and say what changed since the last reading.
    pub fn check(&mut self) -> Option<Change> {
        self.detector.observe(probe::read(self.bound))
    }
}

impl Drop for NetworkWatch {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Resume notices from logind (if there is a system bus) and from the wall-clock timer (if it
/// could be armed); from a slow timer when neither is there.
async fn watch_resume(clock: Option<AsyncFd<OwnedFd>>, notices: UnboundedSender<Notice>) {
    let logind = match resume::logind().await {
        Ok(signals) => Some(signals),
        Err(e) => {
            tracing::debug!("no logind sleep signal: {e}");
            None
        }
    };
    match (logind, clock) {
        (Some(signals), Some(clock)) => {
            tokio::join!(
                resume::watch_logind(signals, notices.clone()),
                resume::watch_clock(clock, notices)
            );
        }
        (Some(signals), None) => resume::watch_logind(signals, notices).await,
        (None, Some(clock)) => resume::watch_clock(clock, notices).await,
        (None, None) => {
            tracing::info!(
                "nothing reports a resume here: reading the clocks every {RESUME_CHECK_EVERY:?}"
            );
            every(RESUME_CHECK_EVERY, notices).await;
        }
    }
}

/// The fallback: a notice every `period`.
async fn every(period: Duration, notices: UnboundedSender<Notice>) {
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if notices.send(Notice::Poll).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);
    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 168, 1, 20));
    const CAFE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 4, 7, 33));

    /// A reading at `monotonic` seconds with `asleep` seconds of suspend so far.
    fn reading(monotonic: Duration, asleep: Duration, address: Option<IpAddr>) -> Reading {
        let boot_offset = Duration::from_millis(1234);
        Reading {
            clocks: Some(Clocks {
                monotonic,
                boottime: monotonic + boot_offset + asleep,
            }),
            address,
        }
    }

    #[test]
    fn the_first_reading_is_only_a_baseline() {
        let mut detector = Detector::default();
        assert_eq!(
            detector.observe(reading(100 * S, 3600 * S, Some(HOME))),
            None
        );
    }

    #[test]
    fn an_awake_machine_on_the_same_network_changes_nothing() {
        let mut detector = Detector::default();
        let mut t = 100 * S;
        detector.observe(reading(t, Duration::ZERO, Some(HOME)));
        // Readings late or early by a whole second, and nanoseconds of drift between clocks.
        for step in [2 * S, 3 * S, S, 2 * S, 2 * S + Duration::from_millis(900)] {
            t += step;
            let mut r = reading(t, Duration::from_nanos(250), Some(HOME));
            assert_eq!(detector.observe(r), None, "at {t:?}");
            r.clocks = None;
            assert_eq!(detector.observe(r), None, "unreadable clocks at {t:?}");
            detector.observe(reading(t, Duration::from_nanos(250), Some(HOME)));
        }
    }

    #[test]
    fn a_suspend_is_seen_as_the_gap_between_the_clocks_growing() {
        let mut detector = Detector::default();
        detector.observe(reading(100 * S, 10 * S, Some(HOME)));
        // Two seconds of monotonic time later, an hour more has passed on BOOTTIME.
        let change = detector.observe(reading(102 * S, 3610 * S, Some(HOME)));
        assert_eq!(
            change,
            Some(Change {
                slept: Some(3600 * S),
                address: None
            })
        );
        assert!(change.unwrap().wants_reregistration());
        // The next reading compares with the new gap: no second report.
        assert_eq!(
            detector.observe(reading(104 * S, 3610 * S, Some(HOME))),
            None
        );
    }

    #[test]
    fn a_short_gap_below_the_threshold_is_no_suspend() {
        let mut detector = Detector::default();
        detector.observe(reading(100 * S, Duration::ZERO, Some(HOME)));
        assert_eq!(detector.observe(reading(102 * S, 4 * S, Some(HOME))), None);
    }

    #[test]
    fn a_new_address_is_a_network_change() {
        let mut detector = Detector::default();
        detector.observe(reading(100 * S, Duration::ZERO, Some(HOME)));
        let change = detector
            .observe(reading(102 * S, Duration::ZERO, Some(CAFE)))
            .unwrap();
        assert_eq!(change.address, Some((Some(HOME), Some(CAFE))));
        assert_eq!(change.new_address(), Some(CAFE));
        assert!(change.wants_reregistration());
    }

    #[test]
    fn losing_the_network_waits_for_it_to_come_back() {
        let mut detector = Detector::default();
        detector.observe(reading(100 * S, Duration::ZERO, Some(HOME)));
        let lost = detector
            .observe(reading(102 * S, Duration::ZERO, None))
            .unwrap();
        assert_eq!(lost.new_address(), None);
        assert!(!lost.wants_reregistration());
        // Back on the same network (the same lease): the NAT may have forgotten us; register.
        let back = detector
            .observe(reading(104 * S, Duration::ZERO, Some(HOME)))
            .unwrap();
        assert_eq!(back.new_address(), Some(HOME));
        assert!(back.wants_reregistration());
    }

    #[test]
    fn waking_up_on_another_network_reports_both() {
        let mut detector = Detector::default();
        detector.observe(reading(100 * S, Duration::ZERO, Some(HOME)));
        let change = detector
            .observe(reading(102 * S, 8 * 3600 * S, Some(CAFE)))
            .unwrap();
        assert_eq!(change.slept, Some(8 * 3600 * S));
        assert_eq!(change.new_address(), Some(CAFE));
    }

    #[tokio::test]
    async fn the_watch_starts_with_a_baseline() {
        let bound: SocketAddr = "127.0.0.1:5060".parse().unwrap();
        let mut watch = NetworkWatch::new(bound);
        // Loopback is always there and the test machine does not sleep in between.
        assert_eq!(watch.check(), None);
    }
}
