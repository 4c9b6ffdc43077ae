//! Older config formats, rewritten into the current one before deserializing.
//!
//! Version 0 is the pre-release shape, which had no `version` key and a single account:
//! ```toml
//! listen_port = 5070
//! [account]
//! name = "Alice"        # display name
//! username = "alice"
//! server = "sip.example.com"
//! auth_username = "alice-auth"
//! proxy = "sip:proxy.example.com;lr"
//! transport = "UDP"     # upper case then
//! [audio]
//! input = "..."
//! ```
//! Each step takes the table of version N to version N+1, so a new format only adds a step.

use super::settings::CURRENT_VERSION;
use toml::{Table, Value};

/// Brings `table` (of format `version`) up to [`CURRENT_VERSION`]. Keys a step does not know
/// are carried along so that loading reports them as unknown rather than dropping them.
pub fn migrate(mut table: Table, version: u32) -> Result<Table, String> {
    let mut at = version;
    while at < CURRENT_VERSION {
        table = match at {
            0 => v0_to_v1(table)?,
            _ => return Err(format!("no migration from format version {at}")),
        };
        at += 1;
    }
    Ok(table)
}

fn v0_to_v1(mut old: Table) -> Result<Table, String> {
    let mut new = Table::new();
    new.insert("version".into(), Value::Integer(1));
    if let Some(port) = old.remove("listen_port") {
        let mut network = Table::new();
        network.insert("sip_port".into(), port);
        new.insert("network".into(), Value::Table(network));
    }
    if let Some(account) = old.remove("account") {
        let Value::Table(mut account) = account else {
            return Err("[account] must be a table".to_string());
        };
        let mut migrated = Table::new();
        migrated.insert("id".into(), Value::Integer(1));
        for (old_key, new_key) in [
            ("name", "display_name"),
            ("username", "user"),
            ("server", "domain"),
            ("auth_username", "auth_user"),
            ("proxy", "outbound_proxy"),
        ] {
            if let Some(value) = account.remove(old_key) {
                migrated.insert(new_key.into(), value);
            }
        }
        if let Some(transport) = account.remove("transport") {
            let transport = match transport {
                Value::String(name) => Value::String(name.to_ascii_lowercase()),
                other => other,
            };
            migrated.insert("transport".into(), transport);
        }
        // Everything else (e.g. `register`) kept its name, or is unknown and will be reported.
        migrated.extend(account);
        new.insert(
            "accounts".into(),
            Value::Array(vec![Value::Table(migrated)]),
        );
        new.insert("default_account".into(), Value::Integer(1));
    }
    // `[audio]` kept its shape; anything else left is unknown and reported on load.
    for (key, value) in old {
        new.entry(key).or_insert(value);
    }
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v0_account_becomes_the_first_and_default_account() {
        let v0: Table = toml::from_str(
            "listen_port = 5070\n[account]\nname = \"A\"\nusername = \"alice\"\nserver = \"example.com\"\ntransport = \"TCP\"\n",
        )
        .unwrap();
        let v1 = migrate(v0, 0).unwrap();
        assert_eq!(v1["version"].as_integer(), Some(1));
        assert_eq!(v1["default_account"].as_integer(), Some(1));
        let account = v1["accounts"].as_array().unwrap()[0].as_table().unwrap();
        assert_eq!(account["user"].as_str(), Some("alice"));
        assert_eq!(account["domain"].as_str(), Some("example.com"));
        assert_eq!(account["transport"].as_str(), Some("tcp"));
        assert_eq!(v1["network"]["sip_port"].as_integer(), Some(5070));
    }

    #[test]
    fn a_v0_account_that_is_not_a_table_is_an_error() {
        let v0: Table = toml::from_str("account = 3\n").unwrap();
        assert!(migrate(v0, 0).is_err());
    }
}
