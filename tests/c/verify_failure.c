/* Peer verification: an untrusted server fails the handshake under
 * SSL_VERIFY_PEER; under SSL_VERIFY_NONE it succeeds and the result is kept. */
#include "common.h"

static void run(int mode)
{
    SSL_CTX *sctx = server_ctx(0);
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(cctx, mode, NULL);
    printf("verify mode %d\n", SSL_CTX_get_verify_mode(cctx));
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    printf("mode %d: handshake %d verify result %ld\n", mode, ok, SSL_get_verify_result(p.client));
    if (ok)
        close_clean(&p);
    else
        close_unclean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run(SSL_VERIFY_PEER);
    run(SSL_VERIFY_NONE);
    return 0;
}
