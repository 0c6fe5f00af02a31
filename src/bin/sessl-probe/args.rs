//! The command line of `sessl-probe`, parsed by hand (no parser crate).

use std::path::PathBuf;

/// The usage text printed by `--help` and after a bad argument.
pub const USAGE: &str = "usage: sessl-probe [options] HOST:PORT
  --servername NAME  SNI and certificate name (default: HOST, none for an IP address)
  --cafile FILE      trust the PEM certificates of FILE (default: the system's roots)
  --insecure         do not verify the server's certificate
  --tls12 | --tls13  probe only that version (default: both)
  --tries N          resumption attempts per mechanism (default 1)
  --json             print one JSON document instead of the table
  --expect-resume    exit 0 only if some resumption worked (1 otherwise)";

/// What the command line asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The server, `HOST:PORT` (`[V6]:PORT` for an IPv6 address).
    pub target: String,
    /// The name sent in SNI and checked in the certificate.
    pub servername: Option<String>,
    /// Trust anchors instead of the system's.
    pub cafile: Option<PathBuf>,
    /// No certificate verification.
    pub insecure: bool,
    /// Probe TLS 1.2.
    pub tls12: bool,
    /// Probe TLS 1.3.
    pub tls13: bool,
    /// Resumption attempts per mechanism.
    pub tries: usize,
    /// One JSON document on stdout.
    pub json: bool,
    /// Exit status says whether some resumption worked.
    pub expect_resume: bool,
}

/// What a command line means: options to run, or help to print.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Probe with these options.
    Run(Options),
    /// `--help`.
    Help,
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Parsed, String> {
    let mut o = Options {
        target: String::new(),
        servername: None,
        cafile: None,
        insecure: false,
        tls12: false,
        tls13: false,
        tries: 1,
        json: false,
        expect_resume: false,
    };
    let mut it = args.iter();
    let mut target = None;
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match a.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--servername" => o.servername = Some(value(a)?),
            "--cafile" => o.cafile = Some(PathBuf::from(value(a)?)),
            "--insecure" => o.insecure = true,
            "--tls12" => o.tls12 = true,
            "--tls13" => o.tls13 = true,
            "--json" => o.json = true,
            "--expect-resume" => o.expect_resume = true,
            "--tries" => {
                let v = value(a)?;
                o.tries = match v.parse::<usize>() {
                    Ok(n) if (1..=1000).contains(&n) => n,
                    _ => return Err(format!("--tries: {v:?} is not a number from 1 to 1000")),
                };
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s if target.is_none() => target = Some(s.to_string()),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    o.target = target.ok_or("HOST:PORT is missing")?;
    split_target(&o.target)?;
    if !o.tls12 && !o.tls13 {
        (o.tls12, o.tls13) = (true, true);
    }
    Ok(Parsed::Run(o))
}

/// Splits `HOST:PORT` (or `[V6]:PORT`) into host and port.
pub fn split_target(target: &str) -> Result<(String, u16), String> {
    let (host, port) = target
        .rsplit_once(':')
        .ok_or_else(|| format!("{target:?} is not HOST:PORT"))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = port
        .parse::<u16>()
        .map_err(|_| format!("{target:?}: bad port"))?;
    if host.is_empty() {
        return Err(format!("{target:?}: no host"));
    }
    Ok((host.to_string(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Options, String> {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&v)? {
            Parsed::Run(o) => Ok(o),
            Parsed::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults_probe_both_versions_once() {
        let o = run(&["example.org:443"]).unwrap();
        assert_eq!(o.target, "example.org:443");
        assert!(o.tls12 && o.tls13 && !o.json && !o.insecure && !o.expect_resume);
        assert_eq!(o.tries, 1);
        assert_eq!(o.servername, None);
    }

    #[test]
    fn every_option() {
        let o = run(&[
            "--servername",
            "a.test",
            "--cafile",
            "ca.pem",
            "--insecure",
            "--tls13",
            "--tries",
            "5",
            "--json",
            "--expect-resume",
            "127.0.0.1:4433",
        ])
        .unwrap();
        assert_eq!(o.servername.as_deref(), Some("a.test"));
        assert_eq!(o.cafile, Some(PathBuf::from("ca.pem")));
        assert!(o.insecure && o.json && o.expect_resume);
        assert!(o.tls13 && !o.tls12);
        assert_eq!(o.tries, 5);
    }

    #[test]
    fn bad_command_lines() {
        assert!(run(&[]).is_err());
        assert!(run(&["host"]).is_err());
        assert!(run(&["host:x"]).is_err());
        assert!(run(&["a:1", "b:2"]).is_err());
        assert!(run(&["--tries", "0", "a:1"]).is_err());
        assert!(run(&["--tries"]).is_err());
        assert!(run(&["--bogus", "a:1"]).is_err());
        assert_eq!(run(&["--help"]), Err("help".into()));
    }

    #[test]
    fn targets() {
        assert_eq!(split_target("h:1").unwrap(), ("h".into(), 1));
        assert_eq!(split_target("[::1]:443").unwrap(), ("::1".into(), 443));
        assert!(split_target(":443").is_err());
    }
}
