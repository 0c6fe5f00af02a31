/* SSL_set_SSL_CTX from the servername callback: the connection answers with
 * the other context's certificate and SSL_get_SSL_CTX names it, while its
 * sessions stay in the context the connection was made from, with its
 * session id context. */
#include "common.h"
#include <openssl/x509.h>

static SSL_CTX *other;

static int on_servername(SSL *ssl, int *al, void *arg)
{
    (void)al;
    (void)arg;
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    if (name && strcmp(name, "other.test") == 0) {
        SSL_CTX *r = SSL_set_SSL_CTX(ssl, other);
        printf("  switched: returned other %d, get_SSL_CTX other %d\n", r == other, SSL_get_SSL_CTX(ssl) == other);
    }
    return SSL_TLSEXT_ERR_OK;
}

static void show_peer(SSL *client)
{
    X509 *cert = SSL_get1_peer_certificate(client);
    char buf[256] = "(none)";
    if (cert)
        X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof(buf));
    printf("  peer: %s\n", buf);
    X509_free(cert);
}

static void run(long version, int no_ticket)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = SSL_CTX_new(TLS_client_method());
    other = SSL_CTX_new(TLS_server_method());
    CHECK(cctx && other);
    CHECK(SSL_CTX_use_certificate_file(other, cert_path("ca.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(other, cert_path("ca.key"), SSL_FILETYPE_PEM) == 1);
    if (no_ticket)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    CHECK(SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"first", 5) == 1);
    CHECK(SSL_CTX_set_session_id_context(other, (const unsigned char *)"other", 5) == 1);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_set_tlsext_servername_callback(sctx, on_servername);
    printf("%s no_ticket=%d\n", version == TLS1_2_VERSION ? "tls12" : "tls13", no_ticket);
    const char *names[] = {"localhost", "other.test"};
    for (int n = 0; n < 2; n++) {
        SSL_SESSION *s = NULL;
        for (int round = 0; round < 2; round++) {
            struct pair p = make_pair(cctx, sctx);
            CHECK(SSL_set_tlsext_host_name(p.client, names[n]) == 1);
            if (s)
                CHECK(SSL_set_session(p.client, s) == 1);
            CHECK(handshake(&p));
            unsigned int len = 0;
            const unsigned char *sid = SSL_SESSION_get0_id_context(SSL_get_session(p.server), &len);
            printf(" %s round %d: reused %d, server ctx is first %d, session id context %.*s\n", names[n], round,
                   SSL_session_reused(p.server), SSL_get_SSL_CTX(p.server) == sctx, (int)len, (const char *)sid);
            show_peer(p.client);
            exchange(&p);
            if (!s)
                s = SSL_get1_session(p.client);
            close_clean(&p);
        }
        SSL_SESSION_free(s);
    }
    printf(" cached: first %ld, other %ld\n", SSL_CTX_sess_number(sctx), SSL_CTX_sess_number(other));
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(other);
}

int main(void)
{
    run(TLS1_2_VERSION, 1);
    run(TLS1_2_VERSION, 0);
    run(TLS1_3_VERSION, 0);
    return 0;
}
