/* SSL_CTX_new_ex(3) in a library context of the application's own, as
 * OpenSSL's ssl_test makes its contexts: the default provider is loaded
 * there only, and the default context holds nothing but the null provider,
 * which decodes no key. Certificates and keys the library decodes for such a
 * context (the peer's chain, the VerifyCAFile / load_verify_locations store,
 * key files, the objects handed back) are made in the context's library
 * context, so verification (both ways, TLS 1.3 and 1.2) succeeds and every
 * key handed back is usable. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/x509.h>

static OSSL_LIB_CTX *libctx;

static SSL_CTX *server(long max)
{
    SSL_CTX *ctx = SSL_CTX_new_ex(libctx, NULL, TLS_server_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path("server-chain.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_check_private_key(ctx) == 1);
    /* The client's CA through the configuration language, as ssl_test sets it. */
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    CHECK(cctx != NULL);
    SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE);
    SSL_CONF_CTX_set_ssl_ctx(cctx, ctx);
    CHECK(SSL_CONF_cmd(cctx, "VerifyCAFile", cert_path("ca.pem")) == 2);
    CHECK(SSL_CONF_cmd(cctx, "VerifyMode", "Require") == 2);
    CHECK(SSL_CONF_CTX_finish(cctx) == 1);
    SSL_CONF_CTX_free(cctx);
    if (max)
        CHECK(SSL_CTX_set_max_proto_version(ctx, max) == 1);
    return ctx;
}

static SSL_CTX *client(long max)
{
    SSL_CTX *ctx = SSL_CTX_new_ex(libctx, NULL, TLS_client_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_load_verify_locations(ctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    CHECK(SSL_CTX_use_certificate_file(ctx, cert_path("client.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path("client.key"), SSL_FILETYPE_PEM) == 1);
    if (max)
        CHECK(SSL_CTX_set_max_proto_version(ctx, max) == 1);
    return ctx;
}

static void show_key(const char *label, EVP_PKEY *k)
{
    printf("  %s: %s", label, k ? "present" : "(null)");
    if (k)
        printf(" bits>0=%d", EVP_PKEY_get_bits(k) > 0);
    printf("\n");
}

static void run(const char *label, long max)
{
    SSL_CTX *sctx = server(max), *cctx = client(max);
    show_key("server context key", SSL_CTX_get0_privatekey(sctx));
    show_key("client context key", SSL_CTX_get0_privatekey(cctx));
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    printf("%s: handshake %d version %s\n", label, ok, SSL_get_version(p.client));
    if (!ok)
        ERR_print_errors_fp(stdout);
    CHECK(ok);
    printf("  client verify result %ld, server verify result %ld\n",
           SSL_get_verify_result(p.client), SSL_get_verify_result(p.server));
    X509 *peer = SSL_get0_peer_certificate(p.client);
    CHECK(peer != NULL);
    show_key("server's key seen by client", X509_get0_pubkey(peer));
    peer = SSL_get0_peer_certificate(p.server);
    CHECK(peer != NULL);
    show_key("client's key seen by server", X509_get0_pubkey(peer));
    STACK_OF(X509) *chain = SSL_get0_verified_chain(p.client);
    printf("  verified chain %d:", chain ? sk_X509_num(chain) : -1);
    for (int i = 0; chain && i < sk_X509_num(chain); i++)
        printf(" %d", X509_get0_pubkey(sk_X509_value(chain, i)) != NULL);
    printf("\n");
    EVP_PKEY *tmp = NULL;
    long got = SSL_get_peer_tmp_key(p.client, &tmp);
    printf("  client's peer tmp key %ld %s\n", got, tmp ? "present" : "(null)");
    EVP_PKEY_free(tmp);
    show_key("connection key", SSL_get_privatekey(p.server));
    exchange(&p);
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    libctx = OSSL_LIB_CTX_new();
    CHECK(libctx != NULL);
    OSSL_PROVIDER *def = OSSL_PROVIDER_load(libctx, "default");
    OSSL_PROVIDER *null = OSSL_PROVIDER_load(NULL, "null");
    CHECK(def != NULL && null != NULL);
    run("TLSv1.3", 0);
    run("TLSv1.2", TLS1_2_VERSION);
    OSSL_PROVIDER_unload(null);
    OSSL_PROVIDER_unload(def);
    OSSL_LIB_CTX_free(libctx);
    return 0;
}
