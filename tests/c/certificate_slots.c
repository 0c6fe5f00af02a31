/* OpenSSL keeps a certificate and a key per key type (a slot each), and a
 * key goes to the slot of its own type: an SSL_CONF section (OpenSSL's
 * ssl_test loads its servers so) may load an RSA certificate, then an EC
 * certificate and key, then the RSA key last. Each load succeeds, the RSA
 * pair is current, and the server presents either pair. A key loaded
 * again goes to its own slot, and a key loaded before its certificate
 * waits for it there. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

static int load(SSL_CTX *ctx, const char *what, int ok)
{
    printf("%s: %d\n", what, ok);
    ERR_clear_error();
    return ok;
}

static void connect_with(SSL_CTX *sctx, const char *label, const char *sigalgs)
{
    SSL_CTX *cctx = client_ctx(0);
    CHECK(SSL_CTX_set1_sigalgs_list(cctx, sigalgs) == 1);
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    printf("%s: handshake %d", label, ok);
    if (ok) {
        X509 *peer = SSL_get1_peer_certificate(p.client);
        printf(", server certificate %s", key_type(peer));
        X509_free(peer);
        exchange(&p);
    }
    printf("\n");
    ERR_clear_error();
    close_clean(&p);
    SSL_CTX_free(cctx);
}

int main(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    load(sctx, "RSA certificate",
         SSL_CTX_use_certificate_chain_file(sctx, cert_path("server-chain.pem")));
    load(sctx, "EC certificate",
         SSL_CTX_use_certificate_chain_file(sctx, cert_path("leaf-inter-chain.pem")));
    load(sctx, "EC key", SSL_CTX_use_PrivateKey_file(sctx, cert_path("leaf-inter.key"), SSL_FILETYPE_PEM));
    printf("current %s\n", key_type(SSL_CTX_get0_certificate(sctx)));
    load(sctx, "RSA key", SSL_CTX_use_PrivateKey_file(sctx, cert_path("server.key"), SSL_FILETYPE_PEM));
    printf("current %s, check_private_key %d\n", key_type(SSL_CTX_get0_certificate(sctx)),
           SSL_CTX_check_private_key(sctx));
    connect_with(sctx, "ECDSA signatures", "ECDSA+SHA256");
    connect_with(sctx, "RSA-PSS signatures", "rsa_pss_rsae_sha256");

    /* The EC key again while the RSA slot is current: it goes to the EC slot. */
    load(sctx, "EC key again", SSL_CTX_use_PrivateKey_file(sctx, cert_path("leaf-inter.key"), SSL_FILETYPE_PEM));
    printf("current %s, check_private_key %d\n", key_type(SSL_CTX_get0_certificate(sctx)),
           SSL_CTX_check_private_key(sctx));
    SSL_CTX_free(sctx);

    /* A key first: a certificate of another type leaves it in its slot, and
     * the certificate of its type joins it. */
    sctx = SSL_CTX_new(TLS_server_method());
    load(sctx, "EC key alone", SSL_CTX_use_PrivateKey_file(sctx, cert_path("leaf-inter.key"), SSL_FILETYPE_PEM));
    load(sctx, "RSA certificate",
         SSL_CTX_use_certificate_chain_file(sctx, cert_path("server-chain.pem")));
    load(sctx, "EC certificate",
         SSL_CTX_use_certificate_chain_file(sctx, cert_path("leaf-inter-chain.pem")));
    printf("current %s, check_private_key %d\n", key_type(SSL_CTX_get0_certificate(sctx)),
           SSL_CTX_check_private_key(sctx));
    ERR_clear_error();
    connect_with(sctx, "ECDSA signatures", "ECDSA+SHA256");
    connect_with(sctx, "RSA-PSS signatures (no RSA key)", "rsa_pss_rsae_sha256");
    SSL_CTX_free(sctx);
    return 0;
}
