/* The client's SSL_get_servername around a resumption (sslapitest's test_servername): with
 * no name of its own, a client names the TLS 1.2 session it offers (not a TLS 1.3 one)
 * before the handshake; after a resumption it names the name it sent. The session's
 * name, recorded since the servername callback accepted it, is set again with
 * SSL_SESSION_set1_hostname. */
#include "common.h"

static const char *name_of(SSL *ssl)
{
    const char *n = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    return n ? n : "(none)";
}

static int servername_ok(SSL *ssl, int *alert, void *arg)
{
    (void)ssl;
    (void)alert;
    (void)arg;
    return SSL_TLSEXT_ERR_OK;
}

static void run(long version)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    SSL_CTX_set_tlsext_servername_callback(sctx, servername_ok);
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_tlsext_host_name(p.client, "goodhost") == 1);
    CHECK(handshake(&p));
    exchange(&p);
    printf("%s full: client %s server %s\n", version_name((int)version), name_of(p.client),
           name_of(p.server));
    SSL_SESSION *s = SSL_get1_session(p.client);
    close_clean(&p);
    CHECK(SSL_SESSION_set1_hostname(s, "goodhost") == 1);
    printf("  session host %s\n", SSL_SESSION_get0_hostname(s) ? SSL_SESSION_get0_hostname(s) : "(none)");

    p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, s) == 1);
    printf("  offered, no name set: client %s\n", name_of(p.client));
    CHECK(SSL_set_tlsext_host_name(p.client, "goodhost") == 1);
    CHECK(handshake(&p));
    exchange(&p);
    printf("  resumed %d: client %s server %s\n", SSL_session_reused(p.client), name_of(p.client),
           name_of(p.server));
    close_clean(&p);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run(TLS1_2_VERSION);
    run(TLS1_3_VERSION);
    return 0;
}
