/* A TLS 1.3 client resuming checks the suite the server chose against its session: the
 * public side of sslapitest's test_ciphersuite_change, which rewrites the session's suite
 * between the ClientHello and the ServerHello (tests/openssl/sslapitest_peer.patch does it
 * with SSL_SESSION_set_cipher). The session is made under TLS_AES_256_GCM_SHA384; the
 * server then allows only that suite. Offered unchanged, it resumes; with its suite set to
 * TLS_AES_128_GCM_SHA256 after the ClientHello went out, the client refuses the server's
 * choice (SSL_R_CIPHERSUITE_DIGEST_HAS_CHANGED). On sessl the suite of a session a handshake
 * made cannot be changed (docs/divergences.md, SSL_SESSION_set_cipher): the client resumes
 * under the session's own suite. Either way no client resumes under a suite whose hash
 * differs from its session's. */
#include "common.h"
#include <openssl/err.h>

static SSL_SESSION *sha384_session(SSL_CTX *cctx, SSL_CTX *sctx)
{
    CHECK(SSL_CTX_set_ciphersuites(cctx, "TLS_AES_256_GCM_SHA384") == 1);
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    CHECK(SSL_CTX_set_ciphersuites(cctx, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384") == 1);
    return s;
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL *any = SSL_new(cctx);
    const SSL_CIPHER *sha256 = SSL_CIPHER_find(any, (const unsigned char *)"\x13\x01");
    CHECK(sha256 != NULL);
    SSL_free(any);
    SSL_SESSION *s = sha384_session(cctx, sctx);
    CHECK(SSL_CTX_set_ciphersuites(sctx, "TLS_AES_256_GCM_SHA384") == 1);
    int reused = -1;
    SSL_SESSION *next = connect_once(cctx, sctx, s, &reused);
    printf("unchanged: reused %d\n", reused);
    SSL_SESSION_free(next);
    SSL_SESSION_free(s);

    CHECK(SSL_CTX_set_ciphersuites(sctx, "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256") == 1);
    s = sha384_session(cctx, sctx);
    CHECK(SSL_CTX_set_ciphersuites(sctx, "TLS_AES_256_GCM_SHA384") == 1);
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, s) == 1);
    int r = SSL_connect(p.client);
    printf("client hello sent: %d error %d\n", r, SSL_get_error(p.client, r));
    DIVERGE("suite set %d\n", SSL_SESSION_set_cipher(s, sha256));
    ERR_clear_error();
    int ok = handshake(&p);
    unsigned long e = ERR_peek_error();
    DIVERGE("changed: handshake %d reason %s\n", ok, ok ? "none" : ERR_reason_error_string(e));
    ERR_clear_error();
    const SSL_CIPHER *now = SSL_SESSION_get0_cipher(s), *used = SSL_get_current_cipher(p.client);
    int other_hash = ok && SSL_session_reused(p.client) && now && used
                     && SSL_CIPHER_get_handshake_digest(now) != SSL_CIPHER_get_handshake_digest(used);
    printf("resumed under a suite of another hash: %d\n", other_hash);
    close_unclean(&p);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
