/* A client session copied through i2d_SSL_SESSION / d2i_SSL_SESSION in one
 * process, the original freed before the copy is read, resumes when offered
 * with SSL_set_session (TLS 1.2 with a session id, TLS 1.2 with a ticket,
 * TLS 1.3), and the copy answers the getters as the original did, even
 * when the original was marked not resumable by an unclean end. Python's
 * SSLSocket.session and HAProxy's back-end sessions copy sessions this way. */
#include "common.h"

static int select_alpn(SSL *s, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)s;
    (void)arg;
    static const unsigned char ours[] = "\x02h2";
    unsigned char *chosen = NULL;
    if (SSL_select_next_proto(&chosen, outlen, ours, sizeof(ours) - 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

/* The getters an application reads, printed and kept for comparing. */
struct facts {
    char line[512];
};

static void facts_of(SSL_SESSION *s, struct facts *f)
{
    unsigned int idlen = 0, ctxlen = 0;
    SSL_SESSION_get_id(s, &idlen);
    SSL_SESSION_get0_id_context(s, &ctxlen);
    const unsigned char *alpn = NULL;
    size_t alpn_len = 0;
    SSL_SESSION_get0_alpn_selected(s, &alpn, &alpn_len);
    const unsigned char *tick = NULL;
    size_t tick_len = 0;
    SSL_SESSION_get0_ticket(s, &tick, &tick_len);
    const char *host = SSL_SESSION_get0_hostname(s);
    X509 *peer = SSL_SESSION_get0_peer(s);
    const SSL_CIPHER *c = SSL_SESSION_get0_cipher(s);
    snprintf(f->line, sizeof(f->line),
             "version=%s cipher=%s id_len=%u sid_ctx_len=%u resumable=%d ticket=%d "
             "ticket_len>0=%d hint=%lu host=%s alpn='%.*s' max_early=%u peer=%d verify=%ld "
             "timeout=%ld",
             version_name(SSL_SESSION_get_protocol_version(s)), c ? SSL_CIPHER_get_name(c) : "(none)",
             idlen, ctxlen, SSL_SESSION_is_resumable(s), SSL_SESSION_has_ticket(s),
             tick_len > 0, SSL_SESSION_get_ticket_lifetime_hint(s), host ? host : "(none)",
             (int)alpn_len, alpn ? (const char *)alpn : "", SSL_SESSION_get_max_early_data(s),
             peer != NULL, (long)SSL_SESSION_get_time(s) > 0 ? 0L : -1L, SSL_SESSION_get_timeout(s));
}

static void run(const char *label, long max, int no_ticket)
{
    SSL_CTX *sctx = server_ctx(max), *cctx = client_ctx(0);
    if (no_ticket)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"bytes", 5);
    SSL_CTX_set_alpn_select_cb(sctx, select_alpn, NULL);
    CHECK(SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)"\x02h2", 3) == 0);
    printf("-- %s\n", label);

    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    struct facts before, after;
    facts_of(s, &before);
    long time_before = (long)SSL_SESSION_get_time(s);
    printf("original: %s\n", before.line);

    int len = i2d_SSL_SESSION(s, NULL);
    unsigned char *buf = malloc(len), *w = buf;
    CHECK(i2d_SSL_SESSION(s, &w) == len);
    SSL_SESSION_free(s);

    const unsigned char *r = buf;
    SSL_SESSION *back = d2i_SSL_SESSION(NULL, &r, len);
    CHECK(back != NULL);
    printf("read back whole %d\n", r == buf + len);
    facts_of(back, &after);
    printf("read back: %s\n", after.line);
    printf("getters equal %d, same time %d\n", strcmp(before.line, after.line) == 0,
           (long)SSL_SESSION_get_time(back) == time_before);

    int reused = -1;
    SSL_SESSION *next = connect_once(cctx, sctx, back, &reused);
    printf("offered the copy: resumed %d\n", reused);
    SSL_SESSION_free(next);

    /* The same bytes read a second time, after the copy was used. A TLS 1.2
     * session resumes again; a TLS 1.3 ticket is offered once in sessl. */
    if (max == TLS1_2_VERSION) {
        r = buf;
        SSL_SESSION *again = d2i_SSL_SESSION(NULL, &r, len);
        next = connect_once(cctx, sctx, again, &reused);
        printf("read again and offered: resumed %d\n", reused);
        SSL_SESSION_free(next);
        SSL_SESSION_free(again);
    }

    free(buf);
    SSL_SESSION_free(back);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* A session whose connection ended without SSL_shutdown is marked not
 * resumable; the mark is not written out, so its copy resumes. */
static void unclean(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    printf("-- TLS 1.2, unclean end before i2d\n");
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *s = SSL_get1_session(p.client);
    close_unclean(&p);
    printf("original resumable %d\n", SSL_SESSION_is_resumable(s));
    int len = i2d_SSL_SESSION(s, NULL);
    unsigned char *buf = malloc(len), *w = buf;
    CHECK(i2d_SSL_SESSION(s, &w) == len);
    SSL_SESSION_free(s);
    const unsigned char *r = buf;
    SSL_SESSION *back = d2i_SSL_SESSION(NULL, &r, len);
    printf("copy resumable %d\n", SSL_SESSION_is_resumable(back));
    int reused = -1;
    SSL_SESSION_free(connect_once(cctx, sctx, back, &reused));
    printf("offered the copy: resumed %d\n", reused);
    free(buf);
    SSL_SESSION_free(back);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run("TLS 1.2, session id", TLS1_2_VERSION, 1);
    run("TLS 1.2, ticket", TLS1_2_VERSION, 0);
    run("TLS 1.3", 0, 0);
    unclean();
    return 0;
}
