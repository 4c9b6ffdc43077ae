//! Lookups, language choice, plurals and dates as a user sees them.

use super::bundle::Messages;
use super::locale::{desktop_request, negotiate, negotiate_name};
use super::*;
use jiff::tz::{offset, TimeZone};

/// 2026-11-25 14:05:30 UTC, a Wednesday.
const NOW: u64 = 1_795_615_530;
const DAY: u64 = 86_400;

/// One hour east of UTC, as Berlin is in winter.
fn plus_one() -> TimeZone {
    TimeZone::fixed(offset(1))
}

fn language(code: &str) -> Localizer {
    let localizer = Localizer::for_language(code);
    assert_eq!(localizer.code(), code, "{code} is shipped");
    localizer
}

#[test]
fn english_is_the_language_when_nothing_else_is_chosen() {
    assert_eq!(active_language(), "en-US");
    assert_eq!(tr("app-title"), "Handset");
    assert_eq!(tr("settings-heading"), "Settings");
}

#[test]
fn a_missing_key_shows_the_key() {
    assert_eq!(tr("no-such-key"), "no-such-key");
    assert!(!has_key("no-such-key"));
    assert!(has_key("settings-heading"));
}

#[test]
fn placeables_are_filled_without_invisible_marks() {
    let text = tr_args("ended-heading", &[("remote", "sip:bob@192.0.2.7")]);
    assert_eq!(text, "Call with sip:bob@192.0.2.7 ended");
    // A variable the caller forgot stays visible instead of vanishing.
    assert_eq!(tr("ended-heading"), "Call with {$remote} ended");
}

#[test]
fn choosing_a_language_changes_every_later_lookup() {
    set_language(Some("de"));
    assert_eq!(active_language(), "de");
    assert_eq!(tr("settings-heading"), "Einstellungen");
    assert_eq!(
        tr_args("ended-heading", &[("remote", "Bob")]),
        "Anruf mit Bob beendet"
    );
    set_language(Some("pt_BR.UTF-8"));
    assert_eq!(active_language(), "pt-BR");
    // A language Handset does not ship, and the desktop (English in unit tests).
    set_language(Some("sw"));
    assert_eq!(active_language(), "en-US");
    set_language(Some("fr"));
    set_language(None);
    assert_eq!(active_language(), "en-US");
}

#[test]
fn every_shipped_language_can_be_chosen_by_its_code() {
    for (code, native) in LANGUAGES {
        assert_eq!(Localizer::for_language(code).code(), *code);
        assert!(!native.is_empty());
    }
    assert_eq!(LANGUAGES[0].0, "en-US");
}

#[test]
fn the_desktop_language_comes_from_lc_all_then_lc_messages_then_lang() {
    let pick =
        |all, messages, lang| LANGUAGES[negotiate(desktop_request(all, messages, lang).as_ref())].0;
    assert_eq!(pick(None, None, Some("de_DE.UTF-8")), "de");
    assert_eq!(pick(None, None, Some("pt_BR")), "pt-BR");
    assert_eq!(pick(None, None, Some("zh_CN.UTF-8")), "zh-CN");
    assert_eq!(pick(None, Some("fr_FR.UTF-8"), Some("de_DE.UTF-8")), "fr");
    assert_eq!(
        pick(Some("ru_RU.UTF-8"), Some("fr_FR"), Some("de_DE")),
        "ru"
    );
    // Empty means unset; C and POSIX mean no language, and stop the search.
    assert_eq!(pick(Some(""), None, Some("nl_NL.UTF-8")), "nl");
    assert_eq!(pick(Some("C"), None, Some("de_DE.UTF-8")), "en-US");
    assert_eq!(pick(None, None, Some("C.UTF-8")), "en-US");
    assert_eq!(pick(None, None, Some("POSIX")), "en-US");
    assert_eq!(pick(None, None, None), "en-US");
}

#[test]
fn a_region_or_script_handset_lacks_gets_the_same_language() {
    assert_eq!(LANGUAGES[negotiate_name("de_AT.UTF-8@euro")].0, "de");
    assert_eq!(LANGUAGES[negotiate_name("pt_PT")].0, "pt-BR");
    assert_eq!(LANGUAGES[negotiate_name("es-MX")].0, "es");
    assert_eq!(LANGUAGES[negotiate_name("en_GB.UTF-8")].0, "en-US");
    assert_eq!(LANGUAGES[negotiate_name("fi_FI.UTF-8")].0, "en-US");
    assert_eq!(LANGUAGES[negotiate_name("not a locale!")].0, "en-US");
}

#[test]
fn a_number_argument_picks_the_plural_form() {
    let english = language("en-US");
    let waiting = |n: &str| english.tr_args("password-prompt-waiting", &[("count", n)]);
    assert_eq!(
        waiting("1"),
        "One more account is waiting for its password."
    );
    assert_eq!(
        waiting("2"),
        "2 more accounts are waiting for their passwords."
    );
}

