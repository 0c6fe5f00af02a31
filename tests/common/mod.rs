//! Helpers shared by the integration tests: where the built library is (here),
//! the test certificates (`certs`), building and running C cases (`cases`),
//! servers and their process groups (`servers`), how a program finds sessl
//! (`mode`), nginx (`nginx`) and Redis fleets (`fleet`).

#![allow(dead_code)]

pub mod cases;
pub mod certs;
pub mod fleet;
pub mod mode;
pub mod nginx;
pub mod servers;

// Each test binary uses some of these (the rest would be unused imports there).
#[allow(unused_imports)]
pub use cases::*;
#[allow(unused_imports)]
pub use certs::test_certs;
#[allow(unused_imports)]
pub use mode::*;
#[allow(unused_imports)]
pub use servers::*;

use std::path::PathBuf;
use std::process::Command;

/// The directory holding `libsessl.so` for this test build: `cargo test`
/// builds it beside the test executables (`target/<profile>/deps`).
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    exe.parent().expect("deps dir").to_path_buf()
}

/// A scratch directory under the target directory.
pub fn build_dir(name: &str) -> PathBuf {
    let d = lib_dir().join("sessl-tests").join(name);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

pub fn run_ok(cmd: &mut Command) {
    let out = cmd.output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
