//! The playout buffer on a seeded in-memory network, judged by what a listener would notice:
//! gaps on a clean line, packets thrown away for arriving late, delay beyond what the network
//! needed, clicks at splices. Each test prints its numbers (`cargo test -- --nocapture`).

use super::test_network::{largest_step, oracle, run, Loss, Outcome, Scenario};
use super::JitterStats;

fn late_lost(stats: &JitterStats) -> u64 {
    stats.packets_late + stats.packets_discarded
}

fn arrived(outcome: &Outcome) -> usize {
    outcome
        .sent
        .iter()
        .filter(|s| s.arrival_ms.is_some())
        .count()
}

/// Concealment while the sender sent, after playout started, in samples.
fn concealed_after_start(outcome: &Outcome) -> u64 {
    outcome.stats_at_end.concealed_samples - outcome.stats_at_start.concealed_samples
}

fn report(scenario: &Scenario, outcome: &Outcome) {
    let s = &outcome.stats;
    let sent = outcome.sent.len();
    eprintln!(
        "[{}] sent {} arrived {} played {} | lost {} late {} discarded {} ({:.2} % late-lost) | \
         wait mean {:.1} ms (jitterBufferDelay {:.1} ms) | target final {:.1} ms max {:.1} ms | \
         concealed {} samples in {} events, comfort noise {} | accelerate {} (-{} samples) \
         expand {} (+{} samples) | expand blocks {} merges {}",
        scenario.name,
        sent,
        arrived(outcome),
        s.packets_played,
        s.packets_lost,
        s.packets_late,
        s.packets_discarded,
        100.0 * late_lost(s) as f64 / arrived(outcome).max(1) as f64,
        s.mean_packet_wait().as_secs_f64() * 1000.0,
        s.mean_jitter_buffer_delay().as_secs_f64() * 1000.0,
        outcome.final_target_ms,
        outcome.max_target_ms,
        s.concealed_samples,
        s.concealment_events,
        s.silent_concealed_samples,
        s.accelerate_count,
        s.removed_samples_for_acceleration,
        s.preemptive_expand_count,
        s.inserted_samples_for_deceleration,
        s.expand_count,
        s.merge_count,
    );
}

/// Late-loss within 1 % and mean wait within 1.25× the oracle's, for jittery conditions.
fn assert_near_oracle(scenario: &Scenario) {
    let outcome = run(scenario);
    report(scenario, &outcome);
    let (offset, oracle_wait) = oracle(&outcome.sent);
    let wait = outcome.stats.mean_packet_wait().as_secs_f64() * 1000.0;
    eprintln!(
        "[{}] oracle: fixed offset {:.1} ms, mean wait {:.1} ms; ours {:.1} ms = {:.2}× oracle",
        scenario.name,
        offset,
        oracle_wait,
        wait,
        wait / oracle_wait
    );
    let late_share = late_lost(&outcome.stats) as f64 / arrived(&outcome) as f64;
    assert!(
        late_share <= 0.01,
        "{}: {:.2} % of packets lost as late",
        scenario.name,
        late_share * 100.0
    );
    assert!(
        wait <= 1.25 * oracle_wait,
        "{}: mean wait {wait:.1} ms is more than 1.25× the oracle's {oracle_wait:.1} ms",
        scenario.name
    );
    // Every packet that arrived was played, lost or counted late: none vanished.
    let s = &outcome.stats;
    let accounted = s.packets_played + s.packets_late + s.packets_discarded;
    assert!(accounted as usize + 2 >= arrived(&outcome));
}

#[test]
fn a_clean_network_never_runs_dry() {
    let scenario = Scenario::new("clean");
    let outcome = run(&scenario);
    report(&scenario, &outcome);
    assert_eq!(
        concealed_after_start(&outcome),
        0,
        "the listener heard a gap"
    );
    assert_eq!(outcome.stats.packets_lost, 0);
    assert_eq!(late_lost(&outcome.stats), 0);
    // Nothing to wait for: the delay shrinks to the pull granularity.
    let wait = outcome.stats.mean_packet_wait().as_secs_f64() * 1000.0;
    let (_, oracle_wait) = oracle(&outcome.sent);
    eprintln!("[clean] oracle mean wait {oracle_wait:.1} ms, ours {wait:.1} ms");
    assert!(wait < 20.0, "mean wait {wait:.1} ms on a clean network");
}

