//! The codecs Handset speaks. PLACEHOLDER: the media owner fills it.

use super::{Codec, CodecSpec};

/// Every codec we support, in our default order of preference.
pub fn supported() -> Vec<CodecSpec> {
    todo!()
}

/// A fresh codec instance for an agreed spec, or None if we do not know it.
pub fn create(spec: &CodecSpec) -> Option<Box<dyn Codec>> {
    let _ = spec;
    todo!()
}
