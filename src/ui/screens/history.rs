//! Call history: every call or only the missed ones, newest first. Call back, add the caller
//! to contacts, delete one entry or all.

use super::{Action, Destination, HistoryRequest};
use crate::engine::api::{Command, Direction};
use crate::history::{Entry, EntryId, Filter};
use crate::ui::i18n::{format_duration, format_when, tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, row, scrollable, space, text, Column};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    ShowAll,
    ShowMissed,
    CallBack(EntryId),
    AddToContacts(EntryId),
    OpenContact(String),
    Delete(EntryId),
    ClearAll,
    ConfirmClear,
    CancelClear,
}

#[derive(Debug, Clone)]
pub struct HistoryScreen {
    filter: Filter,
    entries: Vec<Entry>,
    confirming_clear: bool,
    /// "Now" for "today" and "yesterday", in seconds since the Unix epoch.
    now_unix: i64,
}

impl Default for HistoryScreen {
    fn default() -> Self {
        HistoryScreen {
            filter: Filter::All,
            entries: Vec::new(),
            confirming_clear: false,
            now_unix: 0,
        }
    }
}

impl HistoryScreen {
    pub fn filter(&self) -> Filter {
        self.filter
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The rows to show, as the application read them for `filter()`.
    pub fn set_entries(&mut self, entries: Vec<Entry>, now_unix: i64) {
        self.entries = entries;
        self.now_unix = now_unix;
    }

    fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.id == id)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::ShowAll => self.show(Filter::All),
            Message::ShowMissed => self.show(Filter::Missed),
            Message::CallBack(id) => match self.entry(id) {
                Some(entry) => Action::Engine(Command::Dial {
                    target: callable_address(&entry.remote),
                    account: entry.account,
                }),
                None => Action::None,
            },
            Message::AddToContacts(id) => match self.entry(id) {
                Some(entry) => Action::Navigate(Destination::NewContact(Some(callable_address(
                    &entry.remote,
                )))),
                None => Action::None,
            },
            Message::OpenContact(uid) => Action::Navigate(Destination::Contact(uid)),
            Message::Delete(id) => Action::History(HistoryRequest::Delete(id)),
            Message::ClearAll => {
                self.confirming_clear = true;
                Action::None
            }
            Message::CancelClear => {
                self.confirming_clear = false;
                Action::None
            }
            Message::ConfirmClear => {
                self.confirming_clear = false;
                Action::History(HistoryRequest::Clear)
            }
        }
    }

    fn show(&mut self, filter: Filter) -> Action {
        self.filter = filter;
        Action::History(HistoryRequest::Reload)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let tab = |label: String, filter: Filter, message: Message| {
            let style = if self.filter == filter {
                button::primary
            } else {
                button::secondary
            };
            button(text(label).size(style::SMALL_SIZE))
                .style(style)
                .on_press(message)
        };
        let mut header = row![
            text(tr("history-heading")).size(style::HEADING_SIZE),
            space::horizontal(),
            tab(tr("history-all"), Filter::All, Message::ShowAll),
            tab(tr("history-missed"), Filter::Missed, Message::ShowMissed),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if !self.entries.is_empty() && !self.confirming_clear {
            header = header.push(
                button(text(tr("history-clear")).size(style::SMALL_SIZE))
                    .style(button::text)
                    .on_press(Message::ClearAll),
            );
        }
        let mut page = column![header].spacing(style::SPACING);
        if self.confirming_clear {
            page = page.push(
                row![
                    text(tr("history-clear-confirm")).size(style::SMALL_SIZE),
                    space::horizontal(),
                    button(text(tr("contact-delete-cancel")).size(style::SMALL_SIZE))
                        .style(button::secondary)
                        .on_press(Message::CancelClear),
                    button(text(tr("history-clear")).size(style::SMALL_SIZE))
                        .style(button::danger)
                        .on_press(Message::ConfirmClear),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        let mut list = Column::new().spacing(4);
        if self.entries.is_empty() {
            let words = match self.filter {
                Filter::All => tr("history-empty"),
                Filter::Missed => tr("history-no-missed"),
            };
            list = list.push(text(words).size(style::BODY_SIZE).style(text::secondary));
        }
        for entry in &self.entries {
            list = list.push(self.row(entry));
        }
        page.push(scrollable(list).height(Length::Fill)).into()
    }

    fn row<'a>(&self, entry: &'a Entry) -> Element<'a, Message> {
        let who: Element<'a, Message> = match (&entry.contact, &entry.contact_uid) {
            (Some(name), Some(uid)) => button(text(name.as_str()).size(style::BODY_SIZE))
                .style(button::text)
                .padding(0)
                .on_press(Message::OpenContact(uid.clone()))
                .into(),
            (Some(name), None) => text(name.as_str()).size(style::BODY_SIZE).into(),
            (None, _) => text(shown_address(&entry.remote))
                .size(style::BODY_SIZE)
                .wrapping(text::Wrapping::WordOrGlyph)
                .into(),
        };
        let when = text(details(entry, self.now_unix))
            .size(style::SMALL_SIZE)
            .style(if entry.missed {
                text::danger
            } else {
                text::secondary
            });
        let mut line = row![
            text(direction_mark(entry)).size(style::BODY_SIZE).width(24),
            column![who, when].width(Length::Fill),
            button(text(tr("history-call-back")).size(style::SMALL_SIZE))
                .style(button::success)
                .on_press(Message::CallBack(entry.id)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if entry.contact.is_none() {
            line = line.push(
                button(text(tr("history-add-contact")).size(style::SMALL_SIZE))
                    .style(button::secondary)
                    .on_press(Message::AddToContacts(entry.id)),
            );
        }
        line.push(
            button(text("✕").size(style::SMALL_SIZE))
                .style(button::text)
                .on_press(Message::Delete(entry.id)),
        )
        .into()
    }
}

/// One call as a line of text, for a contact's page.
pub fn summary_line<'a, M: 'a>(entry: &Entry) -> Element<'a, M> {
    text(format!(
        "{} {}",
        direction_mark(entry),
        details(entry, crate::history::now_unix())
    ))
    .size(style::SMALL_SIZE)
    .into()
}

fn direction_mark(entry: &Entry) -> &'static str {
    match (entry.direction, entry.missed) {
        (_, true) => "↙̸",
        (Direction::Incoming, false) => "↙",
        (Direction::Outgoing, false) => "↗",
    }
}

