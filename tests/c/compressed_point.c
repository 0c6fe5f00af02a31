/* A certificate whose EC key's point is written compressed (SEC 1 02/03 and
 * X, as OpenSSL's server-cecdsa-cert.pem): its key loads with it whether the
 * key file writes the point compressed or not (OpenSSL compares points, not
 * encodings) and so does the certificate of the same key written
 * uncompressed, another key does not, and a server and a client each present
 * it: the peer verifies the chain and the handshake signature, in TLS 1.2
 * and TLS 1.3. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

static void load(const char *label, const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(SSL_CTX_use_certificate_file(ctx, cert_path(cert), SSL_FILETYPE_PEM) == 1);
    int ok = SSL_CTX_use_PrivateKey_file(ctx, cert_path(key), SSL_FILETYPE_PEM);
    unsigned long e = ERR_peek_error();
    printf("%s: use_PrivateKey %d", label, ok);
    if (!ok)
        printf(" (lib %d reason %d)", ERR_GET_LIB(e), ERR_GET_REASON(e));
    ERR_clear_error();
    printf(", check_private_key %d\n", SSL_CTX_check_private_key(ctx));
    ERR_clear_error();
    SSL_CTX_free(ctx);
}

static SSL_CTX *with_compressed(SSL_CTX *ctx)
{
    CHECK(SSL_CTX_use_certificate_file(ctx, cert_path("cec.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path("cec.key"), SSL_FILETYPE_PEM) == 1);
    return ctx;
}

static const char *key_of(X509 *x)
{
    if (!x)
        return "none";
    return EVP_PKEY_get_base_id(X509_get0_pubkey(x)) == EVP_PKEY_EC ? "EC" : "other";
}

/* The server presents the compressed-point certificate, or (client_auth)
 * the client does and the server requires one. */
static void connect_with(long version, int client_auth)
{
    SSL_CTX *sctx = client_auth ? server_ctx(version) : with_compressed(SSL_CTX_new(TLS_server_method()));
    SSL_CTX *cctx = client_auth ? with_compressed(client_ctx(version)) : client_ctx(version);
    CHECK(SSL_CTX_set_max_proto_version(sctx, version) == 1);
    if (client_auth) {
        CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
        SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    }
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    SSL *verifier = client_auth ? p.server : p.client;
    printf("%s %s: handshake %d", version_name(version), client_auth ? "client auth" : "server",
           ok);
    if (ok) {
        X509 *peer = SSL_get1_peer_certificate(verifier);
        int nid = 0;
        printf(", verify %ld, peer key %s", SSL_get_verify_result(verifier), key_of(peer));
        if (SSL_get_peer_signature_type_nid(verifier, &nid) == 1)
            printf(", peer signature %s", OBJ_nid2sn(nid));
        X509_free(peer);
        exchange(&p);
    }
    printf("\n");
    ERR_clear_error();
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    load("compressed key file", "cec.pem", "cec.key");
    load("uncompressed key file", "cec.pem", "cec-full.key");
    load("another EC key", "cec.pem", "leaf-inter.key");
    load("uncompressed certificate, compressed key file", "cec-full.pem", "cec.key");
    connect_with(TLS1_2_VERSION, 0);
    connect_with(TLS1_3_VERSION, 0);
    connect_with(TLS1_2_VERSION, 1);
    connect_with(TLS1_3_VERSION, 1);
    return 0;
}
