/* A blocking TLS server sharing sessions through the fleet's store with the
 * sessl-only SSL_CTX_set_session_store_sessl (built on sessl.h only):
 * `fleet_server PORT COUNT URL KEYFILE` serves COUNT connections and
 * prints whether each resumed a session. A short key must be refused. */
#include "../c/common.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>

int main(int argc, char **argv)
{
    CHECK(argc == 5);
    signal(SIGPIPE, SIG_IGN);
    int port = atoi(argv[1]), count = atoi(argv[2]);
    unsigned char key[256];
    FILE *f = fopen(argv[4], "rb");
    CHECK(f != NULL);
    size_t keylen = fread(key, 1, sizeof(key), f);
    fclose(f);
    SSL_CTX *ctx = server_ctx(0);
    CHECK(SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"fleet", 5) == 1);
    CHECK(SSL_CTX_set_session_store_sessl(ctx, argv[3], key, 31) == 0);
    CHECK(SSL_CTX_set_session_store_sessl(ctx, "http://nowhere", key, keylen) == 0);
    CHECK(SSL_CTX_set_session_store_sessl(ctx, argv[3], key, keylen) == 1);
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
            const char line[] = "hello from the fleet\n";
            CHECK(SSL_write(ssl, line, sizeof(line) - 1) == (int)sizeof(line) - 1);
            printf("conn %d: %s reused %d\n", i, SSL_get_version(ssl), SSL_session_reused(ssl));
            SSL_shutdown(ssl);
        }
        fflush(stdout);
        SSL_free(ssl);
        close(fd);
    }
    close(lfd);
    CHECK(SSL_CTX_set_session_store_sessl(ctx, NULL, NULL, 0) == 1);
    SSL_CTX_free(ctx);
    return 0;
}
