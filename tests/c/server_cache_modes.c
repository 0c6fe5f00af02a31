/* The server cache modes (TLSv1.2, session ids): what is stored, what is
 * looked up, what the new-session callback sees, the counters. */
#include "common.h"

static int new_calls;
static int new_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    new_calls++;
    return 0;
}

static void run(const char *name, long mode)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    printf("%s: set returns %ld\n", name, SSL_CTX_set_session_cache_mode(sctx, mode));
    SSL_CTX_sess_set_new_cb(sctx, new_cb);
    new_calls = 0;
    int reused = -1;
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, &reused);
    printf("%s: entries %ld new_cb %d client id_len %u\n", name, SSL_CTX_sess_number(sctx), new_calls,
           SSL_SESSION_get_id(s, NULL) ? (unsigned)(SSL_SESSION_get_id(s, &(unsigned){0}), 0) : 0);
    unsigned int idlen;
    SSL_SESSION_get_id(s, &idlen);
    printf("%s: client session id_len %u resumable %d\n", name, idlen, SSL_SESSION_is_resumable(s));
    SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
    printf("%s: resumed %d hits %ld misses %ld accept %ld accept_good %ld entries %ld new_cb %d\n", name,
           reused, SSL_CTX_sess_hits(sctx), SSL_CTX_sess_misses(sctx), SSL_CTX_sess_accept(sctx),
           SSL_CTX_sess_accept_good(sctx), SSL_CTX_sess_number(sctx), new_calls);
    SSL_SESSION_free(s);
    SSL_SESSION_free(t);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run("off", SSL_SESS_CACHE_OFF);
    run("client", SSL_SESS_CACHE_CLIENT);
    run("server", SSL_SESS_CACHE_SERVER);
    run("both", SSL_SESS_CACHE_BOTH);
    run("no_lookup", SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_LOOKUP);
    run("no_store", SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    run("no_internal", SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    return 0;
}
