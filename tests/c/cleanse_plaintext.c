/* SSL_OP_CLEANSE_PLAINTEXT, the public side of sslapitest's execute_cleanse_plaintext
 * (whose look into OpenSSL's record buffer, to see it zeroed after SSL_read,
 * tests/openssl/sslapitest_peer.patch drops): with the option set on the server, a
 * 16000-byte record peeked is all there and peeked again unchanged, SSL_read then returns
 * the same bytes and leaves nothing pending, and a further read wants more. TLS 1.2 and 1.3. */
#include "common.h"

static unsigned char sent[16000], got[16000];

static int read_some(SSL *ssl, unsigned char *buf, int len, int peek)
{
    for (int i = 0; i < 100; i++) {
        int r = peek ? SSL_peek(ssl, buf, len) : SSL_read(ssl, buf, len);
        if (r > 0 || !want(ssl, r))
            return r;
    }
    return -1;
}

static void cleanse(long version)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    struct pair p = make_pair(cctx, sctx);
    SSL_set_options(p.server, SSL_OP_CLEANSE_PLAINTEXT);
    printf("%s: option set %d\n", version_name((int)version),
           (SSL_get_options(p.server) & SSL_OP_CLEANSE_PLAINTEXT) != 0);
    CHECK(handshake(&p));
    for (size_t i = 0; i < sizeof(sent); i++)
        sent[i] = (unsigned char)i;
    printf("  write %d\n", SSL_write(p.client, sent, sizeof(sent)));
    for (int pass = 0; pass < 2; pass++) {
        memset(got, 0, sizeof(got));
        int n = read_some(p.server, got, sizeof(got), 1);
        printf("  peek %d equal %d pending %d\n", n, n > 0 && memcmp(got, sent, (size_t)n) == 0,
               SSL_pending(p.server));
    }
    memset(got, 0, sizeof(got));
    int n = read_some(p.server, got, sizeof(got), 0);
    printf("  read %d equal %d pending %d\n", n, n == (int)sizeof(sent) && memcmp(got, sent, sizeof(sent)) == 0,
           SSL_pending(p.server));
    int r = SSL_read(p.server, got, sizeof(got));
    printf("  read again %d error %d\n", r, SSL_get_error(p.server, r));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    cleanse(TLS1_2_VERSION);
    cleanse(TLS1_3_VERSION);
    return 0;
}
