use super::*;
use std::collections::BTreeMap;

/// A file tree in memory: path → text.
#[derive(Default)]
struct Tree(BTreeMap<PathBuf, String>);

impl Tree {
    fn with(mut self, path: &str, text: &str) -> Self {
        self.0.insert(PathBuf::from(path), text.to_string());
        self
    }
}

impl ThemeFiles for Tree {
    fn read_text(&self, path: &Path) -> Option<String> {
        self.0.get(path).cloned()
    }
    fn is_file(&self, path: &Path) -> bool {
        self.0.contains_key(path)
    }
}

const STEREO_INDEX: &str =
    "[Sound Theme]\nName=X\nDirectories=stereo\n\n[stereo]\nOutputProfile=stereo\n";

fn bases() -> Vec<PathBuf> {
    vec![
        PathBuf::from("/home/u/.local/share/sounds"),
        PathBuf::from("/usr/share/sounds"),
    ]
}

fn find(tree: &Tree, theme: &str, locale: Option<&str>) -> Found {
    let bases = bases();
    Lookup {
        base_dirs: &bases,
        theme,
        output_profile: STEREO,
        locale,
    }
    .find(tree, PHONE_INCOMING_CALL)
}

fn file(path: &str) -> Found {
    Found::File(PathBuf::from(path))
}

fn freedesktop() -> Tree {
    Tree::default()
        .with("/usr/share/sounds/freedesktop/index.theme", STEREO_INDEX)
        .with(
            "/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga",
            "",
        )
}

#[test]
fn the_freedesktop_theme_as_debian_ships_it_is_found() {
    assert_eq!(
        find(&freedesktop(), DEFAULT_THEME, None),
        file("/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga")
    );
}

#[test]
fn the_chosen_theme_wins_over_freedesktop_and_falls_back_to_it() {
    let tree = freedesktop()
        .with("/usr/share/sounds/ocean/index.theme", STEREO_INDEX)
        .with("/usr/share/sounds/ocean/stereo/phone-incoming-call.wav", "");
    assert_eq!(
        find(&tree, "ocean", None),
        file("/usr/share/sounds/ocean/stereo/phone-incoming-call.wav")
    );
    let without = freedesktop()
        .with("/usr/share/sounds/ocean/index.theme", STEREO_INDEX)
        .with("/usr/share/sounds/ocean/stereo/bell.oga", "");
    assert_eq!(
        find(&without, "ocean", None),
        file("/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga")
    );
    // A theme that is not installed at all: freedesktop still answers.
    assert_eq!(
        find(&freedesktop(), "not-installed", None),
        file("/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga")
    );
}

#[test]
fn parents_are_searched_in_order_before_freedesktop() {
    let child = "[Sound Theme]\nName=C\nInherits=first,second\nDirectories=stereo\n[stereo]\nOutputProfile=stereo\n";
    let tree = freedesktop()
        .with("/usr/share/sounds/child/index.theme", child)
        .with("/usr/share/sounds/first/index.theme", STEREO_INDEX)
        .with("/usr/share/sounds/second/index.theme", STEREO_INDEX)
        .with(
            "/usr/share/sounds/second/stereo/phone-incoming-call.oga",
            "",
        )
        .with("/usr/share/sounds/first/stereo/phone-incoming-call.ogg", "");
    assert_eq!(
        find(&tree, "child", None),
        file("/usr/share/sounds/first/stereo/phone-incoming-call.ogg")
    );
}

#[test]
fn an_inheritance_cycle_ends() {
    let a = "[Sound Theme]\nInherits=b\nDirectories=stereo\n[stereo]\nOutputProfile=stereo\n";
    let b = "[Sound Theme]\nInherits=a\nDirectories=stereo\n[stereo]\nOutputProfile=stereo\n";
    let tree = Tree::default()
        .with("/usr/share/sounds/a/index.theme", a)
        .with("/usr/share/sounds/b/index.theme", b);
    assert_eq!(find(&tree, "a", None), Found::Missing);
}

#[test]
fn the_users_folder_overrides_the_system_one() {
    let tree = freedesktop().with(
        "/home/u/.local/share/sounds/freedesktop/stereo/phone-incoming-call.wav",
        "",
    );
    assert_eq!(
        find(&tree, DEFAULT_THEME, None),
        file("/home/u/.local/share/sounds/freedesktop/stereo/phone-incoming-call.wav")
    );
}

#[test]
fn a_localized_sound_is_preferred_for_the_users_language() {
    let tree = freedesktop()
        .with(
            "/usr/share/sounds/freedesktop/stereo/de/phone-incoming-call.oga",
            "",
        )
        .with(
            "/usr/share/sounds/freedesktop/stereo/fr/phone-incoming-call.oga",
            "",
        );
    assert_eq!(
        find(&tree, DEFAULT_THEME, Some("de_AT.UTF-8")),
        file("/usr/share/sounds/freedesktop/stereo/de/phone-incoming-call.oga")
    );
    assert_eq!(
        find(&tree, DEFAULT_THEME, Some("it_IT.UTF-8")),
        file("/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga")
    );
}

