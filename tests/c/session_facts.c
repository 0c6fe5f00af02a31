/* What a session says about itself: server name, id context, master key,
 * protocol and cipher, on both sides and for both protocol versions. */
#include "common.h"

/* Accepts the client's name, so both sessions record it (session_hostname.c covers the
 * server without a callback). */
static int servername_ok(SSL *ssl, int *alert, void *arg)
{
    (void)ssl;
    (void)alert;
    (void)arg;
    return SSL_TLSEXT_ERR_OK;
}

static void run(long max)
{
    SSL_CTX *sctx = server_ctx(max), *cctx = client_ctx(0);
    SSL_CTX_set_tlsext_servername_callback(sctx, servername_ok);
    CHECK(SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"facts", 5) == 1);
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_tlsext_host_name(p.client, "localhost") == 1);
    CHECK(handshake(&p));
    exchange(&p);
    printf("%s: version %s %d cipher %s\n", version_name((int)max), SSL_get_version(p.server),
           SSL_version(p.server) == max, SSL_CIPHER_get_name(SSL_get_current_cipher(p.server)));
    SSL_SESSION *c = SSL_get_session(p.client), *s = SSL_get_session(p.server);
    print_session("client", c);
    print_session("server", s);
    unsigned char ck[64], sk[64];
    size_t cl = SSL_SESSION_get_master_key(c, ck, sizeof(ck));
    size_t sl = SSL_SESSION_get_master_key(s, sk, sizeof(sk));
    if (max == TLS1_2_VERSION)
        printf("master keys: %zu %zu equal %d\n", cl, sl, cl == sl && memcmp(ck, sk, cl) == 0);
    else
        DIVERGE("master keys: client %zu server %zu\n", cl, sl);
    printf("server length query %zu\n", SSL_SESSION_get_master_key(s, NULL, 0));
    printf("verify result %ld\n", SSL_get_verify_result(p.client));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run(TLS1_2_VERSION);
    run(TLS1_3_VERSION);
    return 0;
}
