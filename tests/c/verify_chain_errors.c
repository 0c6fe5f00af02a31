/* Peer verification of bad chains, as OpenSSL 3 reports them: a good chain
 * through an intermediate, intermediates that may not sign (no keyCertSign,
 * CA:FALSE, pathlen exceeded), expired / not yet valid / wrong-purpose leaves,
 * self-signed leaves trusted or not, and trust in the intermediate only
 * without and with X509_V_FLAG_PARTIAL_CHAIN. Each one client-verifies-server
 * and server-verifies-client, TLS 1.2 and 1.3, under SSL_VERIFY_PEER (the
 * handshake fails: result, error queue, what the peer then sees) and
 * SSL_VERIFY_NONE (it succeeds, the result is kept). */
#include "verify_common.h"
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

static X509 *load_cert(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    CHECK(f != NULL);
    X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(x != NULL);
    return x;
}

/* How the verifying side gets its trust anchor. */
enum how { LOAD, ADD_CERT, ADD_CERT_PARTIAL };

struct item {
    const char *name, *chain, *key, *trust;
    enum how how;
};

/* `purpose`: the leaf with the wrong purpose for this direction. */
static void items(struct item *it, const char *purpose_chain, const char *purpose_key)
{
    struct item all[] = {
        {"good-intermediate", "leaf-inter-chain.pem", "leaf-inter.key", "ca.pem", LOAD},
        {"inter-no-keycertsign", "leaf-nokcs-chain.pem", "leaf-nokcs.key", "ca.pem", LOAD},
        {"inter-ca-false", "leaf-cafalse-chain.pem", "leaf-cafalse.key", "ca.pem", LOAD},
        {"pathlen-exceeded", "leaf-pathlen-chain.pem", "leaf-pathlen.key", "ca.pem", LOAD},
        {"expired", "expired.pem", "expired.key", "ca.pem", LOAD},
        {"not-yet-valid", "notyet.pem", "notyet.key", "ca.pem", LOAD},
        {"wrong-purpose", purpose_chain, purpose_key, "ca.pem", LOAD},
        {"selfsigned-untrusted", "selfsigned.pem", "selfsigned.key", "ca.pem", LOAD},
        {"selfsigned-trusted", "selfsigned.pem", "selfsigned.key", "selfsigned.pem", LOAD},
        {"selfsigned-ca-trusted", "selfsigned-ca.pem", "selfsigned-ca.key", "selfsigned-ca.pem", LOAD},
        {"inter-only-trusted", "leaf-inter-chain.pem", "leaf-inter.key", "inter.pem", ADD_CERT},
        {"inter-only-partial", "leaf-inter-chain.pem", "leaf-inter.key", "inter.pem", ADD_CERT_PARTIAL},
        {NULL, NULL, NULL, NULL, LOAD},
    };
    memcpy(it, all, sizeof(all));
}

static void set_trust(SSL_CTX *ctx, const struct item *it)
{
    if (it->how == LOAD) {
        CHECK(SSL_CTX_load_verify_locations(ctx, cert_path(it->trust), NULL) == 1);
        return;
    }
    X509 *x = load_cert(it->trust);
    CHECK(X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), x) == 1);
    X509_free(x);
    if (it->how == ADD_CERT_PARTIAL)
        CHECK(X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(ctx), X509_V_FLAG_PARTIAL_CHAIN) == 1);
}

static SSL_CTX *with_cert(SSL_CTX *ctx, const char *chain, const char *key)
{
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path(chain)) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path(key), SSL_FILETYPE_PEM) == 1);
    return ctx;
}

/* One item: `server_verifies` picks the direction. */
static void run(const struct item *it, long version, int server_verifies, int mode)
{
    SSL_CTX *sctx, *cctx;
    if (server_verifies) {
        sctx = server_ctx(version);
        cctx = with_cert(client_ctx(version), it->chain, it->key);
        set_trust(sctx, it);
        SSL_CTX_set_verify(sctx, mode, NULL);
    } else {
        sctx = with_cert(SSL_CTX_new(TLS_server_method()), it->chain, it->key);
        CHECK(SSL_CTX_set_max_proto_version(sctx, version) == 1);
        cctx = SSL_CTX_new(TLS_client_method());
        CHECK(SSL_CTX_set_max_proto_version(cctx, version) == 1);
        set_trust(cctx, it);
        SSL_CTX_set_verify(cctx, mode, NULL);
    }
    struct pair p = make_pair(cctx, sctx);
    printf("%s %s %s %s\n", version_name((int)version), server_verifies ? "server-verifies" : "client-verifies",
           it->name, mode == SSL_VERIFY_NONE ? "NONE" : "PEER");
    int ok = shake(&p);
    SSL *v = server_verifies ? p.server : p.client;
    long r = SSL_get_verify_result(v);
    printf("    handshake %d verify_result %ld (%s)\n", ok, r, X509_verify_cert_error_string(r));
    if (ok) {
        X509 *peer = SSL_get1_peer_certificate(v);
        printf("    version %s peer cert %s\n", SSL_get_version(v), peer ? "yes" : "no");
        X509_free(peer);
        exchange(&p);
        close_clean(&p);
    } else {
        close_unclean(&p);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    struct item it[16];
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int dir = 0; dir < 2; dir++) {
        if (dir)
            items(it, "server-eku-only.pem", "server-eku-only.key");
        else
            items(it, "wrong-eku.pem", "wrong-eku.key");
        for (int v = 0; v < 2; v++)
            for (int i = 0; it[i].name; i++) {
                run(&it[i], versions[v], dir, SSL_VERIFY_PEER);
                run(&it[i], versions[v], dir, SSL_VERIFY_NONE);
            }
    }
    return 0;
}
