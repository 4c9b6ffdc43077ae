//! The tray icon: a StatusNotifierItem (with its com.canonical.dbusmenu menu) served by
//! `ksni` on the session bus, showing [`TrayState`] and turning clicks into [`Request`]s.
//!
//! It runs on the instance's bus thread; the window hands it a new state whenever what it
//! shows changes ([`Tray::show`]), and nothing runs in between: no timer, no polling.

use super::instance::{Instance, Request};
use super::tray_view::{self, Attention, TrayState};
use ksni::menu::{CheckmarkItem, StandardItem};
use ksni::{MenuItem, TrayMethods};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;

/// The application ID, which trays use to tell items apart.
const ID: &str = "org.handset.Handset";
/// Icon sizes drawn for trays that cannot find the themed icon.
const PIXMAP_SIZES: [u32; 3] = [16, 22, 32];

/// The tray item, as ksni serves it.
struct HandsetItem {
    state: TrayState,
    requests: UnboundedSender<Request>,
    /// Whether a StatusNotifierWatcher took the item.
    shown: Arc<AtomicBool>,
}

impl ksni::Tray for HandsetItem {
    fn id(&self) -> String {
        ID.to_owned()
    }

    fn title(&self) -> String {
        tray_view::title()
    }

    fn category(&self) -> ksni::Category {
        ksni::Category::Communications
    }

    fn status(&self) -> ksni::Status {
        match self.state.attention() {
            Attention::Active => ksni::Status::Active,
            Attention::NeedsAttention => ksni::Status::NeedsAttention,
        }
    }

    fn icon_name(&self) -> String {
        ID.to_owned()
    }

    fn icon_pixmap(&self) -> Vec<ksni::Icon> {
        let dot = self.state.dot();
        PIXMAP_SIZES
            .iter()
            .map(|&size| ksni::Icon {
                width: size as i32,
                height: size as i32,
                data: tray_view::pixmap(size, dot),
            })
            .collect()
    }

    fn tool_tip(&self) -> ksni::ToolTip {
        ksni::ToolTip {
            icon_name: ID.to_owned(),
            icon_pixmap: Vec::new(),
            title: self.state.headline(),
            description: self.state.details(),
        }
    }

    fn activate(&mut self, _x: i32, _y: i32) {
        let _ = self.requests.send(Request::ToggleWindow);
    }

    fn menu(&self) -> Vec<MenuItem<Self>> {
        vec![
            StandardItem {
                label: self.state.window_item(),
                activate: Box::new(|item: &mut Self| {
                    let _ = item.requests.send(Request::ToggleWindow);
                }),
                ..Default::default()
            }
            .into(),
            CheckmarkItem {
                label: tray_view::dnd_item(),
                checked: self.state.do_not_disturb,
                activate: Box::new(|item: &mut Self| {
                    // Shown at once; the window saves it and sends the state back.
                    item.state.do_not_disturb = !item.state.do_not_disturb;
                    let _ = item
                        .requests
                        .send(Request::DoNotDisturb(item.state.do_not_disturb));
                }),
                ..Default::default()
            }
            .into(),
            MenuItem::Separator,
            StandardItem {
                label: tray_view::quit_item(),
                icon_name: "application-exit".to_owned(),
                activate: Box::new(|item: &mut Self| {
                    let _ = item.requests.send(Request::Quit);
                }),
                ..Default::default()
            }
            .into(),
        ]
    }

    fn watcher_online(&self) {
        self.shown.store(true, Ordering::Relaxed);
        let _ = self.requests.send(Request::TrayShown(true));
    }

    fn watcher_offline(&self, reason: ksni::OfflineReason) -> bool {
        tracing::info!("no tray shows Handset's icon now: {reason:?}");
        self.shown.store(false, Ordering::Relaxed);
        let _ = self.requests.send(Request::TrayShown(false));
        // Keep serving: a tray that starts later (or restarts) picks the icon up.
        true
    }
}

/// The running tray icon.
pub struct Tray {
    handle: ksni::Handle<HandsetItem>,
    runtime: tokio::runtime::Handle,
    showing: TrayState,
    shown: Arc<AtomicBool>,
}

impl Tray {
    /// Puts the icon on the session bus, on the instance's thread. It registers with a
    /// StatusNotifierWatcher when there is one, now or later, and says so with
    /// [`Request::TrayShown`].
    pub fn start(instance: &Instance, state: TrayState) -> Result<Tray, String> {
        // Taken until the watcher turns it away (`watcher_offline`).
        let shown = Arc::new(AtomicBool::new(true));
        let item = HandsetItem {
            state: state.clone(),
            requests: instance.sender(),
            shown: shown.clone(),
        };
        let runtime = instance.runtime().clone();
        let spawned = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    runtime.block_on(async {
                        // A missing watcher is not an error: `watcher_offline` says so.
                        item.assume_sni_available(true).spawn().await
                    })
                })
                .join()
        });
        let handle = match spawned {
            Ok(Ok(handle)) => handle,
            Ok(Err(e)) => return Err(e.to_string()),
            Err(_) => return Err("the tray stopped while starting".to_owned()),
        };
        if shown.load(Ordering::Relaxed) {
            tracing::info!("the tray shows Handset's icon");
        }
        Ok(Tray {
            handle,
            runtime,
            showing: state,
            shown,
        })
    }

    /// Whether a tray shows the icon now.
    pub fn is_shown(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }

    /// Shows `state`, when it differs from what the icon shows.
    pub fn show(&mut self, state: &TrayState) {
        if *state == self.showing {
            return;
        }
        self.showing = state.clone();
        let handle = self.handle.clone();
        let state = state.clone();
        self.runtime.spawn(async move {
            handle.update(|item| item.state = state).await;
        });
    }
}

impl Drop for Tray {
    fn drop(&mut self) {
        // Off the bus at once: a tray must not keep showing an icon whose program is gone.
        // The request is sent now; waiting for it to be carried out is the bus thread's job.
        drop(self.handle.shutdown());
    }
}
