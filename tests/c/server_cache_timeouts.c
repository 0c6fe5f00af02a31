/* Timeouts on the server: an expired cached session is not resumed, is
 * counted in sess_timeouts and leaves the cache; the client's copy expiring
 * does not stop the client offering it. */
#include "common.h"

static int removed;
static void remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    (void)sess;
    removed++;
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_sess_set_remove_cb(sctx, remove_cb);
    printf("set_timeout returns %ld\n", SSL_CTX_set_timeout(sctx, 60));

    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *c = SSL_get1_session(p.client), *sv = SSL_get1_session(p.server);
    close_clean(&p);
    printf("server session timeout %ld\n", SSL_SESSION_get_timeout(sv));

    /* The client's own copy expired: still offered, still resumed. */
    SSL_SESSION_set_time(c, 1000);
    int reused = -1;
    SSL_SESSION *t = connect_once(cctx, sctx, c, &reused);
    printf("client copy expired: resumed %d\n", reused);
    SSL_SESSION_free(t);

    /* The server's expired. */
    SSL_SESSION_set_time(sv, (long)time(NULL) - 1000);
    t = connect_once(cctx, sctx, c, &reused);
    printf("server copy expired: resumed %d timeouts %ld misses %ld hits %ld removed %d entries %ld\n", reused,
           SSL_CTX_sess_timeouts(sctx), SSL_CTX_sess_misses(sctx), SSL_CTX_sess_hits(sctx), removed,
           SSL_CTX_sess_number(sctx));
    printf("expired resumable %d\n", SSL_SESSION_is_resumable(sv));
    SSL_SESSION_free(t);
    SSL_SESSION_free(c);
    SSL_SESSION_free(sv);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
