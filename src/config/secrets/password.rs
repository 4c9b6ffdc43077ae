//! A password that does not leak through `Debug`, `Display` or logs.

use std::fmt;

/// A SIP password. Its `Debug` prints `Password(<redacted>)`, so structs holding one can
/// derive `Debug` and be logged safely; the text is reachable only through [`Password::expose`].
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Password(String);

impl Password {
    pub fn new(text: impl Into<String>) -> Self {
        Password(text.into())
    }

    /// The password itself, for the digest computation and the secret store only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl From<String> for Password {
    fn from(text: String) -> Self {
        Password(text)
    }
}

impl From<&str> for Password {
    fn from(text: &str) -> Self {
        Password(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_text() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            password: Password,
        }
        let shown = format!(
            "{:?} {:#?}",
            Password::new("hunter2"),
            Holder {
                password: "hunter2".into()
            }
        );
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("redacted"));
    }
}
