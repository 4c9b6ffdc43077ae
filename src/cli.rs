//! Command-line parsing, and the checks that must fail before anything starts.

use clap::{Args, Parser, Subcommand, ValueEnum};
use handset::config::peer_user;
use handset::config::secrets::{AccountSecrets, FileSecretStore, SecretServiceStore};
use handset::config::ConfigStore;
use handset::engine::api::launch::{AccountSetup, AudioBackend, EngineConfig};
use handset::headless::{self, HeadlessOptions};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Parser)]
#[command(name = "handset", version, about = "A SIP softphone for the desktop")]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Mode>,
    /// With no subcommand, the window opens with these options.
    #[command(flatten)]
    pub gui: GuiArgs,
}

// Parsed once at start: the size of the headless variant costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Mode {
    /// Open the window (the default).
    Gui(GuiArgs),
    /// No window: read Commands as JSON lines on stdin, print Events as JSON lines on stdout.
    Headless(HeadlessArgs),
    /// Add the contacts of a .vcf file (vCard 2.1, 3.0 or 4.0) to Handset's contacts.
    Import(crate::cli_contacts::ImportArgs),
    /// Print Handset's contacts (or one) as vCard 4.0.
    Export(crate::cli_contacts::ExportArgs),
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([0, 0, 0, 0], 5060))
}

