//! Contexts and connections with OpenSSL 3.0's semantics, over rustls.

mod adapters;
pub mod certs;
pub mod cipher;
mod client_cert;
mod client_session;
mod client_value;
mod connection;
mod context;
pub mod options;
pub mod verify;

pub use cipher::Cipher;
pub use connection::{Connection, ErrorKind, Failure, Role};
pub use context::{
    Context, KeyLogHandler, KeyLogHook, Method, NewSessionHandler, NewSessionHook,
    RemoveSessionHandler, RemoveSessionHook, Settings,
};
pub use verify::X509_V_OK;
