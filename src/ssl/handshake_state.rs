//! OpenSSL's handshake states (`OSSL_HANDSHAKE_STATE`, `SSL_get_state(3)`)
//! with their `SSL_state_string` and `SSL_state_string_long` names.

use std::ffi::CStr;

/// The states of OpenSSL 3.0's handshake state machine, by its numbers
/// (`TLS_ST_*`; the DTLS and next-protocol states never occur in sessl).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandshakeState {
    /// `TLS_ST_BEFORE`: no handshake started yet.
    Before = 0,
    /// `TLS_ST_OK`: no handshake in progress.
    Ok = 1,
    /// `TLS_ST_CR_SRVR_HELLO`.
    ClientReadServerHello = 3,
    /// `TLS_ST_CR_CERT`.
    ClientReadCertificate = 4,
    /// `TLS_ST_CR_CERT_STATUS`.
    ClientReadCertificateStatus = 5,
    /// `TLS_ST_CR_KEY_EXCH`.
    ClientReadKeyExchange = 6,
    /// `TLS_ST_CR_CERT_REQ`.
    ClientReadCertificateRequest = 7,
    /// `TLS_ST_CR_SRVR_DONE`.
    ClientReadServerDone = 8,
    /// `TLS_ST_CR_SESSION_TICKET`.
    ClientReadSessionTicket = 9,
    /// `TLS_ST_CR_CHANGE`.
    ClientReadChangeCipherSpec = 10,
    /// `TLS_ST_CR_FINISHED`.
    ClientReadFinished = 11,
    /// `TLS_ST_CW_CLNT_HELLO`.
    ClientWroteClientHello = 12,
    /// `TLS_ST_CW_CERT`.
    ClientWroteCertificate = 13,
    /// `TLS_ST_CW_KEY_EXCH`.
    ClientWroteKeyExchange = 14,
    /// `TLS_ST_CW_CERT_VRFY`.
    ClientWroteCertificateVerify = 15,
    /// `TLS_ST_CW_CHANGE`.
    ClientWroteChangeCipherSpec = 16,
    /// `TLS_ST_CW_FINISHED`.
    ClientWroteFinished = 18,
    /// `TLS_ST_SW_HELLO_REQ`.
    ServerWroteHelloRequest = 19,
    /// `TLS_ST_SR_CLNT_HELLO`.
    ServerReadClientHello = 20,
    /// `TLS_ST_SW_SRVR_HELLO`.
    ServerWroteServerHello = 22,
    /// `TLS_ST_SW_CERT`.
    ServerWroteCertificate = 23,
    /// `TLS_ST_SW_KEY_EXCH`.
    ServerWroteKeyExchange = 24,
    /// `TLS_ST_SW_CERT_REQ`.
    ServerWroteCertificateRequest = 25,
    /// `TLS_ST_SW_SRVR_DONE`.
    ServerWroteServerDone = 26,
    /// `TLS_ST_SR_CERT`.
    ServerReadCertificate = 27,
    /// `TLS_ST_SR_KEY_EXCH`.
    ServerReadKeyExchange = 28,
    /// `TLS_ST_SR_CERT_VRFY`.
    ServerReadCertificateVerify = 29,
    /// `TLS_ST_SR_CHANGE`.
    ServerReadChangeCipherSpec = 31,
    /// `TLS_ST_SR_FINISHED`.
    ServerReadFinished = 32,
    /// `TLS_ST_SW_SESSION_TICKET`.
    ServerWroteSessionTicket = 33,
    /// `TLS_ST_SW_CERT_STATUS`.
    ServerWroteCertificateStatus = 34,
    /// `TLS_ST_SW_CHANGE`.
    ServerWroteChangeCipherSpec = 35,
    /// `TLS_ST_SW_FINISHED`.
    ServerWroteFinished = 36,
    /// `TLS_ST_SW_ENCRYPTED_EXTENSIONS`.
    ServerWroteEncryptedExtensions = 37,
    /// `TLS_ST_CR_ENCRYPTED_EXTENSIONS`.
    ClientReadEncryptedExtensions = 38,
    /// `TLS_ST_CR_CERT_VRFY`.
    ClientReadCertificateVerify = 39,
    /// `TLS_ST_SW_CERT_VRFY`.
    ServerWroteCertificateVerify = 40,
    /// `TLS_ST_CR_HELLO_REQ`.
    ClientReadHelloRequest = 41,
    /// `TLS_ST_SW_KEY_UPDATE`.
    ServerWroteKeyUpdate = 42,
    /// `TLS_ST_CW_KEY_UPDATE`.
    ClientWroteKeyUpdate = 43,
    /// `TLS_ST_SR_KEY_UPDATE`.
    ServerReadKeyUpdate = 44,
    /// `TLS_ST_CR_KEY_UPDATE`.
    ClientReadKeyUpdate = 45,
    /// `TLS_ST_EARLY_DATA`: a TLS 1.3 server past its Finished (or a client
    /// writing early data).
    EarlyData = 46,
    /// `TLS_ST_PENDING_EARLY_DATA_END`.
    PendingEarlyDataEnd = 47,
    /// `TLS_ST_CW_END_OF_EARLY_DATA`.
    ClientWroteEndOfEarlyData = 48,
    /// `TLS_ST_SR_END_OF_EARLY_DATA`.
    ServerReadEndOfEarlyData = 49,
}

