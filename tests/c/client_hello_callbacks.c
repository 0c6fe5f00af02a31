/* The server's ClientHello callbacks: the servername callback (with its
 * argument) runs on every handshake, with or without a name, before the ALPN
 * select callback, which runs only when the client offers protocols; what
 * each returns decides the handshake (OK, NOACK, ALERT_FATAL); a fatal
 * answer sends the client the servername callback's alert (unrecognized_name
 * unless it set another) or, from the ALPN callback, no_application_protocol. */
#include "common.h"
#include <openssl/err.h>

static int servername_calls, servername_ret, servername_alert, alpn_calls, alpn_ret;
static int marker;

static int on_servername(SSL *ssl, int *al, void *arg)
{
    if (servername_alert)
        *al = servername_alert;
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    printf("  servername cb: name %s, arg ok %d, alpn cb ran before %d\n", name ? name : "(none)",
           arg == &marker, alpn_calls > 0);
    servername_calls++;
    return servername_ret;
}

/* Chooses "http/1.1" if offered, else the first protocol. */
static int on_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
                   unsigned int inlen, void *arg)
{
    (void)ssl;
    printf("  alpn cb: %u bytes offered, arg ok %d\n", inlen, arg == &marker);
    alpn_calls++;
    *out = in + 1;
    *outlen = in[0];
    for (unsigned int i = 0; i < inlen; i += 1 + in[i])
        if (in[i] == 8 && memcmp(in + i + 1, "http/1.1", 8) == 0) {
            *out = in + i + 1;
            *outlen = 8;
        }
    return alpn_ret;
}

static void show_alpn(const char *who, SSL *ssl)
{
    const unsigned char *p = NULL;
    unsigned int len = 0;
    SSL_get0_alpn_selected(ssl, &p, &len);
    printf("  %s alpn: %.*s (%u)\n", who, (int)len, p ? (const char *)p : "", len);
}

static void attempt(long version, const char *sni, int offer_alpn, int sn_ret, int alpn_ret_value,
                    SSL_SESSION **keep)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(0);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_set_tlsext_servername_callback(sctx, on_servername);
    SSL_CTX_set_tlsext_servername_arg(sctx, &marker);
    SSL_CTX_set_alpn_select_cb(sctx, on_alpn, &marker);
    static const unsigned char protos[] = "\x02h2\x08http/1.1";
    if (offer_alpn)
        CHECK(SSL_CTX_set_alpn_protos(cctx, protos, sizeof(protos) - 1) == 0);
    servername_calls = alpn_calls = 0;
    servername_ret = sn_ret;
    alpn_ret = alpn_ret_value;
    printf("%s sni=%s alpn=%d servername_ret=%d alpn_ret=%d\n", version == TLS1_2_VERSION ? "tls12" : "tls13",
           sni ? sni : "-", offer_alpn, sn_ret, alpn_ret_value);
    for (int round = 0; round < (keep ? 2 : 1); round++) {
        struct pair p = make_pair(cctx, sctx);
        if (sni)
            CHECK(SSL_set_tlsext_host_name(p.client, sni) == 1);
        if (round == 1)
            CHECK(SSL_set_session(p.client, *keep) == 1);
        int ok = handshake(&p);
        printf("  round %d: handshake %d, servername calls %d, alpn calls %d\n", round, ok, servername_calls,
               alpn_calls);
        if (ok) {
            printf("  reused %d\n", SSL_session_reused(p.server));
            show_alpn("client", p.client);
            show_alpn("server", p.server);
            exchange(&p);
            if (round == 0 && keep)
                *keep = SSL_get1_session(p.client);
            close_clean(&p);
        } else {
            printf("  server's error: %s\n", ERR_reason_error_string(ERR_peek_last_error()));
            ERR_clear_error();
            /* The client reads the server's alert. */
            int r = SSL_connect(p.client);
            printf("  client: %d, error: %s\n", r, ERR_reason_error_string(ERR_peek_last_error()));
            ERR_clear_error();
            close_unclean(&p);
        }
    }
    ERR_clear_error();
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int i = 0; i < 2; i++) {
        long v = versions[i];
        SSL_SESSION *s = NULL;
        attempt(v, "localhost", 1, SSL_TLSEXT_ERR_OK, SSL_TLSEXT_ERR_OK, &s);
        SSL_SESSION_free(s);
        attempt(v, NULL, 0, SSL_TLSEXT_ERR_OK, SSL_TLSEXT_ERR_OK, NULL);
        attempt(v, "localhost", 1, SSL_TLSEXT_ERR_NOACK, SSL_TLSEXT_ERR_NOACK, NULL);
        attempt(v, "localhost", 1, SSL_TLSEXT_ERR_ALERT_FATAL, SSL_TLSEXT_ERR_OK, NULL);
        attempt(v, "localhost", 1, SSL_TLSEXT_ERR_OK, SSL_TLSEXT_ERR_ALERT_FATAL, NULL);
        servername_alert = SSL_AD_ACCESS_DENIED;
        attempt(v, "localhost", 1, SSL_TLSEXT_ERR_ALERT_FATAL, SSL_TLSEXT_ERR_OK, NULL);
        servername_alert = 40; /* handshake_failure */
        attempt(v, NULL, 0, SSL_TLSEXT_ERR_ALERT_FATAL, SSL_TLSEXT_ERR_OK, NULL);
        servername_alert = 0;
    }
    return 0;
}
