/*
 * sessl's main demo: a TLS server and client in one process on 127.0.0.1.
 * The client makes a full handshake, keeps the session with
 * SSL_get1_session, and offers it on a second connection, which resumes.
 *
 * Built and run by examples/demo.sh:  demo CA_FILE CERT_FILE KEY_FILE
 */
#include <sessl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int listener;
static SSL_CTX *server_ctx;

static void fail(const char *what)
{
    fprintf(stderr, "demo: %s failed\n", what);
    exit(1);
}

/* Serves two connections: handshake, one line, clean shutdown. */
static void *serve(void *arg)
{
    (void)arg;
    for (int i = 0; i < 2; i++) {
        int fd = accept(listener, NULL, NULL);
        SSL *ssl = SSL_new(server_ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) != 1)
            fail("SSL_accept");
        const char hello[] = "hello from the server";
        SSL_write(ssl, hello, sizeof(hello) - 1);
        SSL_shutdown(ssl);
        SSL_free(ssl);
        close(fd);
    }
    return NULL;
}

static void print_session(SSL_SESSION *s)
{
    unsigned int idlen;
    SSL_SESSION_get_id(s, &idlen);
    printf("  session: %s, %s, id %u bytes, ticket %d (lifetime hint %lus), timeout %lds, resumable %d\n",
           SSL_SESSION_get_protocol_version(s) == TLS1_3_VERSION ? "TLSv1.3" : "TLSv1.2",
           SSL_CIPHER_get_name(SSL_SESSION_get0_cipher(s)), idlen, SSL_SESSION_has_ticket(s),
           SSL_SESSION_get_ticket_lifetime_hint(s), SSL_SESSION_get_timeout(s),
           SSL_SESSION_is_resumable(s));
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: demo CA_FILE CERT_FILE KEY_FILE\n");
        return 2;
    }
    server_ctx = SSL_CTX_new(TLS_server_method());
    if (SSL_CTX_use_certificate_chain_file(server_ctx, argv[2]) != 1 ||
        SSL_CTX_use_PrivateKey_file(server_ctx, argv[3], SSL_FILETYPE_PEM) != 1)
        fail("loading the server certificate");
    SSL_CTX *client_ctx = SSL_CTX_new(TLS_client_method());
    if (SSL_CTX_load_verify_locations(client_ctx, argv[1], NULL) != 1)
        fail("loading the CA");
    SSL_CTX_set_verify(client_ctx, SSL_VERIFY_PEER, NULL);

    struct sockaddr_in addr = {.sin_family = AF_INET};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(listener, 2) != 0 ||
        getsockname(listener, (struct sockaddr *)&addr, &len) != 0)
        fail("listen");
    pthread_t server;
    pthread_create(&server, NULL, serve, NULL);

    SSL_SESSION *saved = NULL;
    for (int round = 1; round <= 2; round++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
            fail("connect");
        SSL *ssl = SSL_new(client_ctx);
        SSL_set_fd(ssl, fd);
        SSL_set_tlsext_host_name(ssl, "localhost");
        if (saved)
            SSL_set_session(ssl, saved);
        if (SSL_connect(ssl) != 1)
            fail("SSL_connect");
        char buf[64];
        int n = SSL_read(ssl, buf, sizeof(buf) - 1); /* TLS 1.3 tickets arrive here */
        buf[n > 0 ? n : 0] = 0;
        printf("connection %d: %s %s, verify %ld, read \"%s\"\n", round, SSL_get_version(ssl),
               SSL_CIPHER_get_name(SSL_get_current_cipher(ssl)), SSL_get_verify_result(ssl), buf);
        if (round == 1) {
            saved = SSL_get1_session(ssl); /* one reference of our own */
            print_session(saved);
        } else {
            printf("  offered the saved session; reused: %d\n", SSL_session_reused(ssl));
        }
        SSL_shutdown(ssl);
        SSL_free(ssl);
        close(fd);
    }
    pthread_join(server, NULL);
    SSL_SESSION_free(saved);
    SSL_CTX_free(client_ctx);
    SSL_CTX_free(server_ctx);
    return 0;
}
