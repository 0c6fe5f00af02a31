/* Protocol bounds on one SSL, as in OpenSSL 3: SSL_set_min_proto_version
 * (TLS 1.3) against a server capped at TLS 1.2 fails (both sides' errors);
 * SSL_set_max_proto_version (TLS 1.2) on the client or the server negotiates
 * TLS 1.2; the getters on SSL and context; an unknown version is refused;
 * min above the context's max; SSL_set_options(SSL_OP_NO_TLSv1_3) and
 * SSL_clear_options. */
#include "verify_common.h"
#include <openssl/err.h>

/* Both handshakes (shake); prints the versions on success, then closes. */
static void shake_and_close(struct pair *p)
{
    if (!shake(p)) {
        close_unclean(p);
        return;
    }
    printf("    handshake 1 client %s server %s\n", SSL_get_version(p->client), SSL_get_version(p->server));
    exchange(p);
    close_clean(p);
}

static void bounds(const char *who, SSL *ssl)
{
    printf("    %s min %s max %s\n", who, version_name((int)SSL_get_min_proto_version(ssl)),
           version_name((int)SSL_get_max_proto_version(ssl)));
}

static int no13(SSL *ssl) { return (SSL_get_options(ssl) & SSL_OP_NO_TLSv1_3) != 0; }

int main(void)
{
    SSL_CTX *sctx12 = server_ctx(TLS1_2_VERSION), *sctx = server_ctx(0), *cctx = client_ctx(0);
    printf("ctx: client min %s max %s, server12 min %s max %s\n",
           version_name((int)SSL_CTX_get_min_proto_version(cctx)),
           version_name((int)SSL_CTX_get_max_proto_version(cctx)),
           version_name((int)SSL_CTX_get_min_proto_version(sctx12)),
           version_name((int)SSL_CTX_get_max_proto_version(sctx12)));

    printf("client SSL min TLSv1.3, server max TLSv1.2\n");
    struct pair p = make_pair(cctx, sctx12);
    printf("    set_min %d\n", (int)SSL_set_min_proto_version(p.client, TLS1_3_VERSION));
    bounds("client", p.client);
    shake_and_close(&p);

    printf("client SSL max TLSv1.2\n");
    p = make_pair(cctx, sctx);
    printf("    set_max %d\n", (int)SSL_set_max_proto_version(p.client, TLS1_2_VERSION));
    bounds("client", p.client);
    shake_and_close(&p);

    printf("server SSL max TLSv1.2\n");
    p = make_pair(cctx, sctx);
    printf("    set_max %d\n", (int)SSL_set_max_proto_version(p.server, TLS1_2_VERSION));
    bounds("server", p.server);
    shake_and_close(&p);

    printf("unknown versions\n");
    p = make_pair(cctx, sctx);
    int a = (int)SSL_set_min_proto_version(p.client, 0x1234);
    int b = (int)SSL_set_max_proto_version(p.client, 0x0200);
    printf("    set_min 0x1234 %d set_max 0x0200 %d\n", a, b);
    ERR_clear_error();
    bounds("client", p.client);
    a = (int)SSL_set_min_proto_version(p.client, 0);
    b = (int)SSL_set_max_proto_version(p.client, 0);
    printf("    set_min 0 %d set_max 0 %d\n", a, b);
    bounds("client", p.client);
    shake_and_close(&p);

    printf("client context max TLSv1.2, SSL min TLSv1.3\n");
    CHECK(SSL_CTX_set_max_proto_version(cctx, TLS1_2_VERSION) == 1);
    p = make_pair(cctx, sctx);
    printf("    set_min %d\n", (int)SSL_set_min_proto_version(p.client, TLS1_3_VERSION));
    bounds("client", p.client);
    shake_and_close(&p);
    CHECK(SSL_CTX_set_max_proto_version(cctx, 0) == 1);

    printf("SSL_set_options(SSL_OP_NO_TLSv1_3)\n");
    p = make_pair(cctx, sctx);
    printf("    before %d", no13(p.client));
    SSL_set_options(p.client, SSL_OP_NO_TLSv1_3);
    printf(" after set %d\n", no13(p.client));
    shake_and_close(&p);

    printf("SSL_set_options then SSL_clear_options(SSL_OP_NO_TLSv1_3)\n");
    p = make_pair(cctx, sctx);
    SSL_set_options(p.client, SSL_OP_NO_TLSv1_3);
    SSL_clear_options(p.client, SSL_OP_NO_TLSv1_3);
    printf("    after clear %d\n", no13(p.client));
    shake_and_close(&p);

    printf("server SSL_set_options(SSL_OP_NO_TLSv1_3), client min TLSv1.3\n");
    p = make_pair(cctx, sctx);
    SSL_set_options(p.server, SSL_OP_NO_TLSv1_3);
    CHECK(SSL_set_min_proto_version(p.client, TLS1_3_VERSION) == 1);
    shake_and_close(&p);

    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(sctx12);
    return 0;
}
