//! How the Network page looks: the SIP and TLS ports, the listening transports, the
//! keep-alive interval and the name server, each with its problem right below it, and Save.

use super::network::{DNS_SERVER_FIELD, KEEPALIVE_FIELD};
use super::view::small_button;
use super::{Message, SettingsPanel};
use crate::config::Transport;
use crate::ui::i18n::tr;
use crate::ui::style;
use iced::widget::{checkbox, column, row, text, text_input};
use iced::Element;

impl SettingsPanel {
    pub(super) fn network_view(&self) -> Element<'_, Message> {
        let flags = self.settings.network.transports;
        let mut content = column![
            self.typed_field(
                "settings-network-sip-port",
                "5060",
                &self.sip_port,
                Message::SipPortChanged,
                "network.sip_port",
            ),
            self.typed_field(
                "settings-network-tls-port",
                "5061",
                &self.tls_port,
                Message::TlsPortChanged,
                "network.tls_port",
            ),
        ]
        .spacing(6);
        content = content.push(text(tr("settings-network-transports")).size(style::SMALL_SIZE));
        let flag = |transport: Transport, on: bool| {
            checkbox(on)
                .label(transport.as_str().to_ascii_uppercase())
                .on_toggle(move |on| Message::TransportFlag(transport, on))
                .text_size(style::SMALL_SIZE)
        };
        content = content.push(
            row![
                flag(Transport::Udp, flags.udp),
                flag(Transport::Tcp, flags.tcp),
                flag(Transport::Tls, flags.tls)
            ]
            .spacing(16),
        );
        if let Some(error) = self.network_error("network.transports") {
            content = content.push(text(error).size(style::SMALL_SIZE).style(text::danger));
        }
        content
            .push(self.keepalive_field())
            .push(self.dns_server_field())
            .push(small_button("settings-save", Message::SaveNetwork, true))
            .into()
    }

    /// The keep-alive interval field of the network page.
    pub(super) fn keepalive_field(&self) -> Element<'_, Message> {
        self.typed_field(
            "settings-network-keepalive",
            "25",
            &self.keepalive,
            Message::KeepaliveChanged,
            KEEPALIVE_FIELD,
        )
    }

    /// The name server field: empty asks the system's resolver.
    fn dns_server_field(&self) -> Element<'_, Message> {
        self.typed_field(
            "settings-network-dns-server",
            &tr("settings-network-dns-server-placeholder"),
            &self.dns_server,
            Message::DnsServerChanged,
            DNS_SERVER_FIELD,
        )
    }

    /// A field typed as text: its label, the input (Enter saves the page), and its problem
    /// right below it.
    fn typed_field<'a>(
        &'a self,
        label_key: &str,
        placeholder: &str,
        value: &'a str,
        on_input: fn(String) -> Message,
        field: &str,
    ) -> Element<'a, Message> {
        let mut content = column![
            text(tr(label_key)).size(style::SMALL_SIZE),
            text_input(placeholder, value)
                .on_input(on_input)
                .on_submit(Message::SaveNetwork)
                .size(style::SMALL_SIZE)
                .padding(6),
        ]
        .spacing(6);
        if let Some(error) = self.network_error(field) {
            content = content.push(text(error).size(style::SMALL_SIZE).style(text::danger));
        }
        content.into()
    }
}
