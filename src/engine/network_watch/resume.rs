//! Hearing of a resume from suspend without polling for one. Two sources, each sufficient:
//! - logind's `PrepareForSleep(false)` signal on the system bus, where there is one;
//! - a CLOCK_REALTIME timerfd armed with TFD_TIMER_CANCEL_ON_SET: the kernel cancels it when
//!   the wall clock is set, and resuming sets the wall clock (from the RTC, with the time
//!   slept), so it needs no bus at all. A clock set by hand or NTP cancels it too; the read
//!   that follows then shows no sleep and changes nothing.
//!
//! Either only says "look again": the detector's clocks tell whether, and how long, we slept.

use super::Notice;
use futures_util::StreamExt;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::Duration;
use tokio::io::unix::AsyncFd;
use tokio::sync::mpsc::UnboundedSender;

const LOGIN1: &str = "org.freedesktop.login1";
const MANAGER: &str = "org.freedesktop.login1.Manager";

/// Subscribe to logind's sleep signal; fails without a system bus.
pub async fn logind() -> zbus::Result<zbus::MessageStream> {
    let bus = zbus::Connection::system().await?;
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .sender(LOGIN1)?
        .interface(MANAGER)?
        .member("PrepareForSleep")?
        .build();
    zbus::MessageStream::for_match_rule(rule, &bus, None).await
}

/// A notice after each resume logind announces, until the watch goes away.
pub async fn watch_logind(mut signals: zbus::MessageStream, notices: UnboundedSender<Notice>) {
    while let Some(message) = signals.next().await {
        let Ok(message) = message else { continue };
        // true: about to sleep; false: just woke up.
        if message.body().deserialize::<bool>() == Ok(false)
            && notices.send(Notice::Resume).is_err()
        {
            return;
        }
    }
}

/// A timerfd the kernel cancels when the wall clock is set (a resume does).
pub fn clock_set_timer() -> io::Result<AsyncFd<OwnedFd>> {
    // SAFETY: plain timerfd_create(2) call with constant arguments; the result is checked.
    let raw = unsafe {
        libc::timerfd_create(libc::CLOCK_REALTIME, libc::TFD_NONBLOCK | libc::TFD_CLOEXEC)
    };
    if raw < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `raw` is a descriptor timerfd_create just returned to us and nobody else owns it.
    let timer = unsafe { OwnedFd::from_raw_fd(raw) };
    arm(&timer)?;
    // SAFETY: the OwnedFd is open and is moved into the AsyncFd, which owns it (and so keeps
    // it open, as the same descriptor) until the AsyncFd is dropped.
    Ok(unsafe { AsyncFd::register(timer) }?)
}

/// Arm far in the future: the timer is there to be cancelled, not to expire (if it ever does,
/// it is re-armed, at the cost of one needless look).
fn arm(timer: &OwnedFd) -> io::Result<()> {
    const FAR: Duration = Duration::from_secs(365 * 24 * 3600);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let at = libc::itimerspec {
        it_interval: libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        },
        it_value: libc::timespec {
            tv_sec: libc::time_t::try_from((now + FAR).as_secs()).unwrap_or(libc::time_t::MAX),
            tv_nsec: 0,
        },
    };
    // SAFETY: `at` is a valid itimerspec that outlives the call, the old value is not asked
    // for (null), and the descriptor is an open timerfd.
    let result = unsafe {
        libc::timerfd_settime(
            timer.as_raw_fd(),
            libc::TFD_TIMER_ABSTIME | libc::TFD_TIMER_CANCEL_ON_SET,
            &at,
            std::ptr::null_mut(),
        )
    };
    if result != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A notice each time the wall clock is set, until the watch goes away.
pub async fn watch_clock(timer: AsyncFd<OwnedFd>, notices: UnboundedSender<Notice>) {
    loop {
        let mut ready = match timer.readable().await {
            Ok(ready) => ready,
            Err(e) => {
                tracing::warn!("resume notifications (clock) stopped: {e}");
                return;
            }
        };
        let read = ready.try_io(|fd| expirations(fd.get_ref()));
        let fired = match read {
            Err(_would_block) => continue,
            Ok(Ok(_)) => true,
            Ok(Err(e)) if e.raw_os_error() == Some(libc::ECANCELED) => true,
            Ok(Err(e)) if e.kind() == io::ErrorKind::Interrupted => false,
            Ok(Err(e)) => {
                tracing::warn!("resume notifications (clock) stopped: {e}");
                return;
            }
        };
        if !fired {
            continue;
        }
        if let Err(e) = arm(timer.get_ref()) {
            tracing::warn!("resume notifications (clock) stopped: {e}");
            return;
        }
        if notices.send(Notice::Resume).is_err() {
            return;
        }
    }
}

fn expirations(timer: &OwnedFd) -> io::Result<u64> {
    let mut count = 0u64;
    // SAFETY: `count` is valid for writes of 8 bytes, the size a timerfd read needs, for the
    // duration of the call, and the descriptor is open.
    let read = unsafe {
        libc::read(
            timer.as_raw_fd(),
            (&mut count as *mut u64).cast(),
            std::mem::size_of::<u64>(),
        )
    };
    if read < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_clock_set_timer_arms_here_and_stays_quiet() {
        let timer = clock_set_timer().expect("a CANCEL_ON_SET timerfd");
        // Armed a year ahead: nothing to read now.
        let read = expirations(timer.get_ref());
        assert_eq!(
            read.map_err(|e| e.kind()),
            Err(io::ErrorKind::WouldBlock),
            "a fresh timer has neither expired nor been cancelled"
        );
    }
}
