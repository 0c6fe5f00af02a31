//! Two rustls servers, as two machines of a fleet, sharing sessions through
//! Redis: each has its own `ServerCache` with a `RedisStore` under it (the
//! same fleet secret); a client's first handshake is with server A, its
//! second with server B, which resumes it from Redis.
//!
//! Run (with a Redis listening): `cargo run --example fleet -- redis://127.0.0.1:6379`

use std::sync::Arc;
use std::time::Duration;

use rustls::{
    ClientConfig, ClientConnection, HandshakeKind, RootCertStore, ServerConfig, ServerConnection,
};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use sessl::session::{RedisStore, RedisStoreConfig, SessionStore};
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
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "redis://127.0.0.1:6379".into());
    // The fleet secret: in a real fleet, the same 32+ random bytes on every machine.
    let secret = [42u8; 32];
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let der = CertificateDer::from(cert.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key_pair.serialize_der()));

    // One server of the fleet: its own cache, Redis as the second tier.
    let server = |name: &str| {
        let mut config = RedisStoreConfig::new(&url);
        config.read_timeout = Duration::from_millis(100);
        let store = Arc::new(RedisStore::new(config, &secret).expect("store"));
        let cache = Arc::new(ServerCache::new(1000));
        cache.set_store(Some(store.clone()));
        let mut config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![der.clone()], key.clone_key())
            .unwrap();
        config.session_storage = cache;
        println!("server {name}: {url}");
        (Arc::new(config), store)
    };
    let (a, store_a) = server("A");
    let (b, store_b) = server("B");

    let mut roots = RootCertStore::empty();
    roots.add(der.clone()).unwrap();
    let mut client_config = ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    client_config.resumption = rustls::client::Resumption::store(Arc::new(ClientCache::new(10)));
    let client_config = Arc::new(client_config);

    for (name, server_config) in [("A", &a), ("B", &b)] {
        let host = ServerName::try_from("localhost").unwrap();
        let mut client = ClientConnection::new(client_config.clone(), host).unwrap();
        let mut server = ServerConnection::new(server_config.clone()).unwrap();
        handshake(&mut client, &mut server);
        let resumed = client.handshake_kind() == Some(HandshakeKind::Resumed);
        println!("handshake with {name}: resumed {resumed}");
        // A's writer thread sends the session to Redis a moment later.
        std::thread::sleep(Duration::from_millis(200));
    }
    println!("store A: {}", store_a.stats().summary());
    println!("store B: {}", store_b.stats().summary());
}
