/* SSL_get_shared_sigalgs (sslapitest's test_sigalgs_available): the peer's signature
 * algorithms kept where ours has them, in the peer's order (ours under
 * SSL_OP_CIPHER_SERVER_PREFERENCE), during the handshake (the certificate callbacks) and
 * after it, on a server and on a client that was asked for a certificate (none otherwise);
 * 0 for a negative index. Both ends set their lists, since a sessl client's default list
 * is rustls' (docs/divergences.md). A TLS 1.3 client's list ("~" lines) lacks the
 * rsa_pkcs1 schemes of its server's request: rustls hands over only those usable in
 * TLS 1.3. */
#include "common.h"

static void show(const char *label, SSL *ssl)
{
    int n = SSL_get_shared_sigalgs(ssl, 0, NULL, NULL, NULL, NULL, NULL);
    printf("%s: shared %d:", label, n);
    for (int i = 0; i < n; i++) {
        int sign = -1, hash = -1, both = -1;
        unsigned char rsig = 0, rhash = 0;
        CHECK(SSL_get_shared_sigalgs(ssl, i, &sign, &hash, &both, &rsig, &rhash) == n);
        printf(" %02x%02x(%d,%d,%d)", rhash, rsig, sign, hash, both);
    }
    printf(" negative %d past %d\n", SSL_get_shared_sigalgs(ssl, -1, NULL, NULL, NULL, NULL, NULL),
           SSL_get_shared_sigalgs(ssl, n, NULL, NULL, NULL, NULL, NULL));
}

static int cert_cb(SSL *ssl, void *arg)
{
    show((const char *)arg, ssl);
    return 1;
}

static const char *CLIENT_LIST = "RSA-PSS+SHA256:ECDSA+SHA256:RSA+SHA256:rsa_pss_rsae_sha384";
static const char *SERVER_LIST = "rsa_pss_rsae_sha384:RSA+SHA256:ECDSA+SHA384:RSA-PSS+SHA256";

static void run(long version, int client_auth, int server_order)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    int tls13 = version == TLS1_3_VERSION;
    CHECK(SSL_CTX_set1_sigalgs_list(cctx, CLIENT_LIST) == 1);
    CHECK(SSL_CTX_set1_sigalgs_list(sctx, SERVER_LIST) == 1);
    SSL_CTX_set_cert_cb(sctx, cert_cb, "  server during");
    if (server_order)
        SSL_CTX_set_options(sctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (client_auth) {
        CHECK(SSL_CTX_set1_client_sigalgs_list(sctx, SERVER_LIST) == 1);
        SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
        SSL_CTX_set_cert_cb(cctx, cert_cb, tls13 ? "~ client during" : "  client during");
    }
    printf("%s client auth %d server order %d\n", version_name((int)version), client_auth,
           server_order);
    struct pair p = make_pair(cctx, sctx);
    show("  client before", p.client);
    CHECK(handshake(&p));
    show(tls13 && client_auth ? "~ client after" : "  client after", p.client);
    show("  server after", p.server);
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++) {
        run(versions[v], 0, 0);
        run(versions[v], 0, 1);
        run(versions[v], 1, 0);
    }
    return 0;
}
