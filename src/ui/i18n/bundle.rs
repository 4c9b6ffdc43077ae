//! One language's messages: its Fluent files in a `fluent-bundle`, formatted on request.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The messages of one language, ready to format.
pub struct Messages {
    bundle: FluentBundle<FluentResource>,
}

impl Messages {
    /// Builds the bundle for `language` from its Fluent files. A file with errors still gives
    /// the messages that parsed: a bad line in a translation must not stop the phone (the
    /// catalog tests keep the shipped files clean).
    pub fn new(language: LanguageIdentifier, sources: &[&str]) -> Messages {
        let mut bundle = FluentBundle::new_concurrent(vec![language.clone()]);
        // Unicode isolation marks around placeables would show as boxes in some fonts and
        // get in the way of copying an address out of a message.
        bundle.set_use_isolating(false);
        for source in sources {
            let resource = match FluentResource::try_new((*source).to_owned()) {
                Ok(resource) => resource,
                Err((partial, errors)) => {
                    tracing::warn!("the {language} messages have errors: {errors:?}");
                    partial
                }
            };
            // Overriding: a key repeated across files keeps the later one instead of failing.
            bundle.add_resource_overriding(resource);
        }
        Messages { bundle }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.bundle
            .get_message(key)
            .is_some_and(|message| message.value().is_some())
    }

    /// The message for `key` with its placeables filled from `args`, or `None` when this
    /// language lacks it. A variable the message names but `args` lacks shows as `{$name}`.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> Option<String> {
        let pattern = self.bundle.get_message(key)?.value()?;
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, fluent_value(value));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::debug!("message {key}: {errors:?}");
        }
        Some(text.into_owned())
    }
}

/// An argument as Fluent should see it: a plain decimal number becomes a number, so plural
/// selectors such as `{ $count -> [one] … *[other] … }` pick the language's right form.
/// Anything else stays text, including numbers with leading zeros ("007" is an extension,
/// not seven) and numbers too long to survive a round trip through `f64`.
pub fn fluent_value(text: &str) -> FluentValue<'_> {
    if is_plain_number(text) {
        if let Ok(number) = text.parse::<FluentNumber>() {
            return FluentValue::Number(number);
        }
    }
    FluentValue::from(text)
}

fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let no_leading_zero = whole == "0" || !whole.starts_with('0');
    digits(whole)
        && no_leading_zero
        && fraction.is_none_or(digits)
        && whole.len() + fraction.map_or(0, str::len) <= 15
}
