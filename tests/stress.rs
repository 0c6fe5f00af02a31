//! The thread stress program `tests/stress/stress.c` (eight threads on shared
//! contexts, sessions and ex_data; see its header) run as a differential case:
//! built against libssl and run plainly (the reference) and under
//! `LD_PRELOAD=libsessl.so`, built against `<sessl.h>` and run plainly; the
//! three transcripts must be equal. The sessl build also runs under valgrind
//! memcheck (no leak, no invalid access), with fewer handshakes, unless
//! `SESSL_SKIP_VALGRIND` is set. The race detector and the sanitizers run it
//! from `tests/sanitizers.sh`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{build_dir, compile_case, run_with_args, test_certs, Build, Run};

/// Handshakes per worker and phase in the plain runs.
const HANDSHAKES: &str = "12";
/// Handshakes per worker and phase under valgrind (which runs one thread at a time).
const VALGRIND_HANDSHAKES: &str = "3";

#[test]
fn threads_on_shared_contexts_and_sessions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("tests/stress/stress.c");
    let certs = test_certs();
    let out = build_dir("stress");
    let openssl = compile_case(&src, &out, Build::OpenSsl).expect("openssl build");
    let sessl = compile_case(&src, &out, Build::Sessl).expect("sessl build");
    let args = [HANDSHAKES.to_string()];
    let reference = run_with_args(&openssl, &certs, Run::Plain, &args);
    assert!(
        reference.ok,
        "reference run failed:\n{}{}",
        reference.stdout, reference.stderr
    );
    assert!(reference.stdout.contains("phase 2: handshakes 96 of 96"));
    for (label, exe, how) in [
        ("LD_PRELOAD", &openssl, Run::Preload),
        ("sessl.h", &sessl, Run::Plain),
    ] {
        let got = run_with_args(exe, &certs, how, &args);
        assert!(
            got.ok,
            "{label} run failed (status {}):\n{}{}",
            got.status, got.stdout, got.stderr
        );
        assert_eq!(got.stdout, reference.stdout, "{label} differs from OpenSSL");
    }
    let have_valgrind = Command::new("valgrind").arg("--version").output().is_ok();
    if have_valgrind && std::env::var_os("SESSL_SKIP_VALGRIND").is_none() {
        let args = [VALGRIND_HANDSHAKES.to_string()];
        let v = run_with_args(&sessl, &certs, Run::Valgrind, &args);
        assert!(v.ok, "valgrind (status {}):\n{}", v.status, v.stderr);
    }
}
