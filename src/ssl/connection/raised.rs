//! What the process-wide hooks rustls calls (the verifier, the client
//! certificate resolver, the signers) note on the connection they work
//! for, for it to act on once its call into rustls returns. Atomic words
//! on the connection, so the checks after every call cost a load each.

use std::sync::atomic::{AtomicU32, AtomicU8, Ordering};

use super::Connection;

/// Something noted during a call into rustls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Raised {
    /// rustls built a CertificateRequest (`certificate_request`).
    CertificateRequestBuilt = 1,
    /// The client's certificate callback failed the handshake (`client_cert`).
    ClientCertificateCallbackFailed = 2,
    /// The peer's chain was judged, its verdict recorded on this thread
    /// (`verify::judge_peer_chain`).
    ChainJudged = 4,
}

/// Whose signature scheme is noted (`peer_signature`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Signer {
    /// The peer's, once its signature verified.
    Peer = 0,
    /// This end's own key's choice.
    Own = 1,
}

/// The flags raised and the schemes noted, not yet taken.
#[derive(Debug, Default)]
pub(super) struct RaisedFlags {
    flags: AtomicU8,
    /// Per `Signer`: `NOTED` and the scheme, or 0.
    schemes: [AtomicU32; 2],
}

/// Marks a noted scheme (any scheme, 0 included, is then told from none).
const NOTED: u32 = 1 << 16;

impl RaisedFlags {
    fn raise(&self, flag: Raised) {
        self.flags.fetch_or(flag as u8, Ordering::AcqRel);
    }

    fn take(&self, flag: Raised) -> bool {
        let bit = flag as u8;
        // Most calls raise nothing: a load answers them.
        self.flags.load(Ordering::Acquire) & bit != 0
            && self.flags.fetch_and(!bit, Ordering::AcqRel) & bit != 0
    }

    fn note_scheme(&self, signer: Signer, scheme: u16) {
        self.schemes[signer as usize].store(NOTED | u32::from(scheme), Ordering::Release);
    }

    fn take_scheme(&self, signer: Signer) -> Option<u16> {
        let slot = &self.schemes[signer as usize];
        if slot.load(Ordering::Acquire) == 0 {
            return None;
        }
        let v = slot.swap(0, Ordering::AcqRel);
        (v & NOTED != 0).then_some(v as u16)
    }
}

impl Connection {
    /// Notes `flag` for the connection to take after its call into rustls.
    pub(crate) fn raise(&self, flag: Raised) {
        self.raised.raise(flag);
    }

    /// Whether `flag` was raised since it was last taken (taken now).
    pub(crate) fn take_raised(&self, flag: Raised) -> bool {
        self.raised.take(flag)
    }

    /// Notes the signature scheme `signer` signed with, for the connection
    /// to take after its call into rustls.
    pub(crate) fn note_scheme(&self, signer: Signer, scheme: u16) {
        self.raised.note_scheme(signer, scheme);
    }

    /// The scheme `signer` signed with, noted since it was last taken.
    pub(crate) fn take_scheme(&self, signer: Signer) -> Option<u16> {
        self.raised.take_scheme(signer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_is_taken_once_and_alone() {
        let flags = RaisedFlags::default();
        assert!(!flags.take(Raised::CertificateRequestBuilt));
        flags.raise(Raised::CertificateRequestBuilt);
        flags.raise(Raised::ClientCertificateCallbackFailed);
        assert!(flags.take(Raised::CertificateRequestBuilt));
        assert!(!flags.take(Raised::CertificateRequestBuilt), "taken once");
        assert!(
            flags.take(Raised::ClientCertificateCallbackFailed),
            "the other stays"
        );
        assert!(!flags.take(Raised::ClientCertificateCallbackFailed));
    }

    #[test]
    fn schemes_are_taken_once_per_signer() {
        let flags = RaisedFlags::default();
        assert_eq!(flags.take_scheme(Signer::Peer), None);
        flags.note_scheme(Signer::Peer, 0x0403);
        flags.note_scheme(Signer::Own, 0);
        assert_eq!(flags.take_scheme(Signer::Peer), Some(0x0403));
        assert_eq!(flags.take_scheme(Signer::Peer), None, "taken once");
        assert_eq!(
            flags.take_scheme(Signer::Own),
            Some(0),
            "a zero scheme is noted too"
        );
    }
}
