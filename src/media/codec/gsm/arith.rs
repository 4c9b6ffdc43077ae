//! The fixed-point primitives of GSM 06.10 (section 5.1 of the specification).
//!
//! The standard defines the codec bit-exactly in 16-bit words and 32-bit longs with
//! saturating arithmetic. Every operation here is total: no input makes it panic, so neither
//! the encoder fed odd PCM nor the decoder fed garbage can panic on arithmetic. Where the
//! standard simply stores a long into a word (or shifts a word past its width) the value is
//! truncated to 16 bits, which is what the standard's 16-bit variables do.

/// Saturating 16-bit addition, `add` in the standard.
#[inline]
pub fn add(a: i16, b: i16) -> i16 {
    a.saturating_add(b)
}

/// Saturating 16-bit subtraction, `sub` in the standard.
#[inline]
pub fn sub(a: i16, b: i16) -> i16 {
    a.saturating_sub(b)
}

/// Q15 multiplication truncated, `mult`: only -1 × -1 overflows and saturates.
#[inline]
pub fn mult(a: i16, b: i16) -> i16 {
    if a == i16::MIN && b == i16::MIN {
        i16::MAX
    } else {
        ((i32::from(a) * i32::from(b)) >> 15) as i16
    }
}

/// Q15 multiplication with rounding, `mult_r`.
#[inline]
pub fn mult_r(a: i16, b: i16) -> i16 {
    if a == i16::MIN && b == i16::MIN {
        i16::MAX
    } else {
        ((i32::from(a) * i32::from(b) + 16384) >> 15) as i16
    }
}

/// Saturating absolute value, `abs`: |-32768| is 32767.
#[inline]
pub fn abs(a: i16) -> i16 {
    a.saturating_abs()
}

/// 16 × 16 → 32-bit multiplication with the product doubled (Q31), `L_mult`.
#[inline]
pub fn l_mult(a: i16, b: i16) -> i32 {
    if a == i16::MIN && b == i16::MIN {
        i32::MAX
    } else {
        (i32::from(a) * i32::from(b)) << 1
    }
}

/// Saturating 32-bit addition, `L_add`.
#[inline]
pub fn l_add(a: i32, b: i32) -> i32 {
    a.saturating_add(b)
}

/// The number of left shifts that normalise a 32-bit value, `norm`: afterwards bit 30 differs
/// from the sign bit. Zero needs no shift the standard defines; it returns 0 and callers test
/// for zero first.
#[inline]
pub fn norm(a: i32) -> u32 {
    if a == 0 {
        0
    } else if a < 0 {
        (!a).leading_zeros() - 1
    } else {
        a.leading_zeros() - 1
    }
}

/// Q15 quotient `num / denum` for `0 <= num <= denum`, by 15 steps of restoring division
/// (`div`). Out-of-range arguments give 0, or 32767 when `num >= denum`.
pub fn div(num: i16, denum: i16) -> i16 {
    if num <= 0 || denum <= 0 {
        return 0;
    }
    if num >= denum {
        return i16::MAX;
    }
    let mut remainder = i32::from(num);
    let denum = i32::from(denum);
    let mut quotient: i16 = 0;
    for _ in 0..15 {
        quotient <<= 1;
        remainder <<= 1;
        if remainder >= denum {
            remainder -= denum;
            quotient += 1;
        }
    }
    quotient
}

/// Arithmetic shift left by `n` (right if `n` is negative), truncated to 16 bits.
#[inline]
pub fn shl(a: i16, n: i32) -> i16 {
    if n < 0 {
        shr(a, -n)
    } else if n >= 16 {
        0
    } else {
        (i32::from(a) << n) as i16
    }
}

/// Arithmetic shift right by `n` (left if `n` is negative).
#[inline]
pub fn shr(a: i16, n: i32) -> i16 {
    if n < 0 {
        shl(a, -n)
    } else if n >= 16 {
        if a < 0 {
            -1
        } else {
            0
        }
    } else {
        a >> n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saturation_at_the_edges() {
        assert_eq!(add(i16::MAX, 1), i16::MAX);
        assert_eq!(sub(i16::MIN, 1), i16::MIN);
        assert_eq!(mult(i16::MIN, i16::MIN), i16::MAX);
        assert_eq!(mult_r(i16::MIN, i16::MIN), i16::MAX);
        assert_eq!(abs(i16::MIN), i16::MAX);
        assert_eq!(l_mult(i16::MIN, i16::MIN), i32::MAX);
        assert_eq!(l_add(i32::MAX, 1), i32::MAX);
    }

    #[test]
    fn rounding_multiplication_rounds_half_up() {
        assert_eq!(mult_r(16384, 1), 1);
        assert_eq!(mult(16384, 1), 0);
        assert_eq!(mult_r(-16384, 1), 0);
    }

    #[test]
    fn norm_counts_redundant_sign_bits() {
        assert_eq!(norm(1), 30);
        assert_eq!(norm(0x4000_0000), 0);
        assert_eq!(norm(-1), 31);
        assert_eq!(norm(i32::MIN), 0);
        assert_eq!(norm(32767 << 16), 0);
    }

    #[test]
    fn division_is_a_q15_fraction() {
        assert_eq!(div(1, 2), 16384);
        assert_eq!(div(5, 5), 32767);
        assert_eq!(div(0, 7), 0);
        assert_eq!(div(1, 3), 10922);
    }

    #[test]
    fn shifts_reverse_for_negative_counts() {
        assert_eq!(shl(1, -1), 0);
        assert_eq!(shr(-8, 2), -2);
        assert_eq!(shr(3, -2), 12);
        assert_eq!(shl(1, 20), 0);
        assert_eq!(shr(-5, 40), -1);
    }
}
