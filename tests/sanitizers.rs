//! The C suite and the thread stress program against sanitizer builds of
//! libsessl (issue 15). `tests/sanitizers.sh` builds them into
//! `target/sanitize/{address,thread}/libsessl.so` (sessl's own code
//! instrumented, its dependencies plain) and runs this test with
//! `SESSL_SANITIZE_DIR=target/sanitize`; without that variable the test says
//! so and passes (plain `cargo test` does not build the sanitizer libraries).
//!
//! - AddressSanitizer + UndefinedBehaviorSanitizer: every `tests/c` case (but
//!   those `SESSL_SANITIZE_CASES` leaves out) and the stress program, built on
//!   `<sessl.h>` with `-fsanitize=address,undefined`, must exit 0 with no
//!   report (leaks included). The transcripts are the C suite's business.
//! - ThreadSanitizer: the stress program built with `-fsanitize=thread` on
//!   the thread build must exit 0 (within its time limit: TSan's lock-order
//!   check does not see parking_lot's locks) with no data race (suppressions:
//!   `tests/tsan.supp`, each entry with the reason it is benign).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{build_dir, test_certs};

/// Where `tests/sanitizers.sh` left the libraries, if it ran.
fn sanitize_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("SESSL_SANITIZE_DIR")?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Some(root.join(dir))
}

/// Builds `src` on `<sessl.h>` against the libsessl in `lib`, with `sanitize` flags.
fn compile(
    src: &Path,
    out: &Path,
    lib: &Path,
    sanitize: &[&str],
    extra: &[PathBuf],
) -> Result<PathBuf, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = src.file_stem().unwrap().to_string_lossy();
    let exe = out.join(name.as_ref());
    let o = Command::new("gcc")
        .args(["-std=gnu11", "-g", "-O0", "-Wall", "-Werror", "-pthread"])
        .args(sanitize)
        .arg("-DUSE_SESSL_H")
        .arg(format!("-I{}", root.join("include").display()))
        .arg("-o")
        .arg(&exe)
        .arg(src)
        .args(extra)
        .arg(format!("-L{}", lib.display()))
        .args(["-lsessl", "-lcrypto"])
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .output()
        .map_err(|e| e.to_string())?;
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).into_owned());
    }
    Ok(exe)
}

/// Runs `exe` with the test certificates and the sanitizer options; the
/// failure report, if any.
fn run(exe: &Path, args: &[&str], env: &[(&str, String)]) -> Result<(), String> {
    let mut cmd = Command::new("timeout");
    cmd.arg("300").arg(exe).args(args);
    cmd.env_remove("LD_LIBRARY_PATH")
        .env("SESSL_TEST_CERTS", test_certs())
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&o.stderr);
    let reported = ["Sanitizer", "runtime error:", "WARNING: ThreadSanitizer"]
        .iter()
        .any(|m| stderr.contains(m));
    if o.status.success() && !reported {
        return Ok(());
    }
    Err(format!(
        "status {:?}\n{}{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        stderr
    ))
}

/// The C cases to run, less those named in `SESSL_SANITIZE_SKIP` (comma-separated).
fn c_cases(root: &Path) -> Vec<PathBuf> {
    let skip = std::env::var("SESSL_SANITIZE_SKIP").unwrap_or_default();
    let skip: Vec<&str> = skip.split(',').filter(|s| !s.is_empty()).collect();
    let mut v: Vec<PathBuf> = std::fs::read_dir(root.join("tests/c"))
        .expect("tests/c")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .filter(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            stem != "both_headers" && !stem.starts_with("peer_") && !skip.contains(&stem.as_str())
        })
        .collect();
    v.sort();
    v
}

fn address_options() -> Vec<(&'static str, String)> {
    vec![
        (
            "ASAN_OPTIONS",
            "detect_leaks=1:abort_on_error=0:halt_on_error=1".into(),
        ),
        ("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1".into()),
    ]
}

#[test]
fn c_suite_and_stress_under_address_and_undefined_sanitizers() {
    let Some(dir) = sanitize_dir() else {
        eprintln!("SESSL_SANITIZE_DIR is not set: tests/sanitizers.sh runs this test");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = dir.join("address");
    assert!(lib.join("libsessl.so").exists(), "no {}", lib.display());
    let out = build_dir("sanitize-address");
    let flags = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all"];
    let env = address_options();
    let mut cases = c_cases(root);
    cases.push(root.join("tests/stress/stress.c"));
    let check = |src: &PathBuf| {
        let name = src.file_stem().unwrap().to_string_lossy().into_owned();
        let args: &[&str] = if name == "stress" { &["4"] } else { &[] };
        let outcome = compile(src, &out, &lib, &flags, &[]).and_then(|exe| run(&exe, args, &env));
        println!(
            "{name:40} {}",
            if outcome.is_ok() { "pass" } else { "FAIL" }
        );
        outcome.err().map(|e| format!("{name}: {e}"))
    };
    // Two at a time, as the C suite runs.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let half = cases.len().div_ceil(2);
        let handles: Vec<_> = cases
            .chunks(half)
            .map(|chunk| scope.spawn(|| chunk.iter().filter_map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn stress_under_thread_sanitizer() {
    let Some(dir) = sanitize_dir() else {
        eprintln!("SESSL_SANITIZE_DIR is not set: tests/sanitizers.sh runs this test");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = dir.join("thread");
    assert!(lib.join("libsessl.so").exists(), "no {}", lib.display());
    let out = build_dir("sanitize-thread");
    let src = root.join("tests/stress/stress.c");
    let memfns = root.join("tests/stress/tsan_memfns.c");
    let exe = compile(
        &src,
        &out,
        &lib,
        &["-fsanitize=thread", "-rdynamic"],
        &[memfns],
    )
    .expect("thread build");
    let env = [(
        "TSAN_OPTIONS",
        format!(
            "halt_on_error=1:history_size=7:second_deadlock_stack=1:suppressions={}",
            root.join("tests/tsan.supp").display()
        ),
    )];
    if let Err(e) = run(&exe, &["10"], &env) {
        panic!("ThreadSanitizer: {e}");
    }
}
