/* Methods, as in OpenSSL 3.0: one handle per method (SSL_CTX_get_ssl_method,
 * SSL_get_ssl_method); a version-specific method (TLSv1_2_method, ...) keeps
 * its bounds at 0, ignores SSL_CTX_set_max_proto_version and handshakes with
 * its version only; after a handshake a version-flexible connection reports
 * the agreed version's own method until SSL_clear; SSL_set_ssl_method pins or
 * frees one connection; SSL_CTX_set_ssl_version changes the context's method
 * for connections made afterwards; a server method cannot connect; TLS 1.0 and
 * 1.1 methods make contexts whose handshakes fail (OpenSSL 3.0 refuses them at
 * its default security level; sessl with "no protocols available": the errors
 * are divergences). The version-specific methods are deprecated since
 * OpenSSL 1.1.0; programs still call them. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "common.h"
#include <openssl/err.h>

static const char *method_name(const SSL_METHOD *m)
{
    if (m == NULL) return "NULL";
    if (m == TLS_method()) return "TLS_method";
    if (m == TLS_client_method()) return "TLS_client_method";
    if (m == TLS_server_method()) return "TLS_server_method";
    if (m == TLSv1_2_method()) return "TLSv1_2_method";
    if (m == TLSv1_2_client_method()) return "TLSv1_2_client_method";
    if (m == TLSv1_2_server_method()) return "TLSv1_2_server_method";
    if (m == TLSv1_1_method()) return "TLSv1_1_method";
    if (m == TLSv1_1_client_method()) return "TLSv1_1_client_method";
    if (m == TLSv1_method()) return "TLSv1_method";
    if (m == TLSv1_server_method()) return "TLSv1_server_method";
    return "another method";
}

/* Every queued error as a divergence line, then none left. */
static void print_errors_diverging(const char *who)
{
    unsigned long e;
    while ((e = ERR_get_error()) != 0)
        DIVERGE("    %s: lib %d reason %d (%s)\n", who, ERR_GET_LIB(e), ERR_GET_REASON(e),
                ERR_reason_error_string(e));
}

