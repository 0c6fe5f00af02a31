//! Every libssl function a target program imports must be exported by sessl,
//! so that under LD_PRELOAD no call falls through to the real libssl with a
//! sessl handle, and must not be one that fails (`docs/abi.md`) unless the
//! program uses it only for a feature sessl lacks, named here with why.
//! Targets: Debian's libcurl and nginx, and the C suite's programs.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn symbols(path: &Path, which: &str) -> BTreeSet<String> {
    let out = Command::new("nm")
        .args(["-D", which])
        .arg(path)
        .output()
        .expect("nm");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .map(|s| s.split('@').next().unwrap().to_string())
        .collect()
}

fn libssl_functions() -> BTreeSet<String> {
    symbols(
        Path::new("/usr/lib/x86_64-linux-gnu/libssl.so.3"),
        "--defined-only",
    )
}

fn sessl_exports() -> BTreeSet<String> {
    symbols(&lib_dir().join("libsessl.so"), "--defined-only")
}

/// The functions `docs/abi.md` lists as failing.
fn failing_functions() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("docs/abi.md"))
        .unwrap()
        .lines()
        .filter(|l| l.contains("| fails"))
        .filter_map(|l| l.split('`').nth(1).map(str::to_string))
        .collect()
}

/// The libssl functions `target` imports that sessl has but that fail.
fn failing_for(target: &Path) -> BTreeSet<String> {
    let failing = failing_functions();
    symbols(target, "--undefined-only")
        .into_iter()
        .filter(|s| failing.contains(s))
        .collect()
}

fn missing_for(target: &Path) -> Vec<String> {
    let libssl = libssl_functions();
    let ours = sessl_exports();
    symbols(target, "--undefined-only")
        .into_iter()
        .filter(|s| libssl.contains(s) && !ours.contains(s))
        .collect()
}

#[test]
fn libcurl_imports_are_all_exported() {
    let curl = Path::new("/usr/lib/x86_64-linux-gnu/libcurl.so.4");
    assert!(curl.exists(), "libcurl4 is not installed");
    let missing = missing_for(curl);
    assert!(missing.is_empty(), "libcurl needs: {missing:?}");
    // Only for `--srp-user` (TLS-SRP), which rustls does not have.
    let allowed = ["SSL_CTX_set_srp_password", "SSL_CTX_set_srp_username"];
    assert_eq!(failing_for(curl), allowed.map(String::from).into());
    let imported = symbols(curl, "--undefined-only");
    assert!(
        imported
            .iter()
            .filter(|s| libssl_functions().contains(*s))
            .count()
            >= 54
    );
}

#[test]
fn c_suite_imports_are_all_exported() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = build_dir("coverage");
    let cases: Vec<PathBuf> = std::fs::read_dir(root.join("tests/c"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "c") && !p.ends_with("both_headers.c"))
        .collect();
    assert!(cases.len() > 20);
    for case in cases {
        let exe = compile_case(&case, &out, Build::OpenSsl).expect("compile");
        let missing = missing_for(&exe);
        assert!(missing.is_empty(), "{}: {missing:?}", case.display());
        let failing = failing_for(&exe);
        assert!(failing.is_empty(), "{}: {failing:?}", case.display());
    }
}

#[test]
fn nginx_imports_are_all_exported() {
    let nginx = Path::new("/usr/sbin/nginx");
    assert!(
        nginx.exists(),
        "nginx is not installed (.ci/run installs it)"
    );
    let missing = missing_for(nginx);
    assert!(missing.is_empty(), "nginx needs: {missing:?}");
    // `ssl_conf_command` (SSL_CONF), `sendfile` over kernel TLS and early
    // data: features rustls or sessl lacks, used only when configured.
    let allowed = [
        "SSL_CONF_cmd",
        "SSL_CONF_cmd_value_type",
        "SSL_sendfile",
        "SSL_write_early_data",
    ];
    assert_eq!(failing_for(nginx), allowed.map(String::from).into());
}
