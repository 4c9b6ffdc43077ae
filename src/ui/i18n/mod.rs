//! User-visible strings in the user's language, looked up by stable key in the bundled
//! Fluent files (`i18n/<language>/*.ftl`), formatted by `fluent-bundle` so plurals follow the
//! language's rules; dates and times come from `jiff` in the system time zone.
//!
//! The language follows the desktop (`LC_ALL`, `LC_MESSAGES`, `LANG`) until Settings choose
//! one; [`set_language`] switches it at once for every later call. A key a translation lacks
//! falls back to English, and a key nobody has shows as itself, so a gap is visible instead of
//! fatal.

mod bundle;
mod catalog;
mod dates;
mod locale;

pub use catalog::LANGUAGES;
pub use dates::format_duration;

use bundle::Messages;
use catalog::{FALLBACK, SHIPPED};
use std::sync::OnceLock;
use unic_langid::LanguageIdentifier;

/// One shipped language's strings, with English behind it for keys it lacks. `tr` and friends
/// use the active one; tests and previews can hold any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localizer {
    index: usize,
}

impl Localizer {
    /// The shipped language that best fits `locale` (`de`, `de_AT.UTF-8`, `pt-BR`...),
    /// English when none does.
    pub fn for_language(locale: &str) -> Localizer {
        Localizer {
            index: locale::negotiate_name(locale),
        }
    }

    /// The language [`tr`] uses now.
    pub fn active() -> Localizer {
        Localizer {
            index: active::get().unwrap_or_else(|| {
                let index = locale::negotiate(desktop_request().as_ref());
                active::set(index);
                index
            }),
        }
    }

    /// Its code, as in [`LANGUAGES`].
    pub fn code(self) -> &'static str {
        LANGUAGES[self.index].0
    }

    pub fn tr(self, key: &str) -> String {
        self.tr_args(key, &[])
    }

    pub fn tr_args(self, key: &str, args: &[(&str, &str)]) -> String {
        messages(self.index)
            .format(key, args)
            .or_else(|| messages(FALLBACK).format(key, args))
            .unwrap_or_else(|| key.to_owned())
    }

    pub fn has_key(self, key: &str) -> bool {
        messages(self.index).contains(key) || messages(FALLBACK).contains(key)
    }
}

/// The user-visible text for `key` in the active language.
pub fn tr(key: &str) -> String {
    Localizer::active().tr(key)
}

/// The user-visible text for `key` with placeables filled from `args`. A value that is a
/// plain number ("3", "-1.5") is handed to Fluent as a number, for plural selectors.
pub fn tr_args(key: &str, args: &[(&str, &str)]) -> String {
    Localizer::active().tr_args(key, args)
}

/// Whether the bundled strings define `key` (in the active language or in English).
pub fn has_key(key: &str) -> bool {
    Localizer::active().has_key(key)
}

/// Switches the language for every later lookup: `Some` is a choice from Settings (a code
/// from [`LANGUAGES`], or any locale name, negotiated); `None` follows the desktop.
pub fn set_language(choice: Option<&str>) {
    let requested = match choice {
        Some(name) => locale::language_of(name),
        None => desktop_request(),
    };
    let index = locale::negotiate(requested.as_ref());
    tracing::debug!("language: {}", LANGUAGES[index].0);
    active::set(index);
}

/// The code of the language in use, such as `en-US` or `pt-BR`.
pub fn active_language() -> String {
    Localizer::active().code().to_owned()
}

/// A clock time in the active language and the system time zone ("14:05").
pub fn format_time(unix_secs: u64) -> String {
    Localizer::active().format_time_in(unix_secs, &dates::system_zone())
}

/// A date and a clock time in the active language and the system time zone.
pub fn format_date_time(unix_secs: u64) -> String {
    Localizer::active().format_date_time_in(unix_secs, &dates::system_zone())
}

/// When something happened, as short as is still clear from `now_unix_secs`: the time alone
/// today, "Yesterday" and the time, the weekday and the time within six days, else the date.
pub fn format_when(unix_secs: u64, now_unix_secs: u64) -> String {
    Localizer::active().format_when_in(unix_secs, now_unix_secs, &dates::system_zone())
}

/// The messages of the language at `index` in `SHIPPED`, parsed on first use.
fn messages(index: usize) -> &'static Messages {
    static LOADED: [OnceLock<Messages>; SHIPPED.len()] = [const { OnceLock::new() }; SHIPPED.len()];
    let (code, sources) = SHIPPED[index];
    LOADED[index].get_or_init(|| {
        let language = code.parse().unwrap_or_default();
        Messages::new(language, &sources)
    })
}

/// What the desktop's locale variables ask for.
#[cfg(not(test))]
fn desktop_request() -> Option<LanguageIdentifier> {
    let var = |name: &str| std::env::var(name).ok();
    locale::desktop_request(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
}

/// Unit tests read English whatever the developer's desktop speaks; the negotiation itself
/// is tested through `locale::desktop_request`.
#[cfg(test)]
fn desktop_request() -> Option<LanguageIdentifier> {
    None
}

/// The active language's index. The window has one language for all its threads; each unit
/// test (one thread each) has its own, so a test that switches languages cannot change what
/// another test running beside it reads.
mod active {
    #[cfg(not(test))]
    static ACTIVE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(UNSET);
    #[cfg(test)]
    thread_local! {
        static ACTIVE: std::cell::Cell<usize> = const { std::cell::Cell::new(UNSET) };
    }
    const UNSET: usize = usize::MAX;

    pub fn get() -> Option<usize> {
        #[cfg(not(test))]
        let index = ACTIVE.load(std::sync::atomic::Ordering::Relaxed);
        #[cfg(test)]
        let index = ACTIVE.get();
        (index != UNSET).then_some(index)
    }

    pub fn set(index: usize) {
        #[cfg(not(test))]
        ACTIVE.store(index, std::sync::atomic::Ordering::Relaxed);
        #[cfg(test)]
        ACTIVE.set(index);
    }
}

#[cfg(test)]
mod catalog_tests;
#[cfg(test)]
mod key_usage_tests;
#[cfg(test)]
mod tests;
