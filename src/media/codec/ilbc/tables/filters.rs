//! Fixed filters of RFC 3951.

/// Encoder input high-pass (section 3.1): numerator b0..b2 and denominator 1, a1, a2.
pub const HP_IN_ZEROS: [f32; 3] = [0.92727436, -1.8544941, 0.92727436];
pub const HP_IN_POLES: [f32; 3] = [1.0, -1.9059465, 0.9114024];

/// Decoder output high-pass (section 4.8).
pub const HP_OUT_ZEROS: [f32; 3] = [0.93980581, -1.8795834, 0.93980581];
pub const HP_OUT_POLES: [f32; 3] = [1.0, -1.9330735, 0.93589199];

/// The 8-tap FIR that makes the expanded codebook from the codebook memory (section 3.6.3).
pub const CB_FILTER: [f32; 8] = [
    -0.034180, 0.108887, -0.184326, 0.806152, 0.713379, -0.144043, 0.083740, -0.033691,
];

/// Low-pass FIR used before decimating by two for the enhancer's pitch estimate (section 4.6.1).
pub const DOWNSAMPLE_LP: [f32; 7] = [
    -0.066650, 0.125000, 0.316650, 0.414063, 0.316650, 0.125000, -0.066650,
];

/// Polyphase filters that upsample by four in the enhancer (section 4.6.2): one 7-tap filter
/// per fractional position 0, 1/4, 2/4, 3/4.
pub const ENH_POLYPHASE: [[f32; 7]; 4] = [
    [
        0.000000, 0.000000, 0.000000, 1.000000, 0.000000, 0.000000, 0.000000,
    ],
    [
        0.015625, -0.076904, 0.288330, 0.862061, -0.106445, 0.018799, -0.015625,
    ],
    [
        0.023682, -0.124268, 0.601563, 0.601563, -0.124268, 0.023682, -0.023682,
    ],
    [
        0.018799, -0.106445, 0.862061, 0.288330, -0.076904, 0.015625, -0.018799,
    ],
];
