//! How the window looks: an incoming call over everything; otherwise the search bar, notices,
//! the left rail beside the page, and the call bar while a call runs.

use super::{App, EngineStatus, Message, Page};
use crate::config::ThemeChoice;
use crate::ui::i18n::{tr, tr_args};
use crate::ui::style;
use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length, Theme};

impl App {
    pub fn theme(&self) -> Theme {
        let dark = match self.settings_panel.settings().general.theme {
            ThemeChoice::Light => false,
            ThemeChoice::Dark => true,
            ThemeChoice::System => self.system_theme == iced::theme::Mode::Dark,
        };
        if dark {
            Theme::Dark
        } else {
            Theme::Light
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some(incoming) = &self.incoming {
            // The whole window: nothing else competes with Answer and Decline.
            return container(incoming.view().map(Message::Incoming))
                .padding(style::PADDING)
                .center(Length::Fill)
                .into();
        }
        if let Some(page) = self.full_window_page() {
            return page;
        }
        let mut window = column![].spacing(style::GAP);
        window = window.push(self.top_bar());
        let body = row![
            self.rail(),
            container(self.page_view())
                .width(Length::Fill)
                .height(Length::Fill)
                .padding([0, 6])
        ]
        .spacing(style::GAP)
        .height(Length::Fill);
        window = window.push(body);
        // Below the page, so a notice coming or going never moves what is under the pointer.
        for notice in self.notices() {
            window = window.push(notice);
        }
        if let Some(notice) = &self.notice {
            window = window.push(notice.view().map(Message::Ended));
        }
        if let Some(bar) = self.call_bar() {
            window = window.push(bar);
        }
        container(window)
            .padding(style::MARGIN)
            .width(Length::Fill)
            .height(Length::Fill)
            .into()
    }

    /// The engine's state and any error or news, above every page.
    fn notices(&self) -> Vec<Element<'_, Message>> {
        let mut notices = Vec::new();
        if let Some(banner) = self.engine_banner() {
            notices.push(banner);
        }
        if let Some(error) = &self.error {
            notices.push(dismissable(error, container::danger));
        }
        if let Some(info) = &self.info {
            notices.push(dismissable(info, container::rounded_box));
        }
        notices
    }

    /// A password prompt, and the settings, take the whole window: they are forms to finish,
    /// with their own way back.
    fn full_window_page(&self) -> Option<Element<'_, Message>> {
        let content = match self.password_prompt() {
            Some(prompt) if !matches!(self.page, Page::Call) => prompt
                .view(self.prompts.len().saturating_sub(1))
                .map(Message::PasswordPrompt),
            _ if matches!(self.page, Page::Settings) => {
                self.settings_panel.view().map(Message::Settings)
            }
            _ => return None,
        };
        let mut page = column![].spacing(style::SPACING).max_width(520);
        for notice in self.notices() {
            page = page.push(notice);
        }
        page = page.push(content);
        let centered = container(page)
            .padding(style::PADDING)
            .width(Length::Fill)
            .center_x(Length::Fill);
        Some(scrollable(centered).height(Length::Fill).into())
    }

    fn page_view(&self) -> Element<'_, Message> {
        let accounts = &self.accounts;
        match &self.page {
            Page::Contacts => self
                .contacts
                .view(&self.phonebook, accounts)
                .map(Message::Contacts),
            Page::Contact(page) => page
                .view(&self.phonebook, accounts)
                .map(Message::ContactPage),
            Page::Editor(editor) => editor.view().map(Message::Editor),
            Page::History => self.history.view().map(Message::History),
            Page::DialPad => self
                .dial_pad
                .view(accounts, self.contact.as_deref())
                .map(Message::DialPad),
            Page::Call => match &self.call {
                Some(call) => call.view().map(Message::InCall),
                None => text(tr("call-none")).size(style::BODY_SIZE).into(),
            },
            // Drawn over the whole window (see `full_window_page`).
            Page::Settings => self.settings_panel.view().map(Message::Settings),
        }
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

/// A notice with a Dismiss button.
fn dismissable(words: &str, style: fn(&Theme) -> container::Style) -> Element<'_, Message> {
    let dismiss = button(text(tr("ended-dismiss")).size(style::SMALL_SIZE))
        .on_press(Message::DismissError)
        .style(button::secondary);
    style::notice(
        row![
            text(words).size(style::SMALL_SIZE).width(Length::Fill),
            dismiss
        ]
        .spacing(8)
        .align_y(Alignment::Center),
        style,
    )
}
