//! Contexts and connections with OpenSSL 3.0's semantics, over rustls.

mod adapters;
pub mod certs;
pub mod cipher;
mod client_cert;
mod client_hello;
mod client_session;
mod client_value;
mod connection;
mod context;
mod error;
mod extras;
pub mod options;
mod peer_verifier;
mod record_reader;
pub mod verify;

pub use cipher::Cipher;
pub use connection::{Connection, Role};
pub use context::{
    ClientHelloHandler, ClientHelloHook, Context, GetSessionHandler, GetSessionHook, HelloRefused,
    KeyLogHandler, KeyLogHook, Method, NewSessionHandler, NewSessionHook, RemoveSessionHandler,
    RemoveSessionHook, Settings, TicketKeyHandler, TicketKeyHook,
};
pub use error::{ErrorDetail, ErrorKind, Failure};
pub use extras::Extras;
pub use verify::{install_chain_validator, ChainValidator, ChainVerdict, TrustSource, X509_V_OK};
