//! A volume per use (ringtone, call): samples scaled by a percentage.

/// Scale `pcm` to `percent` (0-100; more is taken as 100) of its level.
pub fn apply(pcm: &mut [i16], percent: u8) {
    let percent = i32::from(percent.min(100));
    if percent == 100 {
        return;
    }
    for sample in pcm.iter_mut() {
        // |sample| * 100 / 100 never leaves the i16 range.
        *sample = (i32::from(*sample) * percent / 100) as i16;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_volume_leaves_the_sound_as_it_is() {
        let mut pcm = [i16::MIN, -1, 0, 1, i16::MAX];
        apply(&mut pcm, 100);
        assert_eq!(pcm, [i16::MIN, -1, 0, 1, i16::MAX]);
        apply(&mut pcm, 250);
        assert_eq!(pcm, [i16::MIN, -1, 0, 1, i16::MAX]);
    }

    #[test]
    fn half_volume_halves_and_zero_silences() {
        let mut pcm = [i16::MIN, -1000, 1000, i16::MAX];
        apply(&mut pcm, 50);
        assert_eq!(pcm, [-16384, -500, 500, 16383]);
        apply(&mut pcm, 0);
        assert_eq!(pcm, [0; 4]);
    }
}
