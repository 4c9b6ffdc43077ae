//! The two frame lengths of iLBC and what differs between them.

/// Samples in one subblock; every frame is a whole number of them.
pub const SUBBLOCK: usize = 40;
/// The start state covers two subblocks.
pub const STATE_REGION: usize = 2 * SUBBLOCK;
/// Codebook memory for subblocks (section 3.6.1).
pub const CB_MEMORY: usize = 147;
/// Codebook memory for the samples of the start region outside the scalar-coded state.
pub const STATE_CB_MEMORY: usize = 85;
/// Stages of the adaptive codebook.
pub const CB_STAGES: usize = 3;
/// Most subblocks a frame has (30 ms).
pub const MAX_SUBBLOCKS: usize = 6;
/// Most subblocks coded with the codebook (30 ms: six minus the two of the start state).
pub const MAX_CB_SUBBLOCKS: usize = 4;
/// Longest scalar-coded start state (30 ms).
pub const MAX_STATE_LEN: usize = 58;
/// Longest frame in samples.
pub const MAX_BLOCK: usize = 240;

/// The frame length, negotiated in SDP as `mode=20` or `mode=30` (RFC 3952).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IlbcMode {
    /// 20 ms frames: 160 samples in 38 bytes (15.2 kbit/s).
    Ms20,
    /// 30 ms frames: 240 samples in 50 bytes (13.33 kbit/s).
    Ms30,
}

impl IlbcMode {
    pub fn from_ms(ms: u32) -> Option<Self> {
        match ms {
            20 => Some(Self::Ms20),
            30 => Some(Self::Ms30),
            _ => None,
        }
    }

    pub fn ms(self) -> u32 {
        match self {
            Self::Ms20 => 20,
            Self::Ms30 => 30,
        }
    }

    /// Samples per frame.
    pub fn block_len(self) -> usize {
        self.subblocks() * SUBBLOCK
    }

    /// Bytes per frame.
    pub fn frame_bytes(self) -> usize {
        match self {
            Self::Ms20 => 38,
            Self::Ms30 => 50,
        }
    }

    pub fn subblocks(self) -> usize {
        match self {
            Self::Ms20 => 4,
            Self::Ms30 => 6,
        }
    }

    /// Subblocks coded with the adaptive codebook (all but the two of the start region).
    pub fn cb_subblocks(self) -> usize {
        self.subblocks() - 2
    }

    /// LSF sets per frame.
    pub fn lsf_sets(self) -> usize {
        match self {
            Self::Ms20 => 1,
            Self::Ms30 => 2,
        }
    }

    /// Scalar-quantised samples of the start state.
    pub fn state_len(self) -> usize {
        match self {
            Self::Ms20 => 57,
            Self::Ms30 => 58,
        }
    }

    /// Samples of the start region coded with the codebook (23 or 22).
    pub fn state_remainder(self) -> usize {
        STATE_REGION - self.state_len()
    }
}
