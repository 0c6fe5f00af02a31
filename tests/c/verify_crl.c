/* Revocation, as OpenSSL 3 checks it: with ca.crl (revoking revoked.pem) in
 * the verifying side's store, X509_V_FLAG_CRL_CHECK set on the store, on the
 * context's param or on the SSL's param fails the revoked peer with 23; a good
 * peer passes; without the flag the CRL is not consulted; with the flag and
 * no CRL for the issuer: 3; a leaf under an intermediate that has no CRL
 * (only ca's is loaded): 3 with CRL_CHECK as with CRL_CHECK|CRL_CHECK_ALL.
 * Both directions, TLS 1.2 and 1.3, PEER and NONE. */
#include "verify_common.h"
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

enum flag { NO_FLAG, STORE_FLAG, CTX_PARAM_FLAG, SSL_PARAM_FLAG, ALL_FLAG };
static const char *flag_name[] = {"no flag", "CRL_CHECK on store", "CRL_CHECK on ctx param",
                                  "CRL_CHECK on ssl param", "CRL_CHECK|CRL_CHECK_ALL on ctx param"};

static void add_crl(SSL_CTX *ctx)
{
    FILE *f = fopen(cert_path("ca.crl"), "r");
    CHECK(f != NULL);
    X509_CRL *crl = PEM_read_X509_CRL(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(crl != NULL);
    CHECK(X509_STORE_add_crl(SSL_CTX_get_cert_store(ctx), crl) == 1);
    X509_CRL_free(crl);
}

static void use_cert(SSL_CTX *ctx, const char *chain, const char *key)
{
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path(chain)) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path(key), SSL_FILETYPE_PEM) == 1);
}

/* `peer`: the verified side's certificate stem ("revoked", "server", "leaf-inter"). */
static void run(long version, int server_verifies, const char *peer, int with_crl, enum flag flag, int mode)
{
    char chain[64], key[64];
    snprintf(chain, sizeof(chain), "%s%s.pem", peer, strcmp(peer, "revoked") ? "-chain" : "");
    snprintf(key, sizeof(key), "%s.key", peer);
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_set_max_proto_version(sctx, version) == 1);
    CHECK(SSL_CTX_set_max_proto_version(cctx, version) == 1);
    SSL_CTX *vctx = server_verifies ? sctx : cctx;
    if (server_verifies) {
        use_cert(sctx, "server-chain.pem", "server.key");
        use_cert(cctx, chain, key);
    } else {
        use_cert(sctx, chain, key);
    }
    CHECK(SSL_CTX_load_verify_locations(vctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(vctx, mode, NULL);
    if (with_crl)
        add_crl(vctx);
    if (flag == STORE_FLAG)
        CHECK(X509_STORE_set_flags(SSL_CTX_get_cert_store(vctx), X509_V_FLAG_CRL_CHECK) == 1);
    else if (flag == CTX_PARAM_FLAG)
        CHECK(X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(vctx), X509_V_FLAG_CRL_CHECK) == 1);
    else if (flag == ALL_FLAG)
        CHECK(X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(vctx),
                                          X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL) == 1);
    struct pair p = make_pair(cctx, sctx);
    SSL *v = server_verifies ? p.server : p.client;
    if (flag == SSL_PARAM_FLAG)
        CHECK(X509_VERIFY_PARAM_set_flags(SSL_get0_param(v), X509_V_FLAG_CRL_CHECK) == 1);
    printf("%s %s-verifies %s, %s, %s, %s\n", version_name((int)version), server_verifies ? "server" : "client",
           peer, with_crl ? "ca.crl loaded" : "no CRL", flag_name[flag], mode == SSL_VERIFY_NONE ? "NONE" : "PEER");
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
        for (int sv = 0; sv < 2; sv++) {
            long ver = versions[v];
            for (int f = NO_FLAG; f <= SSL_PARAM_FLAG; f++)
                run(ver, sv, "revoked", 1, f, SSL_VERIFY_PEER);
            run(ver, sv, "server", 1, CTX_PARAM_FLAG, SSL_VERIFY_PEER);
            run(ver, sv, "server", 0, CTX_PARAM_FLAG, SSL_VERIFY_PEER);
            run(ver, sv, "leaf-inter", 1, CTX_PARAM_FLAG, SSL_VERIFY_PEER);
            run(ver, sv, "leaf-inter", 1, ALL_FLAG, SSL_VERIFY_PEER);
            if (!sv) {
                run(ver, sv, "revoked", 1, CTX_PARAM_FLAG, SSL_VERIFY_NONE);
                run(ver, sv, "server", 0, STORE_FLAG, SSL_VERIFY_NONE);
            }
        }
    return 0;
}
