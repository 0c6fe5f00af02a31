/* "A session will be automatically removed from the session cache and marked
 * as non-resumable if ... SSL_shutdown(3) is not called prior to SSL_free(3)",
 * even in copies the application holds through SSL_get1_session. */
#include "common.h"

static void run(int clean)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *c = SSL_get1_session(p.client);
    SSL_SESSION *s = SSL_get1_session(p.server);
    printf("%s: cache entries before %ld\n", clean ? "clean" : "unclean", SSL_CTX_sess_number(sctx));
    if (clean)
        close_clean(&p);
    else
        close_unclean(&p);
    printf("%s: cache entries after %ld\n", clean ? "clean" : "unclean", SSL_CTX_sess_number(sctx));
    printf("%s: client resumable %d server resumable %d\n", clean ? "clean" : "unclean",
           SSL_SESSION_is_resumable(c), SSL_SESSION_is_resumable(s));
    int reused = -1;
    SSL_SESSION *again = connect_once(cctx, sctx, c, &reused);
    printf("%s: offered again, reused %d\n", clean ? "clean" : "unclean", reused);
    SSL_SESSION_free(again);
    SSL_SESSION_free(c);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run(1);
    run(0);
    return 0;
}
