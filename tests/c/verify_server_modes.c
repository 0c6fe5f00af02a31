/* A server verifying clients, as OpenSSL 3 does: SSL_VERIFY_PEER with a
 * client that has no certificate (accepted) and with FAIL_IF_NO_PEER_CERT
 * (refused: both sides' errors); a good client certificate (peer chains and
 * verified chains on both sides, with and without the client's automatic
 * chain); a client of another CA (20) and one with the wrong purpose (26);
 * SSL_set_verify on one server SSL only; the CA list the server sends.
 * TLS 1.2 and 1.3. */
#include "verify_common.h"
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

static void print_side(const char *who, SSL *ssl)
{
    X509 *peer = SSL_get1_peer_certificate(ssl);
    char cn[128] = "(none)";
    if (peer)
        X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, cn, sizeof(cn));
    long r = SSL_get_verify_result(ssl);
    printf("    %s: verify_result %ld (%s) peer %s peer_cert_chain %d verified_chain %d\n", who, r,
           X509_verify_cert_error_string(r), cn, count(SSL_get_peer_cert_chain(ssl)),
           count(SSL_get0_verified_chain(ssl)));
    X509_free(peer);
}

enum kind { NO_CERT, NO_CERT_FAIL_IF, GOOD, GOOD_NO_AUTO_CHAIN, OTHER_CA, WRONG_PURPOSE, SSL_ONLY, CA_LIST, END };
static const char *kind_name[] = {
    "PEER, client without cert", "PEER|FAIL_IF_NO_PEER_CERT, client without cert", "PEER, client.pem",
    "PEER, client.pem, client SSL_MODE_NO_AUTO_CHAIN", "PEER, client2.pem (ca2)",
    "PEER, server-eku-only.pem", "ctx NONE, SSL_set_verify(PEER) on the first server SSL only",
    "PEER|FAIL_IF_NO_PEER_CERT, client CA list from ca.pem, client.pem",
};

static void run(long version, enum kind k)
{
    SSL_CTX *sctx = server_ctx(version);
    SSL_CTX *cctx = client_ctx(version);
    const char *cert = k == OTHER_CA ? "client2" : k == WRONG_PURPOSE ? "server-eku-only" : "client";
    char pem[64], key[64];
    snprintf(pem, sizeof(pem), "%s.pem", cert);
    snprintf(key, sizeof(key), "%s.key", cert);
    if (k != NO_CERT && k != NO_CERT_FAIL_IF) {
        CHECK(SSL_CTX_use_certificate_chain_file(cctx, cert_path(pem)) == 1);
        CHECK(SSL_CTX_use_PrivateKey_file(cctx, cert_path(key), SSL_FILETYPE_PEM) == 1);
    }
    if (k == GOOD_NO_AUTO_CHAIN)
        SSL_CTX_set_mode(cctx, SSL_MODE_NO_AUTO_CHAIN);
    CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
    int mode = SSL_VERIFY_PEER;
    if (k == NO_CERT_FAIL_IF || k == CA_LIST)
        mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    SSL_CTX_set_verify(sctx, k == SSL_ONLY ? SSL_VERIFY_NONE : mode, NULL);
    if (k == CA_LIST) {
        STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(cert_path("ca.pem"));
        CHECK(names != NULL);
        SSL_CTX_set_client_CA_list(sctx, names);
        printf("server ctx client CA list %d\n", sk_X509_NAME_num(SSL_CTX_get_client_CA_list(sctx)));
    }
    printf("%s %s\n", version_name((int)version), kind_name[k]);
    int rounds = k == SSL_ONLY ? 2 : 1;
    for (int i = 0; i < rounds; i++) {
        struct pair p = make_pair(cctx, sctx);
        if (k == SSL_ONLY && i == 0)
            SSL_set_verify(p.server, SSL_VERIFY_PEER, NULL);
        if (k == SSL_ONLY)
            printf("  server SSL %d mode %d\n", i, SSL_get_verify_mode(p.server));
        int ok = shake(&p);
        printf("    handshake %d\n", ok);
        print_side("server", p.server);
        if (ok)
            print_side("client", p.client);
        if (k == CA_LIST) {
            STACK_OF(X509_NAME) *got = SSL_get_client_CA_list(p.client);
            const STACK_OF(X509_NAME) *peer = SSL_get0_peer_CA_list(p.client);
            printf("    client: get_client_CA_list %d get0_peer_CA_list %d\n", got ? sk_X509_NAME_num(got) : -1,
                   peer ? sk_X509_NAME_num(peer) : -1);
        }
        if (ok) {
            exchange(&p);
            close_clean(&p);
        } else {
            close_unclean(&p);
        }
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++)
        for (int k = NO_CERT; k < END; k++)
            run(versions[v], k);
    return 0;
}
