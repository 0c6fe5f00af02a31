/* TLSv1.3 resumption on both sides: the client offers the session from
 * SSL_get1_session; after a resumption the server sends one ticket. */
#include "common.h"

static int server_calls;
static int server_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    server_calls++;
    return 0;
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_sess_set_new_cb(sctx, server_cb);
    int reused = -1;
    SSL_SESSION *first = connect_once(cctx, sctx, NULL, &reused);
    printf("first: reused %d, server tickets %d\n", reused, server_calls);
    print_session("first", first);
    printf("lifetime hint %lu\n", SSL_SESSION_get_ticket_lifetime_hint(first));
    server_calls = 0;

    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, first) == 1);
    printf("offered is current: %d\n", SSL_get_session(p.client) == first);
    CHECK(handshake(&p));
    printf("second: reused client %d server %d, server tickets %d\n",
           SSL_session_reused(p.client), SSL_session_reused(p.server), server_calls);
    printf("client session is the offered one: %d\n", SSL_get_session(p.client) == first);
    exchange(&p);
    print_session("second", SSL_get_session(p.client));
    print_session("server", SSL_get_session(p.server));
    printf("server hits %ld accept %ld accept_good %ld\n", SSL_CTX_sess_hits(sctx),
           SSL_CTX_sess_accept(sctx), SSL_CTX_sess_accept_good(sctx));
    printf("client connect %ld connect_good %ld\n", SSL_CTX_sess_connect(cctx),
           SSL_CTX_sess_connect_good(cctx));
    close_clean(&p);
    SSL_SESSION_free(first);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
