//! The shipped Fluent files against each other: every file parses, every translation has
//! exactly English's keys and placeables, and every language folder is loaded.

use super::catalog::{LANGUAGES, RESOURCE_FILES, SHIPPED};
use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each message of a Fluent file with the variables (`$name`) it uses anywhere.
pub(super) fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let mut found = BTreeMap::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(message) = entry {
            let mut variables = BTreeSet::new();
            let patterns = message
                .value
                .iter()
                .chain(message.attributes.iter().map(|a| &a.value));
            for pattern in patterns {
                pattern_variables(pattern, &mut variables);
            }
            found.insert(message.id.name.to_owned(), variables);
        }
    }
    found
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
        }
        _ => {}
    }
}

/// What a translation gets wrong against English: missing or extra keys, and placeables
/// dropped or invented. Empty when it matches.
fn catalog_problems(english: &str, translation: &str) -> Vec<String> {
    let (english, translation) = (messages(english), messages(translation));
    let mut problems = Vec::new();
    for (key, variables) in &english {
        match translation.get(key) {
            None => problems.push(format!("{key}: missing")),
            Some(theirs) if theirs != variables => problems.push(format!(
                "{key}: placeables {theirs:?}, English has {variables:?}"
            )),
            Some(_) => {}
        }
    }
    for key in translation.keys().filter(|key| !english.contains_key(*key)) {
        problems.push(format!("{key}: not in en-US"));
    }
    problems
}

fn parse_errors(source: &str) -> Option<String> {
    FluentResource::try_new(source.to_owned())
        .err()
        .map(|(_, errors)| format!("{errors:?}"))
}
pub(super) fn english_keys() -> BTreeSet<String> {
    SHIPPED[0]
        .1
        .iter()
        .flat_map(|file| messages(file).into_keys())
        .collect()
}
#[test]
fn every_file_of_every_language_parses() {
    for (code, files) in SHIPPED {
        for (name, source) in RESOURCE_FILES.iter().zip(files) {
            assert_eq!(
                parse_errors(source),
                None,
                "i18n/{code}/{name} has Fluent errors"
            );
        }
    }
}

#[test]
fn every_translation_has_englishs_keys_and_placeables() {
    let (english, english_files) = SHIPPED[0];
    assert_eq!(english, "en-US");
    for (code, files) in &SHIPPED[1..] {
        for ((name, theirs), ours) in RESOURCE_FILES.iter().zip(files).zip(english_files) {
            let problems = catalog_problems(ours, theirs);
            assert!(
                problems.is_empty(),
                "i18n/{code}/{name}:\n{}",
                problems.join("\n")
            );
        }
    }
}

#[test]
fn the_comparison_catches_each_kind_of_mistake() {
    let english = "a = A { $x }\nb = B\nc = { $n ->\n    [one] one\n   *[other] { $n } many\n}\n";
    assert!(catalog_problems(english, english).is_empty());
    let cases = [
        ("a = A { $x }\nc = { $n }\n", "b: missing"),
        (
            "a = A { $x }\nb = B\nc = { $n }\nd = D\n",
            "d: not in en-US",
        ),
        ("a = A\nb = B\nc = { $n }\n", "a: placeables"),
        ("a = A { $x }\nb = B { $y }\nc = { $n }\n", "b: placeables"),
    ];
    for (translation, expected) in cases {
        let problems = catalog_problems(english, translation);
        assert!(
            problems.iter().any(|p| p.starts_with(expected)),
            "{translation:?} should give {expected:?}, gave {problems:?}"
        );
    }
    assert!(parse_errors("ok = yes\n= broken\n").is_some());
}

#[test]
fn every_language_folder_is_shipped_with_every_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
    let mut on_disk = BTreeSet::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let folder = entry.unwrap().path();
        let code = folder.file_name().unwrap().to_string_lossy().into_owned();
        for file in std::fs::read_dir(&folder).unwrap() {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                RESOURCE_FILES.contains(&name.as_str()),
                "i18n/{code}/{name} is never loaded: add it to RESOURCE_FILES"
            );
        }
        on_disk.insert(code);
    }
    let shipped: BTreeSet<String> = LANGUAGES.iter().map(|(code, _)| code.to_string()).collect();
    assert_eq!(
        on_disk, shipped,
        "every folder in i18n/ is a language in LANGUAGES"
    );
}
