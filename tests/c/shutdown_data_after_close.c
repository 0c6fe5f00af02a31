/* Data the peer sends after this end's close_notify (sslapitest's test_shutdown): SSL_read
 * still reads it, and then the peer's close_notify (ZERO_RETURN, and SSL_shutdown is 1);
 * but a second SSL_shutdown that meets it before the peer's close_notify fails fatally
 * (-1, SSL_ERROR_SSL, application data after close notify), the session staying
 * resumable. TLS 1.2 and 1.3. */
#include "common.h"
#include <openssl/err.h>

static const char msg[] = "A test message";

static int read_once(SSL *ssl, char *buf, int len)
{
    for (int i = 0; i < 100; i++) {
        int r = SSL_read(ssl, buf, len);
        if (r > 0 || !want(ssl, r))
            return r;
    }
    return -1;
}

/* The client sends close_notify; the server reads it, writes once, closes. */
static struct pair client_closes_server_writes(SSL_CTX *cctx, SSL_CTX *sctx)
{
    char buf[64];
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("  client shutdown %d\n", SSL_shutdown(p.client));
    int r = read_once(p.server, buf, sizeof(buf));
    printf("  server read %d error %d shutdown bits %d\n", r, SSL_get_error(p.server, r),
           SSL_get_shutdown(p.server));
    printf("  server write %d\n", SSL_write(p.server, msg, sizeof(msg)));
    printf("  server shutdown %d\n", SSL_shutdown(p.server));
    r = SSL_write(p.client, msg, sizeof(msg));
    printf("  client write after its close_notify %d error %d\n", r, SSL_get_error(p.client, r));
    ERR_clear_error();
    return p;
}

static void run(long version)
{
    char buf[64];
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    printf("%s, client reads:\n", version_name((int)version));
    struct pair p = client_closes_server_writes(cctx, sctx);
    int r = read_once(p.client, buf, sizeof(buf));
    printf("  client read %d same %d\n", r, r == (int)sizeof(msg) && memcmp(buf, msg, sizeof(msg)) == 0);
    r = read_once(p.client, buf, sizeof(buf));
    printf("  client read again %d error %d\n", r, SSL_get_error(p.client, r));
    printf("  client shutdown %d\n", SSL_shutdown(p.client));
    close_clean(&p);

    printf("%s, client shuts down:\n", version_name((int)version));
    p = client_closes_server_writes(cctx, sctx);
    ERR_clear_error();
    r = SSL_shutdown(p.client);
    unsigned long e = ERR_peek_error();
    printf("  client shutdown %d error %d reason %s\n", r, SSL_get_error(p.client, r),
           e ? ERR_reason_error_string(e) : "none");
    ERR_clear_error();
    SSL_SESSION *s = SSL_get_session(p.client);
    printf("  session resumable %d\n", s ? SSL_SESSION_is_resumable(s) : -1);
    close_unclean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run(TLS1_2_VERSION);
    run(TLS1_3_VERSION);
    return 0;
}
