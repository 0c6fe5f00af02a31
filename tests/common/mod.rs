//! Helpers shared by the integration tests: where the built library is,
//! freshly generated test certificates, and building and running C cases.

#![allow(dead_code)]

pub mod fleet;
pub mod nginx;

use std::os::unix::process::CommandExt;
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

/// Extension profiles (x509v3 config snippets) used by [`test_certs`].
const EXT_LEAF: &str = "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
     keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n";
const EXT_CA: &str = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n";
const EXT_CA_NOKCS: &str =
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature\n";
const EXT_CA_FALSE: &str =
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyCertSign,cRLSign\n";
const EXT_CA_PATHLEN0: &str =
    "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n";
const EXT_CLIENT_ONLY: &str =
    "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
     keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n";
const EXT_SERVER_ONLY: &str =
    "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
     keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n";
const EXT_OTHER_HOST: &str = "subjectAltName=DNS:other.example\nbasicConstraints=CA:FALSE\n\
     keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n";
const EXT_SELF_CA: &str = "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=critical,CA:TRUE\n\
     keyUsage=digitalSignature,keyEncipherment,keyCertSign\nextendedKeyUsage=serverAuth,clientAuth\n";

/// A minimal `openssl ca` configuration for the test CA (`ca.pem`/`ca.key`):
/// the certificates it must date explicitly, its index of revocations, its CRL.
const CA_CNF: &str = "[ca]\ndefault_ca = test_ca\n[test_ca]\ndatabase = ca-index.txt\n\
     new_certs_dir = ca-newcerts\nserial = ca-serial\ncertificate = ca.pem\nprivate_key = ca.key\n\
     default_md = sha256\ndefault_days = 2\ndefault_crl_days = 2\npolicy = any\n\
     unique_subject = no\ncopy_extensions = none\n[any]\ncommonName = supplied\n";

/// Runs the openssl CLI in `dir`.
fn openssl_in(dir: &Path, args: &[&str]) {
    run_ok(Command::new("openssl").args(args).current_dir(dir));
}

/// A new EC P-256 key `<stem>.key` and a request `<stem>.csr` for `subj`.
fn new_key_csr(dir: &Path, stem: &str, subj: &str) {
    let (key, csr) = (format!("{stem}.key"), format!("{stem}.csr"));
    openssl_in(
        dir,
        &[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            &key,
            "-out",
            &csr,
            "-subj",
            subj,
        ],
    );
}

/// `<stem>.pem` (and `<stem>.key`) for `subj`, valid for 2 days, with the
/// extensions `ext`, signed by `<issuer>.pem`/`<issuer>.key` (None: self-signed).
fn issue(dir: &Path, stem: &str, subj: &str, issuer: Option<&str>, ext: &str) {
    new_key_csr(dir, stem, subj);
    let extfile = format!("{stem}.ext");
    std::fs::write(dir.join(&extfile), ext).unwrap();
    let (csr, pem, key) = (
        format!("{stem}.csr"),
        format!("{stem}.pem"),
        format!("{stem}.key"),
    );
    let mut args = vec!["x509", "-req", "-in", &csr, "-out", &pem, "-days", "2"];
    args.extend(["-extfile", &extfile]);
    let (ca_pem, ca_key);
    match issuer {
        Some(i) => {
            (ca_pem, ca_key) = (format!("{i}.pem"), format!("{i}.key"));
            args.extend(["-CA", &ca_pem, "-CAkey", &ca_key, "-CAcreateserial"]);
        }
        None => args.extend(["-signkey", &key]),
    }
    openssl_in(dir, &args);
}

/// `<stem>.pem` (and `<stem>.key`) for CN=localhost signed by `ca` through
/// `openssl ca` (so it is in the CA's index), with the leaf extensions and
/// the given validity (`-startdate`/`-enddate`, or `-days`).
fn issue_with_ca_cmd(dir: &Path, stem: &str, validity: &[&str]) {
    new_key_csr(dir, stem, "/CN=localhost");
    let (csr, pem) = (format!("{stem}.csr"), format!("{stem}.pem"));
    let mut args = vec![
        "ca",
        "-batch",
        "-config",
        "ca-cmd.cnf",
        "-notext",
        "-in",
        &csr,
        "-out",
        &pem,
        "-extfile",
        "ext.cnf",
    ];
    args.extend(validity);
    openssl_in(dir, &args);
}

