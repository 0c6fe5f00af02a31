//! How a real program (curl, nginx) finds sessl: preloaded, or linked as
//! `libssl.so.3` on its library path.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::{build_dir, lib_dir, run_ok};

/// sessl linked as `libssl.so.3` (soname and `OPENSSL_3.0.0` versions) by
/// `scripts/build-libssl3.sh`, once per test process; returns its directory.
pub fn libssl3_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable");
        let out = build_dir(&format!(
            "libssl3-{}",
            exe.file_stem().unwrap().to_string_lossy()
        ));
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        run_ok(
            Command::new("bash")
                .arg(root.join("scripts/build-libssl3.sh"))
                .arg(lib_dir())
                .arg(&out),
        );
        out
    })
    .clone()
}

/// How a real program (curl, nginx) finds its libssl.
#[derive(Clone, Copy, Debug)]
pub enum Mode {
    /// The system's libssl: the reference.
    SystemLibssl,
    /// `LD_PRELOAD=libsessl.so`.
    Preload,
    /// sessl as `libssl.so.3` on `LD_LIBRARY_PATH`.
    LibraryPath,
}

/// Every mode, the reference first.
pub const MODES: [Mode; 3] = [Mode::SystemLibssl, Mode::Preload, Mode::LibraryPath];

/// Sets up `cmd`'s environment for `mode`.
pub fn apply_mode(cmd: &mut Command, mode: Mode) {
    cmd.env_remove("LD_LIBRARY_PATH");
    match mode {
        Mode::SystemLibssl => {}
        Mode::Preload => {
            cmd.env("LD_PRELOAD", lib_dir().join("libsessl.so"));
        }
        Mode::LibraryPath => {
            cmd.env("LD_LIBRARY_PATH", libssl3_dir());
        }
    }
}
