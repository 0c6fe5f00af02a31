//! CPython's own `test_ssl` (the interpreter's `_ssl` links libssl.so.3) run
//! on sessl: under `LD_PRELOAD=libsessl.so` and with sessl as `libssl.so.3`
//! on `LD_LIBRARY_PATH`. The tests that do not pass are exactly the ones
//! listed below, each with its reason in docs/divergences.md; the skips are
//! exactly the system libssl's (16 on this machine). A new failure, or a
//! listed test that starts passing, fails this test. Skipped (with a note)
//! when `python3` or its `test.test_ssl` is missing.

mod common;

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use common::*;

/// The tests that fail under sessl, by name (docs/divergences.md, "Python's test_ssl").
const NOT_PASSING: &[&str] = &[
    // Finite-field DH suites: rustls has none.
    "test_dh_params",
    // Post-handshake authentication: rustls has none.
    "test_bpo37428_pha_cert_none",
    "test_pha_no_pha_server",
    "test_pha_optional",
    "test_pha_optional_nocert",
    "test_pha_required",
];

/// As many as the system libssl skips (Windows-only, locale, network, TLS 1.0/1.1, SSLv2/3).
const SKIPPED: usize = 16;

/// Whether this machine's Python has the ssl module and its test suite.
fn python_with_test_ssl() -> bool {
    Command::new("python3")
        .args(["-c", "import ssl, test.test_ssl"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What one run reported.
#[derive(Debug)]
struct Report {
    ran: usize,
    skipped: usize,
    not_passing: BTreeSet<String>,
    text: String,
}

/// Runs test_ssl in `mode`, for at most 15 minutes (`timeout` ends it and
/// every thread with it: the suite's servers are threads of the interpreter).
fn run_test_ssl(mode: Mode) -> Report {
    let dir = build_dir(&format!("python-{mode:?}"));
    let mut cmd = Command::new("timeout");
    cmd.args([
        "-s", "KILL", "900", "python3", "-m", "test", "test_ssl", "-v",
    ])
    .current_dir(&dir)
    .stdin(Stdio::null());
    apply_mode(&mut cmd, mode);
    let out = cmd.output().expect("python3");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let ran = text
        .lines()
        .find_map(|l| l.strip_prefix("Ran ")?.split(' ').next()?.parse().ok())
        .unwrap_or(0);
    // unittest's summary: "OK (skipped=16)" or "FAILED (failures=.., skipped=16)".
    let skipped = text
        .lines()
        .filter(|l| l.starts_with("OK") || l.starts_with("FAILED ("))
        .find_map(|l| {
            let n = l.split("skipped=").nth(1)?;
            n.trim_end_matches(')').parse().ok()
        })
        .unwrap_or(0);
    let not_passing = text
        .lines()
        .filter_map(|l| {
            let rest = l
                .strip_prefix("FAIL: ")
                .or_else(|| l.strip_prefix("ERROR: "))?;
            Some(rest.split(' ').next()?.to_string())
        })
        .collect();
    Report {
        ran,
        skipped,
        not_passing,
        text,
    }
}

fn check(mode: Mode) {
    let r = run_test_ssl(mode);
    let expected: BTreeSet<String> = NOT_PASSING.iter().map(|s| s.to_string()).collect();
    let passed = r.ran - r.skipped - r.not_passing.len();
    println!(
        "{mode:?}: ran {}, passed {passed}, not passing {}, skipped {}",
        r.ran,
        r.not_passing.len(),
        r.skipped
    );
    let tail: String = r.text.lines().rev().take(60).collect::<Vec<_>>().join("\n");
    assert!(
        r.ran >= 183,
        "{mode:?}: test_ssl did not run whole:\n{tail}"
    );
    assert_eq!(r.skipped, SKIPPED, "{mode:?}: skips:\n{tail}");
    let new: Vec<_> = r.not_passing.difference(&expected).collect();
    let fixed: Vec<_> = expected.difference(&r.not_passing).collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "{mode:?}: new failures {new:?}, listed but passing {fixed:?}\n{}",
        r.text
    );
}

/// Both ways, one after the other: two test_ssl runs side by side would
/// share two cores and make the suite's own timeouts likelier to strike.
#[test]
fn test_ssl_under_ld_preload_and_through_libssl_so_3() {
    if !python_with_test_ssl() {
        eprintln!("python3 with test.test_ssl missing: skipped");
        return;
    }
    check(Mode::Preload);
    check(Mode::LibraryPath);
}
