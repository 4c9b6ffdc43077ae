//! Ordering SRV records (RFC 2782): lowest priority first; within one priority, a weighted
//! random order, so that servers get load in proportion to their weight.

use super::records::Srv;
use rand::Rng;

/// The records in the order to try them. Records whose target is "." (service refused)
/// are dropped. Randomness comes from `rng`, so a seeded one gives a repeatable order.
pub fn ordered(records: &[Srv], rng: &mut impl Rng) -> Vec<Srv> {
    let mut usable: Vec<Srv> = records
        .iter()
        .filter(|r| !r.is_refusal())
        .cloned()
        .collect();
    usable.sort_by_key(|r| r.priority);
    let mut out = Vec::with_capacity(usable.len());
    let mut rest = usable.as_slice();
    while let Some(first) = rest.first() {
        let same = rest
            .iter()
            .take_while(|r| r.priority == first.priority)
            .count();
        let (group, after) = rest.split_at(same);
        out.extend(weighted_order(group, rng));
        rest = after;
    }
    out
}

/// RFC 2782's selection within one priority: put the zero-weight records first, then
/// repeatedly pick a number from 0 to the sum of the remaining weights and take the first
/// record whose running sum reaches it. Zero-weight records thus only win when drawn at 0,
/// i.e. rarely when others have weight.
fn weighted_order(group: &[Srv], rng: &mut impl Rng) -> Vec<Srv> {
    let mut remaining: Vec<Srv> = group.iter().filter(|r| r.weight == 0).cloned().collect();
    remaining.extend(group.iter().filter(|r| r.weight != 0).cloned());
    let mut out = Vec::with_capacity(remaining.len());
    while !remaining.is_empty() {
        let total: u32 = remaining.iter().map(|r| u32::from(r.weight)).sum();
        let draw = rng.random_range(0..=total);
        let mut running = 0u32;
        let index = remaining
            .iter()
            .position(|r| {
                running += u32::from(r.weight);
                running >= draw
            })
            .unwrap_or(0);
        out.push(remaining.remove(index));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn srv(priority: u16, weight: u16, target: &str) -> Srv {
        Srv {
            priority,
            weight,
            port: 5060,
            target: target.into(),
        }
    }

    fn targets(records: &[Srv]) -> Vec<&str> {
        records.iter().map(|r| r.target.as_str()).collect()
    }

    #[test]
    fn lower_priority_always_comes_first() {
        let records = [
            srv(20, 100, "backup"),
            srv(10, 1, "main"),
            srv(30, 0, "last"),
        ];
        for seed in 0..50 {
            let order = ordered(&records, &mut StdRng::seed_from_u64(seed));
            assert_eq!(targets(&order), ["main", "backup", "last"]);
        }
    }

    #[test]
    fn a_seeded_rng_gives_a_repeatable_order() {
        let records = [srv(10, 30, "a"), srv(10, 30, "b"), srv(10, 40, "c")];
        let once = ordered(&records, &mut StdRng::seed_from_u64(7));
        let again = ordered(&records, &mut StdRng::seed_from_u64(7));
        assert_eq!(once, again);
        assert_eq!(once.len(), 3);
    }

    #[test]
    fn weights_share_the_first_place_in_proportion() {
        let records = [srv(10, 90, "heavy"), srv(10, 10, "light")];
        let mut rng = StdRng::seed_from_u64(1);
        let heavy_first = (0..1000)
            .filter(|_| ordered(&records, &mut rng)[0].target == "heavy")
            .count();
        // 90 % expected; a wide margin keeps this about the rule, not the seed.
        assert!((800..=970).contains(&heavy_first), "{heavy_first}");
    }

    #[test]
    fn zero_weight_rarely_wins_against_weighted_records() {
        let records = [srv(10, 0, "zero"), srv(10, 50, "weighted")];
        let mut rng = StdRng::seed_from_u64(3);
        let zero_first = (0..1000)
            .filter(|_| ordered(&records, &mut rng)[0].target == "zero")
            .count();
        assert!(zero_first < 100, "{zero_first}");
    }

    #[test]
    fn a_refused_service_gives_no_targets() {
        let order = ordered(&[srv(0, 0, ".")], &mut StdRng::seed_from_u64(0));
        assert!(order.is_empty());
    }
}
