//! Routing between pages, the keyboard shortcuts, and the contacts and history the pages
//! change.

use super::{App, Effect, Page, Tab};
use crate::engine::api::CallState;
use crate::history::now_unix;
use crate::ui::i18n::tr_args;
use crate::ui::keys::Shortcut;
use crate::ui::screens::contact_editor::{self, ContactEditor};
use crate::ui::screens::contact_page::ContactPage;
use crate::ui::screens::contact_words::import_summary;
use crate::ui::screens::{
    dial_pad, in_call, incoming, keypad, Action, ContactRequest, Destination, HistoryRequest,
};
use iced::window;

/// Rows the History page reads at a time: a screenful many times over, never the whole table.
const HISTORY_ROWS: usize = 500;
/// Calls shown on a contact's page.
const CONTACT_CALLS: usize = 20;

impl App {
    pub(super) fn show(&mut self, tab: Tab) -> Effect {
        self.home = tab;
        match tab {
            Tab::Contacts => {
                self.page = Page::Contacts;
                Effect::FocusSearch
            }
            Tab::History => {
                self.page = Page::History;
                // Seen now: the badge goes.
                self.call_log.mark_missed_seen();
                self.reload_history();
                Effect::None
            }
            Tab::DialPad => {
                self.page = Page::DialPad;
                Effect::Focus(dial_pad::NUMBER_INPUT_ID)
            }
        }
    }

    /// Back to the rail's page, as after a call or the settings.
    pub(super) fn go_home(&mut self) -> Effect {
        self.show(self.home)
    }

    pub(super) fn navigate(&mut self, destination: Destination) -> Effect {
        match destination {
            Destination::Contacts => self.show(Tab::Contacts),
            Destination::Contact(uid) => {
                let calls = self.call_log.for_contact(&uid, CONTACT_CALLS);
                self.page = Page::Contact(ContactPage::new(uid, calls));
                Effect::None
            }
            Destination::NewContact(address) => {
                self.page = Page::Editor(ContactEditor::new_contact(address));
                Effect::Focus(contact_editor::NAME_INPUT_ID)
            }
            Destination::EditContact(uid) => match self.phonebook.get(&uid) {
                Some(contact) => {
                    self.page = Page::Editor(ContactEditor::edit(contact.clone()));
                    Effect::Focus(contact_editor::NAME_INPUT_ID)
                }
                None => Effect::None,
            },
        }
    }

    pub(super) fn change_contacts(&mut self, request: ContactRequest) -> Effect {
        let outcome = match request {
            ContactRequest::Export(uid) => {
                self.export_contacts(uid.as_deref());
                return Effect::None;
            }
            ContactRequest::Save(contact) => self.phonebook.save(*contact).map(Some),
            ContactRequest::Delete(uid) => self.phonebook.delete(&uid).map(|()| None),
        };
        match outcome {
            Ok(saved) => {
                self.contacts.refresh(&self.phonebook);
                match saved {
                    Some(uid) => self.navigate(Destination::Contact(uid)),
                    None => self.show(Tab::Contacts),
                }
            }
            Err(detail) => {
                self.error = Some(tr_args("contacts-save-failed", &[("detail", &detail)]));
                Effect::None
            }
        }
    }

    /// Exports write a new file and say where it is; nothing on screen changes otherwise.
    fn export_contacts(&mut self, uid: Option<&str>) {
        match self.phonebook.export_to(&self.export_dir, uid) {
            Ok(exported) => {
                self.error = None;
                self.info = Some(tr_args(
                    "contacts-exported",
                    &[
                        ("file", &exported.file.display().to_string()),
                        ("count", &exported.contacts.to_string()),
                    ],
                ));
            }
            Err(detail) => {
                self.error = Some(tr_args("contacts-export-failed", &[("detail", &detail)]));
            }
        }
    }

    pub(super) fn change_history(&mut self, request: HistoryRequest) -> Effect {
        let outcome = match request {
            HistoryRequest::Reload => Ok(()),
            HistoryRequest::Delete(id) => self.call_log.delete(id),
            HistoryRequest::Clear => self.call_log.clear(),
        };
        if let Err(detail) = outcome {
            self.error = Some(tr_args("history-failed", &[("detail", &detail)]));
        }
        self.reload_history();
        Effect::None
    }

    pub(super) fn reload_history(&mut self) {
        let filter = self.history.filter();
        let entries = self.call_log.list(filter, HISTORY_ROWS);
        self.history.set_entries(entries, now_unix());
    }

