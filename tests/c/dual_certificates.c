/* A server context with two certificates of different key types, as
 * Python's test_dual_rsa_ecc loads them: an ECDSA chain and key, then an
 * RSA one (SSL_CTX_use_certificate_chain_file + SSL_CTX_use_PrivateKey_file
 * each). OpenSSL keeps one certificate per key type; the last loaded is
 * current (SSL_CTX_get0_certificate, check_private_key), and each client
 * gets the certificate its suites (TLS 1.2) or signature algorithms
 * (TLS 1.3) can take. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

static void connect_with(SSL_CTX *sctx, const char *label, long max, const char *ciphers,
                         const char *sigalgs)
{
    SSL_CTX *cctx = client_ctx(max);
    if (ciphers)
        CHECK(SSL_CTX_set_cipher_list(cctx, ciphers) == 1);
    if (sigalgs)
        CHECK(SSL_CTX_set1_sigalgs_list(cctx, sigalgs) == 1);
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    printf("%s: handshake %d", label, ok);
    if (ok) {
        X509 *peer = SSL_get1_peer_certificate(p.client);
        printf(", %s, %s, server certificate %s", SSL_get_version(p.client),
               SSL_get_cipher_name(p.client), key_type(peer));
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
    CHECK(SSL_CTX_use_certificate_chain_file(sctx, cert_path("leaf-inter-chain.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(sctx, cert_path("leaf-inter.key"), SSL_FILETYPE_PEM) == 1);
    printf("after the EC pair: current %s, check_private_key %d\n",
           key_type(SSL_CTX_get0_certificate(sctx)), SSL_CTX_check_private_key(sctx));
    CHECK(SSL_CTX_use_certificate_chain_file(sctx, cert_path("server-chain.pem")) == 1);
    printf("after the RSA certificate: current %s\n", key_type(SSL_CTX_get0_certificate(sctx)));
    CHECK(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    printf("after the RSA key: current %s, check_private_key %d\n",
           key_type(SSL_CTX_get0_certificate(sctx)), SSL_CTX_check_private_key(sctx));

    connect_with(sctx, "TLS 1.2 ECDSA suites", TLS1_2_VERSION, "ECDHE-ECDSA-AES128-GCM-SHA256", NULL);
    connect_with(sctx, "TLS 1.2 RSA suites", TLS1_2_VERSION, "ECDHE-RSA-AES128-GCM-SHA256", NULL);
    connect_with(sctx, "TLS 1.3 ECDSA signatures", 0, NULL, "ECDSA+SHA256");
    connect_with(sctx, "TLS 1.3 RSA-PSS signatures", 0, NULL, "rsa_pss_rsae_sha256");
    connect_with(sctx, "TLS 1.2 both", TLS1_2_VERSION, NULL, NULL);
    connect_with(sctx, "TLS 1.3 both", 0, NULL, NULL);
    SSL_CTX_free(sctx);
    return 0;
}
