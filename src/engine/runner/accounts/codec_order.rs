//! Which codec list a call uses: the headless list, the account's, or every codec.

use crate::config::Account;
use crate::media::codec::{self, CodecSpec};

/// The codec order for a call: the headless `--codecs` list (`EngineConfig::codecs`) when it
/// is not empty, since it is the operator's explicit choice for this run and overrides every
/// account; else the account's own list; else (peer-to-peer) every codec. A list that names no
/// codec we know (empty, or only unknown names) falls back to every supported codec in the
/// default order, so a bad setting never leaves a call with nothing to offer.
pub(super) fn codec_order(headless: &[String], account: Option<&Account>) -> Vec<CodecSpec> {
    let names = match account {
        Some(account) if headless.is_empty() => account.codecs.as_slice(),
        _ => headless,
    };
    let specs = codec::preferred(names);
    if specs.is_empty() {
        codec::supported()
    } else {
        specs
    }
}

#[cfg(test)]
mod tests {
    use super::codec_order;
    use crate::config::{Account, AccountId};

    fn names(headless: &[&str], account: Option<&[&str]>) -> Vec<&'static str> {
        let headless: Vec<String> = headless.iter().map(|s| s.to_string()).collect();
        let account = account.map(|codecs| Account {
            codecs: codecs.iter().map(|s| s.to_string()).collect(),
            ..Account::new(AccountId(1), "alice", "example.org")
        });
        codec_order(&headless, account.as_ref())
            .iter()
            .map(|s| s.name)
            .collect()
    }

    #[test]
    fn an_account_call_uses_the_account_order() {
        assert_eq!(names(&[], Some(&["PCMA", "gsm"])), ["PCMA", "GSM"]);
    }

    #[test]
    fn the_headless_list_wins_over_the_account() {
        assert_eq!(names(&["PCMU"], Some(&["PCMA"])), ["PCMU"]);
    }

    #[test]
    fn peer_to_peer_uses_the_headless_list_or_everything() {
        assert_eq!(names(&["G722", "opus"], None), ["G722", "opus"]);
        assert_eq!(
            names(&[], None),
            ["opus", "G722", "PCMU", "PCMA", "GSM", "iLBC"]
        );
    }

    #[test]
    fn an_account_list_naming_nothing_known_falls_back_to_every_codec() {
        let all = ["opus", "G722", "PCMU", "PCMA", "GSM", "iLBC"];
        assert_eq!(names(&[], Some(&[])), all);
        assert_eq!(names(&[], Some(&["mp3", "speex"])), all);
        // Unknown names among known ones are only skipped.
        assert_eq!(names(&[], Some(&["mp3", "PCMA"])), ["PCMA"]);
    }
}