#[test]
fn a_less_specific_name_is_tried_after_the_full_one_everywhere() {
    let tree = Tree::default()
        .with("/usr/share/sounds/freedesktop/index.theme", STEREO_INDEX)
        .with(
            "/usr/share/sounds/freedesktop/stereo/phone-incoming.oga",
            "",
        );
    assert_eq!(
        find(&tree, DEFAULT_THEME, None),
        file("/usr/share/sounds/freedesktop/stereo/phone-incoming.oga")
    );
}

#[test]
fn a_directory_for_another_output_profile_is_not_used() {
    let index = "[Sound Theme]\nDirectories=surround\n[surround]\nOutputProfile=5.1\n";
    let tree = Tree::default()
        .with("/usr/share/sounds/freedesktop/index.theme", index)
        .with(
            "/usr/share/sounds/freedesktop/surround/phone-incoming-call.oga",
            "",
        );
    assert_eq!(find(&tree, DEFAULT_THEME, None), Found::Missing);
}

#[test]
fn a_disabled_sound_stops_the_search() {
    let tree = freedesktop()
        .with("/usr/share/sounds/quiet/index.theme", STEREO_INDEX)
        .with(
            "/usr/share/sounds/quiet/stereo/phone-incoming-call.disabled",
            "",
        );
    assert_eq!(find(&tree, "quiet", None), Found::Disabled);
}

#[test]
fn an_unthemed_sound_in_a_base_directory_is_the_last_fallback() {
    let tree = Tree::default().with("/usr/share/sounds/phone-incoming-call.wav", "");
    assert_eq!(
        find(&tree, DEFAULT_THEME, None),
        file("/usr/share/sounds/phone-incoming-call.wav")
    );
    assert_eq!(find(&Tree::default(), DEFAULT_THEME, None), Found::Missing);
}

#[test]
fn theme_names_that_leave_the_folder_are_refused() {
    let tree = freedesktop()
        .with("/usr/share/index.theme", STEREO_INDEX)
        .with("/usr/share/stereo/phone-incoming-call.oga", "");
    assert_eq!(
        find(&tree, "..", None),
        file("/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga")
    );
    assert!(!valid_theme_name("../x"));
    assert!(!valid_theme_name("a b"));
    assert!(!valid_theme_name(""));
    assert!(valid_theme_name("Yaru"));
}

#[test]
fn garbage_index_files_do_not_break_the_lookup() {
    for text in [
        "",
        "\0\0\0",
        "[Sound Theme\nDirectories",
        "Directories=../../etc\n",
        "[]\n=\n",
    ] {
        let tree = freedesktop().with("/usr/share/sounds/odd/index.theme", text);
        assert_eq!(
            find(&tree, "odd", None),
            file("/usr/share/sounds/freedesktop/stereo/phone-incoming-call.oga"),
            "{text:?}"
        );
    }
}

#[test]
fn base_directories_follow_the_xdg_variables() {
    assert_eq!(
        base_dirs(Some("/d/home"), Some("/h"), Some("/a:relative:/b:/a")),
        vec![
            PathBuf::from("/d/home/sounds"),
            PathBuf::from("/a/sounds"),
            PathBuf::from("/b/sounds"),
        ]
    );
    assert_eq!(
        base_dirs(None, Some("/h"), None),
        vec![
            PathBuf::from("/h/.local/share/sounds"),
            PathBuf::from("/usr/local/share/sounds"),
            PathBuf::from("/usr/share/sounds"),
        ]
    );
}

#[test]
fn locale_variants_go_from_specific_to_c() {
    assert_eq!(
        locale_variants(Some("de_AT.UTF-8@euro")),
        vec!["de_AT@euro", "de_AT", "de", "C"]
    );
    assert_eq!(locale_variants(Some("C.UTF-8")), vec!["C"]);
    assert_eq!(locale_variants(None), vec!["C"]);
    assert_eq!(locale_variants(Some("../x")), vec!["C"]);
}

#[test]
fn the_gsettings_answer_is_read_as_a_theme_name() {
    assert_eq!(parse_gsettings_string("'Yaru'\n"), Some("Yaru".to_string()));
    assert_eq!(parse_gsettings_string("'../etc'\n"), None);
    assert_eq!(parse_gsettings_string("No such schema"), None);
    assert_eq!(parse_gsettings_string("''"), None);
}

#[test]
fn plasmas_theme_is_read_from_kdeglobals() {
    let text = "[General]\nTheme=Breeze\n\n[Sounds]\nEnable=true\nTheme=ocean\n[WM]\nTheme=x\n";
    assert_eq!(parse_kdeglobals_theme(text), Some("ocean".to_string()));
    assert_eq!(parse_kdeglobals_theme("[General]\nTheme=Breeze\n"), None);
    assert_eq!(parse_kdeglobals_theme("[Sounds]\nTheme=../x\n"), None);
}
