/* i2d_SSL_SESSION / d2i_SSL_SESSION and the PEM forms: a server session
 * written out and read back into a fresh server context resumes; malformed
 * input gives NULL and an error. (The bytes are each library's own.) */
#include "common.h"
#include <openssl/bio.h>
#include <openssl/err.h>

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *client = SSL_get1_session(p.client), *server = SSL_get1_session(p.server);
    close_clean(&p);

    int len = i2d_SSL_SESSION(server, NULL);
    unsigned char *buf = malloc(len), *w = buf;
    int written = i2d_SSL_SESSION(server, &w);
    printf("i2d same length %d, advanced %d\n", written == len, w == buf + len);
    const unsigned char *r = buf;
    SSL_SESSION *back = d2i_SSL_SESSION(NULL, &r, len);
    printf("d2i ok %d, consumed all %d\n", back != NULL, r == buf + len);
    unsigned int a, b;
    const unsigned char *ida = SSL_SESSION_get_id(server, &a), *idb = SSL_SESSION_get_id(back, &b);
    printf("same id %d, same time %d, same timeout %d, resumable %d\n", a == b && memcmp(ida, idb, a) == 0,
           SSL_SESSION_get_time(server) == SSL_SESSION_get_time(back),
           SSL_SESSION_get_timeout(server) == SSL_SESSION_get_timeout(back), SSL_SESSION_is_resumable(back));

    /* Into a fresh server context (no tickets, same certificate). */
    SSL_CTX *fresh = server_ctx(TLS1_2_VERSION);
    SSL_CTX_set_options(fresh, SSL_OP_NO_TICKET);
    printf("added to fresh context %d\n", SSL_CTX_add_session(fresh, back));
    int reused = -1;
    SSL_SESSION *t = connect_once(cctx, fresh, client, &reused);
    printf("resumed on the fresh context %d\n", reused);
    SSL_SESSION_free(t);

    /* PEM through a memory BIO. */
    BIO *mem = BIO_new(BIO_s_mem());
    printf("PEM written %d\n", PEM_write_bio_SSL_SESSION(mem, server));
    SSL_SESSION *from_pem = PEM_read_bio_SSL_SESSION(mem, NULL, NULL, NULL);
    unsigned int c;
    SSL_SESSION_get_id(from_pem, &c);
    printf("PEM read %d, same id length %d\n", from_pem != NULL, c == a);
    BIO_free(mem);

    /* Malformed input. */
    ERR_clear_error();
    r = buf;
    SSL_SESSION *bad = d2i_SSL_SESSION(NULL, &r, len / 2);
    printf("truncated: %d error %d\n", bad == NULL, ERR_get_error() != 0);
    ERR_clear_error();
    const unsigned char garbage[] = "this is not a session at all, not even close";
    r = garbage;
    bad = d2i_SSL_SESSION(NULL, &r, sizeof(garbage));
    printf("garbage: %d error %d\n", bad == NULL, ERR_get_error() != 0);
    ERR_clear_error();
    r = buf;
    printf("empty: %d\n", d2i_SSL_SESSION(NULL, &r, 0) == NULL);
    ERR_clear_error();

    free(buf);
    SSL_SESSION_free(from_pem);
    SSL_SESSION_free(back);
    SSL_SESSION_free(client);
    SSL_SESSION_free(server);
    SSL_CTX_free(fresh);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
