/* The context counters over TLS 1.3 handshakes: full, resumed with a
 * stateless ticket, resumed with a stateful one, refused; and
 * SSL_has_matching_session_id on the server cache. */
#include "common.h"

static void counters(const char *label, SSL_CTX *s, SSL_CTX *c)
{
    printf("%s: accept %ld/%ld connect %ld/%ld hits %ld misses %ld timeouts %ld cb_hits %ld number %ld\n", label,
           SSL_CTX_sess_accept(s), SSL_CTX_sess_accept_good(s), SSL_CTX_sess_connect(c),
           SSL_CTX_sess_connect_good(c), SSL_CTX_sess_hits(s), SSL_CTX_sess_misses(s), SSL_CTX_sess_timeouts(s),
           SSL_CTX_sess_cb_hits(s), SSL_CTX_sess_number(s));
}

int main(void)
{
    for (int stateful = 0; stateful < 2; stateful++) {
        SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
        if (stateful)
            SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
        const char *name = stateful ? "stateful" : "stateless";
        SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
        counters(name, sctx, cctx);
        int reused = -1;
        SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
        printf("%s: resumed %d\n", name, reused);
        counters(name, sctx, cctx);
        SSL_SESSION *u = connect_once(cctx, sctx, t, &reused);
        counters(name, sctx, cctx);

        struct pair p = make_pair(cctx, sctx);
        CHECK(handshake(&p));
        exchange(&p);
        unsigned int len;
        const unsigned char *id = SSL_SESSION_get_id(SSL_get_session(p.server), &len);
        printf("%s: server session has matching id in cache %d, bogus id %d\n", name,
               SSL_has_matching_session_id(p.server, id, len),
               SSL_has_matching_session_id(p.server, (const unsigned char *)"nope", 4));
        close_clean(&p);
        SSL_SESSION_free(s);
        SSL_SESSION_free(t);
        SSL_SESSION_free(u);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }
    return 0;
}
