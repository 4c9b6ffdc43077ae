//! The 33-byte GSM frame as carried in RTP (RFC 3551 §4.5.8): a 0xD signature nibble, then
//! the 260 bits of one 20 ms frame, each parameter most significant bit first:
//! LARc[1..8] (6, 6, 5, 5, 4, 4, 3, 3 bits), then per sub-frame Nc (7), bc (2), Mc (2),
//! xmaxc (6) and 13 × xMc (3).

use super::tables::{LAR_BITS, RPE_PULSES};

/// Bytes in one encoded frame.
pub const FRAME_BYTES: usize = 33;
/// The nibble that starts every frame.
pub const SIGNATURE: u8 = 0xD;

/// The coded parameters of one sub-frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SubframeParams {
    /// Long-term predictor lag Nc (7 bits; the encoder uses 40..=120).
    pub lag: u8,
    /// Long-term predictor gain code bc (2 bits).
    pub gain: u8,
    /// RPE grid position Mc (2 bits).
    pub grid: u8,
    /// Coded block maximum xmaxc (6 bits).
    pub xmaxc: u8,
    /// Coded pulses xMc (3 bits each).
    pub pulses: [u8; RPE_PULSES],
}

/// The coded parameters of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FrameParams {
    /// Coded log-area ratios LARc[1..8].
    pub larc: [u8; 8],
    pub subframes: [SubframeParams; 4],
}

/// Why a payload is not a GSM frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    BadLength(usize),
    BadSignature,
}

/// Pack parameters into a frame. Each field keeps only the bits it has on the wire.
pub fn pack(params: &FrameParams) -> [u8; FRAME_BYTES] {
    let mut writer = BitWriter::default();
    writer.put(SIGNATURE, 4);
    for (&larc, &bits) in params.larc.iter().zip(&LAR_BITS) {
        writer.put(larc, bits);
    }
    for sub in &params.subframes {
        writer.put(sub.lag, 7);
        writer.put(sub.gain, 2);
        writer.put(sub.grid, 2);
        writer.put(sub.xmaxc, 6);
        for &pulse in &sub.pulses {
            writer.put(pulse, 3);
        }
    }
    writer.bytes
}

/// Unpack a frame, refusing anything that is not exactly 33 bytes with the 0xD signature.
pub fn unpack(payload: &[u8]) -> Result<FrameParams, FrameError> {
    let bytes: &[u8; FRAME_BYTES] = payload
        .try_into()
        .map_err(|_| FrameError::BadLength(payload.len()))?;
    let mut reader = BitReader { bytes, position: 0 };
    if reader.take(4) != SIGNATURE {
        return Err(FrameError::BadSignature);
    }
    let mut params = FrameParams::default();
    for (larc, &bits) in params.larc.iter_mut().zip(&LAR_BITS) {
        *larc = reader.take(bits);
    }
    for sub in &mut params.subframes {
        sub.lag = reader.take(7);
        sub.gain = reader.take(2);
        sub.grid = reader.take(2);
        sub.xmaxc = reader.take(6);
        for pulse in &mut sub.pulses {
            *pulse = reader.take(3);
        }
    }
    Ok(params)
}

/// Writes fields of up to 8 bits, most significant bit first.
struct BitWriter {
    bytes: [u8; FRAME_BYTES],
    position: usize,
}

impl Default for BitWriter {
    fn default() -> Self {
        Self {
            bytes: [0; FRAME_BYTES],
            position: 0,
        }
    }
}

impl BitWriter {
    fn put(&mut self, value: u8, bits: u32) {
        for bit in (0..bits).rev() {
            if (value >> bit) & 1 != 0 {
                if let Some(byte) = self.bytes.get_mut(self.position / 8) {
                    *byte |= 0x80 >> (self.position % 8);
                }
            }
            self.position += 1;
        }
    }
}

/// Reads fields of up to 8 bits, most significant bit first; past the end it reads zeros.
struct BitReader<'a> {
    bytes: &'a [u8; FRAME_BYTES],
    position: usize,
}

impl BitReader<'_> {
    fn take(&mut self, bits: u32) -> u8 {
        let mut value = 0u8;
        for _ in 0..bits {
            let byte = self.bytes.get(self.position / 8).copied().unwrap_or(0);
            let bit = (byte >> (7 - self.position % 8)) & 1;
            value = (value << 1) | bit;
            self.position += 1;
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_params() -> FrameParams {
        let mut params = FrameParams {
            larc: [63, 1, 31, 2, 15, 3, 7, 4],
            ..FrameParams::default()
        };
        for (n, sub) in params.subframes.iter_mut().enumerate() {
            *sub = SubframeParams {
                lag: 40 + n as u8 * 27,
                gain: n as u8,
                grid: 3 - n as u8,
                xmaxc: 63 - n as u8 * 9,
                pulses: std::array::from_fn(|i| ((i + n) % 8) as u8),
            };
        }
        params
    }

    #[test]
    fn parameters_survive_packing() {
        let params = sample_params();
        let bytes = pack(&params);
        assert_eq!(bytes[0] >> 4, SIGNATURE);
        assert_eq!(unpack(&bytes), Ok(params));
    }

    #[test]
    fn the_first_fields_sit_where_rfc_3551_puts_them() {
        let params = sample_params();
        let bytes = pack(&params);
        // 1101 | LARc[1] = 111111 | LARc[2] = 000001 | LARc[3] = 11111 ...
        assert_eq!(bytes[0], 0xDF);
        assert_eq!(bytes[1], 0b1100_0001);
        assert_eq!(bytes[2] >> 3, 0b11111);
        // The last byte holds the final pulse, 3 bits at the bottom.
        assert_eq!(bytes[32] & 0x07, params.subframes[3].pulses[12]);
    }

    #[test]
    fn wrong_lengths_and_signatures_are_refused() {
        let bytes = pack(&sample_params());
        assert_eq!(unpack(&bytes[..32]), Err(FrameError::BadLength(32)));
        let mut long = bytes.to_vec();
        long.push(0);
        assert_eq!(unpack(&long), Err(FrameError::BadLength(34)));
        let mut bad = bytes;
        bad[0] = (bad[0] & 0x0F) | 0xC0;
        assert_eq!(unpack(&bad), Err(FrameError::BadSignature));
    }
}
