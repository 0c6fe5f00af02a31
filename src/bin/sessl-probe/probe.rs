//! The connections a probe makes, with rustls and a sessl `ClientCache`
//! under a store that records what the server issued.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{
    ClientSessionStore, Resumption, Tls12ClientSessionValue, Tls12Resumption,
    Tls13ClientSessionValue, WebPkiServerVerifier,
};
use rustls::crypto::CryptoProvider;
use rustls::{
    ClientConfig, ClientConnection, DigitallySignedStruct, HandshakeKind, NamedGroup,
    RootCertStore, SignatureScheme, SupportedProtocolVersion,
};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use sessl::session::ClientValueFields;
use sessl::ClientCache;

use crate::args::{split_target, Options};
use crate::hello::{read_answer, Answer};
use crate::report::{Issued, Mechanism, Negotiated, Rate};

const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for TLS 1.3 tickets after the handshake, then after each read.
const TICKET_WAIT: Duration = Duration::from_millis(1000);
const TICKET_QUIET: Duration = Duration::from_millis(200);

/// Records what a server issues on each connection and keeps every session
/// in one sessl `ClientCache` entry whatever the server name, so that a
/// session can be offered under another name.
#[derive(Debug)]
pub struct Recorder {
    cache: ClientCache,
    key: ServerName<'static>,
    issued: Mutex<Issued>,
    /// The last TLS 1.2 ticket stored: rustls stores it again after a
    /// resumption that brought no new ticket.
    last_tls12_ticket: Mutex<Vec<u8>>,
}

impl Recorder {
    fn new() -> Arc<Self> {
        Arc::new(Recorder {
            cache: ClientCache::new(4),
            key: ServerName::try_from("sessl-probe.invalid").expect("a DNS name"),
            issued: Mutex::new(Issued::default()),
            last_tls12_ticket: Mutex::new(Vec::new()),
        })
    }

