//! What a probe found, and its two forms: a table and one JSON document.

use crate::json::Json;

/// What one handshake negotiated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negotiated {
    /// Protocol version, as OpenSSL names it (`TLSv1.3`).
    pub version: String,
    /// Cipher suite (rustls' name).
    pub suite: String,
    /// Key exchange group (none on a TLS 1.2 resumption).
    pub group: Option<String>,
}

/// Resumptions that worked out of those tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rate {
    pub resumed: usize,
    pub tries: usize,
}

/// What the server issued on one connection (TLS 1.3 tickets, or the TLS 1.2
/// session's id and ticket).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Issued {
    /// Tickets received (TLS 1.3: NewSessionTicket messages; TLS 1.2: 0 or 1).
    pub tickets: usize,
    /// Their lifetime hints, in seconds.
    pub lifetime_hints: Vec<u64>,
    /// The largest max_early_data of a TLS 1.3 ticket.
    pub max_early_data: u32,
    /// Whether the server gave a (non-empty) TLS 1.2 session id.
    pub session_id: bool,
}

/// One resumption mechanism tried `tries` times after a full handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mechanism {
    /// Its name in the report (`tls13_ticket`, `tls12_session_id`, `tls12_ticket`).
    pub name: &'static str,
    /// The full handshake.
    pub full: Negotiated,
    /// What each connection was given: the full handshake's first, then each try's.
    pub issued: Vec<Issued>,
    /// How many tries resumed.
    pub rate: Rate,
    /// What a resumed handshake negotiated (the last one).
    pub resumed_with: Option<Negotiated>,
    /// Errors of tries that failed (not counted as resumed).
    pub errors: Vec<String>,
}

/// Everything about one protocol version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionReport {
    /// `TLSv1.3` or `TLSv1.2`.
    pub version: &'static str,
    /// The mechanisms tried (TLS 1.3: tickets; TLS 1.2: session ids, tickets).
    pub mechanisms: Vec<Mechanism>,
    /// TLS 1.3: whether a ticket already used once resumed again (None: not known).
    pub ticket_accepted_twice: Option<bool>,
    /// Whether a session resumed when offered under another server name (SNI),
    /// that is whether the server keeps one session context for every name.
    pub resumes_under_other_name: Option<bool>,
}

/// The whole probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub target: String,
    /// The server name used (None: an IP address, no SNI).
    pub servername: Option<String>,
    /// Per version probed: the report, or why its full handshake failed.
    pub versions: Vec<Result<VersionReport, (&'static str, String)>>,
}

impl Report {
    /// Whether some resumption worked.
    pub fn resumed_any(&self) -> bool {
        self.versions
            .iter()
            .flatten()
            .flat_map(|v| &v.mechanisms)
            .any(|m| m.rate.resumed > 0)
    }

    /// The readable table.
    pub fn table(&self) -> String {
        let mut rows: Vec<(String, String)> = Vec::new();
        rows.push(("target".into(), self.target.clone()));
        rows.push((
            "servername".into(),
            self.servername.clone().unwrap_or_else(|| "(none)".into()),
        ));
        for v in &self.versions {
            match v {
                Err((version, e)) => {
                    rows.push((format!("{version} handshake"), format!("failed: {e}")))
                }
                Ok(v) => version_rows(v, &mut rows),
            }
        }
        rows.push((
            "resumption".into(),
            if self.resumed_any() {
                "works"
            } else {
                "never resumed"
            }
            .into(),
        ));
        let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        rows.iter()
            .map(|(k, v)| format!("{k:width$}  {v}\n"))
            .collect()
    }

    /// One JSON document.
    pub fn json(&self) -> Json {
        let versions = self
            .versions
            .iter()
            .map(|v| match v {
                Err((version, e)) => Json::Obj(vec![
                    ("version", Json::str(version)),
                    ("error", Json::str(e)),
                ]),
                Ok(v) => version_json(v),
            })
            .collect();
        Json::Obj(vec![
            ("target", Json::str(&self.target)),
            (
                "servername",
                self.servername.as_deref().map(Json::str).into(),
            ),
            ("versions", Json::Arr(versions)),
            ("resumed_any", self.resumed_any().into()),
        ])
    }
}

