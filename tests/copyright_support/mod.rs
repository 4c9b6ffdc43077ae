//! debian/copyright, generated: Handset's own paragraph, then one paragraph per crate linked
//! into the `handset` binary (the normal dependency graph for the host platform, as
//! `cargo metadata --locked` resolves it; proc-macro crates only run in the compiler, so
//! they and what only they use are not linked), then the text of every licence named.
//!
//! Used by examples/debian_copyright.rs (writes the file) and tests/debian_copyright.rs
//! (checks it against Cargo.lock).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

/// The few crates that give a licence file instead of a licence expression, read by hand.
const LICENCE_FROM_FILE: &[(&str, &str)] = &[
    // rsip 0.4: "MIT License" in its LICENSE file.
    ("rsip", "MIT"),
];

/// The text of each licence named, as it follows "License: NAME" (one per file in licences/).
const LICENCE_TEXTS: &[(&str, &str)] = &[
    ("Apache-2.0", include_str!("licences/Apache-2.0")),
    (
        "Apache-2.0 WITH LLVM-exception",
        include_str!("licences/Apache-2.0-WITH-LLVM-exception"),
    ),
    ("BSD-2-Clause", include_str!("licences/BSD-2-Clause")),
    ("BSD-3-Clause", include_str!("licences/BSD-3-Clause")),
    ("CC0-1.0", include_str!("licences/CC0-1.0")),
    ("GPL-2.0-only", include_str!("licences/GPL-2.0-only")),
    (
        "GPL-3.0-or-later",
        include_str!("licences/GPL-3.0-or-later"),
    ),
    ("ISC", include_str!("licences/ISC")),
    ("MIT", include_str!("licences/MIT")),
    ("MPL-2.0", include_str!("licences/MPL-2.0")),
    ("Unicode-3.0", include_str!("licences/Unicode-3.0")),
    ("Unlicense", include_str!("licences/Unlicense")),
    ("Zlib", include_str!("licences/Zlib")),
];

const OUR_LICENCE: &str = "GPL-3.0-or-later";

pub const REGENERATE: &str = "cargo run --example debian_copyright > debian/copyright";

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkedCrate {
    pub name: String,
    pub version: String,
    /// In debian/copyright's form: `Apache-2.0 or MIT`, `(MIT or Apache-2.0) and Unicode-3.0`.
    pub licence: String,
    pub authors: Vec<String>,
}

impl LinkedCrate {
    /// Where debian/rules' cargo home keeps the crate's source during a package build.
    pub fn files_pattern(&self) -> String {
        format!(
            "debian/cargo-home/registry/src/*/{}-{}/*",
            self.name, self.version
        )
    }
}

/// The crates linked into the binary, sorted by name and version, without Handset itself.
pub fn linked_crates(manifest_dir: &Path) -> Result<Vec<LinkedCrate>, String> {
    let metadata = cargo_metadata(manifest_dir)?;
    let packages: HashMap<&str, &Value> = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata: no packages")?
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p)))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .ok_or("cargo metadata: no resolve graph")?
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let root = metadata["resolve"]["root"]
        .as_str()
        .ok_or("cargo metadata: no root package")?;

    let mut seen = BTreeSet::new();
    let mut to_visit = vec![root];
    let mut crates = Vec::new();
    while let Some(id) = to_visit.pop() {
        if !seen.insert(id) {
            continue;
        }
        let package = packages
            .get(id)
            .ok_or_else(|| format!("cargo metadata: {id} has no package"))?;
        if id != root {
            if is_proc_macro(package) {
                continue;
            }
            crates.push(linked_crate(package)?);
        }
        let node = nodes
            .get(id)
            .ok_or_else(|| format!("cargo metadata: {id} is not in the graph"))?;
        for dep in node["deps"].as_array().into_iter().flatten() {
            if is_normal_dependency(dep) {
                if let Some(pkg) = dep["pkg"].as_str() {
                    to_visit.push(pkg);
                }
            }
        }
    }
    crates.sort();
    Ok(crates)
}

fn cargo_metadata(manifest_dir: &Path) -> Result<Value, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(&cargo)
        .args(["metadata", "--locked", "--format-version", "1"])
        .args(["--filter-platform", &host_platform()?])
        .current_dir(manifest_dir)
        .output()
        .map_err(|e| format!("cannot run {cargo} metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{cargo} metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("cargo metadata: {e}"))
}

fn host_platform() -> Result<String, String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = Command::new(&rustc)
        .arg("-vV")
        .output()
        .map_err(|e| format!("cannot run {rustc} -vV: {e}"))?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .map(str::to_owned)
        .ok_or_else(|| format!("{rustc} -vV names no host"))
}

fn is_proc_macro(package: &Value) -> bool {
    package["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|t| {
            t["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "proc-macro"))
        })
}

/// Build-script and dev dependencies are not linked into the binary.
fn is_normal_dependency(dep: &Value) -> bool {
    dep["dep_kinds"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|k| k["kind"].is_null())
}

