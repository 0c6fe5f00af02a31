/* SSL_CTX_build_cert_chain / SSL_build_cert_chain with
 * SSL_BUILD_CHAIN_FLAG_CHECK, as sslapitest's test_ssl_build_cert_chain
 * calls it: the chain is rebuilt from the certificates already in it (the
 * root dropped with SSL_BUILD_CHAIN_FLAG_NO_ROOT); a chain that does not
 * reach a self-signed certificate fails (certificate verify failed); no
 * certificate fails (no certificate set). The rebuilt chain is served. */
#include <openssl/err.h>
#include <openssl/pem.h>

#include "common.h"

#ifndef SSL_BUILD_CHAIN_FLAG_CHECK /* <sessl.h> has no macros for these */
#define SSL_BUILD_CHAIN_FLAG_NO_ROOT 0x2
#define SSL_BUILD_CHAIN_FLAG_CHECK 0x4
#endif

static X509 *read_cert(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    CHECK(f != NULL);
    X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(x != NULL);
    return x;
}

static void report(const char *what, long r)
{
    unsigned long e = ERR_peek_error();
    printf("  %s: %ld, reason %d\n", what, r, r == 1 ? 0 : ERR_GET_REASON(e));
    ERR_clear_error();
}

static int ctx_chain_len(SSL_CTX *ctx)
{
    STACK_OF(X509) *sk = NULL;
    CHECK(SSL_CTX_get0_chain_certs(ctx, &sk) == 1);
    return sk ? sk_X509_num(sk) : 0;
}

int main(void)
{
    X509 *ca = read_cert("ca.pem");
    const int check = SSL_BUILD_CHAIN_FLAG_CHECK, no_root = SSL_BUILD_CHAIN_FLAG_NO_ROOT;

    printf("context\n");
    SSL_CTX *empty = SSL_CTX_new(TLS_server_method());
    report("no certificate", SSL_CTX_build_cert_chain(empty, check));
    SSL_CTX_free(empty);
    SSL_CTX *sctx = server_ctx(0);
    report("leaf alone", SSL_CTX_build_cert_chain(sctx, check));
    printf("  chain %d\n", ctx_chain_len(sctx));
    CHECK(SSL_CTX_add1_chain_cert(sctx, ca) == 1);
    report("with its root", SSL_CTX_build_cert_chain(sctx, check));
    printf("  chain %d\n", ctx_chain_len(sctx));
    report("without the root", SSL_CTX_build_cert_chain(sctx, check | no_root));
    printf("  chain %d\n", ctx_chain_len(sctx));

    printf("connection\n");
    SSL_CTX *plain = SSL_CTX_new(TLS_server_method());
    SSL *ssl = SSL_new(plain);
    report("no certificate", SSL_build_cert_chain(ssl, check));
    /* the leaf and its root in one chain file */
    char path[] = "/tmp/sessl-build-chain-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *out = fdopen(fd, "w");
    X509 *leaf = read_cert("server-chain.pem");
    CHECK(PEM_write_X509(out, leaf) == 1 && PEM_write_X509(out, ca) == 1);
    fclose(out);
    X509_free(leaf);
    CHECK(SSL_use_certificate_chain_file(ssl, path) == 1);
    unlink(path);
    CHECK(SSL_use_PrivateKey_file(ssl, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    report("without the root", SSL_build_cert_chain(ssl, check | no_root));
    printf("  context's chain %d\n", ctx_chain_len(plain));
    SSL_free(ssl);
    SSL_CTX_free(plain);

    printf("serving the rebuilt chain\n");
    SSL_CTX *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("  peer chain %d, verify %ld\n", sk_X509_num(SSL_get_peer_cert_chain(p.client)),
           SSL_get_verify_result(p.client));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    X509_free(ca);
    return 0;
}
