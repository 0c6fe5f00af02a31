/* SSL_clear keeps a good session so the next handshake on the same SSL
 * resumes it; after an unclean end it drops the session. */
#include "common.h"

static void reconnect(SSL_CTX *cctx, SSL_CTX *sctx, int max, int clean)
{
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *before = SSL_get_session(p.client);
    if (clean) {
        SSL_shutdown(p.client);
        SSL_shutdown(p.server);
    }
    CHECK(SSL_clear(p.client) == 1);
    printf("v%d %s: after clear session kept %d in_init %d\n", max, clean ? "clean" : "unclean",
           SSL_get_session(p.client) == before && before != NULL, SSL_in_init(p.client));
    SSL_free(p.server);
    close(p.cfd);
    close(p.sfd);

    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    struct pair q = {p.client, SSL_new(sctx), fds[0], fds[1]};
    CHECK(SSL_set_fd(q.client, q.cfd) == 1);
    CHECK(SSL_set_fd(q.server, q.sfd) == 1);
    SSL_set_connect_state(q.client);
    SSL_set_accept_state(q.server);
    CHECK(handshake(&q));
    printf("v%d %s: second handshake reused %d\n", max, clean ? "clean" : "unclean",
           SSL_session_reused(q.client));
    exchange(&q);
    close_clean(&q);
}

int main(void)
{
    long versions[2] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int i = 0; i < 2; i++) {
        SSL_CTX *sctx = server_ctx(versions[i]), *cctx = client_ctx(0);
        reconnect(cctx, sctx, (int)(versions[i] & 0xff), 1);
        reconnect(cctx, sctx, (int)(versions[i] & 0xff), 0);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }
    return 0;
}