#[derive(Debug, Args)]
pub struct GuiArgs {
    /// Address and port to listen on for SIP over UDP. Default: all addresses, on the SIP
    /// port saved in the settings (5060 unless changed there).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<SocketAddr>,
    /// Read and write settings in this folder instead of the XDG config folder.
    #[arg(long, value_name = "DIR")]
    pub config: Option<PathBuf>,
    /// Read contacts (DIR/contacts) and keep the call history (DIR/history.db) here instead
    /// of the XDG data folder (or the --config folder when that is given).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Call this sip:, sips:, tel: or callto: link; a Handset that already runs is handed
    /// the link and shows its window.
    #[arg(value_name = "URI")]
    pub uri: Option<String>,
    /// Start in the background with the window hidden (D-Bus activation, autostart).
    #[arg(long, hide = true)]
    pub gapplication_service: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudioKind {
    /// The sound card (PulseAudio, or ALSA).
    Device,
    /// WAV files given by --play and --record.
    Wav,
    /// Silence in, nothing out.
    Null,
}

#[derive(Debug, Args)]
pub struct HeadlessArgs {
    /// Address and port to listen on for SIP over UDP (port 0 picks a free one). Default:
    /// all addresses, on the SIP port of --config's settings, else 5060.
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<SocketAddr>,
    /// Use this WAV file as the microphone (real-time paced; silence after its end).
    #[arg(long, value_name = "FILE.wav")]
    pub play: Option<PathBuf>,
    /// Record what the speaker would play into this WAV file.
    #[arg(long, value_name = "FILE.wav")]
    pub record: Option<PathBuf>,
    /// Where call audio goes. Default: wav if --play or --record is given, else device.
    #[arg(long, value_enum)]
    pub audio: Option<AudioKind>,
    /// Answer every incoming call at once.
    #[arg(long)]
    pub auto_answer: bool,
    /// Call this SIP URI as soon as Handset is ready.
    #[arg(long, value_name = "URI")]
    pub dial: Option<String>,
    /// Hang up each call this many seconds after it is established.
    #[arg(long, value_name = "SECONDS")]
    pub hangup_after: Option<f64>,
    /// Exit when the first call ends.
    #[arg(long)]
    pub exit_after_call: bool,
    /// Our user name in From and Contact, and the user an INVITE must name to ring here
    /// peer-to-peer. Default: a random token made once and kept in the data folder
    /// (DATA/peer-user), so the address stays the same and scanners cannot guess it.
    #[arg(long)]
    pub user: Option<String>,
    /// Our display name in From.
    #[arg(long)]
    pub display_name: Option<String>,
    /// Codecs to offer and accept, best first (default: opus,G722,PCMU,PCMA,GSM,iLBC).
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub codecs: Vec<String>,
    /// Load settings and accounts from DIR/config.toml, and register the enabled accounts.
    /// Passwords come from the Secret Service, or, for accounts whose password_storage is
    /// "file", from the 0600 file DIR/secrets.toml (see --secrets-file).
    #[arg(long, value_name = "DIR")]
    pub config: Option<PathBuf>,
    /// The 0600 password file for accounts with password_storage = "file", instead of
    /// DIR/secrets.toml. TOML: `[passwords]` then `1 = "secret"` per account id.
    #[arg(long, value_name = "FILE", requires = "config")]
    pub secrets_file: Option<PathBuf>,
    /// Read contacts (DIR/contacts) to name callers in incoming_call and call_state, and keep
    /// the call history (DIR/history.db) here instead of the XDG data folder (or the --config
    /// folder when that is given).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Act on the desktop as the window does: notifications for incoming and missed calls
    /// (their Answer, Decline and Call back work), the screen saver held off during calls, and
    /// the headset's play/pause button (MPRIS) answering and hanging up.
    #[arg(long)]
    pub desktop: bool,
}

pub fn run_gui(args: GuiArgs) -> Result<(), String> {
    use handset::desktop::instance::{claim, Claim};
    let links: Vec<String> = args.uri.into_iter().collect();
    // One Handset per session: a second start hands its link over and leaves.
    let instance = match claim(&links) {
        Claim::Primary(instance) => Some(instance),
        Claim::HandedOff => return Ok(()),
        Claim::NoBus(why) => {
            tracing::info!("no session bus ({why}): no tray, and every start is its own");
            None
        }
        Claim::Failed(why) => return Err(why),
    };
    let audio = AudioBackend::Device {
        input: None,
        output: None,
    };
    let mut options =
        handset::ui::GuiOptions::new(args.listen.unwrap_or_else(default_listen), audio);
    options.config_dir = args.config;
    options.data_dir = args.data;
    options.port_from_settings = args.listen.is_none();
    options.links = links;
    options.background = args.gapplication_service;
    handset::ui::run(options, instance).map_err(|e| e.to_string())
}

pub fn run_headless(args: HeadlessArgs) -> Result<(), String> {
    let audio = audio_backend(&args)?;
    let hangup_after = match args.hangup_after {
        Some(s) if s.is_finite() && s >= 0.0 => Some(Duration::from_secs_f64(s)),
        Some(s) => return Err(format!("--hangup-after {s}: give a number of seconds")),
        None => None,
    };
    let accounts = match &args.config {
        Some(dir) => Some(load_accounts(dir, args.secrets_file.clone())?),
        None => None,
    };
    let saved_port = accounts.as_ref().map(|a| a.settings.network.sip_port);
    let listen = args.listen.unwrap_or_else(|| {
        let mut listen = default_listen();
        listen.set_port(saved_port.unwrap_or(listen.port()));
        listen
    });
    let data_dir = handset::data_dir::resolve(args.data, args.config.as_deref())
        .map_err(|e| eprintln!("handset: {e}; callers are not named and no history is kept"))
        .ok();
    let user = match (args.user, &data_dir) {
        (Some(user), _) => user,
        (None, Some(dir)) => {
            let (user, trouble) = peer_user::load_or_create(dir);
            if let Some(trouble) = trouble {
                eprintln!("handset: warning: {trouble}");
            }
            user
        }
        (None, None) => peer_user::generate(),
    };
    let options = HeadlessOptions {
        accounts,
        engine: EngineConfig {
            listen,
            audio,
            auto_answer: args.auto_answer,
            user,
            display_name: args.display_name,
            codecs: checked_codecs(args.codecs)?,
        },
        dial: args.dial,
        hangup_after,
        exit_after_call: args.exit_after_call,
        data_dir,
        desktop: args.desktop,
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start: {e}"))?;
    let outcome = runtime.block_on(headless::run(options));
    // The stdin reader sits in a blocking read that only new input would end; do not wait
    // for it, or `quit` would leave the process hanging until stdin closes.
    runtime.shutdown_background();
    outcome.map_err(|e| e.to_string())
}

/// Settings from `--config DIR`: warnings go to stderr, an unloadable file stops us.
fn load_accounts(dir: &Path, secrets_file: Option<PathBuf>) -> Result<AccountSetup, String> {
    let mut store = ConfigStore::open(Some(dir.to_path_buf()))
        .map_err(|e| format!("--config {}: {e}", dir.display()))?;
    let loaded = store
        .load()
        .map_err(|e| format!("--config {}: {e}", dir.display()))?;
    for warning in &loaded.warnings {
        eprintln!(
            "handset: warning: {}: {}: {}",
            store.path().display(),
            warning.path,
            warning.detail
        );
    }
    let file = secrets_file.unwrap_or_else(|| store.paths().secrets_file());
    let secrets = AccountSecrets::with_stores(
        Box::new(SecretServiceStore::new()),
        Box::new(FileSecretStore::new(file)),
    );
    Ok(AccountSetup {
        settings: loaded.settings,
        secrets: Arc::new(secrets),
    })
}

/// An unknown codec name is a typo the user wants to hear about, not a silent no-op.
fn checked_codecs(names: Vec<String>) -> Result<Vec<String>, String> {
    let known = handset::media::codec::supported();
    for name in &names {
        // `preferred` also knows iLBC-20 and iLBC-30 (iLBC's frame mode).
        if handset::media::codec::preferred(std::slice::from_ref(name)).is_empty() {
            let list: Vec<_> = known.iter().map(|s| s.name).collect();
            return Err(format!(
                "--codecs: unknown codec {name:?}; known: {}, iLBC-20, iLBC-30",
                list.join(", ")
            ));
        }
    }
    Ok(names)
}

fn audio_backend(args: &HeadlessArgs) -> Result<AudioBackend, String> {
    let files_given = args.play.is_some() || args.record.is_some();
    let kind = args.audio.unwrap_or(if files_given {
        AudioKind::Wav
    } else {
        AudioKind::Device
    });
    match kind {
        AudioKind::Wav => {
            if let Some(play) = &args.play {
                check_readable_wav(play)?;
            }
            if let Some(record) = &args.record {
                check_writable(record)?;
            }
            Ok(AudioBackend::Wav {
                play: args.play.clone(),
                record: args.record.clone(),
            })
        }
        _ if files_given => Err("--play and --record need --audio wav".to_owned()),
        AudioKind::Device => Ok(AudioBackend::Device {
            input: None,
            output: None,
        }),
        AudioKind::Null => Ok(AudioBackend::Null),
    }
}

/// A wrong --play path should stop us at once, not at the first call.
fn check_readable_wav(path: &Path) -> Result<(), String> {
    hound::WavReader::open(path).map(|_| ()).map_err(|e| {
        format!(
            "--play {}: cannot read it as a WAV file: {e}",
            path.display()
        )
    })
}

fn check_writable(path: &Path) -> Result<(), String> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(|_| ())
        .map_err(|e| format!("--record {}: cannot write there: {e}", path.display()))
}
