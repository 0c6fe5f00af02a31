/* Which certificate each side presents when it has several (OpenSSL keeps
 * one per key type), and when none will do:
 * - a TLS 1.2 server leaves out an ECDSA certificate whose curve the
 *   client's supported groups leave out, and fails with no shared cipher
 *   when nothing else remains (alert handshake_failure); TLS 1.3 does not
 *   tie the certificate's curve to the groups;
 * - a TLS 1.3 client presents the certificate whose key the signature
 *   algorithms of the server's CertificateRequest take;
 * - a TLS 1.3 server whose client signature algorithms have none valid in
 *   TLS 1.3 fails before it asks for a certificate. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

static void on_info(const SSL *s, int where, int ret)
{
    if (where & SSL_CB_ALERT)
        printf("  %s %s alert: %s\n", SSL_is_server(s) ? "server" : "client",
               (where & SSL_CB_WRITE) ? "sent" : "received", SSL_alert_desc_string_long(ret));
}

/* The reasons of the errors queued, oldest first; the queue emptied. */
static void print_reasons(const char *side)
{
    unsigned long e;
    printf("  %s fails, reasons", side);
    while ((e = ERR_get_error()) != 0)
        printf(" %d", ERR_GET_REASON(e));
    printf("\n");
}

/* Both handshakes stepped in turn; the first side to fail stops it and its
 * first error reason is printed. */
static void run(const char *label, SSL_CTX *cctx, SSL_CTX *sctx)
{
    SSL_CTX_set_info_callback(cctx, on_info);
    SSL_CTX_set_info_callback(sctx, on_info);
    struct pair p = make_pair(cctx, sctx);
    int cdone = 0, sdone = 0, failed = 0;
    printf("%s:\n", label);
    for (int i = 0; i < 100 && !(cdone && sdone) && !failed; i++) {
        if (!cdone) {
            int r = SSL_connect(p.client);
            if (r == 1) {
                cdone = 1;
            } else if (!want(p.client, r)) {
                print_reasons("client");
                failed = 1;
                break;
            }
        }
        if (!sdone) {
            int r = SSL_accept(p.server);
            if (r == 1) {
                sdone = 1;
            } else if (!want(p.server, r)) {
                print_reasons("server");
                failed = 1;
            }
        }
    }
    if (!failed) {
        X509 *server_cert = SSL_get1_peer_certificate(p.client);
        X509 *client_cert = SSL_get1_peer_certificate(p.server);
        printf("  %s, server presents %s, client presents %s\n",
               version_name(SSL_version(p.client)), key_type(server_cert), key_type(client_cert));
        X509_free(server_cert);
        X509_free(client_cert);
        exchange(&p);
    }
    ERR_clear_error();
    close_unclean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* Loads an RSA and an EC P-256 certificate and key (the RSA ones last, so
 * current), or the EC pair alone. */
static SSL_CTX *with_certs(SSL_CTX *ctx, int rsa)
{
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path("leaf-inter-chain.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path("leaf-inter.key"), SSL_FILETYPE_PEM) == 1);
    if (rsa) {
        CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path("server-chain.pem")) == 1);
        CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    }
    return ctx;
}

static SSL_CTX *server(long max, int rsa)
{
    SSL_CTX *ctx = with_certs(SSL_CTX_new(TLS_server_method()), rsa);
    CHECK(SSL_CTX_set_max_proto_version(ctx, max) == 1);
    return ctx;
}

/* A client offering only `groups`, and (TLS 1.2) only `ciphers`. */
static SSL_CTX *client(long max, const char *groups, const char *ciphers)
{
    SSL_CTX *ctx = client_ctx(max);
    CHECK(SSL_CTX_set1_groups_list(ctx, groups) == 1);
    if (ciphers)
        CHECK(SSL_CTX_set_cipher_list(ctx, ciphers) == 1);
    return ctx;
}

/* A server requiring a client certificate signed with `sigalgs`. */
static SSL_CTX *asking_server(long max, const char *sigalgs, int mode)
{
    SSL_CTX *ctx = server_ctx(max);
    CHECK(SSL_CTX_set1_client_sigalgs_list(ctx, sigalgs) == 1);
    CHECK(SSL_CTX_load_verify_locations(ctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(ctx, mode, NULL);
    return ctx;
}

int main(void)
{
    const int require = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;

    run("TLS 1.2, ECDSA suites, client groups P-384", client(TLS1_2_VERSION, "P-384", "aECDSA"),
        server(TLS1_2_VERSION, 1));
    run("TLS 1.2, ECDSA suites, client groups P-384:P-256",
        client(TLS1_2_VERSION, "P-384:P-256", "aECDSA"), server(TLS1_2_VERSION, 1));
    run("TLS 1.2, any suite, client groups P-384", client(TLS1_2_VERSION, "P-384", NULL),
        server(TLS1_2_VERSION, 1));
    run("TLS 1.2, EC certificate alone, client groups P-384", client(TLS1_2_VERSION, "P-384", NULL),
        server(TLS1_2_VERSION, 0));
    run("TLS 1.3, EC certificate alone, client groups P-384", client(TLS1_3_VERSION, "P-384", NULL),
        server(TLS1_3_VERSION, 0));

    run("TLS 1.3, server asks for ECDSA+SHA256", with_certs(client_ctx(TLS1_3_VERSION), 1),
        asking_server(TLS1_3_VERSION, "ECDSA+SHA256", require));
    run("TLS 1.3, server asks for RSA-PSS+SHA256", with_certs(client_ctx(TLS1_3_VERSION), 1),
        asking_server(TLS1_3_VERSION, "RSA-PSS+SHA256", require));
    run("TLS 1.3, server asks for no TLS 1.3 algorithm", client_ctx(TLS1_3_VERSION),
        asking_server(TLS1_3_VERSION, "ECDSA+SHA1:RSA+SHA256", SSL_VERIFY_PEER));
    run("TLS 1.2, server asks for ECDSA+SHA1:RSA+SHA256", with_certs(client_ctx(TLS1_2_VERSION), 1),
        asking_server(TLS1_2_VERSION, "ECDSA+SHA1:RSA+SHA256", SSL_VERIFY_PEER));
    return 0;
}
