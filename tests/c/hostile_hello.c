/*
 * A server fed what a hostile client sends before its ClientHello is
 * read: a record longer than TLS allows, a ClientHello announcing more than
 * any bound (16 MiB; 128 KiB + 325, one past OpenSSL's 131396), one announcing 64 KiB + 1 (past rustls'
 * 64 KiB bound, within OpenSSL's: a deliberate divergence), and a hello cut
 * short by the end of the stream. Each is fed over a socketpair with and
 * without a ClientHello callback (sessl reads the hello differently then);
 * printed: how SSL_accept ends, the reason on the error queue, and the
 * alert record the server wrote.
 */
#include "common.h"

#include <openssl/err.h>

static int on_hello(SSL *s, int *al, void *arg)
{
    (void)s, (void)al, (void)arg;
    return SSL_CLIENT_HELLO_SUCCESS;
}

static void feed(const char *label, const unsigned char *bytes, size_t len, int hook)
{
    SSL_CTX *ctx = server_ctx(0);
    if (hook)
        SSL_CTX_set_client_hello_cb(ctx, on_hello, NULL);
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    SSL *s = SSL_new(ctx);
    CHECK(s != NULL);
    CHECK(SSL_set_fd(s, fds[1]) == 1);
    SSL_set_accept_state(s);
    ERR_clear_error();
    size_t sent = 0;
    int ret = -1, err = SSL_ERROR_WANT_READ;
    for (int i = 0; i < 200000 && err == SSL_ERROR_WANT_READ; i++) {
        if (sent < len) {
            ssize_t n = write(fds[0], bytes + sent, len - sent);
            if (n > 0)
                sent += (size_t)n;
        }
        ret = SSL_accept(s);
        err = SSL_get_error(s, ret);
        if (err == SSL_ERROR_WANT_READ && sent == len)
            break;
    }
    unsigned char reply[64];
    ssize_t got = read(fds[0], reply, sizeof(reply));
    const char *why = ERR_reason_error_string(ERR_peek_error());
    char line[256];
    int at = snprintf(line, sizeof(line), "%s%s: accept %d error %d reason %s reply", label,
                      hook ? " (hello callback)" : "", ret, err, why ? why : "none");
    for (ssize_t i = 0; i < got && at < (int)sizeof(line) - 4; i++)
        at += snprintf(line + at, sizeof(line) - at, " %02x", reply[i]);
    /* The 64 KiB + 1 hello is refused by sessl, awaited by OpenSSL. */
    if (strncmp(label, "hello of 64 KiB + 1", 19) == 0)
        DIVERGE("%s\n", line);
    else
        printf("%s\n", line);
    ERR_clear_error();
    SSL_free(s);
    close(fds[0]);
    close(fds[1]);
    SSL_CTX_free(ctx);
}

int main(void)
{
    static unsigned char oversized[5 + 0xffff] = {22, 3, 1, 0xff, 0xff};
    static const unsigned char huge[] = {22, 3, 1, 0, 4, 1, 0xff, 0xff, 0xff};
    static const unsigned char past_openssl[] = {22, 3, 1, 0, 4, 1, 0x02, 0x01, 0x45};
    static const unsigned char past_rustls[] = {22, 3, 1, 0, 4, 1, 0x01, 0x00, 0x00};
    static const unsigned char cut[] = {22, 3, 1, 0, 10, 1, 0, 0, 6, 3, 3, 0};
    for (int hook = 0; hook <= 1; hook++) {
        feed("record of 65535 bytes", oversized, sizeof(oversized), hook);
        feed("hello of 16 MiB", huge, sizeof(huge), hook);
        feed("hello of 128 KiB + 325", past_openssl, sizeof(past_openssl), hook);
        feed("hello of 64 KiB + 1", past_rustls, sizeof(past_rustls), hook);
        feed("hello cut short", cut, sizeof(cut), hook);
    }
    return 0;
}
