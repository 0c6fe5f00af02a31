//! Every libssl function a real program imports must be exported by sessl,
//! so that under LD_PRELOAD no call falls through to the real libssl with a
//! sessl handle, and must not be one that fails (`docs/abi.md`) unless
//! `tests/programs/allowed.tsv` names it for that program with why.
//! The programs are those of `tests/programs/programs.tsv` (installed, or
//! unpacked from their Debian packages by `tests/programs/fetch.sh`) and the
//! C suite's. libssl's functions are the system `libssl.so.3`'s exports.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const SYSTEM_LIBSSL: &str = "/usr/lib/x86_64-linux-gnu/libssl.so.3";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn symbols(path: &Path, which: &str) -> BTreeSet<String> {
    let out = Command::new("nm")
        .args(["-D", which])
        .arg(path)
        .output()
        .expect("nm");
    assert!(out.status.success(), "nm {which} {}", path.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .map(|s| s.split('@').next().unwrap().to_string())
        .collect()
}

fn libssl_functions() -> BTreeSet<String> {
    symbols(Path::new(SYSTEM_LIBSSL), "--defined-only")
}

/// The libssl functions `target` imports.
fn libssl_imports(target: &Path, libssl: &BTreeSet<String>) -> BTreeSet<String> {
    symbols(target, "--undefined-only")
        .into_iter()
        .filter(|s| libssl.contains(s))
        .collect()
}

/// docs/abi.md's rows: function -> status.
fn statuses() -> BTreeMap<String, String> {
    std::fs::read_to_string(root().join("docs/abi.md"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| {
            let mut cells = l.trim_matches('|').split('|').map(str::trim);
            let name = cells.next()?.trim_matches('`').to_string();
            Some((name, cells.next()?.to_string()))
        })
        .collect()
}

/// The tab-separated rows of a file of `tests/programs`, comments skipped.
fn rows(file: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(root().join("tests/programs").join(file))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// One program of programs.tsv: its name and where its file would be.
struct Program {
    name: String,
    package: String,
    path: String,
}

fn programs() -> Vec<Program> {
    rows("programs.tsv")
        .into_iter()
        .map(|r| {
            assert_eq!(r.len(), 3, "programs.tsv: {r:?}");
            let [name, package, path] = <[String; 3]>::try_from(r).unwrap();
            Program {
                name,
                package,
                path,
            }
        })
        .collect()
}

/// allowed.tsv: (program, function) -> why.
fn allowed() -> BTreeMap<(String, String), String> {
    let mut allowed = BTreeMap::new();
    for r in rows("allowed.tsv") {
        assert_eq!(r.len(), 3, "allowed.tsv: {r:?}");
        assert!(
            r[2].starts_with("feature: ") || r[2].starts_with("gap: "),
            "allowed.tsv: {r:?}"
        );
        for program in r[1].split(',') {
            allowed.insert((program.to_string(), r[0].clone()), r[2].clone());
        }
    }
    allowed
}

/// Where fetch.sh unpacks the packages of programs not installed.
fn cache_root() -> PathBuf {
    std::env::var_os("SESSL_PROGRAMS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/programs"))
        .join("root")
}

fn required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var_os("SESSL_REQUIRE_PROGRAMS").is_some()
}

/// The program's file: installed, or unpacked by fetch.sh.
fn locate(program: &Program) -> Option<PathBuf> {
    [Path::new("/").to_path_buf(), cache_root()]
        .into_iter()
        .map(|base| base.join(&program.path))
        .find(|p| p.exists())
}

