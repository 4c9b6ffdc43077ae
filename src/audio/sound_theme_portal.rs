//! The sound theme's name from the XDG desktop portal (`org.freedesktop.portal.Settings`,
//! namespace `org.gnome.desktop.sound`, key `theme-name`), for sessions without gsettings,
//! such as a sandbox. Asked only when neither Plasma's nor GNOME's own setting answered.

use std::time::Duration;
use zbus::zvariant::{OwnedValue, Value};

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PATH: &str = "/org/freedesktop/portal/desktop";
const SETTINGS: &str = "org.freedesktop.portal.Settings";
const KEY: (&str, &str) = ("org.gnome.desktop.sound", "theme-name");
/// A portal answers in milliseconds; a session without one must not hold the ringer up.
const LIMIT: Duration = Duration::from_secs(2);

/// The theme name the portal gives, if there is a portal and a valid name.
pub async fn theme_name() -> Option<String> {
    match tokio::time::timeout(LIMIT, ask()).await {
        Ok(answer) => answer,
        Err(_) => {
            tracing::debug!("the settings portal did not answer in time");
            None
        }
    }
}

async fn ask() -> Option<String> {
    let connection = zbus::Connection::session().await.ok()?;
    // ReadOne (version 2) gives the value; Read (version 1) wraps it in one more variant.
    for method in ["ReadOne", "Read"] {
        let reply = connection
            .call_method(Some(PORTAL), PATH, Some(SETTINGS), method, &KEY)
            .await;
        match reply {
            Ok(message) => {
                let value: OwnedValue = message.body().deserialize().ok()?;
                return text_of(&value)
                    .filter(|name| crate::media::sound_theme::valid_theme_name(name));
            }
            Err(e) => tracing::debug!("settings portal {method}: {e}"),
        }
    }
    None
}

/// The string inside `value`, looking through nested variants.
fn text_of(value: &Value<'_>) -> Option<String> {
    match value {
        Value::Str(text) => Some(text.to_string()),
        Value::Value(inner) => text_of(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_found_through_nested_variants() {
        let plain = Value::from("Yaru");
        assert_eq!(text_of(&plain), Some("Yaru".to_string()));
        let nested = Value::Value(Box::new(Value::Value(Box::new(Value::from("ocean")))));
        assert_eq!(text_of(&nested), Some("ocean".to_string()));
        assert_eq!(text_of(&Value::from(7u32)), None);
    }
}
