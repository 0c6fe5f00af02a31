//! Contexts and connections with OpenSSL 3.0's semantics, over rustls.

pub mod alpn;
pub mod ca_hints;
mod capture;
mod cert_key_match;
mod cert_strength;
mod certificate_request;
pub mod certs;
pub mod cipher;
mod cipher_keywords;
mod cipher_settings;
pub mod cipher_string;
mod client_cert;
pub mod client_ciphers;
mod client_hello;
mod client_session;
mod client_store;
pub mod conf_lists;
pub mod conf_table;
mod config;
mod connection;
mod context;
mod context_hooks;
mod context_sessions;
mod credentials;
pub mod der_cache;
mod ec_point;
mod error;
mod extras;
pub mod fleet;
mod fleet_tickets;
#[doc(hidden)]
pub mod fuzzing;
mod groups;
mod handshake_machine;
pub mod handshake_state;
mod hello_facts;
mod hooks;
mod key_log;
mod key_slots;
mod kx_p521;
pub mod message_tap;
mod method;
pub mod ocsp;
pub mod options;
mod peer_signature;
mod peer_verifier;
mod policy;
mod record_reader;
mod scheme_filter;
pub mod security_level;
mod security_questions;
mod server_certs;
mod server_store;
mod settings;
pub mod shared_sigalgs;
pub mod sigalgs;
pub mod suite_choice;
mod ticket_header;
mod ticket_hooks;
pub mod ticket_keys;
pub mod ticket_layout;
mod ticketer;
mod trust;
pub mod verify;

pub use cipher::Cipher;
pub use client_hello::ClientHello;
pub use connection::{
    info_where, AllowEarlyData, AllowEarlyDataHook, CallRefused, Connection, EarlyDataStatus,
    EarlyRead, Fd, FdCalls, HandshakeState, KeyUpdate, Role, Want,
};
pub use context::{Context, Method};
pub use credentials::{ClientCertHook, Credentials, Replace};
pub use error::{Error, ErrorKind, Failure, Refusal};
pub use extras::Extras;
pub use hello_facts::ServerFlight;
pub use hooks::{
    context_info_hook, set_context_info_hook, ClientHelloHook, ConnectionNotResumableHook,
    GetSessionHook, HelloRefused, HelloStep, InfoHook, KeyLogHook, MessageHook, NewSessionHook,
    NotResumableHook, RemoveSessionHook, SessionTicketHook, TicketDecision, TicketKeyHook,
    TicketStatus,
};
pub use method::ProtocolMethod;
pub use peer_signature::scheme_nids;
pub use scheme_filter::{SigAlgKind, SigAlgLists};
pub use security_questions::{install_security_hook, SecurityHook, SecurityQuestion};
pub use settings::Settings;
pub use verify::{install_chain_validator, ChainValidator, ChainVerdict, TrustSource, X509_V_OK};
