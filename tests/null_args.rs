//! Bad input at the C boundary: every function in `include/sessl.h` is called
//! with NULL for every pointer (and 0 for every number), each in its own
//! process, and must return OpenSSL's failure value without crashing. The
//! header's functions and the library's exports must be the same set.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::*;

struct Proto {
    ret: String,
    name: String,
    args: Vec<String>,
}

fn prototypes(header: &str) -> Vec<Proto> {
    let mut decls = Vec::new();
    let mut buf = String::new();
    for l in header.lines().map(str::trim) {
        if l.starts_with('#') || l.starts_with("//") || l.is_empty() {
            continue;
        }
        buf.push_str(l);
        buf.push(' ');
        if l.ends_with(';') || l.ends_with('{') || l.ends_with('}') {
            decls.push(std::mem::take(&mut buf));
        }
    }
    decls
        .iter()
        .map(|d| d.trim())
        .filter(|d| d.ends_with(");") && !d.starts_with("typedef"))
        .map(|d| {
            let open = d.find('(').unwrap();
            let head = &d[..open];
            let name_start = head
                .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map_or(0, |i| i + 1);
            let params = &d[open + 1..d.len() - 2];
            let args = if params.trim() == "void" {
                Vec::new()
            } else {
                params.split(',').map(|p| p.trim().to_string()).collect()
            };
            Proto {
                ret: head[..name_start].trim().to_string(),
                name: head[name_start..].to_string(),
                args,
            }
        })
        .collect()
}

fn null_arg(param: &str) -> &'static str {
    if param.contains('*') || param.contains("_cb") {
        "NULL"
    } else {
        "0"
    }
}

fn print_for(ret: &str) -> &'static str {
    if ret.contains('*') || ret.ends_with("_cb") {
        "printf(\"%s\\n\", r ? \"ptr\" : \"NULL\");"
    } else {
        "printf(\"%lld\\n\", (long long)r);"
    }
}

/// OpenSSL's failure value where it is not 0 / NULL.
fn expected(name: &str) -> &'static str {
    match name {
        "SSL_connect" | "SSL_accept" | "SSL_do_handshake" | "SSL_read" | "SSL_write"
        | "SSL_shutdown" | "SSL_sendfile" | "SSL_peek" => "-1",
        // No connection, no fd; no server name; no key update pending.
        "SSL_get_fd"
        | "SSL_get_rfd"
        | "SSL_get_wfd"
        | "SSL_get_servername_type"
        | "SSL_get_key_update_type" => "-1",
        // No connection, so no keys: as before a handshake.
        "SSL_export_keying_material" => "-1",
        // -1 where OpenSSL's 0 would mean "try again" or "skip this record".
        "DTLSv1_listen"
        | "SSL_stateless"
        | "SSL_dane_tlsa_add"
        | "SSL_get0_dane_authority"
        | "SSL_get0_dane_tlsa"
        | "SSL_COMP_get_id" => "-1",
        // These return 0 on success and 1 on failure.
        "SSL_set_alpn_protos"
        | "SSL_CTX_set_tlsext_use_srtp"
        | "SSL_set_tlsext_use_srtp"
        | "SSL_COMP_add_compression_method" => "1",
        // OPENSSL_NPN_NO_OVERLAP.
        "SSL_select_next_proto" => "2",
        // Takes no argument: a new context.
        "SSL_CONF_CTX_new" | "SSL_SESSION_new" => "ptr",
        // Takes no argument: the (empty) list of compression methods.
        "SSL_COMP_get_compression_methods" => "ptr",
        // Takes no argument: the SSL filter BIO's method.
        "BIO_f_ssl" => "ptr",
        // SSL_CTX_set_alpn_protos returns 0 on success and 1 on failure.
        "SSL_get_error" | "OPENSSL_init_ssl" | "SSL_CTX_set_alpn_protos" => "1",
        // Takes no argument: loads the reason strings.
        "ERR_load_SSL_strings" => "1",
        // Takes no argument: the first X509_STORE_CTX ex_data index of the process.
        "SSL_get_ex_data_X509_STORE_CTX_idx" => "1",
        "SSL_CIPHER_get_name"
        | "SSL_CIPHER_get_version"
        | "TLS_method"
        | "TLS_client_method"
        | "TLS_server_method"
        | "TLSv1_method"
        | "TLSv1_client_method"
        | "TLSv1_server_method"
        | "TLSv1_1_method"
        | "TLSv1_1_client_method"
        | "TLSv1_1_server_method"
        | "TLSv1_2_method"
        | "TLSv1_2_client_method"
        | "TLSv1_2_server_method"
        | "SSL_alert_desc_string_long"
        | "SSL_alert_desc_string"
        | "SSL_alert_type_string"
        | "SSL_alert_type_string_long"
        // Static strings: OpenSSL's defaults, and "(NONE)" for no name.
        | "OSSL_default_cipher_list"
        | "OSSL_default_ciphersuites"
        | "OPENSSL_cipher_name" => "ptr",
        _ => "",
    }
}

