//! The real window under a private X server: it opens with the title "Handset", is mapped,
//! and shows something (text and controls), not a blank surface.

mod gui_support;

use gui_support::{window_geometry, Handset, Xvfb};

#[test]
fn window_opens_and_draws_the_dialer() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_window");
    let xvfb = Xvfb::start();
    let mut handset = Handset::start(&xvfb, "127.0.0.1:0", &dir);

    // Found with --onlyvisible: the window is mapped, not merely created.
    let window = handset.wait_for_window(&xvfb);
    let title = xvfb.run_ok("xdotool", &["getwindowname", &window]);
    assert_eq!(title.trim(), "Handset");

    let (_, _, width, height) = window_geometry(&xvfb, &window);
    assert!(
        width >= 200 && height >= 200,
        "window is too small to use: {width}x{height}"
    );

    let shot = dir.join("shot.png");
    let colours = handset.wait_until_drawn(&xvfb, &window, &shot);
    assert!(
        colours >= gui_support::DRAWN_COLOURS,
        "the window looks blank ({colours} colours); screenshot at {}; handset's output:\n{}",
        shot.display(),
        handset.log()
    );
    handset.assert_running();
}

/// A taken SIP port must not crash the phone: the window opens and says why it cannot call.
#[test]
fn busy_port_leaves_the_window_open() {
    gui_support::require_tools();
    let dir = gui_support::artifacts_dir("gui_window_busy_port");
    let taken = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let listen = taken.local_addr().unwrap().to_string();
    let xvfb = Xvfb::start();
    let mut handset = Handset::start(&xvfb, &listen, &dir);

    let window = handset.wait_for_window(&xvfb);
    let shot = dir.join("shot.png");
    let colours = handset.wait_until_drawn(&xvfb, &window, &shot);
    assert!(
        colours >= gui_support::DRAWN_COLOURS,
        "the window looks blank ({colours} colours); screenshot at {}",
        shot.display()
    );
    // The engine's start has been reported by the time the window shows the error banner;
    // the process must still be there.
    handset.assert_running();
    drop(taken);
}
