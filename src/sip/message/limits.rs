//! How much of a message Handset reads before calling it hostile. Every limit is far above
//! what a real phone, proxy or PBX sends, and low enough that a flood of maximal messages
//! costs little: a message is parsed in one go, and these bound that work.

/// Header lines in one message, after unfolding and splitting lists. Real messages carry
/// 10–40; a proxy chain adds a Via and a Record-Route per hop, and 70 hops is SIP's own
/// Max-Forwards. Thousands of extension headers are an attack on the parser, not a call.
pub const MAX_HEADER_LINES: usize = 256;

/// Bytes in one header line, name and value. The longest honest ones (an Authorization with
/// a long nonce, an Identity header with its signature, a long Route set on one line) stay
/// within 2–4 KiB.
pub const MAX_HEADER_LINE_BYTES: usize = 8 * 1024;

/// Bytes in a Request-URI. A dialable address with its parameters is well under 256; 2 KiB
/// leaves room for long `gr` and `ob` parameters and escaped user parts.
pub const MAX_URI_BYTES: usize = 2 * 1024;
