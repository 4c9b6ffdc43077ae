//! The headless face: Commands as JSON lines on stdin, Events as JSON lines on stdout.