use HandshakeState as S;

/// Each state's short and long names, as OpenSSL 3.0's `ssl_stat.c` gives them.
const NAMES: &[(HandshakeState, &CStr, &CStr)] = &[
    (S::Before, c"PINIT", c"before SSL initialization"),
    (S::Ok, c"SSLOK", c"SSL negotiation finished successfully"),
    (
        S::ClientReadServerHello,
        c"TRSH",
        c"SSLv3/TLS read server hello",
    ),
    (
        S::ClientReadCertificate,
        c"TRSC",
        c"SSLv3/TLS read server certificate",
    ),
    (
        S::ClientReadCertificateStatus,
        c"TRCS",
        c"SSLv3/TLS read certificate status",
    ),
    (
        S::ClientReadKeyExchange,
        c"TRSKE",
        c"SSLv3/TLS read server key exchange",
    ),
    (
        S::ClientReadCertificateRequest,
        c"TRCR",
        c"SSLv3/TLS read server certificate request",
    ),
    (
        S::ClientReadServerDone,
        c"TRSD",
        c"SSLv3/TLS read server done",
    ),
    (
        S::ClientReadSessionTicket,
        c"TRST",
        c"SSLv3/TLS read server session ticket",
    ),
    (
        S::ClientReadChangeCipherSpec,
        c"TRCCS",
        c"SSLv3/TLS read change cipher spec",
    ),
    (S::ClientReadFinished, c"TRFIN", c"SSLv3/TLS read finished"),
    (
        S::ClientWroteClientHello,
        c"TWCH",
        c"SSLv3/TLS write client hello",
    ),
    (
        S::ClientWroteCertificate,
        c"TWCC",
        c"SSLv3/TLS write client certificate",
    ),
    (
        S::ClientWroteKeyExchange,
        c"TWCKE",
        c"SSLv3/TLS write client key exchange",
    ),
    (
        S::ClientWroteCertificateVerify,
        c"TWCV",
        c"SSLv3/TLS write certificate verify",
    ),
    (
        S::ClientWroteChangeCipherSpec,
        c"TWCCS",
        c"SSLv3/TLS write change cipher spec",
    ),
    (
        S::ClientWroteFinished,
        c"TWFIN",
        c"SSLv3/TLS write finished",
    ),
    (
        S::ServerWroteHelloRequest,
        c"TWHR",
        c"SSLv3/TLS write hello request",
    ),
    (
        S::ServerReadClientHello,
        c"TRCH",
        c"SSLv3/TLS read client hello",
    ),
    (
        S::ServerWroteServerHello,
        c"TWSH",
        c"SSLv3/TLS write server hello",
    ),
    (
        S::ServerWroteCertificate,
        c"TWSC",
        c"SSLv3/TLS write certificate",
    ),
    (
        S::ServerWroteKeyExchange,
        c"TWSKE",
        c"SSLv3/TLS write key exchange",
    ),
    (
        S::ServerWroteCertificateRequest,
        c"TWCR",
        c"SSLv3/TLS write certificate request",
    ),
    (
        S::ServerWroteServerDone,
        c"TWSD",
        c"SSLv3/TLS write server done",
    ),
    (
        S::ServerReadCertificate,
        c"TRCC",
        c"SSLv3/TLS read client certificate",
    ),
    (
        S::ServerReadKeyExchange,
        c"TRCKE",
        c"SSLv3/TLS read client key exchange",
    ),
    (
        S::ServerReadCertificateVerify,
        c"TRCV",
        c"SSLv3/TLS read certificate verify",
    ),
    (
        S::ServerReadChangeCipherSpec,
        c"TRCCS",
        c"SSLv3/TLS read change cipher spec",
    ),
    (S::ServerReadFinished, c"TRFIN", c"SSLv3/TLS read finished"),
    (
        S::ServerWroteSessionTicket,
        c"TWST",
        c"SSLv3/TLS write session ticket",
    ),
    (
        S::ServerWroteCertificateStatus,
        c"TWCS",
        c"SSLv3/TLS write certificate status",
    ),
    (
        S::ServerWroteChangeCipherSpec,
        c"TWCCS",
        c"SSLv3/TLS write change cipher spec",
    ),
    (
        S::ServerWroteFinished,
        c"TWFIN",
        c"SSLv3/TLS write finished",
    ),
    (
        S::ServerWroteEncryptedExtensions,
        c"TWEE",
        c"TLSv1.3 write encrypted extensions",
    ),
    (
        S::ClientReadEncryptedExtensions,
        c"TREE",
        c"TLSv1.3 read encrypted extensions",
    ),
    (
        S::ClientReadCertificateVerify,
        c"TRSCV",
        c"TLSv1.3 read server certificate verify",
    ),
    (
        S::ServerWroteCertificateVerify,
        c"TWSCV",
        c"TLSv1.3 write server certificate verify",
    ),
    (
        S::ClientReadHelloRequest,
        c"TRHR",
        c"SSLv3/TLS read hello request",
    ),
    (
        S::ServerWroteKeyUpdate,
        c"TWSKU",
        c"TLSv1.3 write server key update",
    ),
    (
        S::ClientWroteKeyUpdate,
        c"TWCKU",
        c"TLSv1.3 write client key update",
    ),
    (
        S::ServerReadKeyUpdate,
        c"TRCKU",
        c"TLSv1.3 read client key update",
    ),
    (
        S::ClientReadKeyUpdate,
        c"TRSKU",
        c"TLSv1.3 read server key update",
    ),
    (S::EarlyData, c"TED", c"TLSv1.3 early data"),
    (
        S::PendingEarlyDataEnd,
        c"TPEDE",
        c"TLSv1.3 pending early data end",
    ),
    (
        S::ClientWroteEndOfEarlyData,
        c"TWEOED",
        c"TLSv1.3 write end of early data",
    ),
    // OpenSSL's short name for reading it is the writing one's.
    (
        S::ServerReadEndOfEarlyData,
        c"TWEOED",
        c"TLSv1.3 read end of early data",
    ),
];

