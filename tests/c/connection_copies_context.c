/* SSL_new copies the context's verification settings and early data
 * receive limit: a context changed after SSL_new does not reach the
 * connection, one made after does, and the connection's own parameters
 * change without changing the context's. Contexts start untouched (sessl
 * then makes a connection's parameters only when first used). */
#include "common.h"
#include <openssl/x509_vfy.h>

static int callback(int ok, X509_STORE_CTX *store)
{
    (void)store;
    return ok;
}

static void show(const char *label, SSL_CTX *ctx, SSL *ssl)
{
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    const char *host = X509_VERIFY_PARAM_get0_host(param, 0);
    printf("%s: depth %d (ctx %d) host %s callback %s recv_max %u (ctx %u) own param %s\n", label,
           SSL_get_verify_depth(ssl), SSL_CTX_get_verify_depth(ctx), host ? host : "none",
           SSL_get_verify_callback(ssl) ? "set" : "NULL", SSL_get_recv_max_early_data(ssl),
           SSL_CTX_get_recv_max_early_data(ctx), param != SSL_CTX_get0_param(ctx) ? "yes" : "no");
}

static void run(const SSL_METHOD *method)
{
    SSL_CTX *ctx = SSL_CTX_new(method);
    CHECK(ctx != NULL);
    SSL *before = SSL_new(ctx);
    CHECK(before != NULL);
    SSL_CTX_set_verify_depth(ctx, 3);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, callback);
    CHECK(SSL_CTX_set_recv_max_early_data(ctx, 100) == 1);
    CHECK(X509_VERIFY_PARAM_set1_host(SSL_CTX_get0_param(ctx), "ctx.example", 0) == 1);
    show("made before the context changed", ctx, before);
    SSL *after = SSL_new(ctx);
    CHECK(after != NULL);
    show("made after", ctx, after);
    SSL_set_verify_depth(before, 5);
    CHECK(SSL_set1_host(after, "conn.example") == 1);
    show("before, own depth set", ctx, before);
    show("after, own host set", ctx, after);
    CHECK(SSL_CTX_set_recv_max_early_data(ctx, 16384) == 1);
    SSL *third = SSL_new(ctx);
    CHECK(third != NULL);
    CHECK(SSL_set_recv_max_early_data(after, 16384) == 1);
    show("third, ctx limit back to the default", ctx, third);
    show("after, own limit back to the default", ctx, after);
    SSL_free(third);
    SSL_free(after);
    SSL_free(before);
    SSL_CTX_free(ctx);
}

int main(void)
{
    run(TLS_client_method());
    run(TLS_server_method());
    return 0;
}