static SSL_CTX *with_identity(SSL_CTX *ctx)
{
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path("server-chain.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    return ctx;
}

static SSL_CTX *trusting(SSL_CTX *ctx)
{
    CHECK(SSL_CTX_load_verify_locations(ctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

/* The bounds of a new context of `m`, what setting them does, and its connections'. */
static void bounds_of(const char *name, const SSL_METHOD *m)
{
    SSL_CTX *ctx = SSL_CTX_new(m);
    CHECK(ctx != NULL);
    printf("%s: ctx method %s min %lx max %lx\n", name, method_name(SSL_CTX_get_ssl_method(ctx)),
           SSL_CTX_get_min_proto_version(ctx), SSL_CTX_get_max_proto_version(ctx));
    int r = (int)SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION);
    printf("    set_max TLSv1.3 %d: max %lx\n", r, SSL_CTX_get_max_proto_version(ctx));
    r = (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    printf("    set_min TLSv1.2 %d: min %lx\n", r, SSL_CTX_get_min_proto_version(ctx));
    SSL *ssl = SSL_new(ctx);
    printf("    ssl method %s min %lx max %lx\n", method_name(SSL_get_ssl_method(ssl)),
           SSL_get_min_proto_version(ssl), SSL_get_max_proto_version(ssl));
    r = (int)SSL_set_max_proto_version(ssl, TLS1_2_VERSION);
    printf("    ssl set_max TLSv1.2 %d: max %lx\n", r, SSL_get_max_proto_version(ssl));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

/* One handshake; prints the versions and each side's method after it. */
static void shake(const char *what, SSL_CTX *cctx, SSL_CTX *sctx, const SSL_METHOD *client_method)
{
    struct pair p = make_pair(cctx, sctx);
    if (client_method)
        printf("    set_ssl_method %d\n", SSL_set_ssl_method(p.client, client_method));
    printf("%s: client method before %s\n", what, method_name(SSL_get_ssl_method(p.client)));
    int ok = handshake(&p);
    printf("    handshake %d\n", ok);
    if (!ok) {
        print_errors_diverging("error");
        close_unclean(&p);
        return;
    }
    printf("    client %s server %s\n", SSL_get_version(p.client), SSL_get_version(p.server));
    printf("    after: client %s server %s\n", method_name(SSL_get_ssl_method(p.client)),
           method_name(SSL_get_ssl_method(p.server)));
    exchange(&p);
    SSL_shutdown(p.client);
    SSL_shutdown(p.server);
    int r = SSL_clear(p.client);
    printf("    clear %d: client %s\n", r, method_name(SSL_get_ssl_method(p.client)));
    close_unclean(&p);
}

int main(void)
{
    printf("one handle each: %d %d %d\n", TLSv1_2_method() == TLSv1_2_method(),
           TLSv1_2_method() != TLS_method(), TLSv1_2_client_method() != TLSv1_2_server_method());
    bounds_of("TLS_method", TLS_method());
    bounds_of("TLSv1_2_method", TLSv1_2_method());
    bounds_of("TLSv1_2_client_method", TLSv1_2_client_method());
    bounds_of("TLSv1_2_server_method", TLSv1_2_server_method());
    bounds_of("TLSv1_1_method", TLSv1_1_method());
    bounds_of("TLSv1_method", TLSv1_method());

    SSL_CTX *sctx = with_identity(SSL_CTX_new(TLS_server_method()));
    SSL_CTX *cctx = trusting(SSL_CTX_new(TLS_client_method()));
    SSL_CTX *c12 = trusting(SSL_CTX_new(TLSv1_2_client_method()));
    SSL_CTX *s12 = with_identity(SSL_CTX_new(TLSv1_2_server_method()));
    CHECK(SSL_CTX_set_max_proto_version(c12, TLS1_3_VERSION) == 1);
    shake("flexible both", cctx, sctx, NULL);
    shake("TLSv1_2 client", c12, sctx, NULL);
    shake("TLSv1_2 server", cctx, s12, NULL);
    shake("flexible client pinned by SSL_set_ssl_method", cctx, sctx, TLSv1_2_client_method());
    shake("TLSv1_2 client freed by SSL_set_ssl_method", c12, sctx, TLS_client_method());

    SSL_CTX *changed = trusting(SSL_CTX_new(TLS_client_method()));
    printf("set_ssl_version %d\n", SSL_CTX_set_ssl_version(changed, TLSv1_2_client_method()));
    printf("    ctx method %s\n", method_name(SSL_CTX_get_ssl_method(changed)));
    shake("context changed to TLSv1_2", changed, sctx, NULL);
    printf("set_ssl_version %d\n", SSL_CTX_set_ssl_version(changed, TLS_server_method()));
    SSL *ssl = SSL_new(changed);
    printf("    ctx method %s, new SSL is server %d\n",
           method_name(SSL_CTX_get_ssl_method(changed)), SSL_is_server(ssl));
    SSL_free(ssl);

    printf("a server method cannot connect\n");
    struct pair p = make_pair(sctx, sctx);
    int r = SSL_connect(p.client);
    unsigned long e = ERR_peek_error();
    printf("    connect %d error %d: lib %d reason %d\n", r, SSL_get_error(p.client, r),
           ERR_GET_LIB(e), ERR_GET_REASON(e));
    ERR_clear_error();
    close_unclean(&p);

    SSL_CTX *c10 = trusting(SSL_CTX_new(TLSv1_client_method()));
    SSL_CTX *c11 = trusting(SSL_CTX_new(TLSv1_1_client_method()));
    SSL_CTX *s10 = with_identity(SSL_CTX_new(TLSv1_server_method()));
    shake("TLSv1 client", c10, sctx, NULL);
    shake("TLSv1_1 client", c11, sctx, NULL);
    shake("TLSv1 server", cctx, s10, NULL);

    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    SSL_CTX_free(c12);
    SSL_CTX_free(s12);
    SSL_CTX_free(changed);
    SSL_CTX_free(c10);
    SSL_CTX_free(c11);
    SSL_CTX_free(s10);
    return 0;
}