/// "Yesterday 14:05 · 2:31", "Today 09:12 · missed".
fn details(entry: &Entry, now_unix: i64) -> String {
    let when = format_when(unsigned(entry.started_unix), unsigned(now_unix));
    if entry.missed {
        tr_args("history-missed-at", &[("when", &when)])
    } else if entry.duration_secs > 0 {
        tr_args(
            "history-lasted",
            &[
                ("when", &when),
                ("duration", &format_duration(entry.duration_secs.into())),
            ],
        )
    } else {
        tr_args(
            "history-not-connected",
            &[("when", &when), ("reason", &tr(&entry.end_reason))],
        )
    }
}

/// A caller with no contact, as people read addresses: the number alone when the user part
/// is one (`sip:+4917155501@pbx` → `+4917155501`), else `user@host` without scheme and port.
pub fn shown_address(remote: &str) -> String {
    let address = callable_address(remote);
    let bare = address
        .split_once(':')
        .map_or(address.as_str(), |(_, rest)| rest);
    match bare.split_once('@') {
        Some((user, _)) if is_number(user) => user.to_owned(),
        Some((user, host)) => {
            let host = host.split(':').next().unwrap_or(host);
            format!("{user}@{host}")
        }
        None => bare.to_owned(),
    }
}

fn is_number(user: &str) -> bool {
    let digits = user.strip_prefix('+').unwrap_or(user);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Seconds since the epoch as the date helpers take them (a clock before 1970 reads as 1970).
fn unsigned(unix: i64) -> u64 {
    u64::try_from(unix).unwrap_or(0)
}

/// The SIP URI inside what the engine reported (`"Bob" <sip:bob@host>;tag=1` → `sip:bob@host`).
pub fn callable_address(remote: &str) -> String {
    let inner = match remote.split_once('<') {
        Some((_, rest)) => rest.split('>').next().unwrap_or_default(),
        None => remote.split(';').next().unwrap_or_default(),
    };
    inner.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_caller_reads_as_a_number_or_user_at_host() {
        assert_eq!(shown_address("sip:+4917155501@pbx.example"), "+4917155501");
        assert_eq!(
            shown_address("\"Bob\" <sip:bob@host.example:5060>;tag=1"),
            "bob@host.example"
        );
        assert_eq!(shown_address("sip:host.example"), "host.example");
    }

    #[test]
    fn the_address_to_call_back_loses_display_name_and_tags() {
        assert_eq!(
            callable_address("\"Bob\" <sip:bob@host:5060>;tag=abc"),
            "sip:bob@host:5060"
        );
        assert_eq!(callable_address("sip:bob@host;tag=x"), "sip:bob@host");
        assert_eq!(callable_address("sip:bob@host"), "sip:bob@host");
    }
}
