//! `docs/abi.md` against the libraries: the table lists exactly the functions
//! of the system's `libssl.so.3`, sessl exports every one of them, and each
//! function whose body is the `unsupported!` macro (it can only fail) is
//! listed as `fails`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::*;

fn defined_functions(lib: &Path) -> BTreeSet<String> {
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(lib)
        .output()
        .expect("nm");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.split_whitespace().nth(1) == Some("T"))
        .filter_map(|l| l.split_whitespace().nth(2))
        .map(|s| s.split('@').next().unwrap().to_string())
        .collect()
}

/// The table's rows: function name -> status.
fn table() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/abi.md")).unwrap();
    let mut rows = BTreeMap::new();
    for line in doc.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let name = cells[0].trim_matches('`').to_string();
        assert!(
            rows.insert(name.clone(), cells[1].to_string()).is_none(),
            "{name} is listed twice"
        );
    }
    rows
}

/// The exported functions of `src/ffi` whose body can only fail: it starts
/// with `unsupported!` (not `unsupported!(accepted, ...)`).
fn failing_by_source() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failing = BTreeSet::new();
    for entry in std::fs::read_dir(root.join("src/ffi")).unwrap().flatten() {
        let src = std::fs::read_to_string(entry.path()).unwrap();
        for item in src.split("#[no_mangle]").skip(1) {
            let Some(name) = item
                .split("pub extern \"C\" fn ")
                .nth(1)
                .and_then(|rest| rest.split('(').next())
            else {
                continue;
            };
            let compact: String = item.chars().filter(|c| !c.is_whitespace()).collect();
            let body = compact
                .split_once("entry!(")
                .map(|(_, b)| b.trim_start_matches("fail=0,"))
                .unwrap_or("");
            if body.starts_with("{unsupported!(") && !body.starts_with("{unsupported!(accepted") {
                failing.insert(name.to_string());
            }
        }
    }
    failing
}

#[test]
fn the_table_lists_exactly_the_system_libssl_functions() {
    let system = defined_functions(Path::new("/usr/lib/x86_64-linux-gnu/libssl.so.3"));
    assert!(system.len() > 500, "found only {} functions", system.len());
    let listed: BTreeSet<String> = table().into_keys().collect();
    let unlisted: Vec<_> = system.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&system).collect();
    assert!(unlisted.is_empty(), "not in docs/abi.md: {unlisted:?}");
    assert!(extra.is_empty(), "not in the system libssl: {extra:?}");
}

#[test]
fn sessl_exports_every_listed_function() {
    let ours = defined_functions(&lib_dir().join("libsessl.so"));
    let missing: Vec<_> = table().into_keys().filter(|n| !ours.contains(n)).collect();
    assert!(missing.is_empty(), "not exported by sessl: {missing:?}");
}

#[test]
fn every_status_is_one_of_the_three() {
    for (name, status) in table() {
        let ok = status == "implemented"
            || status
                .strip_prefix("partial: ")
                .is_some_and(|w| !w.is_empty())
            || status
                .strip_prefix("fails: ")
                .is_some_and(|w| !w.is_empty());
        assert!(ok, "{name}: {status}");
    }
}

#[test]
fn every_function_that_can_only_fail_is_listed_as_failing() {
    let rows = table();
    let failing = failing_by_source();
    assert!(failing.len() > 90, "found only {}", failing.len());
    let wrong: Vec<String> = failing
        .iter()
        .filter(|n| !rows.get(*n).is_some_and(|s| s.starts_with("fails: ")))
        .map(|n| format!("{n}: {:?}", rows.get(n)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
