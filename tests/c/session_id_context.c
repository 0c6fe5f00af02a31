/* The session id context: a session made under one context is never resumed
 * under another; with SSL_VERIFY_PEER and no context set, OpenSSL fails the
 * handshake of a client offering a session. */
#include "common.h"
#include <openssl/err.h>

static void run(long version, int no_ticket)
{
    const char *v = version == TLS1_2_VERSION ? "tls12" : "tls13";
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(0);
    if (no_ticket)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    CHECK(SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"one", 3) == 1);
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    int reused = -1;
    SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
    printf("%s no_ticket=%d: same context resumed %d\n", v, no_ticket, reused);
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_session_id_context(p.server, (const unsigned char *)"two", 3) == 1);
    CHECK(SSL_set_session(p.client, t) == 1);
    CHECK(handshake(&p));
    printf("%s no_ticket=%d: other context resumed %d\n", v, no_ticket, SSL_session_reused(p.client));
    exchange(&p);
    close_clean(&p);
    printf("too long context %d\n", SSL_CTX_set_session_id_context(sctx, (const unsigned char *)
           "0123456789012345678901234567890123", 33));
    SSL_SESSION_free(s);
    SSL_SESSION_free(t);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void verify_peer_without_context(long version)
{
    const char *v = version == TLS1_2_VERSION ? "tls12" : "tls13";
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(0);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    printf("%s verify_peer: first session resumable %d, server entries %ld\n", v, SSL_SESSION_is_resumable(s),
           SSL_CTX_sess_number(sctx));
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, s) == 1);
    ERR_clear_error();
    int ok = handshake(&p);
    unsigned long e = ERR_peek_last_error();
    printf("%s verify_peer: offering it: handshake %d, error queued %d, reason matches %d\n", v, ok, e != 0,
           ERR_GET_REASON(e) == SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED);
    ERR_clear_error();
    close_unclean(&p);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run(TLS1_2_VERSION, 1);
    run(TLS1_2_VERSION, 0);
    run(TLS1_3_VERSION, 0);
    run(TLS1_3_VERSION, 1);
    verify_peer_without_context(TLS1_2_VERSION);
    verify_peer_without_context(TLS1_3_VERSION);
    return 0;
}
