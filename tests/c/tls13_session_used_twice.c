/* "In TLSv1.3 it is recommended that each SSL_SESSION object is only used for
 * resumption once": OpenSSL lets a client offer it again; rustls tickets are
 * single-use, so sessl does not resume the second time. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    int reused = -1;
    SSL_SESSION *a = connect_once(cctx, sctx, s, &reused);
    printf("first use reused %d\n", reused);
    SSL_SESSION *b = connect_once(cctx, sctx, s, &reused);
    DIVERGE("second use reused %d\n", reused);
    printf("still resumable %d\n", SSL_SESSION_is_resumable(s));
    SSL_SESSION *c = connect_once(cctx, sctx, a, &reused);
    printf("fresh ticket reused %d\n", reused);
    SSL_SESSION_free(s);
    SSL_SESSION_free(a);
    SSL_SESSION_free(b);
    SSL_SESSION_free(c);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
