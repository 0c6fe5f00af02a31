/* Every 255th good handshake flushes the expired sessions from the cache,
 * unless SSL_SESS_CACHE_NO_AUTO_CLEAR is set. */
#include "common.h"

static void run(long mode)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(sctx, mode);
    SSL_SESSION *live = connect_once(cctx, sctx, NULL, NULL);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION_set_time(SSL_get_session(p.server), (long)time(NULL) - 100000);
    close_clean(&p);
    printf("mode %ld: entries %ld\n", mode, SSL_CTX_sess_number(sctx));
    while (SSL_CTX_sess_accept_good(sctx) < 256) {
        long before = SSL_CTX_sess_number(sctx);
        int reused = -1;
        SSL_SESSION *t = connect_once(cctx, sctx, live, &reused);
        CHECK(reused == 1);
        SSL_SESSION_free(t);
        if (SSL_CTX_sess_number(sctx) != before)
            printf("mode %ld: entries %ld after %ld good handshakes\n", mode, SSL_CTX_sess_number(sctx),
                   SSL_CTX_sess_accept_good(sctx));
    }
    printf("mode %ld: entries %ld at the end, timeouts %ld\n", mode, SSL_CTX_sess_number(sctx),
           SSL_CTX_sess_timeouts(sctx));
    SSL_SESSION_free(live);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run(SSL_SESS_CACHE_SERVER);
    run(SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_AUTO_CLEAR);
    return 0;
}
