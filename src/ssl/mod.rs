//! Contexts and connections with OpenSSL 3.0's semantics, over rustls.

pub mod alpn;
mod capture;
pub mod certs;
pub mod cipher;
mod cipher_keywords;
pub mod cipher_string;
mod client_cert;
mod client_hello;
mod client_session;
mod client_store;
mod client_value;
mod config;
mod connection;
mod context;
mod context_sessions;
mod error;
mod extras;
mod groups;
mod hooks;
mod key_log;
pub mod ocsp;
pub mod options;
pub mod peer_signature;
mod peer_verifier;
mod policy;
mod record_reader;
mod server_store;
mod settings;
mod ticket_header;
pub mod ticket_layout;
mod ticketer;
mod trust;
pub mod verify;

pub use cipher::Cipher;
pub use connection::{Connection, Role};
pub use context::{Context, Method};
pub use error::{Error, ErrorKind, Failure, Refusal};
pub use extras::Extras;
pub use hooks::{
    ClientHelloHook, GetSessionHook, HelloRefused, KeyLogHook, NewSessionHook, RemoveSessionHook,
    TicketKeyHook,
};
pub use settings::Settings;
pub use verify::{install_chain_validator, ChainValidator, ChainVerdict, TrustSource, X509_V_OK};
