/* The transport ends without a close_notify after the handshake (sslapitest's
 * test_incorrect_shutdown): SSL_read returns 0 with SSL_ERROR_SSL and
 * SSL_R_UNEXPECTED_EOF_WHILE_READING, the session is no longer resumable; under
 * SSL_OP_IGNORE_UNEXPECTED_EOF it is a close: 0 with SSL_ERROR_ZERO_RETURN and
 * SSL_RECEIVED_SHUTDOWN set. Over a socket and over a memory BIO returning 0 at EOF. */
#include "common.h"
#include <openssl/bio.h>
#include <openssl/err.h>
#include <signal.h>

static void read_at_eof(const char *label, SSL *server)
{
    char buf[64];
    ERR_clear_error();
    int r = SSL_read(server, buf, sizeof(buf));
    int e = SSL_get_error(server, r);
    unsigned long err = ERR_peek_last_error();
    printf("%s: read %d error %d reason %s shutdown %d resumable %d\n", label, r, e,
           err ? ERR_reason_error_string(err) : "none", SSL_get_shutdown(server),
           SSL_SESSION_is_resumable(SSL_get_session(server)));
    ERR_clear_error();
}

static void over_socket(int ignore, long version)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    if (ignore)
        SSL_CTX_set_options(sctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    close(p.cfd);
    p.cfd = -1;
    char label[64];
    snprintf(label, sizeof(label), "socket %s ignore %d", version_name((int)version), ignore);
    read_at_eof(label, p.server);
    SSL_free(p.client);
    SSL_free(p.server);
    close(p.sfd);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* Moves what one side wrote into the other's read BIO. */
static void pump(BIO *from, BIO *to)
{
    char buf[4096];
    int n;
    while ((n = BIO_read(from, buf, sizeof(buf))) > 0)
        CHECK(BIO_write(to, buf, n) == n);
}

static void over_memory_bio(int ignore)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    if (ignore)
        SSL_CTX_set_options(sctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
    BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
    SSL_set_bio(c, c_in, c_out);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 20 && !(cdone && sdone); i++) {
        if (!cdone)
            cdone = SSL_do_handshake(c) == 1;
        pump(c_out, s_in);
        if (!sdone)
            sdone = SSL_do_handshake(s) == 1;
        pump(s_out, c_in);
    }
    CHECK(cdone && sdone);
    BIO_set_mem_eof_return(s_in, 0);
    char label[64];
    snprintf(label, sizeof(label), "memory BIO ignore %d", ignore);
    read_at_eof(label, s);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN); /* the alert a server sends to a closed socket */
    over_socket(0, TLS1_2_VERSION);
    over_socket(1, TLS1_2_VERSION);
    over_socket(0, 0);
    over_memory_bio(0);
    over_memory_bio(1);
    return 0;
}
