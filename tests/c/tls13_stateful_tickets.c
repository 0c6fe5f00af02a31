/* TLSv1.3 with SSL_OP_NO_TICKET on the server: stateful tickets, one server
 * cache entry per ticket; a resumption uses one up and adds one. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    int reused = -1;
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, &reused);
    printf("full handshake: server cache entries %ld\n", SSL_CTX_sess_number(sctx));
    print_session("client", s);
    DIVERGE("lifetime hint %lu\n", SSL_SESSION_get_ticket_lifetime_hint(s));
    SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
    printf("resumed %d, server cache entries %ld, hits %ld\n", reused, SSL_CTX_sess_number(sctx),
           SSL_CTX_sess_hits(sctx));
    SSL_SESSION_free(s);
    SSL_SESSION_free(t);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
