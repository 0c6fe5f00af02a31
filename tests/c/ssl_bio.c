/* The SSL filter BIO (BIO_f_ssl(3)): a client and a server, each an SSL BIO
 * made by BIO_new_ssl over a socket BIO pushed under it, handshake with
 * BIO_do_handshake and its retry flags, exchange bytes with BIO_write /
 * BIO_read / BIO_puts, read their connection back with BIO_C_GET_SSL, copy a
 * session between two SSL BIOs and shut down with BIO_ssl_shutdown. */
#include "common.h"

#include <openssl/bio.h>
#include <openssl/err.h>

/* An SSL BIO over the socket `fd` (not closed with the chain). */
static BIO *ssl_bio_over(SSL_CTX *ctx, int client, int fd)
{
    BIO *ssl = BIO_new_ssl(ctx, client);
    CHECK(ssl != NULL);
    BIO *sock = BIO_new_socket(fd, BIO_NOCLOSE);
    CHECK(sock != NULL);
    CHECK(BIO_push(ssl, sock) == ssl);
    return ssl;
}

static SSL *ssl_of(BIO *b)
{
    SSL *s = NULL;
    long r = BIO_ctrl(b, BIO_C_GET_SSL, 0, (char *)&s);
    CHECK(r == 1);
    return s;
}

/* Both handshakes through the BIOs; 1 on success. */
static int handshake_bios(BIO *c, BIO *s)
{
    int cdone = 0, sdone = 0, retries = 0;
    for (int i = 0; i < 100 && !(cdone && sdone); i++) {
        if (!cdone) {
            long r = BIO_do_handshake(c);
            if (r == 1)
                cdone = 1;
            else if (BIO_should_retry(c))
                retries++;
            else
                return 0;
        }
        if (!sdone) {
            long r = BIO_do_handshake(s);
            if (r == 1)
                sdone = 1;
            else if (!BIO_should_retry(s))
                return 0;
        }
    }
    printf("client retried: %s\n", retries > 0 ? "yes" : "no");
    return cdone && sdone;
}

/* Reads what `from` wrote, through the BIO `to`, retrying as asked. */
static void read_through(BIO *to, int len)
{
    char buf[64] = {0};
    int got = 0, r = 0;
    for (int i = 0; i < 100 && got < len; i++) {
        r = BIO_read(to, buf + got, len - got);
        if (r > 0)
            got += r;
        else if (!BIO_should_retry(to))
            break;
    }
    printf("read %d: %.*s\n", got, got, buf);
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);

    printf("new_ssl without a context: %s\n", BIO_new_ssl(NULL, 1) ? "a BIO" : "NULL");
    ERR_clear_error();
    BIO *c = ssl_bio_over(cctx, 1, fds[0]), *s = ssl_bio_over(sctx, 0, fds[1]);
    printf("method type %d (BIO_TYPE_SSL %d)\n", BIO_method_type(c), BIO_TYPE_SSL);
    SSL *cs = ssl_of(c), *ss = ssl_of(s);
    printf("client is server: %d, server is server: %d\n", SSL_is_server(cs), SSL_is_server(ss));
    long r = BIO_read(c, (char[8]){0}, 8);
    printf("read before the handshake: %s, should retry %d\n", r > 0 ? "data" : "none",
           BIO_should_retry(c) ? 1 : 0);

    CHECK(handshake_bios(c, s));
    printf("version %s\n", SSL_get_version(cs));
    printf("write %d\n", BIO_write(c, "hello", 5));
    CHECK(BIO_flush(c) == 1);
    read_through(s, 5);
    printf("puts %d\n", BIO_puts(s, "world!"));
    read_through(c, 6);
    printf("pending after read %ld\n", (long)BIO_pending(c));
    printf("close flag %d\n", (int)BIO_get_close(c));

    /* A second client SSL BIO gets the first one's session. */
    BIO *c2 = BIO_new_ssl(cctx, 1);
    CHECK(c2 != NULL);
    printf("copy session id %d\n", BIO_ssl_copy_session_id(c2, c));
    SSL_SESSION *a = SSL_get_session(cs), *b = SSL_get_session(ssl_of(c2));
    printf("same session %d\n", a != NULL && a == b);
    BIO_free_all(c2);

    BIO_ssl_shutdown(c);
    printf("client shutdown sent %d\n", (SSL_get_shutdown(cs) & SSL_SENT_SHUTDOWN) ? 1 : 0);
    BIO_free_all(c);
    BIO_free_all(s);
    close(fds[0]);
    close(fds[1]);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
