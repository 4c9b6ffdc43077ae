//! A registrar that accepts every REGISTER without a challenge and notes when the first one
//! arrived. It stands in for a provider so the start-up benchmark measures only the client.

use std::net::UdpSocket;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub struct FakeRegistrar {
    pub port: u16,
    first_register: Arc<Mutex<Option<Instant>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeRegistrar {
    pub fn start() -> FakeRegistrar {
        let socket = UdpSocket::bind("127.0.0.1:0").expect("bind the fake registrar");
        socket
            .set_read_timeout(Some(Duration::from_millis(50)))
            .expect("socket timeout");
        let port = socket.local_addr().expect("local address").port();
        let first_register = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let first_register = Arc::clone(&first_register);
            let stop = Arc::clone(&stop);
            thread::spawn(move || serve(&socket, &first_register, &stop))
        };
        FakeRegistrar {
            port,
            first_register,
            stop,
            thread: Some(thread),
        }
    }

    /// When the first REGISTER arrived, waiting up to `limit` for it.
    pub fn wait_first_register(&self, limit: Duration) -> Option<Instant> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(at) = *self.first_register.lock().expect("registrar lock") {
                return Some(at);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for FakeRegistrar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(socket: &UdpSocket, first: &Mutex<Option<Instant>>, stop: &AtomicBool) {
    let mut buffer = [0u8; 65_535];
    while !stop.load(Ordering::Relaxed) {
        let Ok((len, from)) = socket.recv_from(&mut buffer) else {
            continue;
        };
        let arrived = Instant::now();
        let text = String::from_utf8_lossy(&buffer[..len]);
        if !text.starts_with("REGISTER ") {
            continue;
        }
        first.lock().expect("registrar lock").get_or_insert(arrived);
        let _ = socket.send_to(ok_for(&text).as_bytes(), from);
    }
}

/// 200 OK echoing the request's transaction headers and granting the Contact it asked for.
fn ok_for(request: &str) -> String {
    let mut response = String::from("SIP/2.0 200 OK\r\n");
    let mut expires = "60".to_owned();
    for line in request.lines() {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let lower = name.trim().to_ascii_lowercase();
        match lower.as_str() {
            "via" | "v" | "from" | "f" | "call-id" | "i" | "cseq" => {
                response.push_str(line);
                response.push_str("\r\n");
            }
            "to" | "t" => response.push_str(&format!("{line};tag=fakereg\r\n")),
            "expires" => expires = value.trim().to_owned(),
            _ => {}
        }
    }
    if let Some(contact) = request
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("contact:") || l.starts_with("m:"))
    {
        let value = contact.split_once(':').map_or("", |(_, v)| v).trim();
        let value = value.split(";expires=").next().unwrap_or(value);
        response.push_str(&format!("Contact: {value};expires={expires}\r\n"));
    }
    response.push_str("Content-Length: 0\r\n\r\n");
    response
}
