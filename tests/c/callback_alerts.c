/* Alerts a failing application callback makes a side send reach its info
 * callback as sent (SSL_CB_WRITE_ALERT), as OpenSSL's ssl_test checks them:
 * a server's ALPN callback answering SSL_TLSEXT_ERR_ALERT_FATAL
 * (no_application_protocol), its servername callback refusing the name
 * (unrecognized_name), and a client's certificate verify callback
 * (SSL_CTX_set_cert_verify_callback) refusing the chain (certificate_unknown,
 * or handshake_failure with X509_V_ERR_APPLICATION_VERIFICATION); and a
 * server whose only certificate is below its security level (set after the
 * certificate) refuses the client with internal_error. */
#include "common.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

static void on_info(const SSL *s, int where, int ret)
{
    if (where & SSL_CB_ALERT)
        printf("  %s %s alert: %s %s\n", SSL_is_server(s) ? "server" : "client",
               (where & SSL_CB_WRITE) ? "sent" : "received", SSL_alert_type_string_long(ret),
               SSL_alert_desc_string_long(ret));
}

static int refuse_alpn(SSL *s, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)s, (void)out, (void)outlen, (void)in, (void)inlen, (void)arg;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
}

static int refuse_name(SSL *s, int *alert, void *arg)
{
    (void)s, (void)arg;
    *alert = 112; /* SSL_AD_UNRECOGNIZED_NAME */
    return SSL_TLSEXT_ERR_ALERT_FATAL;
}

static int refuse_chain(X509_STORE_CTX *ctx, void *arg)
{
    (void)ctx, (void)arg;
    return 0;
}

/* Refused with X509_V_ERR_APPLICATION_VERIFICATION: handshake_failure. */
static int refuse_chain_app(X509_STORE_CTX *ctx, void *arg)
{
    (void)arg;
    X509_STORE_CTX_set_error(ctx, X509_V_ERR_APPLICATION_VERIFICATION);
    return 0;
}

static void run(const char *label, SSL_CTX *cctx, SSL_CTX *sctx)
{
    SSL_CTX_set_info_callback(cctx, on_info);
    SSL_CTX_set_info_callback(sctx, on_info);
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_tlsext_host_name(p.client, "example.com") == 1);
    static const unsigned char protos[] = "\x02h2";
    CHECK(SSL_set_alpn_protos(p.client, protos, sizeof(protos) - 1) == 0);
    printf("%s:\n", label);
    printf("  handshake %d\n", handshake(&p));
    ERR_clear_error();
    close_unclean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    for (long max = TLS1_2_VERSION; max <= TLS1_3_VERSION; max++) {
        printf("%s\n", version_name((int)max));
        SSL_CTX *sctx = server_ctx(max);
        SSL_CTX_set_alpn_select_cb(sctx, refuse_alpn, NULL);
        run("ALPN callback refuses", client_ctx(max), sctx);

        sctx = server_ctx(max);
        SSL_CTX_set_tlsext_servername_callback(sctx, refuse_name);
        run("servername callback refuses", client_ctx(max), sctx);

        SSL_CTX *cctx = client_ctx(max);
        SSL_CTX_set_cert_verify_callback(cctx, refuse_chain, NULL);
        run("certificate verify callback refuses", cctx, server_ctx(max));

        cctx = client_ctx(max);
        SSL_CTX_set_cert_verify_callback(cctx, refuse_chain_app, NULL);
        run("certificate verify callback refuses (application verification)", cctx,
            server_ctx(max));

        sctx = server_ctx(max);
        SSL_CTX_set_security_level(sctx, 3); /* 2048-bit RSA: below 3072 */
        run("server certificate below the security level", client_ctx(max), sctx);
    }
    return 0;
}
