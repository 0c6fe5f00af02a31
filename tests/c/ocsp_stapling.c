/* OCSP stapling through the status callback: a server's callback staples a
 * response with SSL_set_tlsext_status_ocsp_resp; a client that asked with
 * SSL_set_tlsext_status_type gets it in its own callback and from
 * SSL_get_tlsext_status_ocsp_resp, and refuses the handshake by returning 0.
 * Under TLS 1.2 and TLS 1.3. */
#include "common.h"
#include <openssl/crypto.h>
#include <openssl/err.h>

static const char RESPONSE[] = "not really an OCSPResponse";

static int server_answer; /* SSL_TLSEXT_ERR_OK or SSL_TLSEXT_ERR_NOACK */
static int server_calls;

static int server_status(SSL *ssl, void *arg)
{
    server_calls++;
    CHECK(arg == &server_answer);
    if (server_answer == SSL_TLSEXT_ERR_OK) {
        unsigned char *copy = OPENSSL_malloc(sizeof(RESPONSE));
        CHECK(copy != NULL);
        memcpy(copy, RESPONSE, sizeof(RESPONSE));
        CHECK(SSL_set_tlsext_status_ocsp_resp(ssl, copy, sizeof(RESPONSE)) == 1);
    }
    return server_answer;
}

static int client_verdict;

static int client_status(SSL *ssl, void *arg)
{
    const unsigned char *resp = NULL;
    long len = SSL_get_tlsext_status_ocsp_resp(ssl, &resp);
    (void)arg;
    printf("  client callback: %ld bytes%s\n", len,
           len > 0 && memcmp(resp, RESPONSE, len) == 0 ? ", the server's" : "");
    return client_verdict;
}

static void run(long version, int ask, int answer, int verdict)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    server_answer = answer;
    client_verdict = verdict;
    server_calls = 0;
    CHECK(SSL_CTX_set_tlsext_status_cb(sctx, server_status) == 1);
    CHECK(SSL_CTX_set_tlsext_status_arg(sctx, &server_answer) == 1);
    CHECK(SSL_CTX_set_tlsext_status_cb(cctx, client_status) == 1);
    struct pair p = make_pair(cctx, sctx);
    if (ask)
        CHECK(SSL_set_tlsext_status_type(p.client, TLSEXT_STATUSTYPE_ocsp) == 1);
    printf("%s, client %s, server %s, client verdict %d:\n", version_name(version),
           ask ? "asks" : "does not ask", answer == SSL_TLSEXT_ERR_OK ? "staples" : "declines",
           verdict);
    int ok = handshake(&p);
    printf("  handshake %s\n", ok ? "done" : "failed");
    if (ask)
        printf("  server callback called %d\n", server_calls);
    else if (server_calls)
        DIVERGE("server callback called %d for a client that did not ask\n", server_calls);
    const unsigned char *resp = NULL;
    long len = SSL_get_tlsext_status_ocsp_resp(p.client, &resp);
    printf("  client sees %ld bytes (%s)\n", len, resp ? "set" : "NULL");
    printf("  status type %ld\n", (long)SSL_get_tlsext_status_type(p.client));
    ERR_clear_error();
    if (ok)
        close_clean(&p);
    else
        close_unclean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int i = 0; i < 2; i++) {
        run(versions[i], 1, SSL_TLSEXT_ERR_OK, 1);
        run(versions[i], 1, SSL_TLSEXT_ERR_NOACK, 1);
        run(versions[i], 0, SSL_TLSEXT_ERR_OK, 1);
        run(versions[i], 1, SSL_TLSEXT_ERR_OK, 0);
    }
    return 0;
}
