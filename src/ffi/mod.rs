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
mod callbacks_more;
mod cert_key_variants;
mod chain_check;
mod cipher;
mod cipher_info;
mod cipher_lists;
mod client_ca;
mod client_cert_cb;
mod client_hello;
mod client_hello_fields;
mod comp;
mod conf;
mod config_modules;
mod conn_alpn;
mod conn_credentials;
mod conn_facts;
mod conn_io;
mod conn_peek;
mod conn_progress;
mod conn_state;
mod credential_objects;
mod crypto;
mod ct;
mod ctrl;
mod ctrl_certs;
mod ctrl_common;
mod ctrl_hello;
mod ctx;
mod dane;
mod descriptors;
mod dh_params;
mod dtls;
mod early_data;
mod early_data_limits;
mod err;
mod exdata;
mod ext;
mod fd;
pub(crate) mod handles;
mod info_callback;
mod key_share;
mod keying;
mod keylog;
mod method;
mod method_versions;
mod ocsp;
mod owned;
mod passwords;
mod psk;
mod purpose_trust;
mod quiet_shutdown;
mod reasons;
mod records;
mod security;
mod session;
mod session_ex_data;
mod session_fields;
mod session_pem;
mod session_print;
mod session_ticket_cb;
mod srp;
mod ssl;
mod ssl_dup;
mod store;
mod tickets;
mod trust_locations;
pub mod types;
mod unsupported;
mod verify;
mod x509;