fn negotiated_text(n: &Negotiated) -> String {
    match &n.group {
        Some(g) => format!("{} {} {}", n.version, n.suite, g),
        None => format!("{} {}", n.version, n.suite),
    }
}

fn yes_no(v: Option<bool>, yes: &str, no: &str) -> String {
    match v {
        Some(true) => yes.into(),
        Some(false) => no.into(),
        None => "not known (no resumption to build on)".into(),
    }
}

fn hints(issued: &[Issued]) -> Vec<u64> {
    let mut h: Vec<u64> = issued
        .iter()
        .flat_map(|i| i.lifetime_hints.clone())
        .collect();
    h.sort_unstable();
    h.dedup();
    h
}

fn version_rows(v: &VersionReport, rows: &mut Vec<(String, String)>) {
    let tv = v.version;
    for m in &v.mechanisms {
        let label = m.name.replace('_', " ");
        rows.push((format!("{label}: full handshake"), negotiated_text(&m.full)));
        let counts: Vec<String> = m.issued.iter().map(|i| i.tickets.to_string()).collect();
        let hint_text: Vec<String> = hints(&m.issued).iter().map(|h| format!("{h}s")).collect();
        rows.push((
            format!("{label}: tickets per connection"),
            format!(
                "{} (lifetime hints: {})",
                counts.join(", "),
                if hint_text.is_empty() {
                    "none".into()
                } else {
                    hint_text.join(", ")
                }
            ),
        ));
        if m.name == "tls12_session_id" {
            let given = m.issued.first().is_some_and(|i| i.session_id);
            rows.push((
                format!("{label}: session id"),
                if given { "given" } else { "none (empty)" }.into(),
            ));
        }
        if tv == "TLSv1.3" {
            let early = m.issued.iter().map(|i| i.max_early_data).max().unwrap_or(0);
            rows.push((
                format!("{label}: max_early_data"),
                if early == 0 {
                    "0 (no early data)".into()
                } else {
                    early.to_string()
                },
            ));
        }
        let mut rate = format!("{}/{} resumed", m.rate.resumed, m.rate.tries);
        if let Some(n) = &m.resumed_with {
            rate.push_str(&format!(" ({})", negotiated_text(n)));
        }
        rows.push((format!("{label}: resumption"), rate));
        for e in &m.errors {
            rows.push((format!("{label}: error"), e.clone()));
        }
    }
    if tv == "TLSv1.3" {
        rows.push((
            format!("{tv} ticket used twice"),
            yes_no(
                v.ticket_accepted_twice,
                "accepted again (replayable)",
                "refused the second time",
            ),
        ));
    }
    rows.push((
        format!("{tv} other servername"),
        yes_no(
            v.resumes_under_other_name,
            "resumed (one session context for all names)",
            "not resumed",
        ),
    ));
}

fn negotiated_json(n: &Negotiated) -> Json {
    Json::Obj(vec![
        ("version", Json::str(&n.version)),
        ("suite", Json::str(&n.suite)),
        ("group", n.group.as_deref().map(Json::str).into()),
    ])
}

