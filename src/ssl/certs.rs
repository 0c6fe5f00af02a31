//! Loading certificates and keys from PEM (or DER) files.

use std::path::Path;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::error::Error;

/// `SSL_FILETYPE_PEM`.
pub const FILETYPE_PEM: i32 = 1;
/// `SSL_FILETYPE_ASN1`.
pub const FILETYPE_ASN1: i32 = 2;

/// Every certificate in a PEM file, in order; an error when there is none.
pub fn load_pem_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    let certs: Vec<_> = CertificateDer::pem_file_iter(path)
        .map_err(|e| Error::file(path, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| Error::file(path, e))?;
    if certs.is_empty() {
        return Err(Error::NoCertificateInFile(path.display().to_string()));
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
        FILETYPE_PEM => PrivateKeyDer::from_pem_file(path).map_err(|e| Error::file(path, e)),
        FILETYPE_ASN1 => std::fs::read(path)
            .map_err(|e| Error::file(path, e))
            .and_then(|d| PrivateKeyDer::try_from(d).map_err(|e| Error::file(path, e))),
        _ => Err(Error::BadFileType(filetype)),
    }
}
