//! The codecs Handset speaks, and how to make one from an agreed [`CodecSpec`].

use super::opus::Opus;
use super::{
    g722_spec, ilbc_spec, opus_spec, Codec, CodecSpec, G711Law, Ilbc, IlbcMode, G711, G722,
    OPUS_DEFAULT_PAYLOAD_TYPE,
};

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
        opus_spec(OPUS_DEFAULT_PAYLOAD_TYPE, DEFAULT_PTIME_MS),
        g722_spec(DEFAULT_PTIME_MS),
        g711_spec(0, "PCMU"),
        g711_spec(8, "PCMA"),
        super::gsm::spec(),
        ilbc_spec(IlbcMode::Ms30),
    ]
}

/// Our spec for an encoding name as written in `a=rtpmap` (case-insensitive) and clock rate.
pub fn find(name: &str, clock_rate: u32) -> Option<CodecSpec> {
    supported()
        .into_iter()
        .find(|spec| spec.name.eq_ignore_ascii_case(name) && spec.clock_rate == clock_rate)
}

/// The supported codecs named in `names`, in that order (names match case-insensitively and
/// unknown ones are skipped); every supported codec when `names` is empty. `iLBC-20` and
/// `iLBC-30` pick iLBC's frame mode (plain `iLBC` is 30 ms, RFC 3952's default).
pub fn preferred(names: &[String]) -> Vec<CodecSpec> {
    let all = supported();
    if names.is_empty() {
        return all;
    }
    names
        .iter()
        .filter_map(|name| {
            ilbc_mode_named(name).map(ilbc_spec).or_else(|| {
                all.iter()
                    .find(|s| s.name.eq_ignore_ascii_case(name))
                    .cloned()
            })
        })
        .collect()
}

fn ilbc_mode_named(name: &str) -> Option<IlbcMode> {
    let (codec, ms) = name.split_once('-')?;
    if !codec.eq_ignore_ascii_case("iLBC") {
        return None;
    }
    IlbcMode::from_ms(ms.parse().ok()?)
}

/// A fresh codec instance for an agreed spec, or None if we do not know it.
pub fn create(spec: &CodecSpec) -> Option<Box<dyn Codec>> {
    if spec.name.eq_ignore_ascii_case("opus") {
        return create_opus(spec);
    }
    if spec.name.eq_ignore_ascii_case("G722") {
        return create_g722(spec);
    }
    if spec.name.eq_ignore_ascii_case("iLBC") && spec.clock_rate == 8000 && spec.channels == 1 {
        return Some(Box::new(Ilbc::new(spec)));
    }
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

fn create_opus(spec: &CodecSpec) -> Option<Box<dyn Codec>> {
    if spec.clock_rate != 48000 || spec.sample_rate != 48000 {
        return None;
    }
    let codec = Opus::new(spec.clone()).ok()?;
    Some(Box::new(codec))
}

fn create_g722(spec: &CodecSpec) -> Option<Box<dyn Codec>> {
    if spec.clock_rate != 8000 || spec.sample_rate != 16000 || spec.channels != 1 {
        return None;
    }
    Some(Box::new(G722::new(spec.clone())))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ilbc_mode_can_be_chosen_by_name() {
        let names = [
            "iLBC-20".to_owned(),
            "PCMU".to_owned(),
            "ilbc-30".to_owned(),
        ];
        let specs = super::preferred(&names);
        let ptimes: Vec<u32> = specs.iter().map(|s| s.ptime_ms).collect();
        assert_eq!(ptimes, [20, 20, 30]);
        assert_eq!(specs[0].fmtp.as_deref(), Some("mode=20"));
        assert_eq!(specs[0].name, "iLBC");
    }

    use super::*;

    #[test]
    fn the_default_order_is_opus_g722_g711_gsm_ilbc() {
        let specs = supported();
        let names: Vec<_> = specs.iter().map(|s| (s.name, s.payload_type)).collect();
        assert_eq!(
            names,
            [
                ("opus", 111),
                ("G722", 9),
                ("PCMU", 0),
                ("PCMA", 8),
                ("GSM", 3),
                ("iLBC", 97)
            ]
        );
        // iLBC is offered in its 30 ms mode, RFC 3952's default; the rest at 20 ms.
        let ptimes: Vec<_> = specs.iter().map(|s| s.ptime_ms).collect();
        assert_eq!(ptimes, [20, 20, 20, 20, 20, 30]);
        let frames: Vec<_> = specs.iter().map(|s| s.samples_per_frame()).collect();
        assert_eq!(frames, [960, 320, 160, 160, 160, 240]);
        let steps: Vec<_> = specs.iter().map(|s| s.timestamp_step()).collect();
        assert_eq!(steps, [960, 160, 160, 160, 160, 240]);
    }

    #[test]
    fn a_preference_list_picks_and_orders_codecs() {
        let names = ["pcma".to_owned(), "nonsense".to_owned(), "GSM".to_owned()];
        let picked: Vec<_> = preferred(&names).iter().map(|s| s.name).collect();
        assert_eq!(picked, ["PCMA", "GSM"]);
        assert_eq!(preferred(&[]), supported());
    }

    #[test]
    fn opus_and_g722_are_created_whatever_the_case() {
        for name in ["OPUS", "Opus", "opus"] {
            let mut spec = find("opus", 48000).unwrap();
            spec.name = name;
            spec.payload_type = 96;
            let codec = create(&spec).expect("opus is supported");
            assert_eq!(codec.spec().payload_type, 96);
        }
        for name in ["g722", "G722"] {
            let mut spec = find("G722", 8000).unwrap();
            spec.name = name;
            let mut codec = create(&spec).expect("G.722 is supported");
            let mut out = Vec::new();
            codec.encode(&[0; 320], &mut out);
            assert_eq!(out.len(), 160);
        }
    }

    #[test]
    fn create_ignores_case_and_keeps_the_agreed_payload_type() {
        let mut spec = find("PCMA", 8000).unwrap();
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
        let mut spec = find("PCMU", 8000).unwrap();
        spec.name = "speex";
        assert!(create(&spec).is_none());
        assert!(find("G722", 16000).is_none());
        assert!(find("opus", 8000).is_none());
        assert_eq!(find("pcmu", 8000).map(|s| s.payload_type), Some(0));
    }
}
