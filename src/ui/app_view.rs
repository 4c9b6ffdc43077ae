//! How the application looks: the engine banner, any error, then the current screen.

use super::{App, EngineStatus, Message, Screen};
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, container, row, scrollable, space, text};
use iced::{Alignment, Element, Length, Theme};

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![].spacing(style::SPACING).max_width(520);
        // First on the page, so notices above the dialer never move it.
        let prompt = self
            .password_prompt()
            .filter(|_| matches!(self.screen, Screen::Dialer));
        if matches!(self.screen, Screen::Dialer) && !self.settings_open && prompt.is_none() {
            let open_settings = button(text(tr("settings-open")).size(style::SMALL_SIZE))
                .on_press(Message::OpenSettings)
                .style(button::secondary);
            page = page.push(row![space::horizontal(), open_settings]);
        }

        if let Some(banner) = self.engine_banner() {
            page = page.push(banner);
        }
        if let Some(error) = &self.error {
            let dismiss = button(text(tr("ended-dismiss")).size(style::SMALL_SIZE))
                .on_press(Message::DismissError)
                .style(button::secondary);
            page = page.push(style::notice(
                row![
                    text(error).size(style::SMALL_SIZE).width(Length::Fill),
                    dismiss
                ]
                .spacing(8)
                .align_y(Alignment::Center),
                container::danger,
            ));
        }
        let screen: Element<'_, Message> = match (&self.screen, prompt) {
            // Before the settings and the dialer: the account waits for it.
            (Screen::Dialer, Some(prompt)) => prompt
                .view(self.prompts.len().saturating_sub(1))
                .map(Message::PasswordPrompt),
            (Screen::Dialer, None) if self.settings_open => {
                self.settings_panel.view().map(Message::Settings)
            }
            (Screen::Dialer, None) => {
                let mut dialer_page = column![].spacing(style::SPACING);
                if let Some(notice) = &self.notice {
                    dialer_page = dialer_page.push(notice.view().map(Message::Ended));
                }
                let can_call = matches!(
                    self.engine,
                    EngineStatus::Starting | EngineStatus::Running(_)
                );
                dialer_page
                    .push(
                        self.dialer
                            .view(self.contact.as_deref(), can_call)
                            .map(Message::Dialer),
                    )
                    .into()
            }
            (Screen::InCall(screen), _) => column![
                space::vertical().height(24),
                screen.view().map(Message::InCall)
            ]
            .into(),
            (Screen::Incoming(screen), _) => column![
                space::vertical().height(24),
                screen.view().map(Message::Incoming)
            ]
            .into(),
        };
        page = page.push(screen);

        let centered = container(page)
            .padding(style::PADDING)
            .width(Length::Fill)
            .center_x(Length::Fill);
        scrollable(centered).height(Length::Fill).into()
    }

    fn engine_banner(&self) -> Option<Element<'_, Message>> {
        let (words, style): (String, fn(&Theme) -> container::Style) = match &self.engine {
            EngineStatus::Starting => (tr("engine-starting"), container::rounded_box),
            EngineStatus::Running(_) => return None,
            EngineStatus::Failed(detail) => (
                tr_args("engine-failed", &[("detail", detail)]),
                container::danger,
            ),
            EngineStatus::Stopped if self.quitting => return None,
            EngineStatus::Stopped => (tr("engine-stopped"), container::danger),
        };
        Some(style::notice(text(words).size(style::BODY_SIZE), style))
    }
}
