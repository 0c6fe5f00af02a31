/*
 * Many connections at once: one server process and one client process over
 * loopback TCP. In each round the client opens N connections at once (non
 * blocking, one epoll loop), every one does a full handshake and one small
 * record each way; once all N are done the server, which holds all N
 * connections open, reads its resident memory, and both sides close them.
 * Built once against the system <openssl/ssl.h>; bench/many.sh runs it on
 * libssl and under LD_PRELOAD=libsessl.so (both processes), alternately.
 *
 *   many CERTDIR N ROUNDS [tls12]
 *
 * Prints "N ROUNDS seconds handshakes_per_second bytes_per_connection":
 * the rate is N * ROUNDS over the client's wall time of all rounds; bytes
 * per connection are the server's VmRSS with the last round's N connections
 * open less its VmRSS before the first round, divided by N. The client
 * verifies the server (SSL_VERIFY_PEER, CERTDIR/ca.pem); the server has a
 * session id context; TLS 1.3 (or 1.2 with "tls12"), X25519.
 */
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum phase { HANDSHAKE, EXCHANGE, DONE };

struct conn {
    int fd;
    SSL *ssl;
    enum phase phase;
};

static void die(const char *what)
{
    fprintf(stderr, "many: %s\n", what);
    exit(1);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long rss_bytes(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb * 1024;
}

static void nonblocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* epoll_wait until something is ready (a signal's interruption retried). */
static int wait_events(int ep, struct epoll_event *evs, int max)
{
    for (;;) {
        int k = epoll_wait(ep, evs, max, -1);
        if (k >= 0)
            return k;
        if (errno != EINTR)
            die("epoll_wait");
    }
}

static void watch(int ep, int op, struct conn *c, unsigned events)
{
    struct epoll_event ev = { .events = events, .data.ptr = c };
    if (epoll_ctl(ep, op, c->fd, &ev) != 0)
        die("epoll_ctl");
}

/*
 * Moves one connection on as far as it goes without waiting: the handshake,
 * then (client) "ping" out and "pong" in, or (server) the reverse. Returns
 * the events to wait for, or 0 once done.
 */
static unsigned advance(struct conn *c, int server)
{
    char buf[64];
    int r;
    if (c->phase == HANDSHAKE) {
        r = server ? SSL_accept(c->ssl) : SSL_connect(c->ssl);
        if (r != 1)
            goto wait;
        c->phase = EXCHANGE;
        if (!server && SSL_get_verify_result(c->ssl) != X509_V_OK)
            die("the server's certificate was not verified");
        if (!server && SSL_write(c->ssl, "ping", 4) != 4)
            die("client write");
    }
    if (c->phase == EXCHANGE) {
        r = SSL_read(c->ssl, buf, sizeof(buf));
        if (r <= 0)
            goto wait;
        if (r != 4)
            die("short read");
        if (server && SSL_write(c->ssl, "pong", 4) != 4)
            die("server write");
        c->phase = DONE;
    }
    return 0;
wait:
    switch (SSL_get_error(c->ssl, r)) {
    case SSL_ERROR_WANT_READ:
        return EPOLLIN;
    case SSL_ERROR_WANT_WRITE:
        return EPOLLOUT;
    default:
        die(server ? "server connection failed" : "client connection failed");
    }
    return 0;
}

static void finish(struct conn *c)
{
    SSL_free(c->ssl);
    close(c->fd);
}

static void serve(int lfd, SSL_CTX *ctx, int n, int rounds, int report)
{
    int ep = epoll_create1(0);
    struct conn *conns = calloc(n, sizeof(*conns));
    struct conn listener = { .fd = lfd };
    struct epoll_event evs[256];
    long base = rss_bytes(), peak = 0;
    watch(ep, EPOLL_CTL_ADD, &listener, EPOLLIN);
    for (int round = 0; round < rounds; round++) {
        int accepted = 0, done = 0;
        while (done < n) {
            int k = wait_events(ep, evs, 256);
            for (int i = 0; i < k; i++) {
                struct conn *c = evs[i].data.ptr;
                if (c == &listener) {
                    int fd;
                    while (accepted < n && (fd = accept(lfd, NULL, NULL)) >= 0) {
                        struct conn *a = &conns[accepted++];
                        int one = 1;
                        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
                        nonblocking(fd);
                        a->fd = fd;
                        a->phase = HANDSHAKE;
                        a->ssl = SSL_new(ctx);
                        SSL_set_fd(a->ssl, fd);
                        SSL_set_accept_state(a->ssl);
                        watch(ep, EPOLL_CTL_ADD, a, EPOLLIN);
                    }
                    continue;
                }
                unsigned want = advance(c, 1);
                if (want)
                    watch(ep, EPOLL_CTL_MOD, c, want);
                else {
                    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                    done++;
                }
            }
        }
        peak = rss_bytes();
        for (int i = 0; i < n; i++)
            finish(&conns[i]);
    }
    if (write(report, &base, sizeof(base)) != sizeof(base) || write(report, &peak, sizeof(peak)) != sizeof(peak))
        die("report");
    free(conns);
    close(ep);
}

static double connect_all(const struct sockaddr_in *addr, SSL_CTX *ctx, int n, int rounds)
{
    int ep = epoll_create1(0);
    struct conn *conns = calloc(n, sizeof(*conns));
    struct epoll_event evs[256];
    double start = now();
    for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < n; i++) {
            struct conn *c = &conns[i];
            c->fd = socket(AF_INET, SOCK_STREAM, 0);
            if (c->fd < 0)
                die("socket");
            int one = 1;
            setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            nonblocking(c->fd);
            if (connect(c->fd, (const struct sockaddr *)addr, sizeof(*addr)) != 0 && errno != EINPROGRESS)
                die("connect");
            c->ssl = SSL_new(ctx);
            c->phase = HANDSHAKE;
            SSL_set_fd(c->ssl, c->fd);
            SSL_set_connect_state(c->ssl);
            /* Writable once connected: the ClientHello goes out then. */
            watch(ep, EPOLL_CTL_ADD, c, EPOLLOUT);
        }
        int done = 0;
        while (done < n) {
            int k = wait_events(ep, evs, 256);
            for (int i = 0; i < k; i++) {
                struct conn *c = evs[i].data.ptr;
                unsigned want = advance(c, 0);
                if (want)
                    watch(ep, EPOLL_CTL_MOD, c, want);
                else {
                    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                    done++;
                }
            }
        }
        for (int i = 0; i < n; i++)
            finish(&conns[i]);
    }
    double secs = now() - start;
    free(conns);
    close(ep);
    return secs;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        die("usage: many CERTDIR N ROUNDS [tls12]");
    int n = atoi(argv[2]), rounds = atoi(argv[3]);
    int tls12 = argc > 4 && strcmp(argv[4], "tls12") == 0;
    if (n < 1 || rounds < 1)
        die("N and ROUNDS must be positive");
    char cert[512], key[512], ca[512];
    snprintf(cert, sizeof(cert), "%s/server-chain.pem", argv[1]);
    snprintf(key, sizeof(key), "%s/server.key", argv[1]);
    snprintf(ca, sizeof(ca), "%s/ca.pem", argv[1]);
    /* Each side holds N sockets at once. */
    struct rlimit lim;
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < (rlim_t)n + 64) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
    signal(SIGPIPE, SIG_IGN);

    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
    socklen_t len = sizeof(addr);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) != 0 || listen(lfd, n + 16) != 0 ||
        getsockname(lfd, (struct sockaddr *)&addr, &len) != 0)
        die("listen");
    nonblocking(lfd);
    int report[2];
    if (pipe(report) != 0)
        die("pipe");

    pid_t server = fork();
    if (server < 0)
        die("fork");
    if (server == 0) {
        SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
        if (SSL_CTX_use_certificate_chain_file(sctx, cert) != 1 ||
            SSL_CTX_use_PrivateKey_file(sctx, key, SSL_FILETYPE_PEM) != 1)
            die("certificates");
        if (SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"bench", 5) != 1)
            die("session id context");
        if (tls12)
            SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION);
        if (!SSL_CTX_set1_groups_list(sctx, tls12 ? "X25519:P-256" : "X25519"))
            die("groups");
        serve(lfd, sctx, n, rounds, report[1]);
        SSL_CTX_free(sctx);
        _exit(0);
    }
    close(lfd);
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    if (SSL_CTX_load_verify_locations(cctx, ca, NULL) != 1)
        die("CA");
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    if (!SSL_CTX_set1_groups_list(cctx, tls12 ? "X25519:P-256" : "X25519"))
        die("groups");
    double secs = connect_all(&addr, cctx, n, rounds);
    SSL_CTX_free(cctx);
    long base, peak;
    if (read(report[0], &base, sizeof(base)) != sizeof(base) || read(report[0], &peak, sizeof(peak)) != sizeof(peak))
        die("no report from the server");
    int status;
    if (waitpid(server, &status, 0) != server || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("server failed");
    printf("%d %d %.3f %.1f %ld\n", n, rounds, secs, (double)n * rounds / secs, (peak - base) / n);
    return 0;
}