    fn take_issued(&self) -> Issued {
        std::mem::take(&mut *self.issued.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn record(&self, f: impl FnOnce(&mut Issued)) {
        f(&mut self.issued.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl ClientSessionStore for Recorder {
    fn set_kx_hint(&self, _: ServerName<'static>, group: NamedGroup) {
        self.cache.set_kx_hint(self.key.clone(), group)
    }

    fn kx_hint(&self, _: &ServerName<'_>) -> Option<NamedGroup> {
        self.cache.kx_hint(&self.key)
    }

    fn set_tls12_session(&self, _: ServerName<'static>, value: Tls12ClientSessionValue) {
        let f = ClientValueFields::of(&value);
        let mut last = self
            .last_tls12_ticket
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let new_ticket = !f.ticket.is_empty() && f.ticket != *last;
        last.clone_from(&f.ticket);
        drop(last);
        self.record(|i| {
            i.session_id = !f.session_id.is_empty();
            if new_ticket {
                i.tickets = 1;
                i.lifetime_hints = vec![f.lifetime_secs];
            }
        });
        self.cache.set_tls12_session(self.key.clone(), value)
    }

    fn tls12_session(&self, _: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        self.cache.tls12_session(&self.key)
    }

    fn remove_tls12_session(&self, _: &ServerName<'static>) {
        self.cache.remove_tls12_session(&self.key)
    }

    fn insert_tls13_ticket(&self, _: ServerName<'static>, value: Tls13ClientSessionValue) {
        let f = ClientValueFields::of(&value);
        let early = value.max_early_data_size();
        self.record(|i| {
            i.tickets += 1;
            i.lifetime_hints.push(f.lifetime_secs);
            i.max_early_data = i.max_early_data.max(early);
        });
        self.cache.insert_tls13_ticket(self.key.clone(), value)
    }

    fn take_tls13_ticket(&self, _: &ServerName<'static>) -> Option<Tls13ClientSessionValue> {
        self.cache.take_tls13_ticket(&self.key)
    }
}

/// Verifies the server's certificate for one fixed name (whatever name a
/// connection sends), or not at all with `--insecure`; handshake signatures
/// are always checked.
#[derive(Debug)]
struct FixedNameVerifier {
    webpki: Option<Arc<WebPkiServerVerifier>>,
    name: ServerName<'static>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for FixedNameVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match &self.webpki {
            Some(v) => v.verify_server_cert(end_entity, intermediates, &self.name, ocsp, now),
            None => Ok(ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algs = &self.provider.signature_verification_algorithms;
        rustls::crypto::verify_tls12_signature(message, cert, dss, algs)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algs = &self.provider.signature_verification_algorithms;
        rustls::crypto::verify_tls13_signature(message, cert, dss, algs)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// One handshake's outcome.
pub struct Handshake {
    pub negotiated: Negotiated,
    pub resumed: bool,
    pub issued: Issued,
}

/// The server, its names and the verifier every configuration shares (rustls
/// resumes only under the verifier that made the session).
pub struct Prober {
    addr: SocketAddr,
    pub name: ServerName<'static>,
    other_name: ServerName<'static>,
    verifier: Arc<FixedNameVerifier>,
    provider: Arc<CryptoProvider>,
}

fn trust(o: &Options) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore::empty();
    let ders: Vec<CertificateDer<'static>> = match &o.cafile {
        Some(f) => {
            let text = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
            pem::parse_many(text)
                .map_err(|e| format!("{}: {e}", f.display()))?
                .into_iter()
                .filter(|p| p.tag() == "CERTIFICATE")
                .map(|p| CertificateDer::from(p.into_contents()))
                .collect()
        }
        None => rustls_native_certs::load_native_certs().certs,
    };
    roots.add_parsable_certificates(ders);
    if roots.is_empty() {
        return Err("no trusted certificate (see --cafile, --insecure)".into());
    }
    Ok(roots)
}

impl Prober {
    /// Resolves the target and builds the verifier the options ask for.
    pub fn new(o: &Options) -> Result<Prober, String> {
        let (host, port) = split_target(&o.target)?;
        let addr = (host.as_str(), port)
            .to_socket_addrs()
            .map_err(|e| format!("{host}: {e}"))?
            .next()
            .ok_or_else(|| format!("{host}: no address"))?;
        let name_text = o.servername.clone().unwrap_or(host);
        let name = ServerName::try_from(name_text.clone())
            .map_err(|e| format!("{name_text:?}: not a server name: {e}"))?;
        let other_name =
            ServerName::try_from("sessl-probe-other-name.invalid").expect("a DNS name");
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let webpki = if o.insecure {
            None
        } else {
            let roots = Arc::new(trust(o)?);
            Some(
                WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        };
        let verifier = Arc::new(FixedNameVerifier {
            webpki,
            name: name.clone(),
            provider: provider.clone(),
        });
        Ok(Prober {
            addr,
            name,
            other_name,
            verifier,
            provider,
        })
    }

    fn config(
        &self,
        version: &'static SupportedProtocolVersion,
        store: Arc<Recorder>,
        tls12: Tls12Resumption,
    ) -> Result<Arc<ClientConfig>, String> {
        let mut c = ClientConfig::builder_with_provider(self.provider.clone())
            .with_protocol_versions(&[version])
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(self.verifier.clone())
            .with_no_client_auth();
        c.resumption = Resumption::store(store).tls12_resumption(tls12);
        Ok(Arc::new(c))
    }

    fn connect_tcp(&self) -> Result<TcpStream, String> {
        let s = TcpStream::connect_timeout(&self.addr, IO_TIMEOUT)
            .map_err(|e| format!("connect {}: {e}", self.addr))?;
        s.set_read_timeout(Some(IO_TIMEOUT))
            .map_err(|e| e.to_string())?;
        s.set_write_timeout(Some(IO_TIMEOUT))
            .map_err(|e| e.to_string())?;
        Ok(s)
    }

    /// One handshake; `hello` receives the ClientHello sent.
    fn handshake(
        &self,
        config: &Arc<ClientConfig>,
        store: &Recorder,
        other_name: bool,
        hello: Option<&mut Vec<u8>>,
    ) -> Result<Handshake, String> {
        store.take_issued();
        let name = if other_name {
            &self.other_name
        } else {
            &self.name
        };
        let mut tcp = self.connect_tcp()?;
        let mut conn =
            ClientConnection::new(config.clone(), name.clone()).map_err(|e| e.to_string())?;
        if let Some(h) = hello {
            conn.write_tls(h).map_err(|e| e.to_string())?;
            tcp.write_all(h).map_err(|e| e.to_string())?;
        }
        while conn.is_handshaking() {
            conn.complete_io(&mut tcp)
                .map_err(|e| format!("handshake: {e}"))?;
        }
        if conn.protocol_version() == Some(rustls::ProtocolVersion::TLSv1_3) {
            wait_for_tickets(&mut conn, &mut tcp)?;
        }
        let negotiated = Negotiated {
            version: match conn.protocol_version() {
                Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3".into(),
                Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2".into(),
                v => format!("{v:?}"),
            },
            suite: conn
                .negotiated_cipher_suite()
                .map(|s| format!("{:?}", s.suite()))
                .unwrap_or_default(),
            group: conn
                .negotiated_key_exchange_group()
                .map(|g| format!("{:?}", g.name())),
        };
        let resumed = conn.handshake_kind() == Some(HandshakeKind::Resumed);
        conn.send_close_notify();
        while conn.wants_write() {
            if conn.write_tls(&mut tcp).is_err() {
                break;
            }
        }
        Ok(Handshake {
            negotiated,
            resumed,
            issued: store.take_issued(),
        })
    }

    /// Sends a recorded ClientHello again on a new connection and reads
    /// whether the ServerHello accepts its ticket.
    fn replay(&self, hello: &[u8]) -> Result<Answer, String> {
        let mut tcp = self.connect_tcp()?;
        tcp.write_all(hello).map_err(|e| e.to_string())?;
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let answer = read_answer(&got);
            if answer != Answer::Incomplete || got.len() > 20_000 {
                return Ok(answer);
            }
            match tcp.read(&mut buf) {
                Ok(0) | Err(_) => return Ok(answer),
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    }

    /// A full handshake, then `tries` resumptions, each offering what the
    /// connection before it left in the store.
    fn mechanism(
        &self,
        name: &'static str,
        config: &Arc<ClientConfig>,
        store: &Recorder,
        tries: usize,
        mut hello_of_resumed: Option<&mut Vec<u8>>,
    ) -> Result<Mechanism, String> {
        progress(&format!("{name}: full handshake"));
        let full = self.handshake(config, store, false, None)?;
        let mut m = Mechanism {
            name,
            full: full.negotiated,
            issued: vec![full.issued],
            rate: Rate { resumed: 0, tries },
            resumed_with: None,
            errors: vec![],
        };
        for i in 0..tries {
            progress(&format!("{name}: resumption {}/{tries}", i + 1));
            let mut hello = Vec::new();
            match self.handshake(config, store, false, Some(&mut hello)) {
                Ok(h) => {
                    if h.resumed {
                        m.rate.resumed += 1;
                        m.resumed_with = Some(h.negotiated);
                        if let Some(keep) = hello_of_resumed.as_deref_mut() {
                            *keep = hello;
                        }
                    }
                    m.issued.push(h.issued);
                }
                Err(e) => m.errors.push(e),
            }
        }
        Ok(m)
    }

    /// Whether a session made under the server's name resumes when offered
    /// under another name.
    fn under_other_name(&self, config: &Arc<ClientConfig>, store: &Recorder) -> Option<bool> {
        progress("other servername");
        self.handshake(config, store, false, None).ok()?;
        Some(self.handshake(config, store, true, None).ok()?.resumed)
    }

    /// TLS 1.3: tickets, their reuse, another name.
    pub fn tls13(&self, tries: usize) -> Result<crate::report::VersionReport, String> {
        let store = Recorder::new();
        let config = self.config(
            &rustls::version::TLS13,
            store.clone(),
            Tls12Resumption::Disabled,
        )?;
        let mut hello = Vec::new();
        let m = self.mechanism("tls13_ticket", &config, &store, tries, Some(&mut hello))?;
        let ticket_accepted_twice = if hello.is_empty() {
            None
        } else {
            progress("tls13_ticket: offering a used ticket again");
            match self.replay(&hello) {
                Ok(Answer::PskAccepted) => Some(true),
                Ok(Answer::PskRefused) => Some(false),
                _ => None,
            }
        };
        let other = Recorder::new();
        let other_config = self.config(
            &rustls::version::TLS13,
            other.clone(),
            Tls12Resumption::Disabled,
        )?;
        Ok(crate::report::VersionReport {
            version: "TLSv1.3",
            mechanisms: vec![m],
            ticket_accepted_twice,
            resumes_under_other_name: self.under_other_name(&other_config, &other),
        })
    }

    /// TLS 1.2: session ids alone, then tickets, then another name.
    pub fn tls12(&self, tries: usize) -> Result<crate::report::VersionReport, String> {
        let by_id = Recorder::new();
        let config = self.config(
            &rustls::version::TLS12,
            by_id.clone(),
            Tls12Resumption::SessionIdOnly,
        )?;
        let ids = self.mechanism("tls12_session_id", &config, &by_id, tries, None)?;
        let by_ticket = Recorder::new();
        let ticket_config = self.config(
            &rustls::version::TLS12,
            by_ticket.clone(),
            Tls12Resumption::SessionIdOrTickets,
        )?;
        let tickets = self.mechanism("tls12_ticket", &ticket_config, &by_ticket, tries, None)?;
        let other = Recorder::new();
        let other_config = self.config(
            &rustls::version::TLS12,
            other.clone(),
            Tls12Resumption::SessionIdOrTickets,
        )?;
        Ok(crate::report::VersionReport {
            version: "TLSv1.2",
            mechanisms: vec![ids, tickets],
            ticket_accepted_twice: None,
            resumes_under_other_name: self.under_other_name(&other_config, &other),
        })
    }
}

/// Reads what the server sends after a TLS 1.3 handshake (its tickets) until
/// it goes quiet, closes, or sends application data.
fn wait_for_tickets(conn: &mut ClientConnection, tcp: &mut TcpStream) -> Result<(), String> {
    tcp.set_read_timeout(Some(TICKET_WAIT))
        .map_err(|e| e.to_string())?;
    loop {
        match conn.read_tls(tcp) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let state = conn.process_new_packets().map_err(|e| e.to_string())?;
                if state.plaintext_bytes_to_read() > 0 || state.peer_has_closed() {
                    break;
                }
                tcp.set_read_timeout(Some(TICKET_QUIET))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    tcp.set_read_timeout(Some(IO_TIMEOUT))
        .map_err(|e| e.to_string())
}

fn progress(what: &str) {
    eprintln!("sessl-probe: {what}");
}
