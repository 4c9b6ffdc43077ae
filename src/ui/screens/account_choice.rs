//! "Call from which account": the enabled accounts as a pick list, shown only when there is
//! a choice to make.

use crate::config::{AccountId, Settings};
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{pick_list, row, text};
use iced::{Alignment, Element, Length};
use std::fmt;

/// One account a call can go out from, as the user knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountChoice {
    pub id: AccountId,
    pub label: String,
}

impl fmt::Display for AccountChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// The enabled accounts, the default one first.
pub fn choices(settings: &Settings) -> Vec<AccountChoice> {
    let mut enabled: Vec<AccountChoice> = settings
        .accounts
        .iter()
        .filter(|account| account.enabled)
        .map(|account| AccountChoice {
            id: account.id,
            label: if account.display_name.trim().is_empty() {
                format!("{}@{}", account.user, account.domain)
            } else {
                format!(
                    "{} ({}@{})",
                    account.display_name, account.user, account.domain
                )
            },
        })
        .collect();
    if let Some(default) = settings.default_account {
        if let Some(at) = enabled.iter().position(|choice| choice.id == default) {
            let first = enabled.remove(at);
            enabled.insert(0, first);
        }
    }
    enabled
}

/// A labelled pick list, or nothing when there are fewer than two accounts to choose from.
pub fn picker<'a, M: Clone + 'a>(
    accounts: &'a [AccountChoice],
    chosen: Option<&'a AccountChoice>,
    on_choose: impl Fn(AccountChoice) -> M + 'a,
) -> Option<Element<'a, M>> {
    if accounts.len() < 2 {
        return None;
    }
    let selected = chosen.or_else(|| accounts.first()).cloned();
    Some(
        row![
            text(tr("call-from-account")).size(style::SMALL_SIZE),
            pick_list(accounts, selected, on_choose)
                .text_size(style::SMALL_SIZE)
                .width(Length::Fill),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into(),
    )
}
