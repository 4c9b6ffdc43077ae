//! The headless face: Commands as JSON lines on stdin, Events as JSON lines on stdout.
//!
//! It is how scripts, tests and benchmarks drive Handset, so it adds only conveniences that a
//! script would otherwise have to write itself: dial at start, auto-answer, hang up after a
//! while, exit after the first call.

use crate::contacts::Phonebook;
use crate::desktop::global_shortcuts::ShortcutCalls;
use crate::desktop::inhibit::ScreenInhibit;
use crate::desktop::notifications::Notifications;
use crate::desktop::{GlobalShortcuts, MediaPlayer, ShortcutNews};
use crate::engine::api::launch::{self, AccountSetup, EngineConfig, EngineError};
use crate::engine::api::{CallId, CallState, Command, ErrorInfo, Event};
use crate::history::CallLog;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::mpsc;

/// What `handset headless` was asked to do.
#[derive(Debug, Clone)]
pub struct HeadlessOptions {
    pub engine: EngineConfig,
    /// Accounts to register at start (from `--config DIR`); `None` is peer-to-peer.
    pub accounts: Option<AccountSetup>,
    /// Dial this URI as soon as the engine is ready.
    pub dial: Option<String>,
    /// Hang up each call this long after it is established.
    pub hangup_after: Option<Duration>,
    /// Stop when the first call ends.
    pub exit_after_call: bool,
    /// Where the contacts (to name callers) and the call history are; `None` keeps neither.
    pub data_dir: Option<PathBuf>,
    /// Act on the desktop as the window does: notifications for calls (their actions answer,
    /// decline and call back), the screen kept awake during calls, the media keys, and the
    /// global shortcuts when the settings (`--config`) switch them on.
    pub desktop: bool,
}

/// Why the headless face could not run.
#[derive(Debug, thiserror::Error)]
pub enum HeadlessError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
}

/// Run until Quit, end of a call with `exit_after_call`, or a signal.
pub async fn run(options: HeadlessOptions) -> Result<(), HeadlessError> {
    let mut handle =
        launch::start_with_accounts(options.engine.clone(), options.accounts.clone()).await?;
    let commands = handle.commands.clone();
    tokio::spawn(read_commands(commands.clone()));
    tokio::spawn(quit_on_signal(commands.clone()));
    let (hangup_tx, mut hangup_rx) = mpsc::unbounded_channel::<CallId>();
    let mut stdout = std::io::stdout();
    let (mut phonebook, mut call_log) = open_data(&options);
    let (desktop, mut desktop_commands) = start_desktop(&options);
    let (mut shortcuts, mut shortcut_news) = start_shortcuts(&options);
    loop {
        let event = tokio::select! {
            event = handle.events.recv() => event,
            Some(call) = hangup_rx.recv() => {
                let _ = commands.send(Command::Hangup { call });
                continue;
            }
            Some(command) = desktop_commands.recv() => {
                let _ = commands.send(command);
                continue;
            }
            Some(news) = shortcut_news.recv() => {
                if let (ShortcutNews::Pressed(shortcut), Some((_, calls))) = (news, &mut shortcuts) {
                    if let Some(command) = calls.press(shortcut) {
                        tracing::info!("global shortcut {}: {command:?}", shortcut.id());
                        let _ = commands.send(command);
                    }
                }
                continue;
            }
        };
        let Some(event) = event else { break };
        // Only events that name the other side need the contacts up to date; call_stats
        // arrive every second and must not cost a look at the folder.
        if matches!(event, Event::IncomingCall { .. } | Event::CallState { .. }) {
            phonebook.reload_if_changed();
        }
        let event = phonebook.name_caller(event);
        call_log.observe(&event, &|remote| phonebook.identify(remote));
        if let Some((notifications, inhibit, media_keys)) = &desktop {
            notifications.observe(&event);
            inhibit.observe(&event);
            media_keys.observe(&event);
        }
        if let Some((_, calls)) = &mut shortcuts {
            calls.observe(&event);
        }
        print_event(&mut stdout, &event)?;
        match &event {
            Event::Ready { .. } => {
                if let Some(target) = &options.dial {
                    let _ = commands.send(Command::Dial {
                        target: target.clone(),
                        account: None,
                    });
                }
            }
            Event::CallState {
                call,
                state: CallState::Established,
                ..
            } => {
                if let Some(after) = options.hangup_after {
                    schedule_hangup(*call, after, hangup_tx.clone());
                }
            }
            Event::CallEnded { .. } if options.exit_after_call => {
                let _ = commands.send(Command::Quit);
            }
            Event::Stopped => break,
            _ => {}
        }
    }
    Ok(())
}

