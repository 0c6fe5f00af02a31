/* SSL_MODE_AUTO_RETRY cleared (openssl s_client and s_server clear it): on a
 * blocking transport, an SSL_read that reads only a TLS 1.3 ticket returns -1
 * with SSL_ERROR_WANT_READ instead of waiting for application data; with the
 * mode set it reads on to the data. And an SSL_write of 0 bytes: before the
 * handshake on a non-blocking transport it drives the handshake (WANT_READ),
 * after it it returns 0 with SSL_ERROR_SYSCALL, which s_client relies on. */
#include "common.h"
#include <sys/time.h>

static void make_blocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    /* A bounded wait: a read that blocks for application data fails here
     * instead of hanging the case. */
    struct timeval tv = {2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static void read_after_tickets(int auto_retry)
{
    SSL_CTX *sctx = server_ctx(TLS1_3_VERSION), *cctx = client_ctx(0);
    if (!auto_retry)
        SSL_CTX_clear_mode(cctx, SSL_MODE_AUTO_RETRY);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    make_blocking(p.cfd);
    char buf[64];
    int wants = 0, r, e;
    /* The data waits behind the tickets: OpenSSL reads one record at a
     * time, so with the mode cleared it stops after a ticket all the same. */
    CHECK(SSL_write(p.server, "hi", 2) == 2);
    for (;;) {
        r = SSL_read(p.client, buf, sizeof(buf));
        e = SSL_get_error(p.client, r);
        if (r > 0 || e != SSL_ERROR_WANT_READ || wants > 10)
            break;
        if (wants++ == 0)
            printf("auto_retry %d: first read %d error %d\n", auto_retry, r, e);
    }
    printf("auto_retry %d: read %d error %d after %s\n", auto_retry, r, e,
           wants ? "WANT_READ" : "no WANT_READ");
    SSL_free(p.client);
    SSL_free(p.server);
    close(p.cfd);
    close(p.sfd);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void zero_byte_writes(long version)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    char buf[1];
    int r = SSL_write(p.client, buf, 0);
    printf("%s before handshake: write0 %d error %d\n", version_name(version), r,
           SSL_get_error(p.client, r));
    CHECK(handshake(&p));
    r = SSL_write(p.client, buf, 0);
    printf("%s after handshake: write0 %d error %d\n", version_name(version), r,
           SSL_get_error(p.client, r));
    exchange(&p);
    SSL_free(p.client);
    SSL_free(p.server);
    close(p.cfd);
    close(p.sfd);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    read_after_tickets(0);
    read_after_tickets(1);
    zero_byte_writes(TLS1_3_VERSION);
    zero_byte_writes(TLS1_2_VERSION);
    return 0;
}
