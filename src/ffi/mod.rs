//! The C ABI: OpenSSL's libssl functions, one file per man-page family.
//! Only translation lives here: handle casts, NULL and panic guards, C types.

#![allow(non_snake_case)]
#![allow(clippy::missing_safety_doc)]
// C integer types (`long`, `unsigned long`) differ in width between platforms;
// conversions that are identities here are not on every target.
#![allow(clippy::useless_conversion, clippy::unnecessary_cast)]

mod alert;
mod alpn;
mod asn1;
mod bio;
pub(crate) mod boundary;
mod cache;
mod callbacks;
mod chain_check;
mod cipher;
mod client_ca;
mod client_hello;
mod conf;
mod crypto;
mod ctrl;
mod ctx;
mod early_data;
mod err;
mod exdata;
mod fd;
pub(crate) mod handles;
mod keylog;
mod method;
mod owned;
mod reasons;
mod session;
mod ssl;
mod store;
mod tickets;
pub mod types;
mod unsupported;
mod verify;
mod x509;
