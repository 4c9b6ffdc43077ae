//! One contact: its numbers and addresses to call (from the chosen account), its note, its
//! calls, and Edit / Delete.

use super::account_choice::{self, AccountChoice};
use super::contact_words::label_key;
use super::{avatar, history, Action, ContactRequest, Destination};
use crate::contacts::{Contact, Phonebook};
use crate::engine::api::Command;
use crate::history::Entry;
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{button, column, row, scrollable, space, text};
use iced::{Alignment, Element, Length};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Call(usize),
    AccountChosen(AccountChoice),
    Edit,
    Delete,
    Export,
    ConfirmDelete,
    CancelDelete,
    Back,
}

#[derive(Debug, Clone)]
pub struct ContactPage {
    uid: String,
    /// The contact's latest calls, newest first.
    calls: Vec<Entry>,
    account: Option<AccountChoice>,
    confirming_delete: bool,
}

impl ContactPage {
    pub fn new(uid: String, calls: Vec<Entry>) -> ContactPage {
        ContactPage {
            uid,
            calls,
            account: None,
            confirming_delete: false,
        }
    }

    pub fn uid(&self) -> &str {
        &self.uid
    }

    pub fn update(&mut self, message: Message, book: &Phonebook) -> Action {
        match message {
            Message::Call(at) => {
                let address = book
                    .get(&self.uid)
                    .and_then(|contact| contact.addresses.get(at));
                match address {
                    Some(address) => Action::Engine(Command::Dial {
                        target: address.dial_target(),
                        account: self.account.as_ref().map(|choice| choice.id),
                    }),
                    None => Action::None,
                }
            }
            Message::AccountChosen(choice) => {
                self.account = Some(choice);
                Action::None
            }
            Message::Edit => Action::Navigate(Destination::EditContact(self.uid.clone())),
            Message::Export => Action::Contacts(ContactRequest::Export(Some(self.uid.clone()))),
            Message::Delete => {
                self.confirming_delete = true;
                Action::None
            }
            Message::CancelDelete => {
                self.confirming_delete = false;
                Action::None
            }
            Message::ConfirmDelete => Action::Contacts(ContactRequest::Delete(self.uid.clone())),
            Message::Back => Action::Navigate(Destination::Contacts),
        }
    }

    pub fn calls(&self) -> &[Entry] {
        &self.calls
    }

    pub fn view<'a>(
        &'a self,
        book: &'a Phonebook,
        accounts: &'a [AccountChoice],
    ) -> Element<'a, Message> {
        let back = button(text(tr("page-back")).size(style::SMALL_SIZE))
            .style(button::text)
            .on_press(Message::Back);
        let Some(contact) = book.get(&self.uid) else {
            return column![back, text(tr("contact-gone")).size(style::BODY_SIZE)]
                .spacing(style::SPACING)
                .into();
        };
        let mut page = column![back, heading(contact)].spacing(style::SPACING);
        let mut numbers = column![].spacing(6);
        for (at, address) in contact.addresses.iter().enumerate() {
            numbers = numbers.push(
                row![
                    column![
                        text(tr(label_key(address.label)))
                            .size(style::SMALL_SIZE)
                            .style(text::secondary),
                        text(&address.value).size(style::BODY_SIZE),
                    ]
                    .width(Length::Fill),
                    button(text(tr("contacts-call")).size(style::SMALL_SIZE))
                        .style(button::success)
                        .on_press(Message::Call(at)),
                ]
                .align_y(Alignment::Center),
            );
        }
        page = page.push(numbers);
        if let Some(picker) =
            account_choice::picker(accounts, self.account.as_ref(), Message::AccountChosen)
        {
            page = page.push(picker);
        }
        if !contact.note.trim().is_empty() {
            page = page.push(text(&contact.note).size(style::SMALL_SIZE));
        }
        page = page.push(self.actions());
        page = page.push(text(tr("contact-calls")).size(style::BODY_SIZE));
        if self.calls.is_empty() {
            page = page.push(
                text(tr("contact-no-calls"))
                    .size(style::SMALL_SIZE)
                    .style(text::secondary),
            );
        }
        for entry in &self.calls {
            page = page.push(history::summary_line(entry));
        }
        scrollable(page).height(Length::Fill).into()
    }

    fn actions(&self) -> Element<'_, Message> {
        if self.confirming_delete {
            return row![
                text(tr("contact-delete-confirm")).size(style::SMALL_SIZE),
                space::horizontal(),
                button(text(tr("contact-delete-cancel")).size(style::SMALL_SIZE))
                    .style(button::secondary)
                    .on_press(Message::CancelDelete),
                button(text(tr("contact-delete")).size(style::SMALL_SIZE))
                    .style(button::danger)
                    .on_press(Message::ConfirmDelete),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into();
        }
        row![
            button(text(tr("contact-edit")).size(style::SMALL_SIZE))
                .style(button::secondary)
                .on_press(Message::Edit),
            button(text(tr("contact-export")).size(style::SMALL_SIZE))
                .style(button::secondary)
                .on_press(Message::Export),
            button(text(tr("contact-delete")).size(style::SMALL_SIZE))
                .style(button::secondary)
                .on_press(Message::Delete),
        ]
        .spacing(8)
        .into()
    }
}

fn heading(contact: &Contact) -> Element<'_, Message> {
    let mut names = column![text(contact.display_name()).size(style::HEADING_SIZE)].spacing(2);
    if !contact.organisation.is_empty() {
        names = names.push(
            text(&contact.organisation)
                .size(style::BODY_SIZE)
                .style(text::secondary),
        );
    }
    if contact.favourite {
        names = names.push(
            text(tr("contact-favourite"))
                .size(style::SMALL_SIZE)
                .style(text::secondary),
        );
    }
    row![
        avatar::view(
            contact.initials(),
            contact.avatar_colour(),
            avatar::LARGE_SIZE
        ),
        names,
    ]
    .spacing(style::SPACING)
    .align_y(Alignment::Center)
    .into()
}
