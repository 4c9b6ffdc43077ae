//! What the tray icon says, decided from what the window knows: the phone's state, missed
//! calls, a ringing call, whether the window is up and whether do-not-disturb is on. Pure, so
//! the wording and the status can be tested without a bus.

use crate::ui::i18n::{tr, tr_args};

/// Where the phone stands, summed up over its accounts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PhoneState {
    /// The engine is starting.
    #[default]
    Starting,
    /// No account: reachable peer-to-peer only.
    PeerToPeer,
    /// Every enabled account is registered.
    Registered,
    /// An account is on its way to registering.
    Registering,
    /// An account could not register; its name.
    Failed(String),
    /// The engine stopped or could not start.
    Stopped,
}

/// Everything the tray shows, as the window hands it over.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrayState {
    pub phone: PhoneState,
    /// Missed calls the user has not looked at.
    pub missed_calls: u32,
    /// Who calls, while a call rings.
    pub ringing: Option<String>,
    pub window_shown: bool,
    pub do_not_disturb: bool,
}

/// The item's status (StatusNotifierItem `Status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attention {
    Active,
    /// Something waits for the user: a ringing call, or missed calls not looked at.
    NeedsAttention,
}

/// The colour of the icon's dot: what a glance at the panel should tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dot {
    /// Reachable.
    Ready,
    /// Not yet, or not entirely.
    Waiting,
    /// Not reachable through an account.
    Problem,
}

impl TrayState {
    pub fn attention(&self) -> Attention {
        if self.ringing.is_some() || self.missed_calls > 0 {
            Attention::NeedsAttention
        } else {
            Attention::Active
        }
    }

    pub fn dot(&self) -> Dot {
        match self.phone {
            PhoneState::PeerToPeer | PhoneState::Registered => Dot::Ready,
            PhoneState::Starting | PhoneState::Registering => Dot::Waiting,
            PhoneState::Failed(_) | PhoneState::Stopped => Dot::Problem,
        }
    }

    /// The tooltip's first line: the phone's state.
    pub fn headline(&self) -> String {
        match &self.phone {
            PhoneState::Starting => tr("tray-starting"),
            PhoneState::PeerToPeer => tr("tray-peer-to-peer"),
            PhoneState::Registered => tr("tray-registered"),
            PhoneState::Registering => tr("tray-registering"),
            PhoneState::Failed(account) => tr_args("tray-failed", &[("account", account)]),
            PhoneState::Stopped => tr("tray-stopped"),
        }
    }

    /// The tooltip's body: who rings, how many calls were missed, do-not-disturb.
    pub fn details(&self) -> String {
        let mut lines = Vec::new();
        if let Some(caller) = &self.ringing {
            lines.push(tr_args("tray-ringing", &[("caller", caller)]));
        }
        if self.missed_calls > 0 {
            let count = self.missed_calls.to_string();
            lines.push(tr_args("tray-missed", &[("count", &count)]));
        }
        if self.do_not_disturb {
            lines.push(tr("tray-dnd-on"));
        }
        lines.join("\n")
    }

    /// The first menu entry: Hide while the window is up, Show while it is not.
    pub fn window_item(&self) -> String {
        if self.window_shown {
            tr("tray-hide")
        } else {
            tr("tray-show")
        }
    }
}

/// The labels of the menu's other entries.
pub fn dnd_item() -> String {
    tr("tray-dnd")
}

pub fn quit_item() -> String {
    tr("tray-quit")
}

/// The tray's title.
pub fn title() -> String {
    tr("tray-title")
}

/// A round icon, `size` pixels square, in ARGB32 with network byte order as the
/// StatusNotifierItem `IconPixmap` wants: the accent disc with a dot in the corner coloured
/// by [`Dot`]. Shown by trays that cannot find our themed icon (a build not installed).
pub fn pixmap(size: u32, dot: Dot) -> Vec<u8> {
    const ACCENT: [u8; 3] = [0x35, 0x84, 0xe4];
    let dot_colour = match dot {
        Dot::Ready => [0x2e, 0xc2, 0x7e],
        Dot::Waiting => [0xf6, 0xd3, 0x2d],
        Dot::Problem => [0xe0, 0x1b, 0x24],
    };
    let s = size as f32;
    let (disc_centre, disc_radius) = (s / 2.0, s / 2.0 - 0.5);
    let (dot_centre, dot_radius) = (s * 0.75, s * 0.22);
    let mut data = Vec::with_capacity((size * size * 4) as usize);
    for y in 0..size {
        for x in 0..size {
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            let inside = |cx: f32, cy: f32, r: f32| (px - cx).hypot(py - cy) <= r;
            let pixel = if inside(dot_centre, dot_centre, dot_radius) {
                Some(dot_colour)
            } else if inside(disc_centre, disc_centre, disc_radius) {
                Some(ACCENT)
            } else {
                None
            };
            match pixel {
                Some([r, g, b]) => data.extend_from_slice(&[0xff, r, g, b]),
                None => data.extend_from_slice(&[0, 0, 0, 0]),
            }
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missed_calls_and_a_ringing_call_ask_for_attention_and_are_counted() {
        let mut state = TrayState {
            phone: PhoneState::Registered,
            ..TrayState::default()
        };
        assert_eq!(state.attention(), Attention::Active);
        assert_eq!(state.details(), "");
        state.missed_calls = 2;
        assert_eq!(state.attention(), Attention::NeedsAttention);
        assert!(state.details().contains('2'), "{}", state.details());
        state.missed_calls = 0;
        state.ringing = Some("Roberta".to_owned());
        assert_eq!(state.attention(), Attention::NeedsAttention);
        assert!(state.details().contains("Roberta"), "{}", state.details());
    }

    #[test]
    fn the_dot_follows_the_registration() {
        let dot = |phone| TrayState {
            phone,
            ..TrayState::default()
        };
        assert_eq!(dot(PhoneState::Registered).dot(), Dot::Ready);
        assert_eq!(dot(PhoneState::PeerToPeer).dot(), Dot::Ready);
        assert_eq!(dot(PhoneState::Registering).dot(), Dot::Waiting);
        assert_eq!(dot(PhoneState::Failed("a".into())).dot(), Dot::Problem);
        assert!(dot(PhoneState::Failed("alice@example.com".into()))
            .headline()
            .contains("alice@example.com"));
    }

    #[test]
    fn the_pixmap_is_square_argb_with_a_transparent_corner() {
        let data = pixmap(22, Dot::Ready);
        assert_eq!(data.len(), 22 * 22 * 4);
        assert_eq!(&data[..4], &[0, 0, 0, 0]);
        let centre = (11 * 22 + 5) * 4;
        assert_eq!(data[centre], 0xff);
    }
}