impl HandshakeState {
    fn names(self) -> (&'static CStr, &'static CStr) {
        NAMES
            .iter()
            .find(|(s, _, _)| *s == self)
            .map_or((c"UNKWN", c"unknown state"), |&(_, short, long)| {
                (short, long)
            })
    }

    /// `SSL_state_string`'s short name.
    pub fn short_name(self) -> &'static CStr {
        self.names().0
    }

    /// `SSL_state_string_long`'s description.
    pub fn description(self) -> &'static CStr {
        self.names().1
    }

    /// The state a handshake message written (`write`) or read moves a
    /// server (`server`) or client to; `kind` is the handshake type, or
    /// `None` for a ChangeCipherSpec. `None` for a message OpenSSL has no
    /// state for (TLS 1.3's ChangeCipherSpec read, which it ignores).
    pub fn after_message(server: bool, write: bool, kind: Option<u8>, tls13: bool) -> Option<Self> {
        let Some(kind) = kind else {
            return match (server, write) {
                (_, false) if tls13 => None,
                (true, true) => Some(S::ServerWroteChangeCipherSpec),
                (false, true) => Some(S::ClientWroteChangeCipherSpec),
                (true, false) => Some(S::ServerReadChangeCipherSpec),
                (false, false) => Some(S::ClientReadChangeCipherSpec),
            };
        };
        Some(match (server, write, kind) {
            (false, true, 1) => S::ClientWroteClientHello,
            (false, true, 5) => S::ClientWroteEndOfEarlyData,
            (false, true, 11) => S::ClientWroteCertificate,
            (false, true, 15) => S::ClientWroteCertificateVerify,
            (false, true, 16) => S::ClientWroteKeyExchange,
            (false, true, 20) => S::ClientWroteFinished,
            (false, true, 24) => S::ClientWroteKeyUpdate,
            (false, false, 0) => S::ClientReadHelloRequest,
            (false, false, 2) => S::ClientReadServerHello,
            (false, false, 4) => S::ClientReadSessionTicket,
            (false, false, 8) => S::ClientReadEncryptedExtensions,
            (false, false, 11) => S::ClientReadCertificate,
            (false, false, 12) => S::ClientReadKeyExchange,
            (false, false, 13) => S::ClientReadCertificateRequest,
            (false, false, 14) => S::ClientReadServerDone,
            (false, false, 15) => S::ClientReadCertificateVerify,
            (false, false, 20) => S::ClientReadFinished,
            (false, false, 22) => S::ClientReadCertificateStatus,
            (false, false, 24) => S::ClientReadKeyUpdate,
            (true, true, 0) => S::ServerWroteHelloRequest,
            (true, true, 2) => S::ServerWroteServerHello,
            (true, true, 4) => S::ServerWroteSessionTicket,
            (true, true, 8) => S::ServerWroteEncryptedExtensions,
            (true, true, 11) => S::ServerWroteCertificate,
            (true, true, 12) => S::ServerWroteKeyExchange,
            (true, true, 13) => S::ServerWroteCertificateRequest,
            (true, true, 14) => S::ServerWroteServerDone,
            (true, true, 15) => S::ServerWroteCertificateVerify,
            (true, true, 20) => S::ServerWroteFinished,
            (true, true, 22) => S::ServerWroteCertificateStatus,
            (true, true, 24) => S::ServerWroteKeyUpdate,
            (true, false, 1) => S::ServerReadClientHello,
            (true, false, 5) => S::ServerReadEndOfEarlyData,
            (true, false, 11) => S::ServerReadCertificate,
            (true, false, 15) => S::ServerReadCertificateVerify,
            (true, false, 16) => S::ServerReadKeyExchange,
            (true, false, 20) => S::ServerReadFinished,
            (true, false, 24) => S::ServerReadKeyUpdate,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_its_names() {
        assert_eq!(S::EarlyData.short_name(), c"TED");
        assert_eq!(S::ServerWroteCertificateVerify.short_name(), c"TWSCV");
        assert_eq!(
            S::Ok.description(),
            c"SSL negotiation finished successfully"
        );
        assert!(NAMES.iter().all(|(s, short, _)| s.short_name() == *short));
    }

    #[test]
    fn messages_move_to_openssl_states() {
        assert_eq!(
            HandshakeState::after_message(true, false, Some(1), false),
            Some(S::ServerReadClientHello)
        );
        assert_eq!(
            HandshakeState::after_message(false, false, None, false),
            Some(S::ClientReadChangeCipherSpec)
        );
        assert_eq!(HandshakeState::after_message(true, false, None, true), None);
        assert_eq!(
            HandshakeState::after_message(true, true, None, true),
            Some(S::ServerWroteChangeCipherSpec)
        );
        assert_eq!(
            HandshakeState::after_message(false, true, Some(2), true),
            None
        );
    }
}
