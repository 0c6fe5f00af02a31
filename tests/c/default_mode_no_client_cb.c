/* In the default cache mode (server only) the client's new-session callback
 * never fires, though the server's does. */
#include "common.h"

static int calls;
static int cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    calls++;
    return 0;
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    printf("client mode %ld server mode %ld\n", SSL_CTX_get_session_cache_mode(cctx),
           SSL_CTX_get_session_cache_mode(sctx));
    SSL_CTX_sess_set_new_cb(cctx, cb);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    printf("client callbacks: %d\n", calls);
    print_session("client", SSL_get_session(p.client));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
