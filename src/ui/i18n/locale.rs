//! Which shipped language to use: the desktop's (from the POSIX locale variables) or the one
//! chosen in Settings, negotiated against what Handset ships, English when nothing fits.

use super::catalog::{FALLBACK, LANGUAGES};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use unic_langid::LanguageIdentifier;

/// The language the desktop asks for, from the values of `LC_ALL`, `LC_MESSAGES` and `LANG`
/// (pass `None` for an unset variable). As in POSIX, the first one set to a non-empty value
/// decides, so `LC_ALL=C` means English even when `LANG` says otherwise. `None`: no
/// language in particular (unset, `C`, `POSIX`, or not a locale name).
pub fn desktop_request(
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lang: Option<&str>,
) -> Option<LanguageIdentifier> {
    let value = [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|value| !value.is_empty())?;
    language_of(value)
}

/// A locale name as the environment or the settings file write it, as a language
/// identifier: `de_DE.UTF-8` → `de-DE`, `sr_RS@latin` → `sr-RS`, `pt-BR` → `pt-BR`.
pub fn language_of(locale: &str) -> Option<LanguageIdentifier> {
    // The codeset (.UTF-8) and modifier (@euro) say nothing about the language.
    let name = locale.split(['.', '@']).next().unwrap_or_default().trim();
    if name.is_empty() || name == "C" || name == "POSIX" {
        return None;
    }
    name.replace('_', "-").parse().ok()
}

/// The index in `LANGUAGES` of the shipped language that best fits `requested`: the same
/// language, else the same language in another region (`de-AT` → `de`, `pt-PT` → `pt-BR`),
/// else English.
pub fn negotiate(requested: Option<&LanguageIdentifier>) -> usize {
    let Some(requested) = requested else {
        return FALLBACK;
    };
    let available: Vec<LanguageIdentifier> = LANGUAGES
        .iter()
        .filter_map(|(code, _)| code.parse().ok())
        .collect();
    let chosen = negotiate_languages(
        std::slice::from_ref(requested),
        &available,
        None,
        NegotiationStrategy::Lookup,
    );
    chosen
        .first()
        .and_then(|chosen| {
            let chosen = chosen.to_string();
            LANGUAGES.iter().position(|(code, _)| *code == chosen)
        })
        .unwrap_or(FALLBACK)
}

/// The shipped language for a value such as the settings file's `general.language`.
pub fn negotiate_name(locale: &str) -> usize {
    negotiate(language_of(locale).as_ref())
}
