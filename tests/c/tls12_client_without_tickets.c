/* A TLSv1.2 client that does not do tickets (SSL_OP_NO_TICKET on the client,
 * as curl sets) against a server that does: the server falls back to a
 * cached session id, and the client resumes by it. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(cctx, SSL_OP_NO_TICKET);
    int reused = -1;
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, &reused);
    printf("client session has ticket %d\n", SSL_SESSION_has_ticket(s));
    printf("resumable %d, server cache entries %ld\n", SSL_SESSION_is_resumable(s),
            SSL_CTX_sess_number(sctx));
    SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
    printf("offered again: reused %d\n", reused);
    SSL_SESSION_free(s);
    SSL_SESSION_free(t);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
