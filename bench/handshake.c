/*
 * Handshakes per second, client and server in one process over a
 * non-blocking socketpair driven by one thread. Built once against the
 * system <openssl/ssl.h>; bench/run.sh runs it on libssl and under
 * LD_PRELOAD=libsessl.so, alternately.
 *
 *   handshake MODE N CERTDIR [x25519]
 *
 * MODE: full13 resume13 full12 resume12-id resume12-ticket. Each handshake
 * exchanges one small record each way and shuts down cleanly. A resume mode
 * fails (exit 1) unless every handshake resumed. Prints "MODE N seconds rate".
 * The client verifies the server in every mode (SSL_VERIFY_PEER with
 * CERTDIR/ca.pem in the context's store, no host name check); a full
 * handshake fails (exit 1) unless it ended with X509_V_OK, so the full
 * modes always count the chain's verification. The server has a session id
 * context. With "x25519" the key exchange is X25519 for TLS 1.3 and
 * X25519:P-256 for TLS 1.2. CERTDIR's key may be RSA or ECDSA.
 */
#include <openssl/ssl.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
    fprintf(stderr, "handshake: %s\n", what);
    exit(1);
}

static int step(SSL *ssl, int r)
{
    if (r == 1)
        return 1;
    int e = SSL_get_error(ssl, r);
    if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
        die("handshake failed");
    return 0;
}

static void transfer(SSL *from, SSL *to)
{
    char buf[64];
    if (SSL_write(from, "ping", 4) != 4)
        die("write");
    for (;;) {
        int r = SSL_read(to, buf, sizeof(buf));
        if (r == 4)
            return;
        if (r > 0 || SSL_get_error(to, r) != SSL_ERROR_WANT_READ)
            die("read");
    }
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        die("usage: handshake MODE N CERTDIR [x25519]");
    const char *mode = argv[1];
    int n = atoi(argv[2]);
    char cert[512], key[512], ca[512];
    snprintf(cert, sizeof(cert), "%s/server-chain.pem", argv[3]);
    snprintf(key, sizeof(key), "%s/server.key", argv[3]);
    snprintf(ca, sizeof(ca), "%s/ca.pem", argv[3]);
    int tls12 = strstr(mode, "12") != NULL;
    int resume = strncmp(mode, "resume", 6) == 0;

    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = SSL_CTX_new(TLS_client_method());
    if (SSL_CTX_use_certificate_chain_file(sctx, cert) != 1 ||
        SSL_CTX_use_PrivateKey_file(sctx, key, SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_load_verify_locations(cctx, ca, NULL) != 1)
        die("certificates");
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"bench", 5) != 1)
        die("session id context");
    if (tls12)
        SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION);
    if (strcmp(mode, "resume12-id") == 0)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    if (argc > 4 && strcmp(argv[4], "x25519") == 0) {
        const char *groups = tls12 ? "X25519:P-256" : "X25519";
        if (!SSL_CTX_set1_groups_list(sctx, groups) || !SSL_CTX_set1_groups_list(cctx, groups))
            die("groups");
    }

    SSL_SESSION *session = NULL;
    int resumed = 0;
    double start = 0;
    /* One extra handshake first, to have a session to resume. */
    for (int i = -1; i < n; i++) {
        if (i == 0)
            start = now();
        int fds[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
            die("socketpair");
        fcntl(fds[0], F_SETFL, O_NONBLOCK);
        fcntl(fds[1], F_SETFL, O_NONBLOCK);
        SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
        SSL_set_fd(c, fds[0]);
        SSL_set_fd(s, fds[1]);
        SSL_set_connect_state(c);
        SSL_set_accept_state(s);
        if (resume && session)
            SSL_set_session(c, session);
        int cdone = 0, sdone = 0;
        for (int k = 0; k < 20 && !(cdone && sdone); k++) {
            if (!cdone)
                cdone = step(c, SSL_connect(c));
            if (!sdone)
                sdone = step(s, SSL_accept(s));
        }
        if (!(cdone && sdone))
            die("handshake did not finish");
        transfer(s, c); /* the client reads TLS 1.3 tickets here */
        transfer(c, s);
        if (i >= 0 && SSL_session_reused(c))
            resumed++;
        /* Only the result: asking for the peer's certificate would cost
         * sessl a d2i_X509 per handshake, which OpenSSL does not pay here. */
        if (!resume && SSL_get_verify_result(c) != X509_V_OK)
            die("the server's certificate was not verified");
        if (resume) {
            SSL_SESSION_free(session);
            session = SSL_get1_session(c);
        }
        SSL_shutdown(c);
        SSL_shutdown(s);
        SSL_free(c);
        SSL_free(s);
        close(fds[0]);
        close(fds[1]);
    }
    double secs = now() - start;
    SSL_SESSION_free(session);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    if (resume && resumed != n) {
        fprintf(stderr, "handshake: %s resumed %d of %d\n", mode, resumed, n);
        return 1;
    }
    if (!resume && resumed != 0)
        die("a full mode resumed");
    printf("%s %d %.3f %.1f\n", mode, n, secs, n / secs);
    return 0;
}