#[test]
fn every_export_survives_null_arguments() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = std::fs::read_to_string(root.join("include/sessl.h")).unwrap();
    let protos = prototypes(&header);
    assert!(protos.len() > 50, "found only {} prototypes", protos.len());

    let mut c = String::from(
        "#include <sessl.h>\n#include <stdio.h>\n#include <sys/wait.h>\n#include <unistd.h>\n\
         int main(void) {\n  int st;\n  setvbuf(stdout, NULL, _IONBF, 0);\n",
    );
    for p in &protos {
        let args: Vec<&str> = p.args.iter().map(|a| null_arg(a)).collect();
        let call = format!("{}({})", p.name, args.join(", "));
        let body = if p.ret == "void" {
            format!("{call}; printf(\"void\\n\");")
        } else {
            format!("{} r = {call}; {}", p.ret, print_for(&p.ret))
        };
        c.push_str(&format!(
            "  printf(\"{n} \"); if (fork() == 0) {{ {body} _exit(0); }}\n  wait(&st); if (!WIFEXITED(st)) printf(\"CRASH\\n\");\n",
            n = p.name
        ));
    }
    c.push_str("  return 0;\n}\n");
    let dir = build_dir("null-args");
    let src = dir.join("null_args.c");
    std::fs::write(&src, c).unwrap();
    let exe = compile_case(&src, &dir, Build::Sessl).expect("compile");
    let out = run_case(&exe, &test_certs(), Run::Plain);
    assert!(out.ok, "{}", out.stderr);

    let results: BTreeMap<&str, &str> = out
        .stdout
        .lines()
        .filter_map(|l| l.split_once(' '))
        .collect();
    let mut wrong = Vec::new();
    for p in &protos {
        let want = match expected(&p.name) {
            "" if p.ret == "void" => "void",
            "" if p.ret.contains('*') || p.ret.ends_with("_cb") => "NULL",
            "" => "0",
            v => v,
        };
        let got = results.get(p.name.as_str()).copied().unwrap_or("missing");
        if got != want {
            wrong.push(format!("{}: got {got}, want {want}", p.name));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");

    let nm = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(lib_dir().join("libsessl.so"))
        .output()
        .expect("nm");
    let exported: BTreeSet<String> = String::from_utf8_lossy(&nm.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .filter(|s| {
            [
                "SSL",
                "TLS",
                "DTLS",
                "OPENSSL",
                "OSSL_",
                "d2i_SSL",
                "i2d_SSL",
                "PEM_",
                "BIO_",
                "ERR_load_SSL",
                "SRP_",
            ]
            .iter()
            .any(|p| s.starts_with(p))
        })
        .collect();
    let declared: BTreeSet<String> = protos.iter().map(|p| p.name.clone()).collect();
    assert_eq!(exported, declared, "exports and header disagree");
}
