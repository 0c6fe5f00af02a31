/* SSL_get_error through a connection's life: WANT_READ, ZERO_RETURN after the
 * peer's close_notify, and the shutdown bits; an empty SSL_write_ex is 1. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    int r = SSL_connect(p.client);
    printf("first connect %d error %d\n", r, SSL_get_error(p.client, r));
    CHECK(handshake(&p));
    char buf[32];
    r = SSL_read(p.server, buf, sizeof(buf));
    printf("read with nothing sent: %d error %d\n", r, SSL_get_error(p.server, r));
    size_t written = 99;
    r = SSL_write_ex(p.client, "", 0, &written);
    printf("empty write_ex: %d written %zu error %d\n", r, written, SSL_get_error(p.client, r));
    exchange(&p);
    printf("pending %d\n", SSL_pending(p.client));
    r = SSL_shutdown(p.client);
    printf("client shutdown %d bits %d\n", r, SSL_get_shutdown(p.client));
    r = SSL_read(p.server, buf, sizeof(buf));
    printf("server read after close_notify %d error %d bits %d\n", r, SSL_get_error(p.server, r),
           SSL_get_shutdown(p.server));
    r = SSL_shutdown(p.server);
    printf("server shutdown %d bits %d\n", r, SSL_get_shutdown(p.server));
    r = SSL_shutdown(p.client);
    printf("client shutdown again %d bits %d\n", r, SSL_get_shutdown(p.client));
    SSL_free(p.client);
    SSL_free(p.server);
    close(p.cfd);
    close(p.sfd);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