    /// Missed calls the user has not looked at yet: the History button's badge.
    pub(super) fn unseen_missed(&self) -> u32 {
        self.call_log.unseen_missed()
    }

    /// The contacts and history opened at start are in: show them, and log the calls that
    /// happened meanwhile.
    pub(super) fn data_loaded(&mut self, loaded: crate::ui::data_loading::Loaded) {
        self.phonebook = loaded.phonebook;
        self.call_log = loaded.call_log;
        // Tests wait for this line before calling in, so the caller can be named.
        tracing::debug!("contacts and history loaded");
        if let Some(problem) = loaded.problem {
            self.error.get_or_insert(problem);
        }
        for event in self.loading.take().unwrap_or_default() {
            let event = self.phonebook.name_caller(event);
            let phonebook = &self.phonebook;
            self.call_log
                .observe(&event, &|remote| phonebook.identify(remote));
        }
        self.contacts.refresh(&self.phonebook);
        self.reload_history();
    }

    /// Another program (khard, vdirsyncer, an editor) may have changed the contacts.
    pub(super) fn check_contacts(&mut self) {
        if self.phonebook.reload_if_changed() {
            self.contacts.refresh(&self.phonebook);
        }
    }

    pub(super) fn on_shortcut(&mut self, shortcut: Shortcut) -> Effect {
        match shortcut {
            Shortcut::Escape => {
                if let Some(incoming) = &mut self.incoming {
                    let action = incoming.update(incoming::Message::Decline);
                    return self.perform(action);
                }
                if let Some(call) = &mut self.call {
                    let action = call.update(in_call::Message::HangupPressed);
                    return self.perform(action);
                }
                // Otherwise Esc backs out: a form, a contact's page or the settings close;
                // on the home page it clears the search.
                match self.page {
                    Page::Settings | Page::Editor(_) | Page::Contact(_) | Page::Call => {
                        self.go_home()
                    }
                    _ => {
                        if !self.contacts.query().is_empty() {
                            self.contacts.clear(&self.phonebook);
                        }
                        Effect::FocusSearch
                    }
                }
            }
            Shortcut::FocusSearch if self.incoming.is_none() => {
                self.home = Tab::Contacts;
                self.page = Page::Contacts;
                Effect::FocusSearch
            }
            Shortcut::OpenSettings if self.incoming.is_none() => self.open_settings(),
            Shortcut::Type(typed) => self.on_typed(&typed),
            _ => Effect::None,
        }
    }

    /// Keys typed with no field focused: DTMF on the call page, else the start of a search.
    /// Never anything while a call rings: a key must not answer or decline it by accident.
    fn on_typed(&mut self, typed: &str) -> Effect {
        if self.incoming.is_some() || !self.prompts.is_empty() {
            return Effect::None;
        }
        let on_call_page = matches!(self.page, Page::Call);
        if let Some(call) = self.call.as_mut().filter(|_| on_call_page) {
            if call.state() == CallState::Established && typed.chars().all(keypad::is_key) {
                let mut commands = Vec::new();
                for key in typed.chars() {
                    if let Action::Engine(command) = call.update(in_call::Message::KeyPressed(key))
                    {
                        commands.push(command);
                    }
                }
                for command in commands {
                    self.send(command);
                }
            }
            return Effect::None;
        }
        if matches!(self.page, Page::Editor(_) | Page::Settings | Page::DialPad) {
            // Those pages have fields of their own; a stray key must not throw away a form.
            return Effect::None;
        }
        self.home = Tab::Contacts;
        self.page = Page::Contacts;
        self.contacts.type_text(typed, &self.phonebook);
        Effect::FocusSearch
    }

    pub(super) fn on_window_event(&mut self, event: window::Event) {
        match event {
            window::Event::Resized(size) => self.window.resized(size),
            window::Event::Moved(at) => self.window.moved(at),
            window::Event::FileDropped(path) => self.import_dropped(&path),
            _ => {}
        }
    }

    /// A .vcf file dropped on the window is imported; the report says what happened.
    fn import_dropped(&mut self, path: &std::path::Path) {
        let name = path.display().to_string();
        let imported = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| self.phonebook.import(&bytes));
        match imported {
            Ok(report) => {
                self.contacts.refresh(&self.phonebook);
                self.info = Some(import_summary(&name, &report));
            }
            Err(detail) => {
                self.error = Some(tr_args(
                    "contacts-import-unreadable",
                    &[("file", &name), ("detail", &detail)],
                ));
            }
        }
    }
}
