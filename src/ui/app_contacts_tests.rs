//! The window's contacts, history and keyboard, driven with messages and engine events over
//! real files in a temporary folder, no window.

use super::*;
use crate::config::AccountId;
use crate::contacts::{Address, AddressLabel, Contact};
use crate::engine::api::{CallId, CallState, Direction, EndReason, Event};
use crate::ui::engine_link::EngineMessage;
use crate::ui::keys::Shortcut;
use crate::ui::screens::account_choice::AccountChoice;
use tempfile::TempDir;
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

fn contact(name: &str, organisation: &str, addresses: Vec<Address>, favourite: bool) -> Contact {
    let mut contact = Contact::new(name);
    contact.organisation = organisation.to_owned();
    contact.addresses = addresses;
    contact.favourite = favourite;
    contact
}

/// Three contacts on disk, a history file beside them, and a window over both whose engine
/// is up. Numbers are written the German way; the default country is Germany.
fn window() -> (TempDir, App, UnboundedReceiver<Command>) {
    let dir = tempfile::tempdir().unwrap();
    let contacts_dir = dir.path().join("contacts");
    let mut book = Phonebook::open(&contacts_dir, Some("DE"));
    for person in [
        contact(
            "Roberta Quillfeather",
            "Quill & Co",
            vec![
                Address::number(AddressLabel::Work, "030 1234567"),
                Address::sip(AddressLabel::Sip, "sip:roberta@pbx.example"),
            ],
            true,
        ),
        contact(
            "Tom Sawyer",
            "",
            vec![Address::sip(AddressLabel::Sip, "tom@river.example")],
            false,
        ),
        contact(
            "Zoë Ångström",
            "Nordlicht",
            vec![Address::number(AddressLabel::Mobile, "0171 555 0101")],
            false,
        ),
    ] {
        book.save(person).unwrap();
    }
    let (log, problem) = CallLog::open(&dir.path().join("history.db"));
    assert_eq!(problem, None);
    let mut app = App::new(super::tests::config(), book, log);
    let (commands, received) = unbounded_channel();
    app.step(
        app.current_engine_says(EngineMessage::Connected(commands)),
        Instant::now(),
    );
    (dir, app, received)
}

fn event(app: &mut App, event: Event) -> Effect {
    app.step(
        app.current_engine_says(EngineMessage::Event(event)),
        Instant::now(),
    )
}

fn search(app: &mut App, query: &str) {
    app.step(
        Message::Contacts(contacts::Message::QueryChanged(query.to_owned())),
        Instant::now(),
    );
}

fn names(app: &App) -> Vec<String> {
    app.contacts
        .results()
        .iter()
        .map(|uid| app.phonebook.get(uid).unwrap().display_name().to_owned())
        .collect()
}

fn uid_of(app: &App, name: &str) -> String {
    app.phonebook
        .search(name)
        .first()
        .cloned()
        .expect("the contact exists")
}

fn incoming(app: &mut App, call: u64, from: &str) {
    event(
        app,
        Event::IncomingCall {
            call: CallId(call),
            from: from.to_owned(),
            to: "sip:me@127.0.0.1".to_owned(),
            account: None,
            contact: None,
        },
    );
    event(
        app,
        Event::CallState {
            call: CallId(call),
            state: CallState::Incoming,
            direction: Direction::Incoming,
            remote: from.to_owned(),
            contact: None,
            account: None,
        },
    );
}

fn ended(app: &mut App, call: u64, reason: EndReason) {
    event(
        app,
        Event::CallState {
            call: CallId(call),
            state: CallState::Ended,
            direction: Direction::Incoming,
            remote: String::new(),
            contact: None,
            account: None,
        },
    );
    event(
        app,
        Event::CallEnded {
            call: CallId(call),
            reason,
        },
    );
}

#[test]
fn the_home_page_lists_favourites_first_then_everyone() {
    let (_dir, app, _commands) = window();
    assert!(matches!(app.page, Page::Contacts));
    assert_eq!(
        names(&app),
        ["Roberta Quillfeather", "Tom Sawyer", "Zoë Ångström"]
    );
}

#[test]
fn search_ignores_case_accents_and_number_formatting() {
    let (_dir, mut app, _commands) = window();
    search(&mut app, "ZOE");
    assert_eq!(names(&app), ["Zoë Ångström"]);
    search(&mut app, "angstr");
    assert_eq!(names(&app), ["Zoë Ångström"]);
    search(&mut app, "nordlicht");
    assert_eq!(names(&app), ["Zoë Ångström"]);
    search(&mut app, "0301234");
    assert_eq!(names(&app), ["Roberta Quillfeather"]);
    search(&mut app, "nobody like this");
    assert!(names(&app).is_empty());
}

