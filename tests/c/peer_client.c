/* A blocking TLS client for peers nobody here wrote (openssl s_server -www):
 * `peer_client PORT COUNT` makes COUNT connections, each offering the session
 * of the previous one, and prints what both sides say about resumption. */
#include "common.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>

static int tcp_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0);
    return fd;
}

int main(int argc, char **argv)
{
    CHECK(argc == 3);
    signal(SIGPIPE, SIG_IGN);
    int port = atoi(argv[1]), count = atoi(argv[2]);
    SSL_CTX *ctx = client_ctx(0);
    SSL_SESSION *sess = NULL;
    for (int i = 0; i < count; i++) {
        int fd = tcp_connect(port);
        SSL *ssl = SSL_new(ctx);
        CHECK(SSL_set_fd(ssl, fd) == 1);
        CHECK(SSL_set_tlsext_host_name(ssl, "localhost") == 1);
        if (sess)
            CHECK(SSL_set_session(ssl, sess) == 1);
        int r = SSL_connect(ssl);
        CHECK(r == 1);
        const char req[] = "GET / HTTP/1.0\r\n\r\n";
        CHECK(SSL_write(ssl, req, sizeof(req) - 1) == (int)sizeof(req) - 1);
        static char page[65536];
        int len = 0;
        for (;;) {
            r = SSL_read(ssl, page + len, (int)sizeof(page) - 1 - len);
            if (r <= 0)
                break;
            len += r;
        }
        page[len] = 0;
        const char *said = strstr(page, "Reused, ") ? "Reused" : strstr(page, "New, ") ? "New" : "?";
        printf("conn %d: %s reused %d, server says %s, verify %ld, last read error %d\n", i,
               SSL_get_version(ssl), SSL_session_reused(ssl), said, SSL_get_verify_result(ssl),
               SSL_get_error(ssl, r));
        r = SSL_shutdown(ssl);
        if (sess)
            SSL_SESSION_free(sess);
        sess = SSL_get1_session(ssl);
        printf("conn %d: shutdown %d, session resumable %d\n", i, r, SSL_SESSION_is_resumable(sess));
        SSL_free(ssl);
        close(fd);
    }
    SSL_SESSION_free(sess);
    SSL_CTX_free(ctx);
    return 0;
}
