//! Loading certificates and keys from PEM (or DER) files.

use std::path::Path;

use rustls_pki_types::pem::{self, PemObject};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::cert_strength::is_certificate;
use super::error::Error;

/// `SSL_FILETYPE_PEM`.
pub const FILETYPE_PEM: i32 = 1;
/// `SSL_FILETYPE_ASN1`.
pub const FILETYPE_ASN1: i32 = 2;

/// How a PEM file fails to read, as OpenSSL reports it: a file that cannot
/// be read is a system error, one whose contents do not decode a PEM error.
fn pem_error(path: &Path, e: pem::Error) -> Error {
    match e {
        pem::Error::Io(io) => Error::file(path, io),
        other => Error::BadPem(format!("{}: {other:?}", path.display())),
    }
}

/// Every certificate in a PEM file, in order; an error when there is none
/// or one is not a certificate (a PEM error, as OpenSSL's reader gives).
pub fn load_pem_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| pem_error(path, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| pem_error(path, e))?;
    if certs.is_empty() {
        return Err(Error::NoCertificateInFile(path.display().to_string()));
    }
    if certs.iter().any(|c| !is_certificate(c.as_ref())) {
        return Err(Error::BadPem(format!(
            "{}: not a certificate",
            path.display()
        )));
    }
    Ok(certs)
}

/// The certificate(s) of a file in the given OpenSSL file type.
pub fn load_certs(path: &Path, filetype: i32) -> Result<Vec<CertificateDer<'static>>, Error> {
    match filetype {
        FILETYPE_PEM => load_pem_certs(path),
        FILETYPE_ASN1 => std::fs::read(path)
            .map(|d| vec![CertificateDer::from(d)])
            .map_err(|e| Error::file(path, e)),
        _ => Err(Error::BadFileType(filetype)),
    }
}

/// The first private key of a file in the given OpenSSL file type.
pub fn load_key(path: &Path, filetype: i32) -> Result<PrivateKeyDer<'static>, Error> {
    match filetype {
        FILETYPE_PEM => PrivateKeyDer::from_pem_file(path).map_err(|e| pem_error(path, e)),
        FILETYPE_ASN1 => std::fs::read(path)
            .map_err(|e| Error::file(path, e))
            .and_then(|d| PrivateKeyDer::try_from(d).map_err(|e| Error::file(path, e))),
        _ => Err(Error::BadFileType(filetype)),
    }
}