/// What is wrong with one program's imports, and the report of its
/// imports that fail or are partial.
fn check(program: &Program, file: &Path, ctx: &Checked, problems: &mut Vec<String>) -> Vec<String> {
    let imports = libssl_imports(file, &ctx.libssl);
    if imports.is_empty() {
        problems.push(format!("{}: imports no libssl function", program.name));
    }
    let mut report = Vec::new();
    for name in &imports {
        let status = ctx.statuses.get(name).map_or("", String::as_str);
        if !ctx.exports.contains(name) {
            problems.push(format!("{}: {name} is not exported by sessl", program.name));
        }
        let key = (program.name.clone(), name.clone());
        if status.starts_with("fails") {
            report.push(format!("  {name}: {status}"));
            if !ctx.allowed.contains_key(&key) {
                problems.push(format!("{}: imports {name}, which {status}", program.name));
            }
        } else if status.starts_with("partial") {
            report.push(format!("  {name}: {status}"));
        }
    }
    for ((p, name), _) in ctx.allowed.iter().filter(|((p, _), _)| *p == program.name) {
        let fails = ctx
            .statuses
            .get(name)
            .is_some_and(|s| s.starts_with("fails"));
        if !imports.contains(name) || !fails {
            problems.push(format!(
                "allowed.tsv is stale: {p} and {name} (imported: {}, fails: {fails})",
                imports.contains(name)
            ));
        }
    }
    report
}

/// What every program is checked against.
struct Checked {
    libssl: BTreeSet<String>,
    exports: BTreeSet<String>,
    statuses: BTreeMap<String, String>,
    allowed: BTreeMap<(String, String), String>,
}

#[test]
fn programs_import_only_what_sessl_does() {
    let ctx = Checked {
        libssl: libssl_functions(),
        exports: symbols(&lib_dir().join("libsessl.so"), "--defined-only"),
        statuses: statuses(),
        allowed: allowed(),
    };
    assert!(ctx.libssl.len() > 500, "{SYSTEM_LIBSSL}: too few functions");
    let programs = programs();
    let mut problems = Vec::new();
    let known: BTreeSet<&str> = programs.iter().map(|p| p.name.as_str()).collect();
    for (program, name) in ctx.allowed.keys() {
        if !known.contains(program.as_str()) {
            problems.push(format!("allowed.tsv: {name}: no program {program}"));
        }
    }
    for program in &programs {
        let Some(file) = locate(program) else {
            let msg = format!(
                "{}: {} not found (package {}): run tests/programs/fetch.sh",
                program.name, program.path, program.package
            );
            assert!(!required(), "{msg}");
            println!("skipped {msg}");
            continue;
        };
        let report = check(program, &file, &ctx, &mut problems);
        println!(
            "{}: {} failing or partial imports",
            program.name,
            report.len()
        );
        for line in report {
            println!("{line}");
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn c_suite_imports_are_all_exported() {
    let libssl = libssl_functions();
    let exports = symbols(&lib_dir().join("libsessl.so"), "--defined-only");
    let statuses = statuses();
    let out = build_dir("coverage");
    let cases: Vec<PathBuf> = std::fs::read_dir(root().join("tests/c"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "c") && !p.ends_with("both_headers.c"))
        .collect();
    assert!(cases.len() > 20);
    // Compiled on every core (a hundred cases, one gcc each).
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = cases.len().div_ceil(threads);
    let built: Vec<(PathBuf, PathBuf)> = std::thread::scope(|scope| {
        let workers: Vec<_> = cases
            .chunks(chunk)
            .map(|part| {
                let out = &out;
                scope.spawn(move || {
                    part.iter()
                        .map(|case| {
                            let exe = compile_case(case, out, Build::OpenSsl).expect("compile");
                            (case.clone(), exe)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("compile thread"))
            .collect()
    });
    for (case, exe) in built {
        let imports = libssl_imports(&exe, &libssl);
        let missing: Vec<_> = imports.iter().filter(|s| !exports.contains(*s)).collect();
        assert!(missing.is_empty(), "{}: {missing:?}", case.display());
        let failing: Vec<_> = imports
            .iter()
            .filter(|s| statuses.get(*s).is_some_and(|st| st.starts_with("fails")))
            .collect();
        assert!(failing.is_empty(), "{}: {failing:?}", case.display());
    }
}