#[test]
fn enter_calls_the_first_match_at_its_default_number() {
    let (_dir, mut app, mut commands) = window();
    search(&mut app, "rob");
    app.step(Message::Contacts(contacts::Message::Submit), Instant::now());
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Dial {
            target: "0301234567".to_owned(),
            account: None
        }
    );
}

#[test]
fn a_typed_number_is_offered_and_called_as_digits() {
    let (_dir, mut app, mut commands) = window();
    search(&mut app, "+49 (30) 999 88");
    app.step(Message::Contacts(contacts::Message::Submit), Instant::now());
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Dial {
            target: "+493099988".to_owned(),
            account: None
        }
    );
}

#[test]
fn clicking_a_contacts_other_address_calls_it_from_the_chosen_account() {
    let (_dir, mut app, mut commands) = window();
    let roberta = uid_of(&app, "Roberta");
    app.step(
        Message::Contacts(contacts::Message::ToggleMenu(roberta.clone())),
        Instant::now(),
    );
    app.step(
        Message::Contacts(contacts::Message::AccountChosen(AccountChoice {
            id: AccountId(2),
            label: "Office".to_owned(),
        })),
        Instant::now(),
    );
    app.step(
        Message::Contacts(contacts::Message::Call {
            uid: roberta,
            address: 1,
        }),
        Instant::now(),
    );
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Dial {
            target: "sip:roberta@pbx.example".to_owned(),
            account: Some(AccountId(2))
        }
    );
}

#[test]
fn a_caller_saved_in_another_format_is_named_on_the_incoming_screen() {
    let (_dir, mut app, _commands) = window();
    incoming(&mut app, 4, "\"Unknown\" <sip:+49301234567@pbx.example>");
    let ringing = app.incoming.as_ref().expect("the incoming screen");
    assert_eq!(ringing.contact(), Some("Roberta Quillfeather"));
    assert_eq!(ringing.title(), "Roberta Quillfeather");
}

#[test]
fn a_finished_call_adds_a_history_row_with_the_contact() {
    let (_dir, mut app, _commands) = window();
    incoming(&mut app, 4, "sip:tom@river.example");
    event(
        &mut app,
        Event::CallState {
            call: CallId(4),
            state: CallState::Established,
            direction: Direction::Incoming,
            remote: "sip:tom@river.example".to_owned(),
            contact: None,
            account: None,
        },
    );
    assert_eq!(app.call.as_ref().unwrap().title(), "Tom Sawyer");
    ended(&mut app, 4, EndReason::RemoteHangup);
    app.step(Message::Show(Tab::History), Instant::now());
    let rows = app.history.entries();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].contact.as_deref(), Some("Tom Sawyer"));
    assert!(!rows[0].missed);
    assert_eq!(rows[0].direction, Direction::Incoming);
}

#[test]
fn a_missed_call_raises_the_badge_until_history_is_seen() {
    let (_dir, mut app, _commands) = window();
    assert_eq!(app.unseen_missed(), 0);
    incoming(&mut app, 7, "sip:stranger@example.net");
    ended(&mut app, 7, EndReason::CallerCancelled);
    assert_eq!(app.unseen_missed(), 1);
    app.step(Message::Show(Tab::History), Instant::now());
    assert_eq!(app.unseen_missed(), 0);
    app.step(
        Message::History(history::Message::ShowMissed),
        Instant::now(),
    );
    let rows = app.history.entries();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].missed);
    assert_eq!(rows[0].remote, "sip:stranger@example.net");
}

#[test]
fn a_history_entry_is_called_back_and_its_caller_added_to_contacts() {
    let (_dir, mut app, mut commands) = window();
    incoming(&mut app, 7, "\"Stranger\" <sip:stranger@example.net>;tag=9");
    ended(&mut app, 7, EndReason::CallerCancelled);
    app.step(Message::Show(Tab::History), Instant::now());
    let id = app.history.entries()[0].id;
    app.step(
        Message::History(history::Message::CallBack(id)),
        Instant::now(),
    );
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Dial {
            target: "sip:stranger@example.net".to_owned(),
            account: None
        }
    );
    app.step(
        Message::History(history::Message::AddToContacts(id)),
        Instant::now(),
    );
    app.step(
        Message::Editor(contact_editor::Message::Name("A Stranger".to_owned())),
        Instant::now(),
    );
    app.step(
        Message::Editor(contact_editor::Message::Save),
        Instant::now(),
    );
    let (name, _uid) = app
        .phonebook
        .identify("sip:stranger@example.net")
        .expect("the caller is a contact now");
    assert_eq!(name, "A Stranger");
    app.step(
        Message::History(history::Message::Delete(id)),
        Instant::now(),
    );
    assert!(app.history.entries().is_empty());
}

#[test]
fn typing_with_no_field_focused_starts_a_search() {
    let (_dir, mut app, _commands) = window();
    app.step(Message::Show(Tab::History), Instant::now());
    let effect = app.step(Message::Key(Shortcut::Type("t".to_owned())), Instant::now());
    assert_eq!(effect, Effect::FocusSearch);
    assert!(matches!(app.page, Page::Contacts));
    assert_eq!(app.contacts.query(), "t");
}

