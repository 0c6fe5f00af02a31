//! Every libssl function a target program imports must be exported by sessl,
//! so that under LD_PRELOAD no call falls through to the real libssl with a
//! sessl handle. Targets: Debian's libcurl and nginx, and the C suite's programs.

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
}