#[test]
fn jitter_20ms_with_5_percent_loss_stays_near_the_oracle() {
    for seed in 1..=3 {
        assert_near_oracle(&Scenario {
            seed,
            jitter_ms: 20.0,
            loss: Loss::Random(0.05),
            ..Scenario::new("jitter 20 ms, loss 5 %")
        });
    }
}

#[test]
fn jitter_20ms_with_10_percent_loss_stays_near_the_oracle() {
    for seed in 1..=3 {
        assert_near_oracle(&Scenario {
            seed,
            jitter_ms: 20.0,
            loss: Loss::Random(0.10),
            ..Scenario::new("jitter 20 ms, loss 10 %")
        });
    }
}

#[test]
fn jitter_40ms_with_5_percent_loss_stays_near_the_oracle() {
    for seed in 1..=3 {
        assert_near_oracle(&Scenario {
            seed,
            base_delay_ms: 50.0,
            jitter_ms: 40.0,
            loss: Loss::Random(0.05),
            ..Scenario::new("jitter 40 ms, loss 5 %")
        });
    }
}

#[test]
fn long_tailed_jitter_stays_near_the_oracle() {
    for seed in 1..=3 {
        assert_near_oracle(&Scenario {
            seed,
            jitter_ms: 20.0,
            exponential_jitter: true,
            loss: Loss::Random(0.05),
            ..Scenario::new("exponential jitter, mean 20 ms, loss 5 %")
        });
    }
}

#[test]
fn bursts_of_loss_are_concealed_and_playout_carries_on() {
    let scenario = Scenario {
        jitter_ms: 10.0,
        loss: Loss::Bursts {
            start: 0.02,
            length: 4,
        },
        ..Scenario::new("bursts of 4")
    };
    let outcome = run(&scenario);
    report(&scenario, &outcome);
    let never_arrived = outcome.sent.len() - arrived(&outcome);
    let s = &outcome.stats;
    assert!(late_lost(s) as f64 <= 0.01 * arrived(&outcome) as f64);
    // Each lost packet was concealed for about its own length, not more.
    let concealed_ms = concealed_after_start(&outcome) as f64 / 8.0;
    eprintln!(
        "[bursts of 4] {never_arrived} packets never arrived, {concealed_ms:.0} ms concealed"
    );
    assert!(concealed_ms >= never_arrived as f64 * 20.0 * 0.8);
    assert!(concealed_ms <= never_arrived as f64 * 20.0 * 1.5 + 200.0);
}

fn drift(ppm: f64, name: &'static str) -> (Scenario, Outcome) {
    let scenario = Scenario {
        seconds: 120,
        drift_ppm: ppm,
        ..Scenario::new(name)
    };
    let outcome = run(&scenario);
    report(&scenario, &outcome);
    (scenario, outcome)
}

#[test]
fn a_sender_clock_300_ppm_fast_is_absorbed_by_accelerating() {
    let (_, outcome) = drift(300.0, "drift +300 ppm");
    assert_eq!(
        concealed_after_start(&outcome),
        0,
        "the listener heard a gap"
    );
    assert!(outcome.stats.accelerate_count > 0);
    // 120 s at 300 ppm is 36 ms the buffer would otherwise have grown by.
    let wait = outcome.stats.mean_packet_wait().as_secs_f64() * 1000.0;
    assert!(wait < 20.0, "mean wait {wait:.1} ms");
}

#[test]
fn a_sender_clock_300_ppm_slow_is_absorbed_by_expanding() {
    let (_, outcome) = drift(-300.0, "drift -300 ppm");
    assert_eq!(
        concealed_after_start(&outcome),
        0,
        "the listener heard a gap"
    );
    assert!(outcome.stats.preemptive_expand_count > 0);
}

