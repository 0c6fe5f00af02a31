//! The differential C suite. Each `tests/c/*.c` case is built twice — against
//! `<sessl.h>` + libsessl and against `<openssl/ssl.h>` + libssl — and the
//! libssl build is run plainly (the reference) and under
//! `LD_PRELOAD=libsessl.so`. The three transcripts must be equal, except lines
//! starting with "~" (deliberate divergences), which must equal the case's
//! `.sessl.expected` file in both sessl runs. The sessl build also runs under
//! valgrind memcheck (no leak, no invalid access) unless `SESSL_SKIP_VALGRIND`
//! is set.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{build_dir, compile_case, lib_dir, run_case, test_certs, Build, Run};

/// Splits a transcript into the compared lines and the "~" divergence lines.
fn split(transcript: &str) -> (String, String) {
    let (mut same, mut diverge) = (String::new(), String::new());
    for line in transcript.lines() {
        let out = if line.starts_with('~') {
            &mut diverge
        } else {
            &mut same
        };
        out.push_str(line);
        out.push('\n');
    }
    (same, diverge)
}

struct Outcome {
    name: String,
    reference_ok: bool,
    preload_ok: bool,
    header_ok: bool,
    valgrind_ok: Option<bool>,
    notes: Vec<String>,
}

fn check_case(src: &Path, certs: &Path, out: &Path, valgrind: bool) -> Outcome {
    let name = src.file_stem().unwrap().to_string_lossy().into_owned();
    let mut o = Outcome {
        name: name.clone(),
        reference_ok: false,
        preload_ok: false,
        header_ok: false,
        valgrind_ok: None,
        notes: Vec::new(),
    };
    let openssl_bin = match compile_case(src, out, Build::OpenSsl) {
        Ok(b) => b,
        Err(e) => {
            o.notes.push(format!("openssl build: {e}"));
            return o;
        }
    };
    let sessl_bin = match compile_case(src, out, Build::Sessl) {
        Ok(b) => b,
        Err(e) => {
            o.notes.push(format!("sessl build: {e}"));
            return o;
        }
    };
    let reference = run_case(&openssl_bin, certs, Run::Plain);
    let preload = run_case(&openssl_bin, certs, Run::Preload);
    let header = run_case(&sessl_bin, certs, Run::Plain);
    let expected_path = src.with_extension("sessl.expected");
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    let (ref_same, _) = split(&reference.stdout);
    if !reference.ok {
        o.notes.push(format!(
            "reference run failed:\n{}{}",
            reference.stdout, reference.stderr
        ));
        return o;
    }
    o.reference_ok = true;
    let judge = |label: &str, r: &common::Output, notes: &mut Vec<String>| -> bool {
        let (same, diverge) = split(&r.stdout);
        let mut ok = r.ok;
        if !r.ok {
            notes.push(format!(
                "{label} run failed (status {}):\n{}",
                r.status, r.stderr
            ));
        }
        if same != ref_same {
            ok = false;
            notes.push(format!(
                "{label} differs from OpenSSL:\n--- openssl\n{ref_same}--- {label}\n{same}"
            ));
        }
        if diverge != expected {
            ok = false;
            notes.push(format!(
                "{label} divergence lines differ from {}:\n--- expected\n{expected}--- got\n{diverge}",
                expected_path.display()
            ));
        }
        ok
    };
    o.preload_ok = judge("LD_PRELOAD", &preload, &mut o.notes);
    o.header_ok = judge("sessl.h", &header, &mut o.notes);
    if valgrind {
        let v = run_case(&sessl_bin, certs, Run::Valgrind);
        o.valgrind_ok = Some(v.ok);
        if !v.ok {
            o.notes.push(format!("valgrind:\n{}", v.stderr));
        }
    }
    o
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/c")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n == "both_headers.c" || n.to_string_lossy().starts_with("peer_"))
        })
        .collect();
    v.sort();
    v
}

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let certs = test_certs();
    let out = build_dir("c-cases");
    let have_valgrind = Command::new("valgrind").arg("--version").output().is_ok();
    assert!(
        have_valgrind || std::env::var_os("SESSL_REQUIRE_VALGRIND").is_none(),
        "valgrind is required (SESSL_REQUIRE_VALGRIND is set) but missing"
    );
    let valgrind = have_valgrind && std::env::var_os("SESSL_SKIP_VALGRIND").is_none();
    assert!(
        lib_dir().join("libsessl.so").exists(),
        "libsessl.so not built"
    );
    let all: Vec<PathBuf> = cases(&root.join("tests/c"))
        .into_iter()
        .filter(|p| {
            filter
                .as_ref()
                .is_none_or(|f| p.to_string_lossy().contains(f.as_str()))
        })
        .collect();
    // Two workers take the next case as each finishes one (the cases' run
    // times differ by minutes under valgrind, so halves would leave one idle).
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, Outcome)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (certs, out, all, next) = (&certs, &out, &all, &next);
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(case) = all.get(i) else {
                            return done;
                        };
                        done.push((i, check_case(case, certs, out, valgrind)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let results: Vec<Outcome> = results.into_iter().map(|(_, o)| o).collect();
    let mark = |b: bool| if b { "pass" } else { "FAIL" };
    let mut failed = 0;
    for r in &results {
        let vg = r.valgrind_ok.map_or("skipped", mark);
        println!(
            "{:40} reference={} LD_PRELOAD={} sessl.h={} valgrind={}",
            r.name,
            mark(r.reference_ok),
            mark(r.preload_ok),
            mark(r.header_ok),
            vg
        );
        let bad = !r.reference_ok || !r.preload_ok || !r.header_ok || r.valgrind_ok == Some(false);
        if bad {
            failed += 1;
            for n in &r.notes {
                println!("    {}", n.replace('\n', "\n    "));
            }
        }
    }
    let n = results.len();
    let count = |f: &dyn Fn(&Outcome) -> bool| results.iter().filter(|r| f(r)).count();
    println!(
        "\n{n} C cases: reference {}/{n}, LD_PRELOAD {}/{n}, sessl.h {}/{n}, valgrind {}",
        count(&|r| r.reference_ok),
        count(&|r| r.preload_ok),
        count(&|r| r.header_ok),
        if valgrind {
            format!("{}/{n}", count(&|r| r.valgrind_ok == Some(true)))
        } else {
            "skipped".into()
        }
    );
    if failed > 0 {
        std::process::exit(1);
    }
}
