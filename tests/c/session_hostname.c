/* The server name a session records (sslapitest's test_servername): a client session keeps
 * the name the client sent, a server session the name the client sent, both read with
 * SSL_SESSION_get0_hostname, kept through i2d/d2i_SSL_SESSION, and named by
 * SSL_get_servername on a resumption. TLS 1.2 and 1.3, with and without a name, with and
 * without a servername callback on the server.
 *
 * Two divergences (docs/divergences.md), on "~" lines: a sessl server acknowledges every
 * name (rustls), so without a servername callback its client still records the name, and
 * sends it again on a TLS 1.2 resumption; a sessl server resumes a TLS 1.3 session only
 * under the name it was made under (rustls), so one offered without a name is not resumed. */
#include "common.h"

static const char *or_none(const char *s)
{
    return s ? s : "(none)";
}

static const char *name_of(SSL *ssl)
{
    return or_none(SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name));
}

static int servername_ok(SSL *ssl, int *alert, void *arg)
{
    (void)alert;
    (void)arg;
    printf("    callback: servername %s\n", name_of(ssl));
    return SSL_TLSEXT_ERR_OK;
}

/* The client session through i2d and d2i. */
static SSL_SESSION *through_bytes(SSL_SESSION *s)
{
    int len = i2d_SSL_SESSION(s, NULL);
    CHECK(len > 0);
    unsigned char *buf = malloc((size_t)len), *w = buf;
    CHECK(i2d_SSL_SESSION(s, &w) == len);
    const unsigned char *r = buf;
    SSL_SESSION *back = d2i_SSL_SESSION(NULL, &r, len);
    CHECK(back != NULL);
    free(buf);
    return back;
}

static void run(long version, const char *first, const char *second, int with_cb)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    if (with_cb)
        SSL_CTX_set_tlsext_servername_callback(sctx, servername_ok);
    int tls13 = version == TLS1_3_VERSION;
    /* Where a sessl server's acknowledgement or rustls' same-name rule shows. */
    const char *acked = first && !with_cb ? "~ " : "";
    const char *later = first && !with_cb ? "~ " : first && !second && tls13 ? "~ " : "";
    printf("%s sent %s then %s, callback %d\n", version_name((int)version), or_none(first),
           or_none(second), with_cb);

    struct pair p = make_pair(cctx, sctx);
    if (first)
        CHECK(SSL_set_tlsext_host_name(p.client, first) == 1);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *cs = SSL_get1_session(p.client), *ss = SSL_get1_session(p.server);
    printf("  full: servername client %s server %s\n", name_of(p.client), name_of(p.server));
    printf("%s  full: session host client %s server %s\n", acked, or_none(SSL_SESSION_get0_hostname(cs)),
           or_none(SSL_SESSION_get0_hostname(ss)));
    close_clean(&p);
    SSL_SESSION *copy = through_bytes(cs);
    printf("%s  d2i: session host %s\n", acked, or_none(SSL_SESSION_get0_hostname(copy)));
    SSL_SESSION_free(copy);

    p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, cs) == 1);
    printf("%s  offered: servername client %s\n", acked, name_of(p.client));
    if (second)
        CHECK(SSL_set_tlsext_host_name(p.client, second) == 1);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *cs2 = SSL_get1_session(p.client), *ss2 = SSL_get1_session(p.server);
    printf("%s  second: resumed %d servername client %s server %s\n", later, SSL_session_reused(p.client),
           name_of(p.client), name_of(p.server));
    printf("%s  second: session host client %s server %s\n", later, or_none(SSL_SESSION_get0_hostname(cs2)),
           or_none(SSL_SESSION_get0_hostname(ss2)));
    close_clean(&p);
    SSL_SESSION_free(cs2);
    SSL_SESSION_free(ss2);
    SSL_SESSION_free(cs);
    SSL_SESSION_free(ss);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++) {
        for (int cb = 0; cb < 2; cb++) {
            run(versions[v], NULL, NULL, cb);
            run(versions[v], "goodhost", "goodhost", cb);
            run(versions[v], "goodhost", NULL, cb);
        }
    }
    return 0;
}
