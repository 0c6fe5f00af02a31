/* A blocking TLS server for clients nobody here wrote (openssl s_client):
 * `peer_server PORT COUNT [no_ticket] [tls12]` serves COUNT connections,
 * sending one line each, and prints whether each resumed a session. */
#include "common.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>

int main(int argc, char **argv)
{
    CHECK(argc >= 3);
    signal(SIGPIPE, SIG_IGN);
    int port = atoi(argv[1]), count = atoi(argv[2]);
    int no_ticket = 0, tls12 = 0;
    for (int i = 3; i < argc; i++) {
        no_ticket |= strcmp(argv[i], "no_ticket") == 0;
        tls12 |= strcmp(argv[i], "tls12") == 0;
    }
    SSL_CTX *ctx = server_ctx(tls12 ? TLS1_2_VERSION : 0);
    if (no_ticket)
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(lfd, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(lfd, 8) == 0);
    fprintf(stderr, "ready\n");
    for (int i = 0; i < count; i++) {
        int fd = accept(lfd, NULL, NULL);
        CHECK(fd >= 0);
        SSL *ssl = SSL_new(ctx);
        CHECK(SSL_set_fd(ssl, fd) == 1);
        int r = SSL_accept(ssl);
        if (r != 1) {
            printf("conn %d: accept failed, error %d\n", i, SSL_get_error(ssl, r));
        } else {
            const char line[] = "hello from the server\n";
            CHECK(SSL_write(ssl, line, sizeof(line) - 1) == (int)sizeof(line) - 1);
            printf("conn %d: %s reused %d, cache entries %ld\n", i, SSL_get_version(ssl),
                   SSL_session_reused(ssl), SSL_CTX_sess_number(ctx));
            SSL_shutdown(ssl);
        }
        fflush(stdout);
        SSL_free(ssl);
        close(fd);
    }
    close(lfd);
    printf("hits %ld accepts %ld\n", SSL_CTX_sess_hits(ctx), SSL_CTX_sess_accept_good(ctx));
    SSL_CTX_free(ctx);
    return 0;
}
