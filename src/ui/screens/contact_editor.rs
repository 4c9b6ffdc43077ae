//! Add or edit a contact: name, organisation, labelled numbers and SIP addresses, favourite,
//! note. What the user did not touch (a photo, a birthday, anything another program wrote)
//! stays in the contact, because the form edits a copy of the whole contact.

use super::contact_words::{guess_address, label_key, set_value};
use super::{Action, ContactRequest, Destination};
use crate::contacts::{AddressLabel, Contact};
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{button, checkbox, column, pick_list, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};
use std::fmt;

/// The name field's widget id: the form opens with the keyboard there.
pub const NAME_INPUT_ID: &str = "contact-editor-name";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Name(String),
    Organisation(String),
    AddressValue(usize, String),
    AddressLabel(usize, LabelChoice),
    AddAddress,
    RemoveAddress(usize),
    Favourite(bool),
    Note(String),
    Save,
    Cancel,
}

/// A label as the pick list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelChoice(pub AddressLabel);

impl fmt::Display for LabelChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr(label_key(self.0)))
    }
}

const LABELS: [LabelChoice; 5] = [
    LabelChoice(AddressLabel::Mobile),
    LabelChoice(AddressLabel::Work),
    LabelChoice(AddressLabel::Home),
    LabelChoice(AddressLabel::Sip),
    LabelChoice(AddressLabel::Other),
];

#[derive(Debug, Clone)]
pub struct ContactEditor {
    contact: Contact,
    is_new: bool,
    error: Option<String>,
}

impl ContactEditor {
    /// A new contact, with `address` filled in when the user came from a number.
    pub fn new_contact(address: Option<String>) -> ContactEditor {
        let mut contact = Contact::default();
        if let Some(value) = address {
            contact.addresses.push(guess_address(&value));
        }
        ContactEditor {
            contact,
            is_new: true,
            error: None,
        }
    }

    pub fn edit(contact: Contact) -> ContactEditor {
        ContactEditor {
            contact,
            is_new: false,
            error: None,
        }
    }

    pub fn contact(&self) -> &Contact {
        &self.contact
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn update(&mut self, message: Message) -> Action {
        self.error = None;
        match message {
            Message::Name(name) => self.contact.name = name,
            Message::Organisation(organisation) => self.contact.organisation = organisation,
            Message::AddressValue(at, value) => {
                if let Some(address) = self.contact.addresses.get_mut(at) {
                    set_value(address, value);
                }
            }
            Message::AddressLabel(at, choice) => {
                if let Some(address) = self.contact.addresses.get_mut(at) {
                    address.label = choice.0;
                }
            }
            Message::AddAddress => self.contact.addresses.push(guess_address("")),
            Message::RemoveAddress(at) => {
                if at < self.contact.addresses.len() {
                    self.contact.addresses.remove(at);
                }
            }
            Message::Favourite(favourite) => self.contact.favourite = favourite,
            Message::Note(note) => self.contact.note = note,
            Message::Save => return self.save(),
            Message::Cancel => {
                return Action::Navigate(if self.is_new {
                    Destination::Contacts
                } else {
                    Destination::Contact(self.contact.uid.clone())
                })
            }
        }
        Action::None
    }

    fn save(&mut self) -> Action {
        let mut contact = self.contact.clone();
        contact.name = contact.name.trim().to_owned();
        contact.organisation = contact.organisation.trim().to_owned();
        contact
            .addresses
            .retain(|address| !address.value.trim().is_empty());
        if contact.name.is_empty() && contact.organisation.is_empty() {
            self.error = Some(tr("editor-error-no-name"));
            return Action::None;
        }
        Action::Contacts(ContactRequest::Save(Box::new(contact)))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let heading = if self.is_new {
            tr("editor-heading-new")
        } else {
            tr("editor-heading-edit")
        };
        let mut form = column![
            text(heading).size(style::HEADING_SIZE),
            field(tr("editor-name"), &self.contact.name, Message::Name).id(NAME_INPUT_ID),
            field(
                tr("editor-organisation"),
                &self.contact.organisation,
                Message::Organisation
            ),
        ]
        .spacing(8);
        for (at, address) in self.contact.addresses.iter().enumerate() {
            form = form.push(
                row![
                    pick_list(LABELS, Some(LabelChoice(address.label)), move |choice| {
                        Message::AddressLabel(at, choice)
                    })
                    .text_size(style::SMALL_SIZE),
                    text_input(&tr("editor-address-placeholder"), &address.value)
                        .on_input(move |value| Message::AddressValue(at, value))
                        .size(style::BODY_SIZE)
                        .padding(6)
                        .width(Length::Fill),
                    button(text("✕").size(style::SMALL_SIZE))
                        .style(button::text)
                        .on_press(Message::RemoveAddress(at)),
                ]
                .spacing(6)
                .align_y(Alignment::Center),
            );
        }
        form = form
            .push(
                button(text(tr("editor-add-address")).size(style::SMALL_SIZE))
                    .style(button::secondary)
                    .on_press(Message::AddAddress),
            )
            .push(
                checkbox(self.contact.favourite)
                    .label(tr("editor-favourite"))
                    .on_toggle(Message::Favourite)
                    .text_size(style::BODY_SIZE),
            )
            .push(field(tr("editor-note"), &self.contact.note, Message::Note));
        if let Some(error) = &self.error {
            form = form.push(text(error).size(style::SMALL_SIZE).style(text::danger));
        }
        form = form.push(
            row![
                style::action_button(
                    tr("editor-cancel"),
                    Some(Message::Cancel),
                    button::secondary
                ),
                style::action_button(tr("editor-save"), Some(Message::Save), button::primary),
            ]
            .spacing(style::SPACING),
        );
        scrollable(form).height(Length::Fill).into()
    }
}

fn field<'a>(
    placeholder: String,
    value: &'a str,
    on_input: fn(String) -> Message,
) -> iced::widget::TextInput<'a, Message> {
    text_input(&placeholder, value)
        .on_input(on_input)
        .size(style::BODY_SIZE)
        .padding(8)
        .width(Length::Fill)
}
