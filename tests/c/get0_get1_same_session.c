/* get0 is get; get1 returns the same pointer with one more reference. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL *sides[2] = {p.client, p.server};
    const char *names[2] = {"client", "server"};
    for (int i = 0; i < 2; i++) {
        SSL_SESSION *s = SSL_get_session(sides[i]);
        printf("%s: get0==get %d\n", names[i], SSL_get0_session(sides[i]) == s);
        SSL_SESSION *s1 = SSL_get1_session(sides[i]);
        printf("%s: get1==get %d\n", names[i], s1 == s);
        CHECK(SSL_SESSION_up_ref(s1) == 1);
        SSL_SESSION_free(s1);
        SSL_SESSION_free(s1);
        printf("%s: still current %d\n", names[i], SSL_get_session(sides[i]) == s);
        print_session(names[i], s);
    }
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
