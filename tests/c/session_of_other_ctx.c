/* "One SSL_SESSION object ... must therefore only be used with one SSL_CTX
 * object": OpenSSL leaves the other use undefined, and in practice resumes
 * it; programs rely on that (curl makes a context per connection), so sessl
 * does the same. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0), *other = client_ctx(0);
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    int reused = -1;
    SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
    printf("same context reused %d\n", reused);
    SSL_SESSION *u = connect_once(other, sctx, s, &reused);
    printf("other context reused %d\n", reused);
    SSL_SESSION_free(s);
    SSL_SESSION_free(t);
    SSL_SESSION_free(u);
    SSL_CTX_free(cctx);
    SSL_CTX_free(other);
    SSL_CTX_free(sctx);
    return 0;
}