fn linked_crate(package: &Value) -> Result<LinkedCrate, String> {
    let name = package["name"].as_str().unwrap_or_default().to_owned();
    let version = package["version"].as_str().unwrap_or_default().to_owned();
    let spdx = match package["license"].as_str() {
        Some(expression) => expression.to_owned(),
        None => LICENCE_FROM_FILE
            .iter()
            .find(|(crate_name, _)| *crate_name == name)
            .map(|(_, licence)| (*licence).to_owned())
            .ok_or_else(|| {
                format!(
                    "crate {name} {version} gives no licence expression: read its licence \
                     file and add it to LICENCE_FROM_FILE in tests/copyright_support/mod.rs"
                )
            })?,
    };
    let authors = package["authors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a.as_str())
        .map(str::to_owned)
        .collect();
    Ok(LinkedCrate {
        licence: dep5_licence(&spdx),
        name,
        version,
        authors,
    })
}

/// SPDX (`MIT OR Apache-2.0`, or the old `MIT/Apache-2.0`) to debian/copyright's form: `or`,
/// `and` and `with` in lower case.
pub fn dep5_licence(spdx: &str) -> String {
    let spaced = spdx.replace('/', " OR ");
    let words: Vec<String> = spaced
        .split_whitespace()
        .map(|word| match word {
            "OR" => "or".to_owned(),
            "AND" => "and".to_owned(),
            "WITH" => "with".to_owned(),
            other => other.to_owned(),
        })
        .collect();
    words.join(" ")
}

/// The licences an expression names, each with its exception if it has one
/// (`Apache-2.0 with LLVM-exception` is one licence).
fn licence_names(expression: &str) -> Vec<String> {
    let words: Vec<&str> = expression
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty() && *w != "or" && *w != "and")
        .collect();
    let mut names = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if words.get(i + 1) == Some(&"with") {
            names.push(format!(
                "{} with {}",
                words[i],
                words.get(i + 2).unwrap_or(&"")
            ));
            i += 3;
        } else {
            names.push(words[i].to_owned());
            i += 1;
        }
    }
    names
}

fn licence_text(name: &str) -> Option<&'static str> {
    LICENCE_TEXTS
        .iter()
        .find(|(spdx, _)| dep5_licence(spdx) == name)
        .map(|(_, text)| *text)
}

/// The whole of debian/copyright.
pub fn render(crates: &[LinkedCrate]) -> Result<String, String> {
    let mut out = String::new();
    out.push_str(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\
         Upstream-Name: handset\n\
         Source: https://example.invalid/handset\n\
         Comment: Generated by `",
    );
    out.push_str(REGENERATE);
    out.push_str(
        "`;\n tests/debian_copyright.rs checks it against Cargo.lock. The handset binary links\n \
         the Rust crates below, from crates.io; a package build fetches their sources into\n \
         debian/cargo-home.\n\
         \n\
         Files: *\n\
         Copyright: 2026 Handset developers\n\
         License: GPL-3.0-or-later\n",
    );

    let mut licences = BTreeSet::from([OUR_LICENCE.to_owned()]);
    for c in crates {
        out.push('\n');
        out.push_str(&format!("Files: {}\n", c.files_pattern()));
        out.push_str("Copyright:");
        if c.authors.is_empty() {
            out.push_str(&format!(" the {} authors\n", c.name));
        } else {
            for author in &c.authors {
                out.push_str(&format!(" {author}\n"));
            }
        }
        out.push_str(&format!("License: {}\n", c.licence));
        out.push_str(&format!("Comment: The crate {} {}.\n", c.name, c.version));
        licences.extend(licence_names(&c.licence));
    }

    for name in &licences {
        let text = licence_text(name).ok_or_else(|| {
            format!(
                "no text for the licence {name:?}: add it to tests/copyright_support/licences/ \
                 and LICENCE_TEXTS"
            )
        })?;
        out.push_str(&format!("\nLicense: {name}\n"));
        for line in text.trim_end().lines() {
            let line = line.trim_end();
            if line.is_empty() {
                out.push_str(" .\n");
            } else {
                out.push_str(&format!(" {line}\n"));
            }
        }
    }
    Ok(out)
}

/// One paragraph of a debian/copyright file: its fields, continuation lines joined by '\n'.
pub fn paragraphs(copyright: &str) -> Vec<BTreeMap<String, String>> {
    let mut all = Vec::new();
    let mut current: BTreeMap<String, String> = BTreeMap::new();
    let mut last_field: Option<String> = None;
    for line in copyright.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                all.push(std::mem::take(&mut current));
            }
            last_field = None;
        } else if line.starts_with([' ', '\t']) {
            if let Some(value) = last_field.as_ref().and_then(|f| current.get_mut(f)) {
                value.push('\n');
                value.push_str(line.trim());
            }
        } else if let Some((field, value)) = line.split_once(':') {
            current.insert(field.to_owned(), value.trim().to_owned());
            last_field = Some(field.to_owned());
        }
    }
    if !current.is_empty() {
        all.push(current);
    }
    all
}
