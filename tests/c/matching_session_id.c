/* SSL_has_matching_session_id, as OpenSSL 3.0 answers it: a session in the
 * connection's session cache under that id and of the connection's protocol
 * version (SSL_version: before a handshake, what its method says); the session
 * id context plays no part. SSL_get_version names the same version.
 * Sessions are added with SSL_CTX_add_session, each
 * with its own id, version and id context. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "common.h"

static SSL_SESSION *session(unsigned char tag, int version, const char *sid_ctx)
{
    unsigned char id[32] = {0};
    id[0] = tag;
    SSL_SESSION *s = SSL_SESSION_new();
    CHECK(s != NULL);
    CHECK(SSL_SESSION_set1_id(s, id, sizeof(id)));
    CHECK(SSL_SESSION_set1_id_context(s, (const unsigned char *)sid_ctx, strlen(sid_ctx)));
    CHECK(SSL_SESSION_set_protocol_version(s, version));
    SSL_SESSION_set_timeout(s, 1000);
    return s;
}

static void ask(const char *when, SSL *ssl)
{
    unsigned char id[32] = {0};
    printf("%s: version %#x (%s) matches", when, (unsigned)SSL_version(ssl), SSL_get_version(ssl));
    for (unsigned char tag = 1; tag <= 5; tag++) {
        id[0] = tag;
        printf(" %d", SSL_has_matching_session_id(ssl, id, sizeof(id)));
    }
    /* The id cut short is another id. */
    id[0] = 1;
    printf(" short %d\n", SSL_has_matching_session_id(ssl, id, 16));
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"A", 1));
    SSL *fresh = SSL_new(sctx);
    CHECK(fresh != NULL);
    int any = SSL_version(fresh);
    SSL_SESSION *added[5] = {
        session(1, TLS1_2_VERSION, "A"),
        session(2, TLS1_3_VERSION, "A"),
        session(3, TLS1_3_VERSION, "B"),
        session(4, TLS1_1_VERSION, "A"),
        session(5, any, "other"),
    };
    for (int i = 0; i < 5; i++) {
        CHECK(SSL_CTX_add_session(sctx, added[i]) == 1);
        SSL_SESSION_free(added[i]);
    }
    ask("fresh server", fresh);
    SSL_free(fresh);
    /* A version-specific method's connection reports its version. */
    const SSL_METHOD *methods[2] = {TLSv1_2_server_method(), TLSv1_2_client_method()};
    for (int i = 0; i < 2; i++) {
        SSL_CTX *pinned = SSL_CTX_new(methods[i]);
        CHECK(pinned != NULL);
        SSL *ssl = SSL_new(pinned);
        CHECK(ssl != NULL);
        printf("TLS 1.2 method: version %#x (%s)\n", (unsigned)SSL_version(ssl), SSL_get_version(ssl));
        SSL_free(ssl);
        SSL_CTX_free(pinned);
    }

    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    ask("after a TLS 1.3 handshake", p.server);
    close_clean(&p);

    SSL_CTX *c12 = client_ctx(TLS1_2_VERSION);
    p = make_pair(c12, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    ask("after a TLS 1.2 handshake", p.server);
    close_clean(&p);

    SSL_CTX_free(c12);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
