//! The home screen: the search field, favourites, then everyone. Typing a name filters;
//! typing a number or an address offers to call it as the first row, and Enter calls the
//! first row. Only the rows scrolled to are built (`row_window.rs`), so ten thousand contacts
//! cost a screenful of rows.

use super::account_choice::{self, AccountChoice};
use super::contact_words::{default_address_index, first_name, label_key};
use super::dial_pad::{dial_target, looks_like_number};
use super::row_window::RowWindow;
use super::{avatar, Action, Destination};
use crate::contacts::{Contact, Phonebook};
use crate::engine::api::Command;
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, container, row, scrollable, space, text, text_input, Column};
use iced::{Alignment, Element, Length};

/// The search field's widget id: it has the keyboard whenever nothing else needs it.
pub const SEARCH_INPUT_ID: &str = "contacts-search";
/// A contact row's height with the gap below it: the avatar, a button's padding, and room
/// for the organisation's line under the name.
const ROW_PITCH: f32 = 60.0;
const ROW_GAP: f32 = 2.0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    QueryChanged(String),
    /// Enter in the search field: call the first row.
    Submit,
    /// Call what was typed.
    CallTyped,
    /// Call this contact's address (an index into its addresses).
    Call {
        uid: String,
        address: usize,
    },
    Open(String),
    /// Show or hide a contact's other numbers and accounts.
    ToggleMenu(String),
    AccountChosen(AccountChoice),
    NewContact,
    /// Write every contact to a new .vcf file.
    ExportAll,
    /// The list was scrolled: how far (pixels from its top) and how much of it shows.
    Scrolled {
        offset: u32,
        visible: u32,
    },
}

#[derive(Debug, Clone)]
pub struct ContactsScreen {
    query: String,
    /// The contacts matching `query`, in the order shown (favourites first).
    results: Vec<String>,
    /// The contact whose menu is open.
    menu: Option<String>,
    account: Option<AccountChoice>,
    /// Where the list is scrolled to, which says which rows to build.
    rows: RowWindow,
}

impl Default for ContactsScreen {
    fn default() -> ContactsScreen {
        ContactsScreen {
            query: String::new(),
            results: Vec::new(),
            menu: None,
            account: None,
            rows: RowWindow::new(ROW_PITCH),
        }
    }
}

impl ContactsScreen {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn results(&self) -> &[String] {
        &self.results
    }

    /// Start a search with `typed`, as when the user types while the field is not focused.
    pub fn type_text(&mut self, typed: &str, book: &Phonebook) {
        self.query.push_str(typed);
        self.refresh(book);
    }

    pub fn clear(&mut self, book: &Phonebook) {
        self.query.clear();
        self.refresh(book);
    }

    /// The contacts changed on disk or were edited: search again.
    pub fn refresh(&mut self, book: &Phonebook) {
        self.results = book.search(&self.query);
        if let Some(uid) = &self.menu {
            if book.get(uid).is_none() {
                self.menu = None;
            }
        }
    }

    /// The typed text as something to dial, when it looks like a number or an address.
    fn typed_target(&self) -> Option<String> {
        let typed = self.query.trim();
        let dialable = looks_like_number(typed)
            || typed.contains('@')
            || typed.to_ascii_lowercase().starts_with("sip:")
            || typed.to_ascii_lowercase().starts_with("sips:");
        dialable.then(|| dial_target(typed)).flatten()
    }

    fn dial(&self, target: String) -> Action {
        Action::Engine(Command::Dial {
            target,
            account: self.account.as_ref().map(|choice| choice.id),
        })
    }