/// The desktop face when asked for, and where the commands its notifications produce arrive
/// (a channel that stays empty without it).
fn start_desktop(
    options: &HeadlessOptions,
) -> (
    Option<(Notifications, ScreenInhibit, MediaPlayer)>,
    mpsc::UnboundedReceiver<Command>,
) {
    let (sender, receiver) = mpsc::unbounded_channel();
    if !options.desktop {
        return (None, receiver);
    }
    let do_not_disturb = options
        .accounts
        .as_ref()
        .is_some_and(|setup| setup.settings.general.do_not_disturb);
    let notifications = Notifications::start(sender.clone(), do_not_disturb);
    let media_keys = MediaPlayer::start(sender);
    (
        Some((notifications, ScreenInhibit::start(), media_keys)),
        receiver,
    )
}

/// The global shortcuts, when the desktop face runs and the settings switch them on, and
/// where their news arrives (a channel that stays empty without them).
fn start_shortcuts(
    options: &HeadlessOptions,
) -> (
    Option<(GlobalShortcuts, ShortcutCalls)>,
    mpsc::UnboundedReceiver<ShortcutNews>,
) {
    let (sender, receiver) = mpsc::unbounded_channel();
    let wanted = options.desktop
        && options
            .accounts
            .as_ref()
            .is_some_and(|setup| setup.settings.general.global_shortcuts);
    if !wanted {
        return (None, receiver);
    }
    let shortcuts = GlobalShortcuts::start(sender);
    shortcuts.set_enabled(true);
    (Some((shortcuts, ShortcutCalls::new())), receiver)
}

/// The contacts and history in the data folder. Problems are said on stderr: they must not
/// stop a phone that scripts rely on.
fn open_data(options: &HeadlessOptions) -> (Phonebook, CallLog) {
    let Some(dir) = &options.data_dir else {
        return (Phonebook::empty(), CallLog::disabled());
    };
    let chosen = options
        .accounts
        .as_ref()
        .and_then(|setup| setup.settings.general.default_country.clone());
    let country = Phonebook::country_for(chosen.as_deref());
    let phonebook = Phonebook::open(&crate::data_dir::contacts_dir(dir), country.as_deref());
    for problem in phonebook.problems() {
        eprintln!(
            "handset: contact file {} not read: {}",
            problem.file.display(),
            problem.reason
        );
    }
    let (call_log, problem) = CallLog::open(&crate::data_dir::history_file(dir));
    if let Some(problem) = problem {
        eprintln!("handset: {problem}");
    }
    (phonebook, call_log)
}

fn schedule_hangup(call: CallId, after: Duration, due: mpsc::UnboundedSender<CallId>) {
    tokio::spawn(async move {
        tokio::time::sleep(after).await;
        let _ = due.send(call);
    });
}

fn print_event(out: &mut impl Write, event: &Event) -> Result<(), HeadlessError> {
    let line = serde_json::to_string(event).unwrap_or_else(|e| {
        format!("{{\"event\":\"error\",\"code\":\"serialise\",\"detail\":\"{e}\"}}")
    });
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(HeadlessError::Stdout)
}

/// Forward each JSON line on stdin to the engine; a bad line is answered with an error event.
async fn read_commands(commands: mpsc::UnboundedSender<Command>) {
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    // End of input is not a request to quit: tests and scripts often run with stdin closed.
    while let Ok(Some(line)) = lines.next_line().await {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Command>(&line) {
            Ok(command) => {
                if commands.send(command).is_err() {
                    return;
                }
            }
            Err(e) => report_bad_command(&line, &e),
        }
    }
}

fn report_bad_command(line: &str, error: &serde_json::Error) {
    let event = Event::Error(ErrorInfo {
        code: "bad-command".to_owned(),
        key: "error-bad-command".to_owned(),
        detail: format!("{error} in {line:?}"),
    });
    let _ = print_event(&mut std::io::stdout(), &event);
}

async fn quit_on_signal(commands: mpsc::UnboundedSender<Command>) {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        return;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
    let _ = commands.send(Command::Quit);
}
