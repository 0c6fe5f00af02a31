/* SSL_CTX_set_num_tickets / SSL_set_num_tickets: tickets after a full
 * handshake; at most one after a resumption; none at 0. */
#include "common.h"

static int client_calls;
static int client_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    (void)sess;
    client_calls++;
    return 0;
}

static void run(size_t n, int per_ssl)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(cctx, client_cb);
    printf("default %zu\n", SSL_CTX_get_num_tickets(sctx));
    if (!per_ssl) {
        int set = SSL_CTX_set_num_tickets(sctx, n);
        printf("set %d get %zu\n", set, SSL_CTX_get_num_tickets(sctx));
    }
    client_calls = 0;
    struct pair p = make_pair(cctx, sctx);
    if (per_ssl) {
        int set = SSL_set_num_tickets(p.server, n);
        printf("per ssl set %d get %zu\n", set, SSL_get_num_tickets(p.server));
    }
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *s = SSL_get1_session(p.client);
    printf("n=%zu per_ssl=%d: tickets %d resumable %d\n", n, per_ssl, client_calls, SSL_SESSION_is_resumable(s));
    close_clean(&p);
    if (SSL_SESSION_is_resumable(s)) {
        client_calls = 0;
        int reused = -1;
        SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
        printf("n=%zu per_ssl=%d: resumed %d, tickets after resumption %d\n", n, per_ssl, reused, client_calls);
        SSL_SESSION_free(t);
    }
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run(0, 0);
    run(1, 0);
    run(4, 0);
    run(3, 1);
    return 0;
}
