/* Session and context timeouts: the default, setters' return values, and a
 * session taking the context's timeout when it is made. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    printf("default ctx timeout %ld\n", SSL_CTX_get_timeout(sctx));
    printf("set_timeout returns previous %ld\n", SSL_CTX_set_timeout(cctx, 300));
    printf("ctx timeout now %ld\n", SSL_CTX_get_timeout(cctx));
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    printf("session timeout %ld\n", SSL_SESSION_get_timeout(s));
    long t = SSL_SESSION_get_time(s);
    long now = (long)time(NULL);
    printf("session time is recent %d\n", t <= now && t >= now - 60);
    printf("set_timeout returns %ld\n", SSL_SESSION_set_timeout(s, 42));
    printf("set_time returns given %d\n", SSL_SESSION_set_time(s, 1000) == 1000);
    printf("timeout %ld time %ld\n", SSL_SESSION_get_timeout(s), SSL_SESSION_get_time(s));
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