#[test]
fn a_ringing_call_takes_no_keys_and_esc_declines_it() {
    let (_dir, mut app, mut commands) = window();
    incoming(&mut app, 3, "sip:tom@river.example");
    assert_eq!(
        app.step(Message::WindowOpened, Instant::now()),
        Effect::None,
        "an incoming call never takes the keyboard"
    );
    app.step(
        Message::Key(Shortcut::Type("\r".to_owned())),
        Instant::now(),
    );
    app.step(Message::Key(Shortcut::Type("y".to_owned())), Instant::now());
    assert!(
        commands.try_recv().is_err(),
        "typing neither answers nor declines"
    );
    app.step(Message::Key(Shortcut::Escape), Instant::now());
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Decline { call: CallId(3) }
    );
}

#[test]
fn digits_send_dtmf_on_the_call_page_and_esc_hangs_up() {
    let (_dir, mut app, mut commands) = window();
    event(
        &mut app,
        Event::CallState {
            call: CallId(8),
            state: CallState::Established,
            direction: Direction::Outgoing,
            remote: "sip:ivr@example".to_owned(),
            contact: None,
            account: None,
        },
    );
    app.step(Message::Key(Shortcut::Type("5".to_owned())), Instant::now());
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::SendDtmf {
            call: CallId(8),
            digits: "5".to_owned()
        }
    );
    // The call stays in sight in the call bar while the user looks something up.
    app.step(Message::Show(Tab::Contacts), Instant::now());
    assert!(app.call.is_some());
    app.step(Message::Key(Shortcut::Escape), Instant::now());
    assert_eq!(
        commands.try_recv().unwrap(),
        Command::Hangup { call: CallId(8) }
    );
}

#[test]
fn a_contact_is_added_edited_and_deleted_from_the_window() {
    let (dir, mut app, _commands) = window();
    app.step(
        Message::Contacts(contacts::Message::NewContact),
        Instant::now(),
    );
    for message in [
        contact_editor::Message::Name("Huck Finn".to_owned()),
        contact_editor::Message::AddAddress,
        contact_editor::Message::AddressValue(0, "0151 2345678".to_owned()),
        contact_editor::Message::Favourite(true),
        contact_editor::Message::Save,
    ] {
        app.step(Message::Editor(message), Instant::now());
    }
    let Page::Contact(page) = &app.page else {
        panic!("the new contact's page is shown");
    };
    let uid = page.uid().to_owned();
    assert!(dir
        .path()
        .join("contacts")
        .join(format!("{uid}.vcf"))
        .is_file());
    search(&mut app, "");
    assert_eq!(names(&app)[..2], ["Huck Finn", "Roberta Quillfeather"]);

    app.step(
        Message::ContactPage(contact_page::Message::Delete),
        Instant::now(),
    );
    app.step(
        Message::ContactPage(contact_page::Message::ConfirmDelete),
        Instant::now(),
    );
    assert!(app.phonebook.get(&uid).is_none());
    assert!(!names(&app).contains(&"Huck Finn".to_owned()));
}

#[test]
fn contacts_are_exported_one_or_all_to_the_documents_folder() {
    let (dir, mut app, _commands) = window();
    let documents = dir.path().join("Documents");
    app.export_dir = documents.clone();
    let tom = uid_of(&app, "Tom Sawyer");
    app.step(
        Message::Contacts(contacts::Message::Open(tom)),
        Instant::now(),
    );
    app.step(
        Message::ContactPage(contact_page::Message::Export),
        Instant::now(),
    );
    let one = documents.join("Tom Sawyer.vcf");
    let text = std::fs::read_to_string(&one).expect("the contact's file is written");
    assert!(text.contains("FN:Tom Sawyer"), "{text}");
    assert!(!text.contains("Roberta"), "{text}");
    let notice = app
        .info
        .clone()
        .expect("the user is told where the file is");
    assert!(notice.contains(&one.display().to_string()), "{notice}");

    app.step(
        Message::Contacts(contacts::Message::ExportAll),
        Instant::now(),
    );
    let all = std::fs::read_to_string(documents.join("contacts.vcf")).expect("all contacts");
    assert_eq!(all.matches("BEGIN:VCARD").count(), 3, "{all}");
    assert!(app.info.as_deref().is_some_and(|n| n.contains('3')));

    std::fs::remove_dir_all(&documents).expect("clean");
    std::fs::write(&documents, "a file where the folder should be").expect("blocker");
    app.step(
        Message::Contacts(contacts::Message::ExportAll),
        Instant::now(),
    );
    let error = app.error.clone().expect("a failed export is reported");
    assert!(error.contains("Documents"), "{error}");
}