#[test]
fn a_new_ssrc_takes_over_within_its_target_delay() {
    let scenario = Scenario {
        seconds: 20,
        jitter_ms: 10.0,
        ssrc_change_at: Some(500),
        ..Scenario::new("SSRC change at 10 s")
    };
    let outcome = run(&scenario);
    report(&scenario, &outcome);
    let s = &outcome.stats;
    assert_eq!(s.ssrc_changes, 1);
    // The new sender's packets all play (bar the few needed to reach the target again).
    assert!(s.packets_played >= 990, "played {}", s.packets_played);
    assert!(s.packets_lost <= 2, "counted {} lost", s.packets_lost);
    // The switch costs at most its target delay in comfort noise.
    let gap_ms = outcome.stats_at_end.concealed_samples as f64 / 8.0;
    assert!(gap_ms <= 100.0, "{gap_ms:.0} ms without audio");
}

#[test]
fn timestamps_that_jump_do_not_disturb_playout() {
    let scenario = Scenario {
        timestamp_jump_at: Some((1000, 1_234_567_890)),
        ..Scenario::new("timestamp jump at 20 s")
    };
    let outcome = run(&scenario);
    report(&scenario, &outcome);
    assert_eq!(outcome.stats.timestamp_jumps, 1);
    assert_eq!(concealed_after_start(&outcome), 0);
    assert_eq!(outcome.stats.packets_lost, 0);
    assert!(outcome.max_target_ms < 45.0);
}

#[test]
fn a_delay_spike_raises_the_target_at_once_and_it_decays() {
    let scenario = Scenario {
        seconds: 80,
        jitter_ms: 5.0,
        spikes: vec![(20.0, 300.0, 0.0), (24.0, 300.0, 0.0)],
        ..Scenario::new("two 300 ms stalls")
    };
    let outcome = run(&scenario);
    report(&scenario, &outcome);
    eprintln!(
        "[two 300 ms stalls] target by second: {:?}",
        outcome
            .targets_ms
            .iter()
            .map(|t| t.round() as i64)
            .collect::<Vec<_>>()
    );
    // Right after the second stall the target covers a stall.
    let after_second = outcome.targets_ms[24];
    assert!(
        after_second >= 200.0,
        "target {after_second:.0} ms after the second stall"
    );
    // A minute later it has come back down.
    assert!(outcome.final_target_ms <= 60.0);
    let s = &outcome.stats;
    assert!(late_lost(s) as f64 <= 0.01 * arrived(&outcome) as f64);
}

#[test]
fn time_stretching_keeps_a_sine_continuous() {
    for ppm in [300.0, -300.0] {
        let scenario = Scenario {
            seconds: 60,
            drift_ppm: ppm,
            sine_hz: Some(233.0),
            ..Scenario::new("sine 233 Hz under drift")
        };
        let outcome = run(&scenario);
        report(&scenario, &outcome);
        let s = &outcome.stats;
        assert!(s.accelerate_count + s.preemptive_expand_count > 0);
        // A 233 Hz sine of amplitude 8000 moves at most 8000·2π·233/8000 ≈ 1464 per sample;
        // G.711 adds a little. A splice that clicks jumps by thousands.
        let start = outcome.first_audio_pull.unwrap_or(0) * 80 + 80;
        let step = largest_step(&outcome.output[start..outcome.samples_at_end]);
        eprintln!("[sine, {ppm} ppm] largest step {step} (smooth sine: 1464)");
        assert!(step <= 1700, "a splice jumped by {step}");
    }
}

#[test]
fn a_key_press_holds_its_place_without_counting_as_loss() {
    let scenario = Scenario {
        seconds: 20,
        jitter_ms: 10.0,
        // A 200 ms key press at 10 s, sent as ten RFC 4733 packets instead of audio.
        event: Some(500..510),
        ..Scenario::new("RFC 4733 event at 10 s")
    };
    let outcome = run(&scenario);
    report(&scenario, &outcome);
    let s = &outcome.stats_at_end;
    assert_eq!(s.packets_lost, 0);
    assert_eq!(late_lost(s), 0);
    // The key press's 200 ms play as faded audio (counted with the concealed samples), so the
    // audio after it is neither rushed nor delayed (a stretch may take a pitch period or so).
    let concealed_ms = concealed_after_start(&outcome) as f64 / 8.0;
    eprintln!("[RFC 4733 event at 10 s] {concealed_ms:.0} ms not decoded from audio");
    assert!((190.0..=220.0).contains(&concealed_ms));
    assert!(outcome.stats.mean_packet_wait().as_secs_f64() * 1000.0 < 30.0);
}

