//! `<sessl.h>` and `<openssl/ssl.h>` included together, in either order,
//! compile with `-Wall -Werror`: same struct tags, same prototypes, and
//! OpenSSL's macros spelled identically.

use std::path::Path;
use std::process::Command;

fn compile(first_sessl: bool) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cmd = Command::new("gcc");
    cmd.args(["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"])
        .arg(format!("-I{}", root.join("include").display()))
        .arg(root.join("tests/c/both_headers.c"));
    if first_sessl {
        cmd.arg("-DSESSL_FIRST");
    }
    let o = cmd.output().expect("gcc");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn openssl_header_then_sessl_header() {
    let (ok, err) = compile(false);
    assert!(ok, "{err}");
}

#[test]
fn sessl_header_then_openssl_header() {
    let (ok, err) = compile(true);
    assert!(ok, "{err}");
}
