/* Context setters that fail: the return value and the SSL-library error
 * OpenSSL queues last (the entry a program reading ERR_peek_last_error or
 * printing the queue's end sees). OpenSSL may queue system or PEM entries
 * before it; sessl queues only the SSL one, so those are not compared. */
#include "common.h"
#include <openssl/err.h>

static void report(const char *what, int r)
{
    unsigned long e = ERR_peek_last_error();
    printf("%s -> %d, last error lib %d reason %d (%s)\n", what, r, ERR_GET_LIB(e),
           ERR_GET_REASON(e), e ? ERR_reason_error_string(e) : "none");
    ERR_clear_error();
}

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(ctx != NULL);
    report("certificate file missing",
           SSL_CTX_use_certificate_file(ctx, cert_path("missing.pem"), SSL_FILETYPE_PEM));
    report("certificate file type 7",
           SSL_CTX_use_certificate_file(ctx, cert_path("server.key"), 7));
    report("chain file without a certificate",
           SSL_CTX_use_certificate_chain_file(ctx, cert_path("ca-serial")));
    report("private key file missing",
           SSL_CTX_use_PrivateKey_file(ctx, cert_path("missing.key"), SSL_FILETYPE_PEM));
    report("check_private_key without certificate", SSL_CTX_check_private_key(ctx));
    report("groups list naming an unknown group", (int)SSL_CTX_set1_groups_list(ctx, "nope"));
    /* stunnel's default list: OpenSSL takes it whole, sessl leaves out X448
     * (not in rustls' provider) and takes the rest. */
    report("stunnel's default groups list",
           (int)SSL_CTX_set1_groups_list(ctx, "X25519:P-256:X448:P-521:P-384"));
    report("cipher list matching nothing", SSL_CTX_set_cipher_list(ctx, "NOPE"));
    report("TLS 1.3 suites naming an unknown suite", SSL_CTX_set_ciphersuites(ctx, "NOPE"));
    report("certificate chain file", SSL_CTX_use_certificate_chain_file(ctx, cert_path("server-chain.pem")));
    report("check_private_key without key", SSL_CTX_check_private_key(ctx));
    report("RSA private key of another certificate",
           SSL_CTX_use_PrivateKey_file(ctx, cert_path("ca.key"), SSL_FILETYPE_PEM));
    report("private key", SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM));
    report("check_private_key", SSL_CTX_check_private_key(ctx));
    SSL_CTX_free(ctx);
    return 0;
}