    pub fn update(&mut self, message: Message, book: &Phonebook) -> Action {
        match message {
            Message::QueryChanged(query) => {
                self.query = query;
                self.refresh(book);
                Action::None
            }
            Message::Scrolled { offset, visible } => {
                self.rows.scrolled(offset as f32, visible as f32);
                Action::None
            }
            Message::Submit => {
                if let Some(target) = self.typed_target() {
                    return self.dial(target);
                }
                let first = self.results.first().and_then(|uid| book.get(uid));
                match first.and_then(|contact| contact.default_address()) {
                    Some(address) => self.dial(address.dial_target()),
                    None => Action::None,
                }
            }
            Message::CallTyped => match self.typed_target() {
                Some(target) => self.dial(target),
                None => Action::None,
            },
            Message::Call { uid, address } => {
                let address = book
                    .get(&uid)
                    .and_then(|contact| contact.addresses.get(address));
                match address {
                    Some(address) => {
                        self.menu = None;
                        self.dial(address.dial_target())
                    }
                    None => Action::None,
                }
            }
            Message::Open(uid) => Action::Navigate(Destination::Contact(uid)),
            Message::ToggleMenu(uid) => {
                self.menu = if self.menu.as_deref() == Some(uid.as_str()) {
                    None
                } else {
                    Some(uid)
                };
                Action::None
            }
            Message::AccountChosen(choice) => {
                self.account = Some(choice);
                Action::None
            }
            Message::ExportAll => Action::Contacts(super::ContactRequest::Export(None)),
            Message::NewContact => {
                let typed = self.query.trim();
                let prefill = self.typed_target().map(|_| typed.to_owned());
                Action::Navigate(Destination::NewContact(prefill))
            }
        }
    }

    /// The search field for the top bar.
    pub fn search_field(&self) -> Element<'_, Message> {
        text_input(&tr("search-placeholder"), &self.query)
            .id(SEARCH_INPUT_ID)
            .on_input(Message::QueryChanged)
            .on_submit(Message::Submit)
            .size(style::BODY_SIZE)
            .padding(8)
            .width(Length::Fill)
            .into()
    }

    pub fn view<'a>(
        &'a self,
        book: &'a Phonebook,
        accounts: &'a [AccountChoice],
    ) -> Element<'a, Message> {
        let mut list = Column::new().spacing(ROW_GAP).width(Length::Fill);
        if let Some(target) = self.typed_target() {
            list = list.push(call_typed_row(self.query.trim(), target));
        }
        if self.query.trim().is_empty() {
            if let Some(strip) = favourites_strip(book) {
                list = list.push(strip);
            }
        }
        let shown = self.rows.rows(self.results.len());
        let (above, below) = self.rows.padding(&shown, self.results.len());
        list = list.push(space::vertical().height(above));
        for uid in self.results.get(shown).unwrap_or_default() {
            if let Some(contact) = book.get(uid) {
                list = list.push(self.contact_row(contact, accounts));
            }
        }
        list = list.push(space::vertical().height(below));
        if self.results.is_empty() && self.typed_target().is_none() {
            let words = if book.is_empty() {
                tr("contacts-empty")
            } else {
                tr_args("contacts-no-match", &[("query", self.query.trim())])
            };
            list = list.push(text(words).size(style::BODY_SIZE).style(text::secondary));
        }
        let mut header = row![
            text(tr("contacts-heading")).size(style::HEADING_SIZE),
            space::horizontal(),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if !book.is_empty() {
            header = header.push(
                button(text(tr("contacts-export")).size(style::SMALL_SIZE))
                    .style(button::secondary)
                    .on_press(Message::ExportAll),
            );
        }
        let header = header.push(
            button(text(tr("contacts-new")).size(style::SMALL_SIZE))
                .style(button::secondary)
                .on_press(Message::NewContact),
        );
        let mut page = column![header].spacing(style::SPACING);
        if let Some(problems) = problems_notice(book) {
            page = page.push(problems);
        }
        let list = scrollable(list)
            .height(Length::Fill)
            .on_scroll(|viewport| Message::Scrolled {
                offset: viewport.absolute_offset().y as u32,
                visible: viewport.bounds().height as u32,
            });
        page.push(list).into()
    }

    fn contact_row<'a>(
        &'a self,
        contact: &'a Contact,
        accounts: &'a [AccountChoice],
    ) -> Element<'a, Message> {
        let uid = contact.uid.clone();
        let mut names = column![text(contact.display_name()).size(style::BODY_SIZE)];
        if !contact.organisation.is_empty() {
            names = names.push(
                text(&contact.organisation)
                    .size(style::SMALL_SIZE)
                    .style(text::secondary),
            );
        }
        let opener = button(
            row![
                avatar::view(
                    contact.initials(),
                    contact.avatar_colour(),
                    avatar::ROW_SIZE
                ),
                names.width(Length::Fill),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        )
        .style(button::text)
        .width(Length::Fill)
        .on_press(Message::Open(uid.clone()));
        let default = contact.default_address();
        let label = default.map(|address| tr(label_key(address.label)));
        let call = button(text(tr("contacts-call")).size(style::SMALL_SIZE))
            .style(button::success)
            .on_press_maybe(default.map(|_| Message::Call {
                uid: uid.clone(),
                address: default_address_index(contact).unwrap_or(0),
            }));
        let more = button(text("⋯").size(style::BODY_SIZE))
            .style(button::text)
            .on_press(Message::ToggleMenu(uid.clone()));
        let mut line = row![opener].spacing(8).align_y(Alignment::Center);
        if let Some(label) = label {
            line = line.push(text(label).size(style::SMALL_SIZE).style(text::secondary));
        }
        line = line.push(call).push(more);
        if self.menu.as_deref() != Some(contact.uid.as_str()) {
            return container(line)
                .height(self.rows.pitch() - ROW_GAP)
                .align_y(Alignment::Center)
                .into();
        }
        let mut menu = column![].spacing(4).padding([0, 48]);
        for (at, address) in contact.addresses.iter().enumerate() {
            menu = menu.push(
                button(
                    text(format!(
                        "{} · {}",
                        tr(label_key(address.label)),
                        address.value
                    ))
                    .size(style::SMALL_SIZE),
                )
                .style(button::text)
                .on_press(Message::Call {
                    uid: uid.clone(),
                    address: at,
                }),
            );
        }
        if let Some(picker) =
            account_choice::picker(accounts, self.account.as_ref(), Message::AccountChosen)
        {
            menu = menu.push(picker);
        }
        menu = menu.push(
            button(text(tr("contacts-open")).size(style::SMALL_SIZE))
                .style(button::text)
                .on_press(Message::Open(uid)),
        );
        column![line, menu].spacing(4).into()
    }
}

