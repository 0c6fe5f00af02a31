/* SSL_set_connect_state / SSL_set_accept_state on a connection whose handshake
 * is done (openssl s_client -reconnect does this): the handshake state starts
 * again, the shutdown bits are cleared, and the next handshake over a new
 * transport offers the session kept, which resumes (TLS 1.2 by id and by
 * ticket). */
#include "common.h"

static void again(int tickets)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    if (!tickets)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    printf("tickets %d first: reused %d\n", tickets, SSL_session_reused(p.client));
    int r = SSL_shutdown(p.client);
    printf("tickets %d shutdown %d, shutdown bits %d\n", tickets, r, SSL_get_shutdown(p.client));
    SSL_shutdown(p.server);
    SSL_free(p.server);
    close(p.cfd);
    close(p.sfd);

    SSL_set_connect_state(p.client);
    printf("tickets %d after set_connect_state: shutdown bits %d init_finished %d in_init %d "
           "session %d\n",
           tickets, SSL_get_shutdown(p.client), SSL_is_init_finished(p.client),
           SSL_in_init(p.client), SSL_get0_session(p.client) != NULL);
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    struct pair q = {p.client, SSL_new(sctx), fds[0], fds[1]};
    CHECK(SSL_set_fd(q.client, q.cfd) == 1);
    CHECK(SSL_set_fd(q.server, q.sfd) == 1);
    SSL_set_accept_state(q.server);
    CHECK(handshake(&q));
    exchange(&q);
    printf("tickets %d second: reused %d %d\n", tickets, SSL_session_reused(q.client),
           SSL_session_reused(q.server));
    close_clean(&q);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    again(0);
    again(1);
    return 0;
}