#[test]
fn garbage_from_the_network_never_stops_playout() {
    use super::JitterPacket;
    use super::{Incoming, JitterBuffer, JitterConfig};
    use crate::media::codec::{create, find};
    use bytes::Bytes;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    use std::time::Duration;

    let spec = find("PCMU", 8000).expect("PCMU is always supported");
    // The codec as the stream holds it: any `Codec` is a `Decoder`.
    let mut codec = create(&spec).expect("PCMU is always supported");
    let decoder = &mut *codec;
    let mut buffer = JitterBuffer::new(JitterConfig::for_codec(&spec));
    let mut rng = StdRng::seed_from_u64(7);
    let mut out = Vec::new();
    let mut pulls = 0;
    for step in 0..20_000u64 {
        let now = Duration::from_millis(step * 5);
        if step % 2 == 0 {
            buffer.pull(now, decoder, &mut out);
            pulls += 1;
            continue;
        }
        let length = rng.random_range(0..400);
        let payload: Vec<u8> = (0..length).map(|_| rng.random()).collect();
        buffer.put(
            now,
            Incoming {
                ssrc: rng.random_range(0..3),
                marker: rng.random(),
                packet: JitterPacket {
                    sequence: rng.random(),
                    timestamp: rng.random(),
                    payload_type: if rng.random_bool(0.9) { 0 } else { 101 },
                    payload: Bytes::from(payload),
                },
            },
        );
    }
    assert_eq!(out.len(), pulls * buffer.block_samples());
}

#[test]
fn a_lone_lost_packet_is_rebuilt_from_its_successor_when_the_codec_can() {
    use super::JitterPacket;
    use super::{Decoder, Incoming, JitterBuffer, JitterConfig};
    use crate::media::codec::{find, DecodeError};
    use bytes::Bytes;
    use std::time::Duration;

    /// Payload byte = the sample value; FEC gives the lost frame as 1000s.
    #[derive(Default)]
    struct FecDecoder {
        recovered: Vec<u8>,
    }
    impl Decoder for FecDecoder {
        fn decode(&mut self, payload: &[u8], out: &mut Vec<i16>) -> Result<(), DecodeError> {
            out.extend(payload.iter().map(|&b| i16::from(b)));
            Ok(())
        }
        fn conceal(&mut self, out: &mut Vec<i16>) {
            out.extend([0; 160]);
        }
        fn recover(&mut self, next_payload: &[u8], out: &mut Vec<i16>) {
            self.recovered.push(next_payload[0]);
            out.extend([1000; 160]);
        }
    }
    let spec = find("PCMU", 8000).expect("PCMU is always supported");
    let mut buffer = JitterBuffer::new(JitterConfig::for_codec(&spec));
    let mut decoder = FecDecoder::default();
    let mut out = Vec::new();
    for pull in 0..200u64 {
        let now = Duration::from_millis(pull * 10);
        if pull % 2 == 0 && pull / 2 != 50 {
            let i = (pull / 2) as u16;
            buffer.put(
                now,
                Incoming {
                    ssrc: 1,
                    marker: false,
                    packet: JitterPacket {
                        sequence: i,
                        timestamp: u32::from(i) * 160,
                        payload_type: 0,
                        payload: Bytes::from(vec![(i % 200) as u8 + 1; 160]),
                    },
                },
            );
        }
        buffer.pull(now, &mut decoder, &mut out);
    }
    // Packet 50 was lost; its successor 51 carried it.
    assert_eq!(decoder.recovered, vec![52]);
    assert!(out.contains(&1000));
    assert_eq!(buffer.stats().packets_lost, 1);
}
