//! The notifications as the user sees them: translated words, the categories and urgency of
//! the notification spec, and markup-safe text from the network.

use super::notifications::{Caller, ANSWER, CALL_BACK, DECLINE};
use crate::ui::i18n::{tr, tr_args};
use notify_rust::{Hint, Notification, Timeout, Urgency};

/// The name notifications are filed under, and the desktop file they belong to.
const APP_NAME: &str = "Handset";
const DESKTOP_ENTRY: &str = "org.handset.Handset";
/// Icons of the freedesktop icon naming spec, present in every icon theme.
const INCOMING_ICON: &str = "call-start";
const MISSED_ICON: &str = "call-stop";

/// A ringing call: it stays up, over full-screen windows, until the call is taken or gone.
pub fn incoming(caller: &Caller, with_actions: bool) -> Notification {
    let mut notification = base(caller, "call.incoming", INCOMING_ICON);
    let name = caller.shown_name();
    notification
        .summary(&tr_args("notify-incoming-summary", &[("caller", &name)]))
        .urgency(Urgency::Critical)
        .timeout(Timeout::Never);
    if with_actions {
        notification
            .action(ANSWER, &tr("notify-answer"))
            .action(DECLINE, &tr("notify-decline"));
    }
    notification
}

/// What is left of calls nobody answered: one per caller, saying how many.
pub fn missed(caller: &Caller, count: u32, with_actions: bool) -> Notification {
    let mut notification = base(caller, "call.unanswered", MISSED_ICON);
    let name = caller.shown_name();
    let count = count.to_string();
    notification
        .summary(&tr_args(
            "notify-missed-summary",
            &[("caller", &name), ("count", &count)],
        ))
        .urgency(Urgency::Normal)
        // Left for the user to see when they come back, like a phone's missed-call list.
        .timeout(Timeout::Never);
    if with_actions {
        notification.action(CALL_BACK, &tr("notify-call-back"));
    }
    notification
}

fn base(caller: &Caller, category: &str, icon: &str) -> Notification {
    let mut notification = Notification::new();
    notification
        .appname(APP_NAME)
        .icon(icon)
        .body(&escape_markup(&caller.address))
        .hint(Hint::Category(category.to_owned()))
        .hint(Hint::DesktopEntry(DESKTOP_ENTRY.to_owned()));
    notification
}

/// Servers that take markup in the body (most do) would read `<` or `&` from a caller's
/// address as markup, and some refuse the whole notification.
fn escape_markup(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_cannot_inject_markup() {
        assert_eq!(
            escape_markup("sip:<b>x</b>&y@h"),
            "sip:&lt;b&gt;x&lt;/b&gt;&amp;y@h"
        );
    }
}
