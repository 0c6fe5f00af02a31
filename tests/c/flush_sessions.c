/* "it can be removed at any time due to timeout during SSL_CTX_flush_sessions":
 * expired sessions leave the cache (and become not resumable); live ones stay. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_SESSION *server_sessions[3];
    for (int i = 0; i < 3; i++) {
        struct pair p = make_pair(cctx, sctx);
        CHECK(handshake(&p));
        exchange(&p);
        server_sessions[i] = SSL_get1_session(p.server);
        close_clean(&p);
    }
    printf("entries %ld\n", SSL_CTX_sess_number(sctx));
    long now = (long)time(NULL);
    SSL_SESSION_set_time(server_sessions[0], now - 10000);
    SSL_SESSION_set_timeout(server_sessions[1], 100);
    SSL_CTX_flush_sessions(sctx, now);
    printf("after flush(now): entries %ld resumable %d %d %d\n", SSL_CTX_sess_number(sctx),
           SSL_SESSION_is_resumable(server_sessions[0]), SSL_SESSION_is_resumable(server_sessions[1]),
           SSL_SESSION_is_resumable(server_sessions[2]));
    SSL_CTX_flush_sessions(sctx, now + 1000);
    printf("after flush(now+1000): entries %ld\n", SSL_CTX_sess_number(sctx));
    SSL_CTX_flush_sessions(sctx, now + 100000);
    printf("after flush(now+100000): entries %ld resumable %d\n", SSL_CTX_sess_number(sctx),
           SSL_SESSION_is_resumable(server_sessions[2]));
    for (int i = 0; i < 3; i++)
        SSL_SESSION_free(server_sessions[i]);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
