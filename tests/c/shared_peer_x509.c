/* The peer's certificate as X509 objects: within one connection the
 * verify callback's depth-0 certificate, SSL_get0_peer_certificate (twice),
 * SSL_get1_peer_certificate, the peer chain's leaf (a client's), the
 * verified chain's leaf and the session's SSL_SESSION_get0_peer are one
 * object, as OpenSSL hands out the X509 it parsed once. Across connections
 * sessl's certificate cache shares one object per distinct certificate
 * until one is handed to the application (docs/divergences.md; OpenSSL
 * parses per connection): two connections verified before either's
 * certificate is looked at get one object (pointer and ex_data shared).
 * An object handed out is never verified with again, so a certificate the
 * application changes is not seen by a later connection. TLS 1.2 and 1.3,
 * a chain through an intermediate, both directions. */
#include "verify_common.h"
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

/* shared_peer_x509_cache_off.c runs this case with the cache off. */
#ifdef CACHE_OFF
#define SHARING printf
#else
#define SHARING DIVERGE
#endif

/* What the verify callback saw at depth 0, and the depths it was called at. */
static X509 *seen_leaf;
static char depths[64];

static int record(int ok, X509_STORE_CTX *store)
{
    int depth = X509_STORE_CTX_get_error_depth(store);
    size_t n = strlen(depths);
    if (n + 3 < sizeof(depths))
        snprintf(depths + n, sizeof(depths) - n, "%d,", depth);
    if (depth == 0)
        seen_leaf = X509_STORE_CTX_get_current_cert(store);
    return ok;
}

static SSL_CTX *with_cert(SSL_CTX *ctx)
{
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path("leaf-inter-chain.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path("leaf-inter.key"), SSL_FILETYPE_PEM) == 1);
    return ctx;
}

static const char *same(const void *a, const void *b)
{
    return a == b ? "same" : "other";
}

/* One connection; `v` is the verifying side's SSL. Prints how the objects relate. */
static X509 *inspect(SSL *v, int server_side)
{
    X509 *leaf = SSL_get0_peer_certificate(v);
    CHECK(leaf != NULL);
    printf("    depths %s get0 twice %s\n", depths, same(leaf, SSL_get0_peer_certificate(v)));
    X509 *one = SSL_get1_peer_certificate(v);
    printf("    get1 %s callback's leaf %s\n", same(one, leaf), same(seen_leaf, leaf));
    X509_free(one);
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(v);
    CHECK(chain != NULL);
    printf("    peer chain %d certificates, first %s\n", sk_X509_num(chain),
           server_side ? (sk_X509_value(chain, 0) == leaf ? "leaf" : "not leaf")
                       : same(sk_X509_value(chain, 0), leaf));
    printf("    peer chain twice %s\n", same(chain, SSL_get_peer_cert_chain(v)));
    STACK_OF(X509) *verified = SSL_get0_verified_chain(v);
    CHECK(verified != NULL);
    printf("    verified chain %d certificates, leaf %s\n", sk_X509_num(verified),
           same(sk_X509_value(verified, 0), leaf));
    printf("    session's peer %s\n", same(SSL_SESSION_get0_peer(SSL_get_session(v)), leaf));
    return leaf;
}

static void run(long version, int server_verifies)
{
    SSL_CTX *sctx, *cctx;
    if (server_verifies) {
        sctx = server_ctx(version);
        CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
        SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, record);
        cctx = with_cert(client_ctx(version));
    } else {
        sctx = with_cert(SSL_CTX_new(TLS_server_method()));
        CHECK(SSL_CTX_set_max_proto_version(sctx, version) == 1);
        cctx = SSL_CTX_new(TLS_client_method());
        CHECK(SSL_CTX_set_max_proto_version(cctx, version) == 1);
        CHECK(SSL_CTX_load_verify_locations(cctx, cert_path("ca.pem"), NULL) == 1);
        SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, record);
    }
    int idx = X509_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    CHECK(idx >= 0);
    printf("%s %s\n", version_name((int)version), server_verifies ? "server-verifies" : "client-verifies");

    /* Two connections one after the other, looked at as they end: each
     * has its own objects, as in OpenSSL. */
    struct pair p[2];
    X509 *leaf[2];
    for (int i = 0; i < 2; i++) {
        seen_leaf = NULL;
        depths[0] = 0;
        p[i] = make_pair(cctx, sctx);
        CHECK(shake(&p[i]));
        SSL *v = server_verifies ? p[i].server : p[i].client;
        printf("  connection %d verify_result %ld\n", i + 1, SSL_get_verify_result(v));
        leaf[i] = inspect(v, server_verifies);
        if (i == 0)
            CHECK(X509_set_ex_data(leaf[0], idx, "first connection's") == 1);
    }
    const char *mark = X509_get_ex_data(leaf[1], idx);
    printf("  across connections: leaf %s, ex_data %s\n", same(leaf[0], leaf[1]), mark ? mark : "none");

    /* Without a verify callback, two connections verified before either's
     * certificate is looked at: sessl's cache gave both one object. */
    if (server_verifies)
        SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    else
        SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    struct pair q[2];
    for (int i = 0; i < 2; i++) {
        q[i] = make_pair(cctx, sctx);
        CHECK(shake(&q[i]));
    }
    SSL *v0 = server_verifies ? q[0].server : q[0].client;
    SSL *v1 = server_verifies ? q[1].server : q[1].client;
    X509 *early = SSL_get0_peer_certificate(v0);
    CHECK(X509_set_ex_data(early, idx, "tagged") == 1);
    SHARING("  verified before being looked at: leaf %s, ex_data %s\n",
            same(early, SSL_get0_peer_certificate(v1)),
            X509_get_ex_data(SSL_get0_peer_certificate(v1), idx) ? "seen" : "none");

    /* The application changes a certificate it was handed (libcrypto keeps
     * the encoding it parsed); a later connection still verifies and gets
     * the certificate its peer sent. */
    ASN1_INTEGER *serial = ASN1_INTEGER_new();
    CHECK(serial && ASN1_INTEGER_set(serial, 4242) == 1);
    CHECK(X509_set_serialNumber(early, serial) == 1);
    ASN1_INTEGER_free(serial);
    struct pair third = make_pair(cctx, sctx);
    CHECK(shake(&third));
    SSL *v = server_verifies ? third.server : third.client;
    X509 *fresh = SSL_get0_peer_certificate(v);
    printf("  after a change: verify_result %ld, serial %s, leaf %s, ex_data %s\n", SSL_get_verify_result(v),
           ASN1_INTEGER_get(X509_get0_serialNumber(fresh)) == 4242 ? "changed" : "as sent",
           same(fresh, early), X509_get_ex_data(fresh, idx) ? "seen" : "none");

    for (int i = 0; i < 2; i++) {
        exchange(&p[i]);
        close_clean(&p[i]);
        exchange(&q[i]);
        close_clean(&q[i]);
    }
    close_clean(&third);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
#ifdef CACHE_OFF
    setenv("SESSL_X509_CACHE", "0", 1);
#endif
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++)
        for (int dir = 0; dir < 2; dir++)
            run(versions[v], dir);
    return 0;
}
