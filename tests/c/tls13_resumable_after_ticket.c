/* TLSv1.3: before the session is established the client still gets an
 * SSL_SESSION, but it cannot be used for resumption; once the tickets are
 * read the connection's session is the last one received. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("version %s\n", SSL_get_version(p.client));
    SSL_SESSION *early = SSL_get1_session(p.client);
    print_session("before tickets", early);
    exchange(&p);
    SSL_SESSION *late = SSL_get_session(p.client);
    print_session("after tickets", late);
    printf("replaced: %d\n", late != early);
    SSL_SESSION_free(early);
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
