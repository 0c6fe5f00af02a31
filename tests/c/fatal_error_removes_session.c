/* "... if a fatal error occurs on the connection": a corrupt record makes the
 * server's SSL_read fail; its session leaves the cache and is not resumable. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *s = SSL_get1_session(p.server);
    printf("entries before %ld resumable %d\n", SSL_CTX_sess_number(sctx), SSL_SESSION_is_resumable(s));
    const unsigned char junk[] = {0x17, 0x03, 0x03, 0x00, 0x20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                  11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
                                  26, 27, 28, 29, 30, 31, 32};
    CHECK(write(p.cfd, junk, sizeof(junk)) == (ssize_t)sizeof(junk));
    char buf[64];
    int r = SSL_read(p.server, buf, sizeof(buf));
    printf("server read %d error %d\n", r, SSL_get_error(p.server, r));
    printf("entries after %ld resumable %d\n", SSL_CTX_sess_number(sctx), SSL_SESSION_is_resumable(s));
    close_unclean(&p);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
