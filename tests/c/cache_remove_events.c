/* When the remove callback is told, as sslapitest's session tests check
 * (test_session_with_*_cache, test_session_timeout, test_session_cache_overflow):
 * a TLS 1.3 client takes a ticket it resumed out of its cache; SSL_CTX_remove_session
 * tells the callback of a session that was not cached; a handshake the server
 * refuses (no shared version) drops the client's offered session; a TLS 1.3 server
 * caches its stateless tickets only when a remove callback is set;
 * SSL_SESS_CACHE_UPDATE_TIME stamps an added session; a cache of size 1 keeps the
 * newest session. */
#include "common.h"
#include <openssl/err.h>

static int new_called, removed;
static int new_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    new_called++;
    return 0;
}
static void remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    (void)sess;
    removed++;
}

static void client_side(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(cctx, new_cb);
    SSL_CTX_sess_set_remove_cb(cctx, remove_cb);
    SSL_SESSION *s1 = connect_once(cctx, sctx, NULL, NULL);
    printf("tls13 full: new %d removed %d\n", new_called, removed);
    new_called = removed = 0;
    int reused = -1;
    SSL_SESSION *s2 = connect_once(cctx, sctx, s1, &reused);
    printf("tls13 resumed %d: new %d removed %d, used ticket resumable %d\n", reused, new_called,
           removed, SSL_SESSION_is_resumable(s1));
    new_called = removed = 0;
    int was_cached = SSL_CTX_remove_session(cctx, s2);
    printf("remove uncached: %d removed %d\n", was_cached, removed);

    /* The server allows nothing above TLS 1.1, the client nothing below TLS 1.3. */
    SSL_CTX *old = server_ctx(TLS1_1_VERSION);
    SSL_CTX_set_min_proto_version(cctx, TLS1_3_VERSION);
    SSL_SESSION *s3 = connect_once(cctx, sctx, NULL, NULL);
    new_called = removed = 0;
    struct pair p = make_pair(cctx, old);
    CHECK(SSL_set_session(p.client, s3) == 1);
    int ok = handshake(&p);
    ERR_clear_error();
    /* The client reads the server's answer. */
    int r = SSL_connect(p.client);
    unsigned long e = ERR_peek_last_error();
    printf("refused handshake %d, client %d error %d reason %s, removed %d, resumable %d\n", ok, r,
           SSL_get_error(p.client, r), ERR_reason_error_string(e), removed,
           SSL_SESSION_is_resumable(s3));
    ERR_clear_error();
    close_unclean(&p);
    SSL_SESSION_free(s1);
    SSL_SESSION_free(s2);
    SSL_SESSION_free(s3);
    SSL_CTX_free(old);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void server_side(void)
{
    for (int with_cb = 0; with_cb < 2; with_cb++) {
        SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
        if (with_cb)
            SSL_CTX_sess_set_remove_cb(sctx, remove_cb);
        SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
        printf("tls13 server, remove callback %d: entries %ld\n", with_cb, SSL_CTX_sess_number(sctx));
        SSL_SESSION_free(s);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }

    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_cache_size(sctx, 1);
    SSL_SESSION *a = connect_once(cctx, sctx, NULL, NULL);
    SSL_SESSION *b = connect_once(cctx, sctx, NULL, NULL);
    int reused_a = -1, reused_b = -1;
    SSL_SESSION *t = connect_once(cctx, sctx, b, &reused_b);
    SSL_SESSION_free(t);
    t = connect_once(cctx, sctx, a, &reused_a);
    SSL_SESSION_free(t);
    printf("size 1: entries %ld, newest resumed %d, oldest resumed %d\n", SSL_CTX_sess_number(sctx),
           reused_b, reused_a);

    SSL_CTX_flush_sessions(sctx, 0);
    SSL_CTX_set_session_cache_mode(sctx, SSL_CTX_get_session_cache_mode(sctx) | SSL_SESS_CACHE_UPDATE_TIME);
    SSL_SESSION_set_time(b, SSL_SESSION_get_time(b) - 100);
    long before = SSL_SESSION_get_time(b);
    int added = SSL_CTX_add_session(sctx, b);
    printf("update_time: added %d, time moved %d\n", added, SSL_SESSION_get_time(b) > before);
    SSL_SESSION_free(a);
    SSL_SESSION_free(b);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    client_side();
    server_side();
    return 0;
}
