//! The C ABI: OpenSSL's libssl functions, one file per man-page family.
//! Only translation lives here: handle casts, NULL and panic guards, C types.

#![allow(non_snake_case)]
#![allow(clippy::missing_safety_doc)]
// C integer types (`long`, `unsigned long`) differ in width between platforms;
// conversions that are identities here are not on every target.
#![allow(clippy::useless_conversion, clippy::unnecessary_cast)]

mod alert;
mod alert_abbrev;
mod alpn;
mod asn1;
mod async_jobs;
mod bio;
mod bio_ssl;
pub(crate) mod boundary;
mod ca_lists;
mod cache;
mod callbacks;
mod callbacks_more;
mod cert_key_variants;
mod chain_check;
mod cipher;
mod cipher_info;
mod client_ca;
mod client_hello;
mod client_hello_fields;
mod comp;
mod conf;
mod config_modules;
mod conn_io;
mod conn_state;
mod crypto;
mod ct;
mod ctrl;
mod ctx;
mod dane;
mod dtls;
mod early_data;
mod early_data_limits;
mod err;
mod exdata;
mod ext;
mod fd;
pub(crate) mod handles;
mod keylog;
mod method;
mod method_versions;
mod owned;
mod psk;
mod reasons;
mod security;
mod session;
mod session_ex_data;
mod session_fields;
mod session_pem;
mod session_print;
mod session_ticket_cb;
mod srp;
mod ssl;
mod store;
mod tickets;
pub mod types;
mod unsupported;
mod verify;
mod x509;
