//! Helpers shared by the integration tests: where the built library is,
//! freshly generated test certificates, and building and running C cases.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

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

fn run_ok(cmd: &mut Command) {
    let out = cmd.output().expect("spawn");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA and a server certificate (for localhost and 127.0.0.1) signed by it,
/// made with the openssl CLI once per test process: `ca.pem`,
/// `server-chain.pem`, `server.key`.
pub fn test_certs() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable");
        let d = build_dir(&format!(
            "certs-{}",
            exe.file_stem().unwrap().to_string_lossy()
        ));
        let ext = d.join("ext.cnf");
        std::fs::write(
            &ext,
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
             keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n",
        )
        .unwrap();
        let openssl = |args: &[&str]| run_ok(Command::new("openssl").args(args).current_dir(&d));
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=sessl test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server-chain.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ]);
        d
    })
    .clone()
}

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

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

/// Waits until something accepts connections on `port` (at most 10 s).
pub fn wait_for_port(port: u16) -> bool {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

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

/// A child process killed (and reaped) when dropped, so a failed assertion
/// leaves no server behind.
pub struct Reaped(pub std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `openssl s_server -www` on 127.0.0.1:`port` with the test certificate,
/// accepting `naccept` connections; returns once it listens.
pub fn s_server(port: u16, naccept: u32, extra: &[&str]) -> Reaped {
    let certs = test_certs();
    let server = Reaped(
        Command::new("timeout")
            .args([
                "60",
                "openssl",
                "s_server",
                "-www",
                "-naccept",
                &naccept.to_string(),
                "-accept",
            ])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(certs.join("server-chain.pem"))
            .arg("-key")
            .arg(certs.join("server.key"))
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server"),
    );
    // Wait until the port is taken, without connecting (that would use up an accept).
    for _ in 0..400 {
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
            return server;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("s_server did not start");
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
