/* Verify depth, as OpenSSL 3 applies it to a 3-certificate chain (leaf,
 * intermediate, root) and a 2-certificate one (leaf, root): depth 0, 1, 2
 * set with SSL_CTX_set_verify_depth, SSL_set_verify_depth,
 * X509_STORE_set_depth on the context's store, and X509_VERIFY_PARAM_set_depth
 * on the context's and the SSL's param; the getters, the verify result
 * (22: chain too long) under SSL_VERIFY_PEER and SSL_VERIFY_NONE, both
 * directions, TLS 1.2 and 1.3. */
#include "verify_common.h"
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

enum how { CTX_DEPTH, SSL_DEPTH, STORE_DEPTH, CTX_PARAM_DEPTH, SSL_PARAM_DEPTH };
static const char *how_name[] = {"SSL_CTX_set_verify_depth", "SSL_set_verify_depth", "X509_STORE_set_depth",
                                 "X509_VERIFY_PARAM_set_depth(ctx)", "X509_VERIFY_PARAM_set_depth(ssl)"};

static void use_cert(SSL_CTX *ctx, const char *chain, const char *key)
{
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path(chain)) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path(key), SSL_FILETYPE_PEM) == 1);
}

static void run(long version, int server_verifies, int three, enum how how, int depth, int mode)
{
    const char *chain = three ? "leaf-inter-chain.pem" : "server-chain.pem";
    const char *key = three ? "leaf-inter.key" : "server.key";
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_set_max_proto_version(sctx, version) == 1);
    CHECK(SSL_CTX_set_max_proto_version(cctx, version) == 1);
    SSL_CTX *vctx = server_verifies ? sctx : cctx;
    use_cert(sctx, server_verifies ? "server-chain.pem" : chain, server_verifies ? "server.key" : key);
    if (server_verifies)
        use_cert(cctx, chain, key);
    CHECK(SSL_CTX_load_verify_locations(vctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(vctx, mode, NULL);
    if (how == CTX_DEPTH)
        SSL_CTX_set_verify_depth(vctx, depth);
    else if (how == STORE_DEPTH)
        CHECK(X509_STORE_set_depth(SSL_CTX_get_cert_store(vctx), depth) == 1);
    else if (how == CTX_PARAM_DEPTH)
        X509_VERIFY_PARAM_set_depth(SSL_CTX_get0_param(vctx), depth);
    struct pair p = make_pair(cctx, sctx);
    SSL *v = server_verifies ? p.server : p.client;
    if (how == SSL_DEPTH)
        SSL_set_verify_depth(v, depth);
    else if (how == SSL_PARAM_DEPTH)
        X509_VERIFY_PARAM_set_depth(SSL_get0_param(v), depth);
    printf("%s %s-verifies %d-cert chain %s %d %s: ctx depth %d ssl depth %d\n", version_name((int)version),
           server_verifies ? "server" : "client", three ? 3 : 2, how_name[how], depth,
           mode == SSL_VERIFY_NONE ? "NONE" : "PEER", SSL_CTX_get_verify_depth(vctx), SSL_get_verify_depth(v));
    int ok = handshake_then_peer(&p, server_verifies ? p.client : p.server);
    long r = SSL_get_verify_result(v);
    printf("    handshake %d verify_result %ld (%s)\n", ok, r, X509_verify_cert_error_string(r));
    finish_pair(&p, ok);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++)
        for (int sv = 0; sv < 2; sv++)
            for (int three = 1; three >= 0; three--)
                for (int how = CTX_DEPTH; how <= SSL_PARAM_DEPTH; how++)
                    for (int depth = 0; depth <= 2; depth++) {
                        if (!three && depth > 0)
                            continue;
                        run(versions[v], sv, three, how, depth, SSL_VERIFY_PEER);
                        /* a server under SSL_VERIFY_NONE asks for no certificate */
                        if (how == CTX_DEPTH && !sv)
                            run(versions[v], sv, three, how, depth, SSL_VERIFY_NONE);
                    }
    return 0;
}
