//! Checks the sizes a Vorbis stream's comment and setup headers declare (Vorbis I
//! specification, sections 3.2.1 and 5) before a decoder sees them.
//!
//! A decoder reserves memory for what a header announces before reading it: a comment of
//! 4 GiB, or a codebook of 2^24 entries × 65535 dimensions. Such a reservation cannot fail
//! softly: it ends the process. So a sound theme file is first walked here, without
//! allocating, and refused when a declared size does not fit in its packet or is beyond any
//! real encoder's output.

/// The most vector-quantisation values one codebook may expand to (entries × dimensions).
/// Real encoders stay far below (libvorbis: a few tens of thousands).
pub const MAX_CODEBOOK_VALUES: u64 = 1 << 22;

/// Why a header was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderProblem {
    #[error("the {0} header is not a Vorbis header")]
    NotVorbis(&'static str),
    #[error("the {0} header ends before the sizes it declares")]
    Truncated(&'static str),
    #[error("codebook {index} declares {values} values, more than {MAX_CODEBOOK_VALUES}")]
    CodebookTooLarge { index: usize, values: u64 },
    #[error("codebook {0} is malformed")]
    BadCodebook(usize),
}

/// The comment header (packet 2): a vendor string and a list of comments, each
/// length-prefixed; every length must fit in what is left of the packet.
pub fn check_comment_header(packet: &[u8]) -> Result<(), HeaderProblem> {
    const WHAT: &str = "comment";
    let rest = strip_common(packet, 3).ok_or(HeaderProblem::NotVorbis(WHAT))?;
    let mut at = 0usize;
    let take_u32 = |at: &mut usize| -> Result<u64, HeaderProblem> {
        let bytes = rest
            .get(*at..*at + 4)
            .ok_or(HeaderProblem::Truncated(WHAT))?;
        *at += 4;
        Ok(u64::from(u32::from_le_bytes([
            bytes[0], bytes[1], bytes[2], bytes[3],
        ])))
    };
    let skip = |at: &mut usize, length: u64| -> Result<(), HeaderProblem> {
        let left = (rest.len() - *at) as u64;
        if length > left {
            return Err(HeaderProblem::Truncated(WHAT));
        }
        *at += length as usize;
        Ok(())
    };
    let vendor = take_u32(&mut at)?;
    skip(&mut at, vendor)?;
    let count = take_u32(&mut at)?;
    // Each comment takes at least its 4-byte length.
    if count > (rest.len() - at) as u64 / 4 {
        return Err(HeaderProblem::Truncated(WHAT));
    }
    for _ in 0..count {
        let length = take_u32(&mut at)?;
        skip(&mut at, length)?;
    }
    Ok(())
}

/// The setup header (packet 3): its codebooks, the one part whose declared sizes are large.
pub fn check_setup_header(packet: &[u8]) -> Result<(), HeaderProblem> {
    let rest = strip_common(packet, 5).ok_or(HeaderProblem::NotVorbis("setup"))?;
    let mut bits = Bits::new(rest);
    let count = bits.read(8).ok_or(HeaderProblem::Truncated("setup"))? + 1;
    for index in 0..count as usize {
        check_codebook(&mut bits, index)?;
    }
    Ok(())
}

/// `packet_type` then `vorbis`; the rest of the packet.
fn strip_common(packet: &[u8], packet_type: u8) -> Option<&[u8]> {
    let (&first, rest) = packet.split_first()?;
    (first == packet_type).then_some(())?;
    rest.strip_prefix(b"vorbis")
}

fn check_codebook(bits: &mut Bits, index: usize) -> Result<(), HeaderProblem> {
    let bad = || HeaderProblem::BadCodebook(index);
    let truncated = || HeaderProblem::Truncated("setup");
    if bits.read(24).ok_or_else(truncated)? != 0x56_43_42 {
        return Err(bad());
    }
    let dimensions = bits.read(16).ok_or_else(truncated)?;
    let entries = bits.read(24).ok_or_else(truncated)?;
    let ordered = bits.read(1).ok_or_else(truncated)? == 1;
    if ordered {
        let _first_length = bits.read(5).ok_or_else(truncated)?;
        let mut entry = 0u64;
        while entry < entries {
            let number = bits.read(ilog(entries - entry)).ok_or_else(truncated)?;
            entry += number;
            if entry > entries {
                return Err(bad());
            }
        }
    } else {
        let sparse = bits.read(1).ok_or_else(truncated)? == 1;
        // Every entry reads at least one bit, so the packet's size bounds this loop.
        for _ in 0..entries {
            let used = !sparse || bits.read(1).ok_or_else(truncated)? == 1;
            if used {
                bits.read(5).ok_or_else(truncated)?;
            }
        }
    }
    let lookup_type = bits.read(4).ok_or_else(truncated)?;
    if lookup_type == 0 {
        return Ok(());
    }
    if lookup_type > 2 || dimensions == 0 {
        return Err(bad());
    }
    let values = entries * dimensions;
    if values > MAX_CODEBOOK_VALUES {
        return Err(HeaderProblem::CodebookTooLarge { index, values });
    }
    bits.read(32).ok_or_else(truncated)?;
    bits.read(32).ok_or_else(truncated)?;
    let value_bits = bits.read(4).ok_or_else(truncated)? + 1;
    bits.read(1).ok_or_else(truncated)?;
    let stored = if lookup_type == 1 {
        lookup1_values(entries, dimensions)
    } else {
        values
    };
    bits.skip(stored * value_bits).ok_or_else(truncated)
}

/// The number of bits needed to write `value` (the specification's `ilog`).
fn ilog(value: u64) -> u32 {
    64 - value.leading_zeros()
}

/// The greatest `r` with `r^dimensions <= entries` (the specification's `lookup1_values`).
fn lookup1_values(entries: u64, dimensions: u64) -> u64 {
    let fits = |r: u64| {
        let mut power: u64 = 1;
        for _ in 0..dimensions {
            power = match power.checked_mul(r) {
                Some(p) if p <= entries => p,
                _ => return false,
            };
        }
        true
    };
    // r^dimensions <= entries < 2^24, and dimensions >= 1, so r < 2^24: bisect.
    let (mut low, mut high) = (0u64, 1u64 << 24);
    while low + 1 < high {
        let middle = (low + high) / 2;
        if fits(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    low
}

/// Reads a packet's bits least significant first, as Vorbis packs them.
struct Bits<'a> {
    data: &'a [u8],
    position: u64,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self { data, position: 0 }
    }

    fn left(&self) -> u64 {
        self.data.len() as u64 * 8 - self.position
    }

    /// Up to 32 bits as a number; `None` past the end.
    fn read(&mut self, count: u32) -> Option<u64> {
        if u64::from(count) > self.left() {
            return None;
        }
        let mut value = 0u64;
        for i in 0..count {
            let byte = self.data[(self.position / 8) as usize];
            let bit = (byte >> (self.position % 8)) & 1;
            value |= u64::from(bit) << i;
            self.position += 1;
        }
        Some(value)
    }

    fn skip(&mut self, count: u64) -> Option<()> {
        if count > self.left() {
            return None;
        }
        self.position += count;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes bits least significant first.
    #[derive(Default)]
    struct Writer {
        bytes: Vec<u8>,
        bits: u64,
    }

    impl Writer {
        fn put(&mut self, value: u64, count: u32) -> &mut Self {
            for i in 0..count {
                if self.bits.is_multiple_of(8) {
                    self.bytes.push(0);
                }
                let bit = ((value >> i) & 1) as u8;
                let last = self.bytes.len() - 1;
                self.bytes[last] |= bit << (self.bits % 8);
                self.bits += 1;
            }
            self
        }
    }

    fn setup_packet(body: &Writer) -> Vec<u8> {
        let mut packet = vec![5];
        packet.extend_from_slice(b"vorbis");
        packet.extend_from_slice(&body.bytes);
        packet
    }

    /// One codebook: `entries` entries of length 1 (ordered), lookup `lookup_type`.
    fn one_codebook(dimensions: u64, entries: u64, lookup_type: u64, values: u64) -> Writer {
        let mut w = Writer::default();
        w.put(0, 8) // one codebook
            .put(0x56_43_42, 24)
            .put(dimensions, 16)
            .put(entries, 24)
            .put(1, 1) // ordered
            .put(0, 5); // first length 1
        w.put(entries, ilog(entries)); // all entries at that length
        w.put(lookup_type, 4);
        if lookup_type != 0 {
            w.put(0, 32).put(0, 32).put(3, 4).put(0, 1);
            for _ in 0..values {
                w.put(5, 4);
            }
        }
        w
    }

    #[test]
    fn a_small_codebook_passes() {
        let values = lookup1_values(16, 2);
        assert_eq!(values, 4);
        assert_eq!(
            check_setup_header(&setup_packet(&one_codebook(2, 16, 1, values))),
            Ok(())
        );
        assert_eq!(
            check_setup_header(&setup_packet(&one_codebook(2, 8, 2, 16))),
            Ok(())
        );
        assert_eq!(
            check_setup_header(&setup_packet(&one_codebook(4, 100, 0, 0))),
            Ok(())
        );
    }

    #[test]
    fn a_codebook_that_would_expand_to_terabytes_is_refused_before_any_decoder_sees_it() {
        // 2^24 - 1 entries in a handful of bytes (ordered), each a 65535-dimension vector.
        let packet = setup_packet(&one_codebook(65_535, (1 << 24) - 1, 1, 0));
        assert!(packet.len() < 40);
        assert!(matches!(
            check_setup_header(&packet),
            Err(HeaderProblem::CodebookTooLarge { index: 0, .. })
        ));
    }

    #[test]
    fn lookup_values_beyond_the_packet_are_refused() {
        let mut w = one_codebook(2, 8, 2, 0);
        w.put(0, 7);
        assert_eq!(
            check_setup_header(&setup_packet(&w)),
            Err(HeaderProblem::Truncated("setup"))
        );
    }

    #[test]
    fn lookup1_values_is_the_integer_root() {
        assert_eq!(lookup1_values(81, 4), 3);
        assert_eq!(lookup1_values(80, 4), 2);
        assert_eq!(lookup1_values(1, 7), 1);
        assert_eq!(lookup1_values((1 << 24) - 1, 1), (1 << 24) - 1);
        assert_eq!(lookup1_values((1 << 24) - 1, 65_535), 1);
    }

    fn comment_packet(vendor_len: u32, vendor: &[u8], comments: &[(u32, &[u8])]) -> Vec<u8> {
        let mut packet = vec![3];
        packet.extend_from_slice(b"vorbis");
        packet.extend_from_slice(&vendor_len.to_le_bytes());
        packet.extend_from_slice(vendor);
        packet.extend_from_slice(&(comments.len() as u32).to_le_bytes());
        for (len, text) in comments {
            packet.extend_from_slice(&len.to_le_bytes());
            packet.extend_from_slice(text);
        }
        packet
    }

    #[test]
    fn comment_lengths_must_fit_in_the_packet() {
        assert_eq!(
            check_comment_header(&comment_packet(3, b"abc", &[(5, b"A=b c")])),
            Ok(())
        );
        assert_eq!(
            check_comment_header(&comment_packet(u32::MAX, b"abc", &[])),
            Err(HeaderProblem::Truncated("comment"))
        );
        assert_eq!(
            check_comment_header(&comment_packet(3, b"abc", &[(4_000_000, b"x")])),
            Err(HeaderProblem::Truncated("comment"))
        );
        let mut huge_count = comment_packet(3, b"abc", &[]);
        let at = huge_count.len() - 4;
        huge_count[at..].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(
            check_comment_header(&huge_count),
            Err(HeaderProblem::Truncated("comment"))
        );
        assert_eq!(
            check_comment_header(b"\x01vorbis"),
            Err(HeaderProblem::NotVorbis("comment"))
        );
    }
}
