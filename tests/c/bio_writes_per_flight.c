/* One BIO_write per handshake flight on a BIO transport, as OpenSSL's
 * (which buffers the handshake's records and writes them when it flushes):
 * client and server over a BIO pair, each write BIO counting the
 * BIO_write calls reaching it, per handshake kind. */
#include "common.h"
#include <openssl/bio.h>

static long writes;

static long count_writes(BIO *b, int oper, const char *argp, size_t len, int argi, long argl, int ret,
                         size_t *processed)
{
    (void)b, (void)argp, (void)len, (void)argi, (void)argl, (void)processed;
    if (oper == (BIO_CB_WRITE | BIO_CB_RETURN) && ret > 0)
        writes++;
    return ret;
}

/* One handshake over a BIO pair; the BIO_write calls made during it. */
static long handshake_writes(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *offer, SSL_SESSION **out)
{
    BIO *cb, *sb;
    CHECK(BIO_new_bio_pair(&cb, 0, &sb, 0) == 1);
    BIO_set_callback_ex(cb, count_writes);
    BIO_set_callback_ex(sb, count_writes);
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    if (offer)
        CHECK(SSL_set_session(c, offer) == 1);
    writes = 0;
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 50 && !(cdone && sdone); i++) {
        if (!cdone) {
            int r = SSL_connect(c);
            CHECK(r == 1 || want(c, r));
            cdone = r == 1;
        }
        if (!sdone) {
            int r = SSL_accept(s);
            CHECK(r == 1 || want(s, r));
            sdone = r == 1;
        }
    }
    CHECK(cdone && sdone);
    long n = writes;
    CHECK(send_recv(s, c, "hello from server"));
    CHECK(send_recv(c, s, "hello from client"));
    CHECK(SSL_session_reused(c) == (offer != NULL));
    *out = SSL_get1_session(c);
    SSL_shutdown(c);
    SSL_shutdown(s);
    SSL_free(c);
    SSL_free(s);
    return n;
}

static void run(const char *label, long max)
{
    SSL_CTX *sctx = server_ctx(max), *cctx = client_ctx(0);
    SSL_CTX_set_num_tickets(sctx, 1);
    SSL_SESSION *s, *t;
    long full = handshake_writes(cctx, sctx, NULL, &s);
    long resumed = handshake_writes(cctx, sctx, s, &t);
    printf("%s: BIO_write calls, full handshake %ld, resumption %ld\n", label, full, resumed);
    SSL_SESSION_free(s);
    SSL_SESSION_free(t);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run("TLS 1.3", 0);
    run("TLS 1.2", TLS1_2_VERSION);
    return 0;
}
