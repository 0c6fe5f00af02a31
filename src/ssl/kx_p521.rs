//! Ephemeral ECDH on secp521r1 (P-521), which OpenSSL's default group list
//! has and rustls' aws-lc-rs provider leaves out: the same exchange as its
//! P-256 and P-384 groups, over aws-lc-rs' `ECDH_P521`. Contexts add it after
//! the provider's groups (`Context::new`).

use aws_lc_rs::agreement::{self, EphemeralPrivateKey, UnparsedPublicKey, ECDH_P521};
use rustls::crypto::{ActiveKeyExchange, SharedSecret, SupportedKxGroup};
use rustls::{Error, NamedGroup, PeerMisbehaved};

/// The P-521 group.
pub(super) static SECP521R1: &dyn SupportedKxGroup = &P521;

#[derive(Debug)]
struct P521;

impl SupportedKxGroup for P521 {
    fn start(&self) -> Result<Box<dyn ActiveKeyExchange>, Error> {
        let failed = |_| Error::FailedToGetRandomBytes;
        let private =
            EphemeralPrivateKey::generate(&ECDH_P521, &aws_lc_rs::rand::SystemRandom::new())
                .map_err(failed)?;
        let public = private.compute_public_key().map_err(failed)?;
        Ok(Box::new(Exchange {
            private,
            public: public.as_ref().to_vec(),
        }))
    }

    fn name(&self) -> NamedGroup {
        NamedGroup::secp521r1
    }
}

/// One exchange: our key pair.
struct Exchange {
    private: EphemeralPrivateKey,
    public: Vec<u8>,
}

impl ActiveKeyExchange for Exchange {
    fn complete(self: Box<Self>, peer: &[u8]) -> Result<SharedSecret, Error> {
        // TLS takes uncompressed points only (RFC 8446 4.2.8.2; what a TLS 1.2
        // client offers); aws-lc-rs checks the point is on the curve.
        if peer.first() != Some(&0x04) {
            return Err(PeerMisbehaved::InvalidKeyShare.into());
        }
        agreement::agree_ephemeral(
            self.private,
            UnparsedPublicKey::new(&ECDH_P521, peer),
            Error::from(PeerMisbehaved::InvalidKeyShare),
            |secret| Ok(SharedSecret::from(secret)),
        )
    }

    fn pub_key(&self) -> &[u8] {
        &self.public
    }

    fn group(&self) -> NamedGroup {
        NamedGroup::secp521r1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sides_agree_and_a_bad_point_is_refused() {
        let a = SECP521R1.start().unwrap();
        let b = SECP521R1.start().unwrap();
        assert_eq!(a.pub_key().len(), 133);
        assert_eq!(a.group(), NamedGroup::secp521r1);
        let (a_pub, b_pub) = (a.pub_key().to_vec(), b.pub_key().to_vec());
        let ab = a.complete(&b_pub).unwrap();
        let ba = b.complete(&a_pub).unwrap();
        assert_eq!(ab.secret_bytes().len(), 66);
        assert_eq!(ab.secret_bytes(), ba.secret_bytes());
        let c = SECP521R1.start().unwrap();
        let mut compressed = b_pub.clone();
        compressed[0] = 0x02;
        assert!(c.complete(&compressed[..67]).is_err());
        let d = SECP521R1.start().unwrap();
        let mut off_curve = b_pub;
        off_curve[132] ^= 1;
        assert!(d.complete(&off_curve).is_err());
    }
}
