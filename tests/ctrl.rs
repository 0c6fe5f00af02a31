//! `docs/abi.md`'s table of ctrl commands against the system headers: it
//! lists exactly the `SSL_CTRL_*` / `DTLS_CTRL_*` commands of
//! `<openssl/ssl.h>` and `<openssl/tls1.h>` (each number once, with every
//! name the headers give it), each with one of the three statuses, and every
//! command that does not fail is one `src/ffi`'s ctrl decoders name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const HEADERS: [&str; 2] = ["/usr/include/openssl/ssl.h", "/usr/include/openssl/tls1.h"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn is_command(name: &str) -> bool {
    name.starts_with("SSL_CTRL_") || name.starts_with("DTLS_CTRL_")
}

/// The `#define NAME VALUE` lines of a header, continuation lines joined.
fn defines(header: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(header).expect("OpenSSL headers (libssl-dev)");
    let text = text.replace("\\\n", " ");
    text.lines()
        .filter_map(|l| {
            let rest = l.trim_start().strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix("define")?;
            let mut words = rest.split_whitespace();
            Some((words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect()
}

/// The headers' commands: number -> names (an alias has its target's number).
fn header_commands() -> BTreeMap<u32, BTreeSet<String>> {
    let all: Vec<(String, String)> = HEADERS.iter().flat_map(|h| defines(h)).collect();
    let mut numbers = BTreeMap::new();
    for (name, value) in all.iter().filter(|(n, _)| is_command(n)) {
        if let Ok(v) = value.parse::<u32>() {
            numbers.insert(name.clone(), v);
        }
    }
    for (name, value) in all.iter().filter(|(n, _)| is_command(n)) {
        if let Some(&v) = numbers.get(value) {
            numbers.insert(name.clone(), v);
        }
    }
    let mut commands: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    for (name, v) in numbers {
        commands.entry(v).or_default().insert(name);
    }
    commands
}

/// The table's rows: number -> (names, status).
fn table() -> BTreeMap<u32, (BTreeSet<String>, String)> {
    let doc = std::fs::read_to_string(root().join("docs/abi.md")).unwrap();
    let mut rows = BTreeMap::new();
    for line in doc.lines() {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Ok(number) = cells[0].parse::<u32>() else {
            continue;
        };
        assert_eq!(cells.len(), 4, "{line}");
        let names = cells[1]
            .split_whitespace()
            .map(|n| n.trim_matches('`').to_string())
            .collect();
        let previous = rows.insert(number, (names, cells[3].to_string()));
        assert!(previous.is_none(), "command {number} is listed twice");
    }
    rows
}

/// The command numbers `src/ffi`'s ctrl files name (`const X: c_int = N;`).
fn decoded_numbers() -> BTreeSet<u32> {
    let mut numbers = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("src/ffi")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("ctrl") || name == "ocsp.rs") {
            continue;
        }
        let src = std::fs::read_to_string(entry.path()).unwrap();
        for line in src.lines().filter(|l| l.starts_with("const ")) {
            if let Some(v) = line
                .split_once(": c_int = ")
                .and_then(|(_, v)| v.trim_end_matches(';').parse().ok())
            {
                numbers.insert(v);
            }
        }
    }
    numbers
}

#[test]
fn the_table_lists_exactly_the_headers_commands() {
    let headers = header_commands();
    assert!(headers.len() > 90, "found only {} commands", headers.len());
    let table = table();
    let listed: BTreeMap<u32, BTreeSet<String>> = table
        .into_iter()
        .map(|(n, (names, _))| (n, names))
        .collect();
    let unlisted: Vec<_> = headers
        .iter()
        .filter(|(n, _)| !listed.contains_key(n))
        .collect();
    let extra: Vec<_> = listed
        .iter()
        .filter(|(n, _)| !headers.contains_key(n))
        .collect();
    assert!(unlisted.is_empty(), "not in docs/abi.md: {unlisted:?}");
    assert!(extra.is_empty(), "not in the headers: {extra:?}");
    for (n, names) in &headers {
        assert_eq!(&listed[n], names, "the names of command {n}");
    }
}

#[test]
fn every_command_has_a_status_and_those_not_failing_are_decoded() {
    let decoded = decoded_numbers();
    assert!(
        decoded.contains(&33) && decoded.contains(&117),
        "{decoded:?}"
    );
    for (n, (names, status)) in table() {
        let ok = status.starts_with("implemented")
            || status
                .strip_prefix("partial: ")
                .is_some_and(|w| !w.is_empty())
            || status
                .strip_prefix("fails: ")
                .is_some_and(|w| !w.is_empty());
        assert!(ok, "{n} {names:?}: {status}");
        if !status.starts_with("fails") {
            assert!(
                decoded.contains(&n),
                "{n} {names:?} is {status} but not decoded"
            );
        }
    }
}
