//! A scripted UDP registrar for tests that drive the engine in-process: it accepts every
//! REGISTER (no challenge) and tells the test each one it got.

use std::net::SocketAddr;
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

pub fn header<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    message
        .split("\r\n")
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// Starts the registrar on a free loopback port; returns its address and its REGISTERs.
pub async fn registrar() -> (SocketAddr, mpsc::UnboundedReceiver<String>) {
    let (addr, registers, _relay) = relaying_registrar().await;
    (addr, registers)
}

/// What a test sends from the registrar's own socket (as a proxy forwarding a call would),
/// and everything else the registrar receives.
pub struct Relay {
    pub send: mpsc::UnboundedSender<(String, SocketAddr)>,
    pub received: mpsc::UnboundedReceiver<String>,
}

/// [`registrar`], which also sends what the test gives its [`Relay`] from its own address.
pub async fn relaying_registrar() -> (SocketAddr, mpsc::UnboundedReceiver<String>, Relay) {
    let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let addr = socket.local_addr().unwrap();
    let (tx, rx) = mpsc::unbounded_channel();
    let (send, mut to_send) = mpsc::unbounded_channel::<(String, SocketAddr)>();
    let (others, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut buf = vec![0u8; 65_535];
        loop {
            let (len, from) = tokio::select! {
                got = socket.recv_from(&mut buf) => match got {
                    Ok(got) => got,
                    Err(_) => return,
                },
                Some((text, to)) = to_send.recv() => {
                    let _ = socket.send_to(text.as_bytes(), to).await;
                    continue;
                }
            };
            let request = String::from_utf8_lossy(&buf[..len]).to_string();
            if !request.starts_with("REGISTER ") {
                let _ = others.send(request);
                continue;
            }
            let expires = header(&request, "Expires").unwrap_or("60");
            let mut response = String::from("SIP/2.0 200 OK\r\n");
            for name in ["Via", "From", "Call-ID", "CSeq"] {
                let value = header(&request, name).unwrap_or_default();
                response.push_str(&format!("{name}: {value}\r\n"));
            }
            let to = header(&request, "To").unwrap_or_default();
            response.push_str(&format!("To: {to};tag=reg1\r\n"));
            if expires != "0" {
                let contact = header(&request, "Contact").unwrap_or_default();
                response.push_str(&format!("Contact: {contact};expires={expires}\r\n"));
            }
            response.push_str("Content-Length: 0\r\n\r\n");
            let _ = socket.send_to(response.as_bytes(), from).await;
            if tx.send(request).is_err() {
                return;
            }
        }
    });
    (addr, rx, Relay { send, received })
}
