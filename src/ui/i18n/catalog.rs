//! The languages Handset ships, and their Fluent files, built into the program.
//!
//! Each language has the same resource files (`RESOURCE_FILES`) under `i18n/<code>/`. Adding a
//! language is one line in `SHIPPED` plus one line in `LANGUAGES`; adding a resource file is
//! one entry in `RESOURCE_FILES` and one `include_str!` in the macro below.

/// The resource files every language has, in the order `SHIPPED` lists their text.
pub const RESOURCE_FILES: [&str; 2] = ["handset.ftl", "window.ftl"];

/// Each shipped language's code and its name in that language, for the language picker.
/// English comes first: it is the fallback for everything.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en-US", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pt-BR", "Português (Brasil)"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("ru", "Русский"),
    ("zh-CN", "简体中文"),
];

/// The index of English in `LANGUAGES` and `SHIPPED`.
pub const FALLBACK: usize = 0;

macro_rules! language {
    ($code:literal) => {
        (
            $code,
            [
                include_str!(concat!("../../../i18n/", $code, "/handset.ftl")),
                include_str!(concat!("../../../i18n/", $code, "/window.ftl")),
            ],
        )
    };
}

/// The text of every resource file, in `LANGUAGES` order; the build fails if one goes missing.
pub const SHIPPED: [(&str, [&str; RESOURCE_FILES.len()]); LANGUAGES.len()] = [
    language!("en-US"),
    language!("de"),
    language!("fr"),
    language!("es"),
    language!("it"),
    language!("pt-BR"),
    language!("nl"),
    language!("pl"),
    language!("ru"),
    language!("zh-CN"),
];