fn call_typed_row<'a>(typed: &str, target: String) -> Element<'a, Message> {
    button(
        row![
            text(tr_args("search-call-typed", &[("address", typed)])).size(style::BODY_SIZE),
            space::horizontal(),
            text(target).size(style::SMALL_SIZE).style(text::secondary),
        ]
        .spacing(8),
    )
    .style(button::primary)
    .width(Length::Fill)
    .padding(10)
    .on_press(Message::CallTyped)
    .into()
}

/// The favourites as a row of avatars to click; `None` when there are none.
fn favourites_strip(book: &Phonebook) -> Option<Element<'_, Message>> {
    let favourites: Vec<&Contact> = book.favourites().take(8).collect();
    if favourites.is_empty() {
        return None;
    }
    let mut strip = row![].spacing(8).align_y(Alignment::Center);
    for contact in favourites {
        strip = strip.push(
            button(
                column![
                    avatar::view(
                        contact.initials(),
                        contact.avatar_colour(),
                        avatar::ROW_SIZE
                    ),
                    text(first_name(contact)).size(style::SMALL_SIZE),
                ]
                .spacing(2)
                .align_x(Alignment::Center),
            )
            .style(button::text)
            .on_press(match default_address_index(contact) {
                Some(address) => Message::Call {
                    uid: contact.uid.clone(),
                    address,
                },
                None => Message::Open(contact.uid.clone()),
            }),
        );
    }
    Some(
        column![
            text(tr("contacts-favourites"))
                .size(style::SMALL_SIZE)
                .style(text::secondary),
            scrollable(strip).direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::default()
            )),
        ]
        .spacing(4)
        .into(),
    )
}

/// Contact files that could not be read, by name and why; they are left as they are.
fn problems_notice(book: &Phonebook) -> Option<Element<'_, Message>> {
    let problems = book.problems();
    if problems.is_empty() {
        return None;
    }
    let mut lines = column![text(tr_args(
        "contacts-unreadable",
        &[("count", &problems.len().to_string())]
    ))
    .size(style::SMALL_SIZE)]
    .spacing(2);
    for problem in problems.iter().take(5) {
        lines = lines.push(
            text(format!(
                "{}: {}",
                problem.file.file_name().map_or_else(
                    || problem.file.display().to_string(),
                    |name| { name.to_string_lossy().into_owned() }
                ),
                problem.reason
            ))
            .size(style::SMALL_SIZE),
        );
    }
    Some(style::notice(lines, container::danger))
}
