/*
 * The session API's own costs, built once against the system <openssl/ssl.h>
 * and run on libssl and under LD_PRELOAD=libsessl.so by bench/run.sh.
 *
 *   session_api CERTDIR [N]
 *
 * Prints lines "name value unit":
 *   get1_free          SSL_get1_session + SSL_SESSION_free, one thread (ns/op)
 *   get1_free_2threads the same, two threads on one SSL (ns/op of all ops together)
 *   get0               SSL_get0_session (ns/op)
 *   cache_insert_K     SSL_CTX_add_session into a cache of K sessions (ns/op)
 *   cache_lookup_K     SSL_has_matching_session_id on it (ns/op)
 *   cache_flush_K      SSL_CTX_flush_sessions removing all K (ns per session)
 *   bytes_per_session_K resident bytes per cached session
 *   bytes_per_connection resident bytes per idle connection pair (client and server)
 */
#include <openssl/ssl.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
    fprintf(stderr, "session_api: %s\n", what);
    exit(1);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long resident_bytes(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld %ld", &pages, &rss) != 2)
        die("statm");
    fclose(f);
    return rss * sysconf(_SC_PAGESIZE);
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

struct pair {
    SSL *c, *s;
    int fds[2];
};

static void connect_pair(struct pair *p, SSL_CTX *cctx, SSL_CTX *sctx)
{
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, p->fds) != 0)
        die("socketpair");
    fcntl(p->fds[0], F_SETFL, O_NONBLOCK);
    fcntl(p->fds[1], F_SETFL, O_NONBLOCK);
    p->c = SSL_new(cctx);
    p->s = SSL_new(sctx);
    SSL_set_fd(p->c, p->fds[0]);
    SSL_set_fd(p->s, p->fds[1]);
    SSL_set_connect_state(p->c);
    SSL_set_accept_state(p->s);
    int cdone = 0, sdone = 0;
    for (int k = 0; k < 20 && !(cdone && sdone); k++) {
        if (!cdone)
            cdone = step(p->c, SSL_connect(p->c));
        if (!sdone)
            sdone = step(p->s, SSL_accept(p->s));
    }
    if (!(cdone && sdone))
        die("handshake did not finish");
}

static SSL *shared;
static long per_thread;

static void *get1_loop(void *arg)
{
    (void)arg;
    for (long i = 0; i < per_thread; i++)
        SSL_SESSION_free(SSL_get1_session(shared));
    return NULL;
}

static double get1_free(int threads, long n)
{
    pthread_t t[2];
    per_thread = n / threads;
    double start = now();
    for (int i = 0; i < threads; i++)
        pthread_create(&t[i], NULL, get1_loop, NULL);
    for (int i = 0; i < threads; i++)
        pthread_join(t[i], NULL);
    return (now() - start) * 1e9 / (double)(per_thread * threads);
}

static void cache_bench(SSL_CTX *sctx, SSL *owner, int k)
{
    SSL_SESSION **all = malloc(sizeof(*all) * (size_t)k);
    unsigned char id[32] = {0};
    long before = resident_bytes();
    for (int i = 0; i < k; i++) {
        all[i] = SSL_SESSION_new();
        memcpy(id, &i, sizeof(i));
        id[31] = 0x5a;
        if (!SSL_SESSION_set1_id(all[i], id, 32))
            die("set1_id");
        SSL_SESSION_set_timeout(all[i], 1000);
        SSL_SESSION_set_protocol_version(all[i], SSL_version(owner));
    }
    double start = now();
    for (int i = 0; i < k; i++)
        if (SSL_CTX_add_session(sctx, all[i]) != 1)
            die("add_session");
    double insert = (now() - start) * 1e9 / k;
    long after = resident_bytes(); /* the sessions and the cache holding them */
    if (SSL_CTX_sess_number(sctx) < k - 1)
        die("cache did not keep the sessions");
    start = now();
    int found = 0;
    for (int i = 0; i < k; i++) {
        memcpy(id, &i, sizeof(i));
        found += SSL_has_matching_session_id(owner, id, 32);
    }
    double lookup = (now() - start) * 1e9 / k;
    if (found < k - 1)
        die("lookups missed");
    for (int i = 0; i < k; i++)
        SSL_SESSION_free(all[i]); /* the cache keeps its own references */
    start = now();
    SSL_CTX_flush_sessions(sctx, (long)time(NULL) + 100000);
    double flush = (now() - start) * 1e9 / k;
    if (SSL_CTX_sess_number(sctx) != 0)
        die("flush left sessions");
    printf("cache_insert_%d %.1f ns/op\n", k, insert);
    printf("cache_lookup_%d %.1f ns/op\n", k, lookup);
    printf("cache_flush_%d %.1f ns/session\n", k, flush);
    printf("bytes_per_session_%d %.0f bytes\n", k, (double)(after - before) / k);
    free(all);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        die("usage: session_api CERTDIR [N]");
    long n = argc > 2 ? atol(argv[2]) : 2000000;
    char cert[512], key[512], ca[512];
    snprintf(cert, sizeof(cert), "%s/server-chain.pem", argv[1]);
    snprintf(key, sizeof(key), "%s/server.key", argv[1]);
    snprintf(ca, sizeof(ca), "%s/ca.pem", argv[1]);
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method()), *cctx = SSL_CTX_new(TLS_client_method());
    if (SSL_CTX_use_certificate_chain_file(sctx, cert) != 1 ||
        SSL_CTX_use_PrivateKey_file(sctx, key, SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_load_verify_locations(cctx, ca, NULL) != 1)
        die("certificates");
    /* TLS 1.2: OpenSSL matches cached sessions by protocol version too, and
     * SSL_SESSION_new makes TLS 1.2 sessions. */
    SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION);

    /* Idle connections after a handshake, measured first, on a fresh heap. */
    enum { CONNS = 500 };
    static struct pair idle[CONNS];
    long before = resident_bytes();
    for (int i = 0; i < CONNS; i++)
        connect_pair(&idle[i], cctx, sctx);
    printf("bytes_per_connection %.0f bytes\n", (double)(resident_bytes() - before) / CONNS);
    for (int i = 0; i < CONNS; i++) {
        SSL_free(idle[i].c);
        SSL_free(idle[i].s);
        close(idle[i].fds[0]);
        close(idle[i].fds[1]);
    }

    struct pair p;
    connect_pair(&p, cctx, sctx);
    shared = p.c;
    if (!SSL_get0_session(shared))
        die("no session");
    printf("get1_free %.1f ns/op\n", get1_free(1, n));
    printf("get1_free_2threads %.1f ns/op\n", get1_free(2, n));
    double start = now();
    SSL_SESSION *volatile sink = NULL;
    for (long i = 0; i < n; i++)
        sink = SSL_get0_session(shared);
    (void)sink;
    printf("get0 %.1f ns/op\n", (now() - start) * 1e9 / n);

    SSL_CTX_sess_set_cache_size(sctx, 0); /* unbounded */
    cache_bench(sctx, p.s, 10000);
    cache_bench(sctx, p.s, 100000);
    SSL_free(p.c);
    SSL_free(p.s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
