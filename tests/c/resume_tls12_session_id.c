/* TLSv1.2 resumption by session id (SSL_OP_NO_TICKET): the server caches the
 * session, the client resumes it, the server counts a hit. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    print_session("client", SSL_get_session(p.client));
    print_session("server", SSL_get_session(p.server));
    unsigned int clen, slen;
    const unsigned char *cid = SSL_SESSION_get_id(SSL_get_session(p.client), &clen);
    const unsigned char *sid = SSL_SESSION_get_id(SSL_get_session(p.server), &slen);
    printf("ids equal: %d\n", clen == slen && memcmp(cid, sid, clen) == 0);
    printf("server cache entries %ld\n", SSL_CTX_sess_number(sctx));
    SSL_SESSION *s = SSL_get1_session(p.client);
    SSL_SESSION *server_first = SSL_get1_session(p.server);
    exchange(&p);
    close_clean(&p);

    p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, s) == 1);
    CHECK(handshake(&p));
    printf("resumed client %d server %d\n", SSL_session_reused(p.client), SSL_session_reused(p.server));
    printf("server resumed the cached session: %d\n", SSL_get_session(p.server) == server_first);
    printf("hits %ld misses %ld timeouts %ld entries %ld\n", SSL_CTX_sess_hits(sctx),
           SSL_CTX_sess_misses(sctx), SSL_CTX_sess_timeouts(sctx), SSL_CTX_sess_number(sctx));
    exchange(&p);
    close_clean(&p);
    SSL_SESSION_free(server_first);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
