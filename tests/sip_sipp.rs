//! The user agent against sipp's built-in `uac` and `uas` scenarios over real UDP on loopback.
//! Needs sipp (Debian package sip-tester).

mod support_sim;

use std::time::Duration;

use handset::sip::{EndCause, UaEvent};
use support_sim::socket_driver::{Driver, PeerProcess, SDP};

fn sipp(args: &[&str]) -> PeerProcess {
    PeerProcess::spawn("sipp", args, "sip-tester")
}

#[test]
fn sipp_uac_calls_us_and_hangs_up() {
    let mut driver = Driver::new(15270);
    let sipp = sipp(&[
        "-sn",
        "uac",
        "127.0.0.1:15270",
        "-i",
        "127.0.0.1",
        "-p",
        "15272",
        "-m",
        "1",
        "-d",
        "500",
        "-nostdin",
        "-timeout",
        "20s",
    ]);
    let ended = driver.run(Duration::from_secs(20), |ua, now, event| match event {
        UaEvent::Incoming { call, sdp, .. } => {
            assert!(sdp.is_some(), "sipp's INVITE carries SDP");
            ua.ringing(now, *call).unwrap();
            ua.answer(now, *call, SDP.to_vec()).unwrap();
            false
        }
        UaEvent::Ended { .. } => true,
        _ => false,
    });
    // Keep answering retransmissions while sipp finishes its scenario.
    driver.run(Duration::from_millis(500), |_, _, _| false);
    let (success, output) = sipp.finish();
    assert!(ended, "call never ended: {:?}", driver.events);
    assert!(driver
        .events
        .iter()
        .any(|e| matches!(e, UaEvent::Confirmed { .. })));
    assert!(driver.events.iter().any(|e| matches!(
        e,
        UaEvent::Ended {
            cause: EndCause::RemoteHangup,
            ..
        }
    )));
    assert!(success, "sipp uac failed: {output}");
}

#[test]
fn we_call_sipp_uas_and_hang_up() {
    let sipp = sipp(&[
        "-sn",
        "uas",
        "-i",
        "127.0.0.1",
        "-p",
        "15274",
        "-m",
        "1",
        "-nostdin",
        "-timeout",
        "20s",
    ]);
    std::thread::sleep(Duration::from_millis(300));
    let mut driver = Driver::new(15276);
    let now = driver.now();
    let call = driver
        .ua
        .invite(
            now,
            "sip:service@127.0.0.1:15274",
            ([127, 0, 0, 1], 15274).into(),
            SDP.to_vec(),
        )
        .unwrap();
    let answered = driver.run(Duration::from_secs(10), |_, _, e| {
        matches!(e, UaEvent::Answered { .. })
    });
    assert!(answered, "sipp uas never answered: {:?}", driver.events);
    driver.run(Duration::from_millis(300), |_, _, _| false);
    let now = driver.now();
    driver.ua.hangup(now, call).unwrap();
    let ended = driver.run(Duration::from_secs(10), |_, _, e| {
        matches!(e, UaEvent::Ended { .. })
    });
    assert!(ended);
    assert!(driver
        .events
        .iter()
        .any(|e| matches!(e, UaEvent::Progress { code: 180, .. })));
    assert_eq!(
        driver.events.last(),
        Some(&UaEvent::Ended {
            call,
            cause: EndCause::LocalHangup
        })
    );
    let (success, output) = sipp.finish();
    assert!(success, "sipp uas failed: {output}");
}
