//! Settings in words: account titles and the messages for config and secrets keys.

use crate::config::{Account, FieldError};
use crate::ui::i18n::{has_key, tr_args};

/// "Alice <alice@example.com>" or just the address.
pub fn account_title(account: &Account) -> String {
    let address = format!("{}@{}", account.user, account.domain);
    if account.display_name.is_empty() {
        address
    } else {
        format!("{} <{address}>", account.display_name)
    }
}

/// A config or secrets key such as `config.account.domain.empty` as the message the Fluent
/// file has for it (`config-account-domain-empty`), with `detail` filled in.
pub fn keyed_text(key: &str, detail: &str) -> String {
    let fluent_key = key.replace(['.', '_'], "-");
    let args = [("detail", detail)];
    if has_key(&fluent_key) {
        tr_args(&fluent_key, &args)
    } else {
        tr_args("settings-error-generic", &args)
    }
}

pub(super) fn field_error_text(error: &FieldError) -> String {
    keyed_text(error.key, &error.detail)
}
