/* "There is no session available in ssl": NULL before a handshake, on both sides. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    printf("client get_session: %s\n", SSL_get_session(p.client) ? "set" : "NULL");
    printf("client get0_session: %s\n", SSL_get0_session(p.client) ? "set" : "NULL");
    printf("client get1_session: %s\n", SSL_get1_session(p.client) ? "set" : "NULL");
    printf("server get_session: %s\n", SSL_get_session(p.server) ? "set" : "NULL");
    printf("server get1_session: %s\n", SSL_get1_session(p.server) ? "set" : "NULL");
    CHECK(SSL_set_session(p.client, NULL) == 1);
    printf("client after set_session(NULL): %s\n", SSL_get_session(p.client) ? "set" : "NULL");
    printf("in_init: %d init_finished: %d\n", SSL_in_init(p.client), SSL_is_init_finished(p.client));
    close_unclean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