/// Concatenates PEM files of `dir` into `out`.
fn concat(dir: &Path, out: &str, parts: &[&str]) {
    let mut all = String::new();
    for p in parts {
        all.push_str(&std::fs::read_to_string(dir.join(p)).unwrap());
    }
    std::fs::write(dir.join(out), all).unwrap();
}

/// Files OpenSSL's loaders take or refuse in their own ways (Python's
/// test_ssl has the like): a version 1 certificate `v1.pem` (no
/// extensions, CN=localhost, signed by ca; key `v1.key`), `v1-keycert.pem`
/// (its key, then it), `bad-cert-block.pem` (a key, a CERTIFICATE block
/// whose contents are not base64, a good certificate), `empty.pem`, and
/// `server-enc.key` (server.key encrypted with the password "secret").
/// `cec.pem` under `ca`, a leaf whose EC key's point is written compressed
/// (as OpenSSL's `server-cecdsa-cert.pem`); `cec.key` its key (the point
/// compressed there too); `cec-full.key` the same key written uncompressed,
/// and `cec-full.pem` its certificate with the point uncompressed.
fn compressed_point_leaf(d: &Path) {
    let openssl = |args: &[&str]| openssl_in(d, args);
    openssl(&[
        "ecparam",
        "-name",
        "prime256v1",
        "-genkey",
        "-noout",
        "-out",
        "cec-full.key",
    ]);
    openssl(&[
        "ec",
        "-in",
        "cec-full.key",
        "-conv_form",
        "compressed",
        "-out",
        "cec.key",
    ]);
    for stem in ["cec", "cec-full"] {
        let (key, csr, pem) = (
            format!("{stem}.key"),
            format!("{stem}.csr"),
            format!("{stem}.pem"),
        );
        openssl(&[
            "req",
            "-new",
            "-key",
            &key,
            "-out",
            &csr,
            "-subj",
            "/CN=localhost",
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            &csr,
            "-out",
            &pem,
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
        ]);
    }
}

fn pem_oddities(d: &Path) {
    new_key_csr(d, "v1", "/CN=localhost");
    openssl_in(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "v1.csr",
            "-out",
            "v1.pem",
            "-days",
            "2",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
        ],
    );
    concat(d, "v1-keycert.pem", &["v1.key", "v1.pem"]);
    let bad = "-----BEGIN CERTIFICATE-----\nJust bad cert data\n-----END CERTIFICATE-----\n";
    std::fs::write(d.join("bad-block.txt"), bad).unwrap();
    concat(
        d,
        "bad-cert-block.pem",
        &["server.key", "bad-block.txt", "server-chain.pem"],
    );
    std::fs::write(d.join("empty.pem"), "").unwrap();
    openssl_in(
        d,
        &[
            "pkey",
            "-in",
            "server.key",
            "-aes128",
            "-passout",
            "pass:secret",
            "-out",
            "server-enc.key",
        ],
    );
}

