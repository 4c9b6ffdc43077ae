//! The window's side of the desktop face: requests from the session bus (a second start, a
//! link, the tray's menu) arrive through a subscription, and the tray is handed what it shows.

use crate::desktop::instance::{Instance, Request};
use crate::desktop::tray::Tray;
use iced::futures::{SinkExt, Stream};
use iced::Subscription;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc::UnboundedReceiver;

/// What the window gets of the desktop face at start.
#[derive(Default)]
pub struct DesktopStart {
    /// Where the bus's requests arrive; `None` without a session bus.
    pub requests: Option<RequestQueue>,
    pub tray: Option<Tray>,
    /// Whether a tray showed our icon at start.
    pub tray_shown: bool,
    /// The window starts hidden.
    pub hidden: bool,
    /// Links to call once the phone is up (`handset sip:…`).
    pub links: Vec<String>,
}

/// The queue of [`Request`]s, taken by the subscription when it starts.
#[derive(Clone)]
pub struct RequestQueue(Arc<Mutex<Option<UnboundedReceiver<Request>>>>);

impl RequestQueue {
    pub fn of(instance: &Instance) -> RequestQueue {
        RequestQueue(instance.requests())
    }
}

impl Hash for RequestQueue {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // There is one queue for the window's whole life.
        "desktop-requests".hash(state);
    }
}

/// The requests, as they come.
pub fn subscription(queue: &RequestQueue) -> Subscription<Request> {
    Subscription::run_with(queue.clone(), request_stream)
}

fn request_stream(queue: &RequestQueue) -> impl Stream<Item = Request> + use<> {
    let receiver = queue.0.lock().ok().and_then(|mut taken| taken.take());
    iced::stream::channel(16, async move |mut output| {
        if let Some(mut receiver) = receiver {
            while let Some(request) = receiver.recv().await {
                if output.send(request).await.is_err() {
                    break;
                }
            }
        }
        // Stay open: the bus thread lives as long as the window.
        std::future::pending::<()>().await;
    })
}
