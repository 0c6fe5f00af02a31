/* "If the data is to be kept, SSL_get1_session() will increment the reference
 * count, so that the session will not be implicitly removed": the session
 * stays valid after SSL_free until SSL_SESSION_free. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *c = SSL_get1_session(p.client);
    SSL_SESSION *s = SSL_get1_session(p.server);
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    print_session("client after SSL_free", c);
    print_session("server after SSL_free", s);
    printf("timeout %ld\n", SSL_SESSION_get_timeout(c));
    SSL_SESSION_free(c);
    SSL_SESSION_free(s);
    return 0;
}
