//! The test certificates: a CA, servers, clients, intermediates and the bad
//! ones, made with the openssl CLI once per test process.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::{build_dir, run_ok};

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
    sign_csr(dir, stem, issuer, &extfile);
}

/// `<stem>.pem` from the request `<stem>.csr`, valid for 2 days, with the
/// extensions of the file `extfile`, signed by `<issuer>.pem`/`<issuer>.key`
/// (None: self-signed with `<stem>.key`).
fn sign_csr(dir: &Path, stem: &str, issuer: Option<&str>, extfile: &str) {
    let (csr, pem, key) = (
        format!("{stem}.csr"),
        format!("{stem}.pem"),
        format!("{stem}.key"),
    );
    let mut args = vec!["x509", "-req", "-in", &csr, "-out", &pem, "-days", "2"];
    args.extend(["-extfile", extfile]);
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

/// `cec.pem` under `ca`: a leaf whose EC key's point is written compressed
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
        let (key, csr) = (format!("{stem}.key"), format!("{stem}.csr"));
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
        sign_csr(d, stem, Some("ca"), "ext.cnf");
    }
}

/// Files OpenSSL's loaders take or refuse in their own ways (Python's
/// test_ssl has the like): a version 1 certificate `v1.pem` (no
/// extensions, CN=localhost, signed by ca; key `v1.key`), `v1-keycert.pem`
/// (its key, then it), `bad-cert-block.pem` (a key, a CERTIFICATE block
/// whose contents are not base64, a good certificate), `empty.pem`, and
/// `server-enc.key` (server.key encrypted with the password "secret").
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