fn version_json(v: &VersionReport) -> Json {
    let mechanisms = v
        .mechanisms
        .iter()
        .map(|m| {
            let issued = m
                .issued
                .iter()
                .map(|i| {
                    Json::Obj(vec![
                        ("tickets", Json::Num(i.tickets as u64)),
                        (
                            "lifetime_hints",
                            Json::Arr(i.lifetime_hints.iter().map(|h| Json::Num(*h)).collect()),
                        ),
                        ("max_early_data", Json::Num(i.max_early_data.into())),
                        ("session_id", i.session_id.into()),
                    ])
                })
                .collect();
            Json::Obj(vec![
                ("name", Json::str(m.name)),
                ("full", negotiated_json(&m.full)),
                ("connections", Json::Arr(issued)),
                ("tries", Json::Num(m.rate.tries as u64)),
                ("resumed", Json::Num(m.rate.resumed as u64)),
                (
                    "resumed_with",
                    m.resumed_with.as_ref().map(negotiated_json).into(),
                ),
                (
                    "errors",
                    Json::Arr(m.errors.iter().map(|e| Json::str(e)).collect()),
                ),
            ])
        })
        .collect();
    Json::Obj(vec![
        ("version", Json::str(v.version)),
        ("mechanisms", Json::Arr(mechanisms)),
        ("ticket_accepted_twice", v.ticket_accepted_twice.into()),
        (
            "resumes_under_other_name",
            v.resumes_under_other_name.into(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tls13(resumed: usize) -> VersionReport {
        let full = Negotiated {
            version: "TLSv1.3".into(),
            suite: "TLS13_AES_256_GCM_SHA384".into(),
            group: Some("X25519".into()),
        };
        let issued = Issued {
            tickets: 2,
            lifetime_hints: vec![7200, 7200],
            max_early_data: 0,
            session_id: false,
        };
        VersionReport {
            version: "TLSv1.3",
            mechanisms: vec![Mechanism {
                name: "tls13_ticket",
                full: full.clone(),
                issued: vec![issued.clone(), issued],
                rate: Rate { resumed, tries: 1 },
                resumed_with: (resumed > 0).then_some(full),
                errors: vec![],
            }],
            ticket_accepted_twice: Some(true),
            resumes_under_other_name: None,
        }
    }

    fn report(resumed: usize) -> Report {
        Report {
            target: "127.0.0.1:4433".into(),
            servername: Some("localhost".into()),
            versions: vec![Ok(tls13(resumed)), Err(("TLSv1.2", "refused".into()))],
        }
    }

    /// The value of a table row.
    fn row<'a>(table: &'a str, label: &str) -> &'a str {
        let line = table
            .lines()
            .find(|l| l.starts_with(&format!("{label}  ")))
            .unwrap_or_else(|| panic!("no row {label}:\n{table}"));
        line[label.len()..].trim_start()
    }

    #[test]
    fn table_rows() {
        let t = report(1).table();
        assert_eq!(
            row(&t, "tls13 ticket: full handshake"),
            "TLSv1.3 TLS13_AES_256_GCM_SHA384 X25519"
        );
        assert_eq!(
            row(&t, "tls13 ticket: tickets per connection"),
            "2, 2 (lifetime hints: 7200s)"
        );
        assert_eq!(
            row(&t, "tls13 ticket: resumption"),
            "1/1 resumed (TLSv1.3 TLS13_AES_256_GCM_SHA384 X25519)"
        );
        assert_eq!(
            row(&t, "TLSv1.3 ticket used twice"),
            "accepted again (replayable)"
        );
        assert_eq!(row(&t, "TLSv1.2 handshake"), "failed: refused");
        assert_eq!(row(&t, "resumption"), "works");
        assert_eq!(row(&report(0).table(), "resumption"), "never resumed");
    }

    #[test]
    fn json_document() {
        let j = report(1).json().text();
        assert!(j.starts_with(r#"{"target":"127.0.0.1:4433","servername":"localhost","versions":[{"version":"TLSv1.3","mechanisms":[{"name":"tls13_ticket""#), "{j}");
        assert!(j.contains(r#""connections":[{"tickets":2,"lifetime_hints":[7200,7200],"max_early_data":0,"session_id":false}"#), "{j}");
        assert!(
            j.contains(r#""ticket_accepted_twice":true,"resumes_under_other_name":null"#),
            "{j}"
        );
        assert!(
            j.contains(r#"{"version":"TLSv1.2","error":"refused"}"#),
            "{j}"
        );
        assert!(j.ends_with(r#""resumed_any":true}"#), "{j}");
        assert!(report(0).json().text().ends_with(r#""resumed_any":false}"#));
    }
}
