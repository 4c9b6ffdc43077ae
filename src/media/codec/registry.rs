//! The codecs Handset speaks, and how to make one from an agreed [`CodecSpec`].

use super::{Codec, CodecSpec, G711Law, G711};

/// Packet time we use unless the peer asks for another.
pub const DEFAULT_PTIME_MS: u32 = 20;

fn g711_spec(payload_type: u8, name: &'static str) -> CodecSpec {
    CodecSpec {
        payload_type,
        name,
        clock_rate: 8000,
        sample_rate: 8000,
        channels: 1,
        ptime_ms: DEFAULT_PTIME_MS,
        fmtp: None,
    }
}

/// Every codec we support, in our default order of preference.
pub fn supported() -> Vec<CodecSpec> {
    vec![
        g711_spec(0, "PCMU"),
        g711_spec(8, "PCMA"),
        super::gsm::spec(),
    ]
}

/// Our spec for an encoding name as written in `a=rtpmap` (case-insensitive) and clock rate.
pub fn find(name: &str, clock_rate: u32) -> Option<CodecSpec> {
    supported()
        .into_iter()
        .find(|spec| spec.name.eq_ignore_ascii_case(name) && spec.clock_rate == clock_rate)
}

/// A fresh codec instance for an agreed spec, or None if we do not know it.
pub fn create(spec: &CodecSpec) -> Option<Box<dyn Codec>> {
    if spec.name.eq_ignore_ascii_case("GSM") {
        return super::gsm::create(spec);
    }
    let law = if spec.name.eq_ignore_ascii_case("PCMU") {
        G711Law::MuLaw
    } else if spec.name.eq_ignore_ascii_case("PCMA") {
        G711Law::ALaw
    } else {
        return None;
    };
    if spec.clock_rate != 8000 || spec.sample_rate != 8000 || spec.channels != 1 {
        return None;
    }
    Some(Box::new(G711::new(law, spec.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pcmu_comes_first_then_pcma_at_20_ms() {
        let specs = supported();
        let names: Vec<_> = specs.iter().map(|s| (s.name, s.payload_type)).collect();
        assert_eq!(names, vec![("PCMU", 0), ("PCMA", 8), ("GSM", 3)]);
        assert!(specs
            .iter()
            .all(|s| s.ptime_ms == 20 && s.samples_per_frame() == 160));
    }

    #[test]
    fn create_ignores_case_and_keeps_the_agreed_payload_type() {
        let mut spec = supported()[1].clone();
        spec.name = "pcma";
        spec.payload_type = 8;
        let codec = create(&spec).expect("pcma is supported");
        assert_eq!(codec.spec().payload_type, 8);
        let mut out = Vec::new();
        let mut codec = codec;
        codec.encode(&[0; 160], &mut out);
        assert_eq!(out, vec![0xD5; 160]);
    }

    #[test]
    fn unknown_codecs_are_refused() {
        let mut spec = supported()[0].clone();
        spec.name = "opus";
        assert!(create(&spec).is_none());
        assert!(find("G722", 8000).is_none());
        assert_eq!(find("pcmu", 8000).map(|s| s.payload_type), Some(0));
    }
}