/// Test certificates made with the openssl CLI once per test process (every
/// key is new; `<name>.key` is the key of `<name>.pem`):
///
/// - `ca.pem`/`ca.key` (RSA root), `server-chain.pem`/`server.key`: CN=localhost,
///   SAN DNS:localhost,IP:127.0.0.1, EKU serverAuth+clientAuth, signed by ca.
/// - `ca2.pem`: a second, unrelated root; `client.pem` (CN=sessl client, EKU
///   clientAuth) signed by ca, `client2.pem` (CN=sessl client 2) the same signed by ca2.
/// - `inter.pem` (CA under ca), `leaf-inter.pem` under it, `leaf-inter-chain.pem`
///   = leaf-inter + inter (key `leaf-inter.key`).
/// - Bad intermediates under ca, each with `leaf-<x>-chain.pem` = leaf + it and
///   `leaf-<x>.key`: `inter-nokcs.pem` (keyUsage digitalSignature only),
///   `inter-cafalse.pem` (CA:FALSE), and `inter-pathlen0.pem` (pathlen:0) with
///   `inter-sub.pem` under it: `leaf-pathlen-chain.pem` = leaf, sub, pathlen0.
/// - Leaves signed by ca: `expired.pem` (2020), `notyet.pem` (2099),
///   `wrong-eku.pem` (clientAuth only), `server-eku-only.pem` (serverAuth only),
///   `other-host.pem` (CN and SAN other.example), `revoked.pem` with `ca.crl`
///   (ca's CRL revoking it).
/// - Self-signed CN=localhost leaves: `selfsigned.pem` (CA:FALSE) and
///   `selfsigned-ca.pem` (CA:TRUE).
/// - The odd files of [`pem_oddities`].
pub fn test_certs() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable");
        let d = build_dir(&format!(
            "certs-{}",
            exe.file_stem().unwrap().to_string_lossy()
        ));
        std::fs::write(d.join("ext.cnf"), EXT_LEAF).unwrap();
        let openssl = |args: &[&str]| openssl_in(&d, args);
        // The original root and server certificate (RSA), unchanged.
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
        // A second, unrelated root and a client certificate under each root.
        issue(&d, "ca2", "/CN=sessl test CA 2", None, EXT_CA);
        let client = "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n\
                      extendedKeyUsage=clientAuth\n";
        issue(&d, "client", "/CN=sessl client", Some("ca"), client);
        issue(&d, "client2", "/CN=sessl client 2", Some("ca2"), client);
        // A good intermediate and a leaf under it.
        issue(
            &d,
            "inter",
            "/CN=sessl test intermediate",
            Some("ca"),
            EXT_CA,
        );
        issue(&d, "leaf-inter", "/CN=localhost", Some("inter"), EXT_LEAF);
        concat(&d, "leaf-inter-chain.pem", &["leaf-inter.pem", "inter.pem"]);
        // Intermediates that may not issue: no keyCertSign, CA:FALSE, pathlen 0 exceeded.
        let bad: [(&str, &str, &str); 2] = [
            ("nokcs", "/CN=sessl test intermediate nokcs", EXT_CA_NOKCS),
            (
                "cafalse",
                "/CN=sessl test intermediate cafalse",
                EXT_CA_FALSE,
            ),
        ];
        for (x, subj, ext) in bad {
            let (inter, leaf) = (format!("inter-{x}"), format!("leaf-{x}"));
            issue(&d, &inter, subj, Some("ca"), ext);
            issue(&d, &leaf, "/CN=localhost", Some(&inter), EXT_LEAF);
            let parts = [format!("{leaf}.pem"), format!("{inter}.pem")];
            concat(&d, &format!("{leaf}-chain.pem"), &[&parts[0], &parts[1]]);
        }
        issue(
            &d,
            "inter-pathlen0",
            "/CN=sessl test intermediate pathlen0",
            Some("ca"),
            EXT_CA_PATHLEN0,
        );
        issue(
            &d,
            "inter-sub",
            "/CN=sessl test sub-intermediate",
            Some("inter-pathlen0"),
            EXT_CA,
        );
        issue(
            &d,
            "leaf-pathlen",
            "/CN=localhost",
            Some("inter-sub"),
            EXT_LEAF,
        );
        concat(
            &d,
            "leaf-pathlen-chain.pem",
            &["leaf-pathlen.pem", "inter-sub.pem", "inter-pathlen0.pem"],
        );
        // Leaves with the wrong purpose or host name.
        issue(
            &d,
            "wrong-eku",
            "/CN=localhost",
            Some("ca"),
            EXT_CLIENT_ONLY,
        );
        issue(
            &d,
            "server-eku-only",
            "/CN=localhost",
            Some("ca"),
            EXT_SERVER_ONLY,
        );
        issue(
            &d,
            "other-host",
            "/CN=other.example",
            Some("ca"),
            EXT_OTHER_HOST,
        );
        // Self-signed leaves: CA:FALSE (untrusted by default) and CA:TRUE (trustable).
        issue(&d, "selfsigned", "/CN=localhost", None, EXT_LEAF);
        issue(&d, "selfsigned-ca", "/CN=localhost", None, EXT_SELF_CA);
        // Through `openssl ca`: expired, not yet valid, and revoked leaves, ca's CRL.
        std::fs::write(d.join("ca-cmd.cnf"), CA_CNF).unwrap();
        std::fs::write(d.join("ca-index.txt"), "").unwrap();
        std::fs::write(d.join("ca-serial"), "1000\n").unwrap();
        std::fs::create_dir_all(d.join("ca-newcerts")).unwrap();
        issue_with_ca_cmd(
            &d,
            "expired",
            &[
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20200102000000Z",
            ],
        );
        issue_with_ca_cmd(
            &d,
            "notyet",
            &[
                "-startdate",
                "20990101000000Z",
                "-enddate",
                "20990102000000Z",
            ],
        );
        issue_with_ca_cmd(&d, "revoked", &["-days", "2"]);
        openssl(&[
            "ca",
            "-batch",
            "-config",
            "ca-cmd.cnf",
            "-revoke",
            "revoked.pem",
        ]);
        openssl(&[
            "ca",
            "-batch",
            "-config",
            "ca-cmd.cnf",
            "-gencrl",
            "-out",
            "ca.crl",
        ]);
        pem_oddities(&d);
        compressed_point_leaf(&d);
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
///
/// The port comes from below the kernel's ephemeral range (32768 and up by
/// default), so that no outgoing connection of a test running alongside can
/// take it between this call and the server's bind, and from a counter of
/// this process, so that no two tests of one binary get the same port.
pub fn free_port() -> u16 {
    use std::sync::atomic::{AtomicU32, Ordering};
    const FIRST: u32 = 10_000;
    const SPAN: u32 = 20_000;
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let start = std::process::id().wrapping_mul(7919) % SPAN;
    for _ in 0..SPAN {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let port = (FIRST + (start + n) % SPAN) as u16;
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port");
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

/// Stops a server the suite started in its own process group
/// (`process_group(0)`), with everything it started: SIGTERM to the group
/// (nginx's, Apache's and HAProxy's masters stop and reap their workers; a
/// `timeout` passes it on), up to 10 s for the leader to exit, then SIGKILL
/// to whatever of the group is left, and the leader reaped. Called from the
/// guards' `Drop`, so it runs on a failed assertion (a panic) too.
pub fn stop_group(child: &mut std::process::Child) {
    let group = child.id() as libc::pid_t;
    // SAFETY: kill(2) on the process group our own, not yet reaped, child leads.
    unsafe { libc::kill(-group, libc::SIGTERM) };
    for _ in 0..200 {
        if !matches!(child.try_wait(), Ok(None)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // SAFETY: as above; the group id stays ours until the leader is reaped
    // below (a reaped leader's group may linger with workers, still ours).
    unsafe { libc::kill(-group, libc::SIGKILL) };
    let _ = child.wait();
}

/// A child process, started in its own process group, stopped with its
/// group (and reaped) when dropped, so a failed assertion leaves no server
/// behind.
pub struct Reaped(pub std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        stop_group(&mut self.0);
    }
}

/// `openssl s_server -www` on 127.0.0.1 with the test certificate,
/// accepting `naccept` connections, on a port it chose itself (so no other
/// test can hold it); returns that port once it listens.
pub fn s_server(naccept: u32, extra: &[&str]) -> (u16, Reaped) {
    let certs = test_certs();
    let mut server = Reaped(
        Command::new("timeout")
            .args([
                "60",
                "openssl",
                "s_server",
                "-www",
                "-naccept",
                &naccept.to_string(),
                "-accept",
                "127.0.0.1:0",
            ])
            .arg("-cert")
            .arg(certs.join("server-chain.pem"))
            .arg("-key")
            .arg(certs.join("server.key"))
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("openssl s_server"),
    );
    // s_server prints "ACCEPT 127.0.0.1:PORT" once it listens; the rest of
    // its output is drained so that it never blocks on a full pipe.
    let stdout = server.0.stdout.take().expect("s_server stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(port) = line
                .strip_prefix("ACCEPT 127.0.0.1:")
                .and_then(|p| p.trim().parse::<u16>().ok())
            {
                let _ = tx.send(port);
            }
        }
    });
    match rx.recv_timeout(std::time::Duration::from_secs(20)) {
        Ok(port) => (port, server),
        Err(_) => panic!("s_server did not start listening"),
    }
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
