//! The differential C cases: compiling one against OpenSSL's or sessl's
//! header and library, and running it one of the ways a program finds sessl.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::*;

/// Which headers and library a C case is built against.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Build {
    /// `<openssl/ssl.h>`, `-lssl -lcrypto`.
    OpenSsl,
    /// `<sessl.h>`, `-lsessl`.
    Sessl,
}

/// Compiles a C file; returns the executable.
pub fn compile_case(src: &Path, out: &Path, build: Build) -> Result<PathBuf, String> {
    let name = src.file_stem().unwrap().to_string_lossy();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = lib_dir();
    let (suffix, extra): (&str, Vec<String>) = match build {
        Build::OpenSsl => ("openssl", vec!["-lssl".into(), "-lcrypto".into()]),
        Build::Sessl => (
            "sessl",
            vec![
                "-DUSE_SESSL_H".into(),
                format!("-I{}", root.join("include").display()),
                format!("-L{}", lib.display()),
                "-lsessl".into(),
                "-lcrypto".into(),
                format!("-Wl,-rpath,{}", lib.display()),
            ],
        ),
    };
    let exe = out.join(format!("{name}-{suffix}"));
    let o = Command::new("gcc")
        .args(["-std=gnu11", "-g", "-O0", "-Wall", "-Werror", "-o"])
        .arg(&exe)
        .arg(src)
        .args(&extra)
        .output()
        .map_err(|e| e.to_string())?;
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).into_owned());
    }
    Ok(exe)
}

/// How to run a built case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run {
    /// As built.
    Plain,
    /// With `LD_PRELOAD=libsessl.so`.
    Preload,
    /// Under valgrind memcheck, failing on leaks and invalid accesses.
    Valgrind,
}

/// What a run printed and whether it succeeded.
pub struct Output {
    /// Exit status 0 (and, under valgrind, no error).
    pub ok: bool,
    /// The exit status.
    pub status: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs a case with the test certificates, bounded to 120 s.
pub fn run_case(exe: &Path, certs: &Path, how: Run) -> Output {
    run_with_args(exe, certs, how, &[])
}

/// The command that runs a program the given way, bounded to 120 s.
pub fn command_for(exe: &Path, certs: &Path, how: Run, args: &[String]) -> Command {
    let mut cmd = Command::new("timeout");
    cmd.arg("120");
    if how == Run::Valgrind {
        cmd.args([
            "valgrind",
            "-q",
            "--error-exitcode=99",
            "--leak-check=full",
            "--show-leak-kinds=definite,indirect,possible",
            "--errors-for-leak-kinds=definite,indirect,possible",
        ]);
    }
    cmd.arg(exe).args(args);
    // cargo test puts target/<profile> on LD_LIBRARY_PATH, which would beat
    // the rpath to the freshly built library.
    cmd.env_remove("LD_LIBRARY_PATH");
    cmd.env("SESSL_TEST_CERTS", certs).stdin(Stdio::null());
    if how == Run::Preload {
        cmd.env("LD_PRELOAD", lib_dir().join("libsessl.so"));
    }
    cmd
}

/// Runs a program with arguments, bounded to 120 s.
pub fn run_with_args(exe: &Path, certs: &Path, how: Run, args: &[String]) -> Output {
    let o = command_for(exe, certs, how, args)
        .output()
        .expect("spawn test program");
    Output {
        ok: o.status.success(),
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}
