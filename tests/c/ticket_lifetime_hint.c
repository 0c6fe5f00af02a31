/* The ticket lifetime hint a client's session carries: TLS 1.2 sends the
 * server context's session timeout, read as the handshake runs (set here
 * after SSL_new), TLS 1.3 at most one week (RFC 8446). */
#include "common.h"

static void one(long version, long timeout)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    struct pair p = make_pair(cctx, sctx);
    long old = SSL_CTX_set_timeout(sctx, timeout);
    printf("%s: set_timeout(%ld) returned %ld (default %ld)\n", version_name(version), timeout,
           old, SSL_get_default_timeout(p.server));
    CHECK(handshake(&p));
    exchange(&p);
    unsigned long hint = SSL_SESSION_get_ticket_lifetime_hint(SSL_get_session(p.client));
    if (version == TLS1_2_VERSION)
        printf("  client session hint %lu\n", hint);
    else
        printf("  client session hint within one week: %d\n", hint > 0 && hint <= 7 * 24 * 3600);
    printf("  server session timeout %ld\n", SSL_SESSION_get_timeout(SSL_get_session(p.server)));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    one(TLS1_2_VERSION, 2 * 7 * 24 * 3600);
    one(TLS1_2_VERSION, 600);
    one(TLS1_3_VERSION, 2 * 7 * 24 * 3600);
    one(TLS1_3_VERSION, 600);
    return 0;
}