#[test]
fn polish_has_one_few_and_many() {
    let polish = language("pl");
    let waiting = |n: &str| polish.tr_args("password-prompt-waiting", &[("count", n)]);
    assert_eq!(waiting("1"), "Jeszcze jedno konto czeka na hasło.");
    assert_eq!(waiting("3"), "Jeszcze 3 konta czekają na hasła.");
    assert_eq!(waiting("22"), "Jeszcze 22 konta czekają na hasła.");
    assert_eq!(waiting("5"), "Jeszcze 5 kont czeka na hasła.");
    assert_eq!(waiting("12"), "Jeszcze 12 kont czeka na hasła.");
}

#[test]
fn russian_has_one_few_and_many() {
    let russian = language("ru");
    let waiting = |n: &str| russian.tr_args("password-prompt-waiting", &[("count", n)]);
    assert_eq!(waiting("1"), "Ещё 1 учётная запись ждёт пароля.");
    assert_eq!(waiting("21"), "Ещё 21 учётная запись ждёт пароля.");
    assert_eq!(waiting("3"), "Ещё 3 учётные записи ждут пароля.");
    assert_eq!(waiting("11"), "Ещё 11 учётных записей ждут пароля.");
    assert_eq!(waiting("25"), "Ещё 25 учётных записей ждут пароля.");
}

#[test]
fn only_plain_numbers_are_numbers() {
    let source = "m = { $n ->\n    [one] one\n   *[other] other { $n }\n}\n";
    let messages = Messages::new("en-US".parse().unwrap(), &[source]);
    let say = |n: &str| messages.format("m", &[("n", n)]).unwrap();
    assert_eq!(say("1"), "one");
    assert_eq!(say("1.50"), "other 1.50");
    // An extension, an address and a float's spelling are text, shown as given.
    assert_eq!(say("01"), "other 01");
    assert_eq!(say("1e0"), "other 1e0");
    assert_eq!(say("NaN"), "other NaN");
    assert_eq!(say("4930123456789012345"), "other 4930123456789012345");
}

#[test]
fn when_says_today_yesterday_a_weekday_or_the_date() {
    let (english, german) = (language("en-US"), language("de"));
    let cases = [
        (NOW - 3600, "2:05 PM", "14:05"),
        (NOW - DAY, "Yesterday 3:05 PM", "Gestern 15:05"),
        (NOW - 3 * DAY, "Sunday 3:05 PM", "Sonntag 15:05"),
        (NOW - 6 * DAY, "Thursday 3:05 PM", "Donnerstag 15:05"),
        (NOW - 7 * DAY, "11/18/2026", "18.11.2026"),
        // Later than now (a clock put right since): the full date and time.
        (NOW + DAY, "11/26/2026 3:05 PM", "26.11.2026, 15:05"),
    ];
    for (then, in_english, in_german) in cases {
        assert_eq!(english.format_when_in(then, NOW, &plus_one()), in_english);
        assert_eq!(german.format_when_in(then, NOW, &plus_one()), in_german);
    }
}

#[test]
fn the_day_changes_at_local_midnight() {
    // 2026-11-24 23:30 UTC: still yesterday in UTC, already today one hour east.
    let then = 1_795_563_000;
    let german = language("de");
    assert_eq!(german.format_when_in(then, NOW, &plus_one()), "00:30");
    assert_eq!(
        german.format_when_in(then, NOW, &TimeZone::UTC),
        "Gestern 23:30"
    );
}

#[test]
fn dates_follow_the_language_and_summer_time() {
    let berlin = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
    // 2026-07-01 12:00 UTC is 14:00 in Berlin's summer time.
    let summer = 1_782_907_200;
    assert_eq!(
        language("de").format_date_time_in(summer, &berlin),
        "01.07.2026, 14:00"
    );
    assert_eq!(language("en-US").format_time_in(summer, &berlin), "2:00 PM");
    assert_eq!(
        language("zh-CN").format_date_time_in(NOW, &plus_one()),
        "2026年11月25日 15:05"
    );
    assert_eq!(
        language("ru").format_when_in(NOW - DAY, NOW, &plus_one()),
        "Вчера 15:05"
    );
}

#[test]
fn every_language_has_working_date_patterns_and_weekdays() {
    let time = jiff::Timestamp::from_second(NOW as i64)
        .unwrap()
        .to_zoned_datetime(TimeZone::UTC);
    for (code, _) in LANGUAGES {
        let localizer = language(code);
        for key in ["time-format", "date-format"] {
            let pattern = localizer.tr(key);
            let formatted = jiff::fmt::strtime::format(&pattern, &time);
            assert!(
                formatted.is_ok(),
                "{code}: {key} = {pattern:?} is not a jiff pattern"
            );
        }
        let names: std::collections::BTreeSet<String> = (1..=7)
            .map(|day| localizer.tr_args("weekday-name", &[("day", &day.to_string())]))
            .collect();
        assert_eq!(names.len(), 7, "{code}: seven different weekday names");
    }
}

#[test]
fn durations_read_like_a_clock() {
    assert_eq!(format_duration(0), "0:00");
    assert_eq!(format_duration(59), "0:59");
    assert_eq!(format_duration(65), "1:05");
    assert_eq!(format_duration(3599), "59:59");
    assert_eq!(format_duration(3723), "1:02:03");
}
