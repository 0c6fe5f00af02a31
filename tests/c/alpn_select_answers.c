/* The server's ALPN select callback's answers, as sslapitest's test_alpn
 * checks: a protocol (sent, even one the client did not offer: the client
 * then fails), SSL_TLSEXT_ERR_OK with an empty selection (OpenSSL cannot copy
 * it: an internal_error alert), SSL_TLSEXT_ERR_NOACK (no ALPN) and
 * SSL_TLSEXT_ERR_ALERT_FATAL (no_application_protocol). */
#include <openssl/err.h>

#include "common.h"

static const unsigned char foo[] = {3, 'f', 'o', 'o'};
static const unsigned char bar[] = {3, 'b', 'a', 'r'};

static int select_cb(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                     const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)ssl, (void)in, (void)inlen;
    switch (*(int *)arg) {
    case 0:
        *out = foo + 1;
        *outlen = foo[0];
        return SSL_TLSEXT_ERR_OK;
    case 1:
        *out = bar + 1;
        *outlen = bar[0];
        return SSL_TLSEXT_ERR_OK;
    case 2:
        *outlen = 0;
        return SSL_TLSEXT_ERR_OK;
    case 3:
        *out = NULL;
        *outlen = 3;
        return SSL_TLSEXT_ERR_OK;
    case 4:
        return SSL_TLSEXT_ERR_NOACK;
    default:
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    }
}

static void print_errors(const char *who)
{
    unsigned long e;
    printf("  %s errors:", who);
    while ((e = ERR_get_error()) != 0)
        printf(" %s", ERR_reason_error_string(e) ? ERR_reason_error_string(e) : "?");
    printf("\n");
}

int main(void)
{
    static const char *what[] = {"foo", "bar", "empty", "NULL", "NOACK", "ALERT_FATAL"};
    for (int i = 0; i < 6; i++) {
        for (long v = TLS1_2_VERSION; v <= TLS1_3_VERSION; v++) {
            SSL_CTX *sctx = server_ctx(v), *cctx = client_ctx(0);
            SSL_CTX_set_alpn_select_cb(sctx, select_cb, &i);
            struct pair p = make_pair(cctx, sctx);
            CHECK(SSL_set_alpn_protos(p.client, foo, sizeof(foo)) == 0);
            int ok = handshake(&p);
            const unsigned char *c = NULL, *s = NULL;
            unsigned int clen = 0, slen = 0;
            SSL_get0_alpn_selected(p.client, &c, &clen);
            SSL_get0_alpn_selected(p.server, &s, &slen);
            /* rustls' server cannot send a protocol the client did not
             * offer: it fails itself with no_application_protocol. */
            if (i == 1)
                printf("~ ");
            printf("%s %s: handshake %d client %.*s (%u) server %.*s (%u)\n", what[i],
                   version_name(v), ok, (int)clen, c ? (const char *)c : "", clen, (int)slen,
                   s ? (const char *)s : "", slen);
            if (i == 1)
                printf("~ ");
            print_errors("client");
            ERR_clear_error();
            close_unclean(&p);
            SSL_CTX_free(cctx);
            SSL_CTX_free(sctx);
        }
    }
    return 0;
}
