//! `sessl-probe HOST:PORT`: does a TLS server resume sessions, and how?
//! A full handshake, then resumption by TLS 1.3 ticket, TLS 1.2 session id
//! and TLS 1.2 ticket, with rustls and sessl's client cache; see `--help`.
//! Exit status: 0, or with `--expect-resume` 0 only if some resumption
//! worked (1 otherwise); 2 on a bad command line or when no handshake works.

mod args;
mod hello;
mod json;
mod probe;
mod report;

use args::{Options, Parsed};
use report::Report;

fn run(o: &Options) -> Result<Report, String> {
    let prober = probe::Prober::new(o)?;
    let mut versions = Vec::new();
    if o.tls13 {
        versions.push(prober.tls13(o.tries).map_err(|e| ("TLSv1.3", e)));
    }
    if o.tls12 {
        versions.push(prober.tls12(o.tries).map_err(|e| ("TLSv1.2", e)));
    }
    let servername = match &prober.name {
        rustls_pki_types::ServerName::DnsName(n) => Some(n.as_ref().to_string()),
        _ => None,
    };
    Ok(Report {
        target: o.target.clone(),
        servername,
        versions,
    })
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let o = match args::parse(&argv) {
        Ok(Parsed::Run(o)) => o,
        Ok(Parsed::Help) => {
            println!("{}", args::USAGE);
            return;
        }
        Err(e) => {
            eprintln!("sessl-probe: {e}\n{}", args::USAGE);
            std::process::exit(2);
        }
    };
    let report = match run(&o) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sessl-probe: {e}");
            std::process::exit(2);
        }
    };
    if o.json {
        println!("{}", report.json().text());
    } else {
        print!("{}", report.table());
    }
    if report.versions.iter().all(|v| v.is_err()) {
        std::process::exit(2);
    }
    if o.expect_resume && !report.resumed_any() {
        std::process::exit(1);
    }
}
