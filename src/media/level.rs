//! How loud a stretch of sound is, for a level meter: its RMS in dBFS mapped onto 0..1, so
//! the meter moves in even steps of loudness as the ear hears them.

/// At or below this the meter shows nothing: a quiet room through a laptop microphone.
const FLOOR_DBFS: f32 = -60.0;

/// 0 for silence (−60 dBFS or below), 1 for a full-scale sine's RMS or more.
pub fn meter_level(samples: &[i16]) -> f32 {
    if samples.is_empty() {
        return 0.0;
    }
    let power = samples
        .iter()
        .map(|&s| {
            let x = f64::from(s) / 32768.0;
            x * x
        })
        .sum::<f64>()
        / samples.len() as f64;
    if power <= 0.0 {
        return 0.0;
    }
    // A full-scale sine has an RMS of −3 dBFS; count that as the top of the meter.
    let dbfs = (10.0 * power.log10()) as f32 + 3.0;
    ((dbfs - FLOOR_DBFS) / -FLOOR_DBFS).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(amplitude: f64) -> Vec<i16> {
        (0..1600)
            .map(|n| (amplitude * (n as f64 * 0.3).sin()) as i16)
            .collect()
    }

    #[test]
    fn silence_is_zero_and_full_scale_is_one() {
        assert_eq!(meter_level(&[]), 0.0);
        assert_eq!(meter_level(&[0; 160]), 0.0);
        assert!(meter_level(&sine(32767.0)) > 0.99);
    }

    #[test]
    fn every_halving_of_the_loudness_moves_the_meter_by_the_same_step() {
        let loud = meter_level(&sine(8000.0));
        let half = meter_level(&sine(4000.0));
        let quarter = meter_level(&sine(2000.0));
        // 6 dB of 60 dB: a tenth of the meter each time.
        assert!(((loud - half) - 0.1).abs() < 0.01, "{loud} {half}");
        assert!(((half - quarter) - 0.1).abs() < 0.01, "{half} {quarter}");
        assert!(
            meter_level(&sine(10.0)) == 0.0,
            "below the floor shows nothing"
        );
    }
}
