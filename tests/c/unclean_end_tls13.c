/* TLSv1.3: an unclean end marks the connection's current session (the last
 * ticket's) not resumable; an earlier ticket's session stays resumable. */
#include "common.h"

static SSL_SESSION *first;
static int cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    if (first)
        return 0;
    first = sess;
    return 1;
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(cctx, cb);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *last = SSL_get1_session(p.client);
    printf("first is last: %d\n", first == last);
    close_unclean(&p);
    printf("last resumable %d first resumable %d\n", SSL_SESSION_is_resumable(last),
           SSL_SESSION_is_resumable(first));
    int reused = -1;
    SSL_SESSION *s = connect_once(cctx, sctx, first, &reused);
    printf("first ticket resumes: %d\n", reused);
    SSL_SESSION_free(s);
    SSL_SESSION_free(last);
    SSL_SESSION_free(first);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
