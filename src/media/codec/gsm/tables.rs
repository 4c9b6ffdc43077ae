//! The constant tables of GSM 06.10 (section 5.2 and tables 4.x of the specification).

/// Bits used for each of the eight coded log-area ratios LARc[1..8].
pub const LAR_BITS: [u32; 8] = [6, 6, 5, 5, 4, 4, 3, 3];

/// Quantiser slopes A[i] for the log-area ratios (table 5.1).
pub const A: [i16; 8] = [20480, 20480, 20480, 20480, 13964, 15360, 8534, 9036];
/// Quantiser offsets B[i].
pub const B: [i16; 8] = [0, 0, 2048, -2560, 94, -1792, -341, -1144];
/// Smallest quantised value of each LAR.
pub const MIC: [i16; 8] = [-32, -32, -16, -16, -8, -8, -4, -4];
/// Largest quantised value of each LAR.
pub const MAC: [i16; 8] = [31, 31, 15, 15, 7, 7, 3, 3];
/// 1 / A[i], used when decoding the LARs.
pub const INVA: [i16; 8] = [13107, 13107, 13107, 13107, 19223, 17476, 31454, 29708];

/// Decision levels of the long-term predictor gain quantiser (table 4.3a).
pub const DLB: [i16; 4] = [6554, 16384, 26214, 32767];
/// Quantised long-term predictor gains (table 4.3b).
pub const QLB: [i16; 4] = [3277, 11469, 21299, 32767];

/// Impulse response of the weighting filter before RPE grid selection (table 4.4).
pub const H: [i16; 11] = [-134, -374, 0, 2054, 5741, 8192, 5741, 2054, 0, -374, -134];

/// Normalised inverse mantissas used by the APCM quantiser (table 4.5).
pub const NRFAC: [i16; 8] = [29128, 26215, 23832, 21846, 20165, 18725, 17476, 16384];
/// Normalised direct mantissas used by the APCM inverse quantiser (table 4.6).
pub const FAC: [i16; 8] = [18431, 20479, 22527, 24575, 26623, 28671, 30719, 32767];

/// Samples in one 20 ms frame at 8 kHz.
pub const FRAME_SAMPLES: usize = 160;
/// Samples in one of the frame's four sub-segments (RPE-LTP sub-frames).
pub const SUBFRAME_SAMPLES: usize = 40;
/// Samples in the RPE sequence of one sub-frame (every third sample of 40).
pub const RPE_PULSES: usize = 13;
/// Long-term predictor lags lie in 40..=120, so the history of reconstructed residual that
/// the predictor looks into is 120 samples long.
pub const LTP_HISTORY: usize = 120;
pub const MIN_LAG: usize = 40;
pub const MAX_LAG: usize = 120;
