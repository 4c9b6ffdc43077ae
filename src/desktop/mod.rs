//! The desktop face: what Handset does with the desktop around the window. It hears the
//! engine's `Event`s and answers with `Command`s, like every face.

pub mod inhibit;
mod inhibit_bus;
pub mod notifications;
mod notifications_bus;
mod notifications_text;
