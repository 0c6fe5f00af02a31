//! sessl's caches plugged straight into rustls: a server keeping sessions in a
//! bounded `ServerCache`, a client keeping tickets in a `ClientCache`, a full
//! handshake and a resumed one, then the statistics and a flush.
//!
//! Run: `cargo run --example resume`

use std::sync::Arc;

use rustls::{
    ClientConfig, ClientConnection, HandshakeKind, RootCertStore, ServerConfig, ServerConnection,
};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use sessl::session::CacheStats;
use sessl::{ClientCache, ServerCache};

/// Moves records between the two ends until neither has anything to say.
fn handshake(client: &mut ClientConnection, server: &mut ServerConnection) {
    while client.is_handshaking()
        || server.is_handshaking()
        || client.wants_write()
        || server.wants_write()
    {
        let mut buf = Vec::new();
        client.write_tls(&mut buf).unwrap();
        server.read_tls(&mut &buf[..]).unwrap();
        server.process_new_packets().unwrap();
        buf.clear();
        server.write_tls(&mut buf).unwrap();
        client.read_tls(&mut &buf[..]).unwrap();
        client.process_new_packets().unwrap();
    }
}

fn main() {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let der = CertificateDer::from(cert.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key_pair.serialize_der()));

    let server_cache = Arc::new(ServerCache::new(1000));
    let mut server_config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![der.clone()], key)
        .unwrap();
    server_config.session_storage = server_cache.clone();
    let server_config = Arc::new(server_config);

    let mut roots = RootCertStore::empty();
    roots.add(der).unwrap();
    let client_cache = Arc::new(ClientCache::new(100));
    let mut client_config = ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    client_config.resumption = rustls::client::Resumption::store(client_cache.clone());
    let client_config = Arc::new(client_config);

    for round in 1..=2 {
        let name = ServerName::try_from("localhost").unwrap();
        let mut client = ClientConnection::new(client_config.clone(), name).unwrap();
        let mut server = ServerConnection::new(server_config.clone()).unwrap();
        handshake(&mut client, &mut server);
        let resumed = client.handshake_kind() == Some(HandshakeKind::Resumed);
        println!("handshake {round}: resumed {resumed}");
    }
    println!(
        "server cache: {} sessions, {} hits; client cache: {} hits, {} misses",
        server_cache.len(),
        CacheStats::read(&server_cache.stats().hits),
        CacheStats::read(&client_cache.stats().hits),
        CacheStats::read(&client_cache.stats().misses),
    );
    let flushed = server_cache.flush_expired(i64::MAX);
    println!(
        "flushed {} sessions; {} left",
        flushed.len(),
        server_cache.len()
    );
}
