//! A SIP scanner's flood, played by sipp: INVITEs to random (`scan123456`), numeric (`1001`)
//! and empty users (`sip:host:port`), at a fixed rate, from one source port, without
//! retransmissions. Shared by the ghost-call test and the flood benchmark, so both see the
//! same traffic.

use super::ports::free_port_block;
use super::process::ChildGuard;
use super::tools::require;
use std::fmt::Write as _;
use std::fs::File;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::Duration;

/// The INVITE of a scan and the ACK of its refusal. `[field0]` is `user@` or empty. A call
/// ends after its 404 (ACKed), or 2 s without one (dropped by a rate limit); anything else
/// (a phone that rings: 100, 180) is unexpected, and sipp gives that call up at once.
const SCENARIO: &str = r#"<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="ghost-call flood">
  <send>
    <![CDATA[
      INVITE sip:[field0][remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:scanner@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:[field0][remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:scanner@[local_ip]:[local_port]>
      Max-Forwards: 70
      User-Agent: friendly-scanner
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=- 1 1 IN IP4 [local_ip]
      s=-
      c=IN IP4 [local_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000
    ]]>
  </send>
  <recv response="404" timeout="2000" ontimeout="done"/>
  <send>
    <![CDATA[
      ACK sip:[field0][remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      From: <sip:scanner@[local_ip]:[local_port]>;tag=[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <label id="done"/>
  <nop>
    <action>
      <exec int_cmd="stop_call"/>
    </action>
  </nop>
</scenario>
"#;

/// The users the scan tries, in turn: random names, extensions, and none at all.
fn users_file(count: u32) -> String {
    let mut text = String::from("SEQUENTIAL\n");
    // A fixed linear congruential sequence: the same "random" users every run.
    let mut x: u64 = 12345;
    for i in 0..count {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let _ = match i % 3 {
            0 => writeln!(text, "scan{:06}@;", (x >> 33) % 1_000_000),
            1 => writeln!(text, "{}@;", 100 + (x >> 33) % 9900),
            _ => writeln!(text, ";"),
        };
    }
    text
}

/// A running flood.
pub struct Flood {
    child: ChildGuard,
    dir: PathBuf,
}

impl Flood {
    /// Floods `target` with `rate` INVITEs a second for `seconds` s; sipp's files go in `dir`.
    pub fn start(dir: &Path, target: SocketAddr, rate: u32, seconds: u32) -> Flood {
        let program = require("sipp", "sip-tester");
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("flood.xml"), SCENARIO).unwrap();
        std::fs::write(dir.join("users.csv"), users_file(997)).unwrap();
        let base = free_port_block(4);
        let out = File::create(dir.join("sipp.out")).unwrap();
        let total = rate * seconds;
        let mut command = Command::new(program);
        command
            .current_dir(dir)
            .args(["-sf", "flood.xml", "-inf", "users.csv"])
            .arg(target.to_string())
            .args(["-i", "127.0.0.1", "-p", &base.to_string()])
            .args(["-mp", &(base + 2).to_string()])
            .args(["-r", &rate.to_string(), "-m", &total.to_string()])
            .args(["-l", &(rate * 4).to_string()])
            // No retransmissions: each INVITE is one datagram, as a scanner sends them.
            .arg("-nr")
            // Liveness bound: sipp stops on its own whatever the target does.
            .args(["-timeout", &format!("{}s", seconds + 30)])
            .args(["-nostdin", "-trace_err"])
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        let child = ChildGuard::spawn("sipp flood", &mut command);
        Flood {
            child,
            dir: dir.to_path_buf(),
        }
    }

    /// Whether sipp is still sending.
    pub fn running(&mut self) -> bool {
        self.child.try_exit_status().is_none()
    }

    /// Waits for the flood to end (sipp's own -timeout bounds it).
    pub fn finish(&mut self, limit: Duration) -> ExitStatus {
        self.child.wait_or_fail(limit)
    }

    /// The end of sipp's screen, for failure messages.
    pub fn report(&self) -> String {
        let text = std::fs::read_to_string(self.dir.join("sipp.out")).unwrap_or_default();
        let start = text.len().saturating_sub(2000);
        let start = (start..text.len())
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(text.len());
        text[start..].to_owned()
    }
}
