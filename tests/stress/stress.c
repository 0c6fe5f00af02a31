/*
 * Threads on shared contexts (issue 15, point 2). Eight workers share one
 * server context (the internal cache, SSL_OP_NO_TICKET: TLS 1.2 session ids
 * and TLS 1.3 stateful tickets, new/get/remove callbacks that re-enter the
 * library and keep an external store of encoded sessions) and one client
 * context. Each worker runs handshakes over a socketpair, offering a session
 * taken from a shared set of slots (SSL_SESSION_up_ref under the slots' lock),
 * and puts its new session (SSL_get1_session) back, freeing the one it
 * replaces. ex_data is set and read across threads: the server context's
 * (read in every callback), each connection's (read in the new callback), and
 * the shared sessions' (set before a session is published, read by whoever
 * takes it). Phase 1 runs the workers alone: every TLS 1.2 session offered
 * must resume. Phase 2 adds a thread that removes the slots' sessions from the
 * server cache (SSL_CTX_remove_session) and flushes it (SSL_CTX_flush_sessions)
 * while the workers run: every handshake must still succeed, both ends must
 * agree on resumption, and the counts must add up. Everything is freed at the
 * end (valgrind and AddressSanitizer check the leaks).
 *
 * The transcript holds only what does not depend on the threads' interleaving,
 * so it is compared with OpenSSL's like any C case. argv[1]: handshakes per
 * worker and phase (default 12).
 */
#include "../c/common.h"

#include <openssl/crypto.h>
#include <pthread.h>
#include <stdatomic.h>

#define WORKERS 8
#define SLOTS 4
#define STORE 64

static SSL_CTX *sctx, *cctx;
static int ctx_idx, conn_idx, sess_idx;
static char ctx_tag[] = "server context";

/* The shared sessions, by protocol (0: TLS 1.2, 1: TLS 1.3). */
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static SSL_SESSION *slots[2][SLOTS];

/* The external store the callbacks keep: encoded sessions by id, a ring. */
static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    unsigned char id[SSL_MAX_SSL_SESSION_ID_LENGTH];
    unsigned int id_len;
    unsigned char *der;
    int der_len;
} store[STORE];
static int store_next;

static atomic_int new_calls, get_calls, get_found, remove_calls, bad_reads;
static atomic_int workers_left;

struct worker {
    int id, iters, phase, ssl_idx;
    int handshakes, offered12, resumed12, resumed;
    pthread_t thread;
};

static void check_ctx_ex_data(SSL_CTX *ctx)
{
    if (SSL_CTX_get_ex_data(ctx, ctx_idx) != ctx_tag)
        atomic_fetch_add(&bad_reads, 1);
}

static int new_cb(SSL *ssl, SSL_SESSION *sess)
{
    SSL_CTX *ctx = SSL_get_SSL_CTX(ssl);
    check_ctx_ex_data(ctx);
    struct worker *w = SSL_get_ex_data(ssl, conn_idx);
    if (w == NULL || SSL_get_ex_data(ssl, w->ssl_idx) != w)
        atomic_fetch_add(&bad_reads, 1);
    (void)SSL_CTX_sess_number(ctx);
    unsigned int id_len = 0;
    const unsigned char *id = SSL_SESSION_get_id(sess, &id_len);
    int len = i2d_SSL_SESSION(sess, NULL);
    unsigned char *der = len > 0 ? malloc(len) : NULL, *p = der;
    if (der == NULL || i2d_SSL_SESSION(sess, &p) != len || id_len > SSL_MAX_SSL_SESSION_ID_LENGTH)
        atomic_fetch_add(&bad_reads, 1);
    pthread_mutex_lock(&store_lock);
    int at = store_next++ % STORE;
    free(store[at].der);
    memcpy(store[at].id, id, id_len);
    store[at].id_len = id_len;
    store[at].der = der;
    store[at].der_len = len;
    pthread_mutex_unlock(&store_lock);
    atomic_fetch_add(&new_calls, 1);
    return 0; /* the library keeps its reference */
}

static SSL_SESSION *get_cb(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    SSL_CTX *ctx = SSL_get_SSL_CTX(ssl);
    check_ctx_ex_data(ctx);
    (void)SSL_CTX_sess_number(ctx);
    atomic_fetch_add(&get_calls, 1);
    SSL_SESSION *found = NULL;
    pthread_mutex_lock(&store_lock);
    for (int i = 0; i < STORE && found == NULL; i++) {
        if (store[i].der && (int)store[i].id_len == len && memcmp(store[i].id, id, len) == 0) {
            const unsigned char *p = store[i].der;
            found = d2i_SSL_SESSION(NULL, &p, store[i].der_len);
        }
    }
    pthread_mutex_unlock(&store_lock);
    if (found)
        atomic_fetch_add(&get_found, 1);
    *copy = 0; /* the library takes our reference */
    return found;
}

static void remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    check_ctx_ex_data(ctx);
    (void)SSL_CTX_sess_number(ctx);
    unsigned int id_len = 0;
    if (SSL_SESSION_get_id(sess, &id_len) == NULL)
        atomic_fetch_add(&bad_reads, 1);
    atomic_fetch_add(&remove_calls, 1);
}

/* A reference to a slot's session (or NULL), taken under the slots' lock. */
static SSL_SESSION *take(int proto, int k)
{
    pthread_mutex_lock(&slots_lock);
    SSL_SESSION *s = slots[proto][k];
    if (s)
        CHECK(SSL_SESSION_up_ref(s) == 1);
    pthread_mutex_unlock(&slots_lock);
    return s;
}

/* Publishes `s` (the caller's reference moves to the slot). */
static void put(int proto, int k, SSL_SESSION *s)
{
    pthread_mutex_lock(&slots_lock);
    SSL_SESSION *old = slots[proto][k];
    slots[proto][k] = s;
    pthread_mutex_unlock(&slots_lock);
    if (old)
        SSL_SESSION_free(old);
}

static void one_handshake(struct worker *w, int i)
{
    int proto = w->id % 2, k = (w->id / 2 + i) % SLOTS;
    SSL_SESSION *offer = take(proto, k);
    if (offer && SSL_SESSION_get_ex_data(offer, sess_idx) == NULL)
        atomic_fetch_add(&bad_reads, 1);
    struct pair p = make_pair(cctx, sctx);
    if (proto == 0)
        CHECK(SSL_set_max_proto_version(p.client, TLS1_2_VERSION) == 1);
    CHECK(SSL_set_ex_data(p.server, conn_idx, w) == 1);
    CHECK(SSL_set_ex_data(p.server, w->ssl_idx, w) == 1);
    if (offer)
        CHECK(SSL_set_session(p.client, offer) == 1);
    CHECK(handshake(&p));
    exchange(&p);
    int reused = SSL_session_reused(p.client);
    CHECK(reused == SSL_session_reused(p.server));
    CHECK(SSL_get_ex_data(p.server, w->ssl_idx) == w);
    w->handshakes++;
    w->resumed += reused;
    if (offer && proto == 0) {
        w->offered12++;
        w->resumed12 += reused;
    }
    SSL_SESSION *mine = SSL_get1_session(p.client);
    CHECK(mine != NULL);
    close_clean(&p);
    if (offer)
        SSL_SESSION_free(offer);
    /* Set before publishing: readers see it through the slots' lock. */
    CHECK(SSL_SESSION_set_ex_data(mine, sess_idx, w) == 1);
    put(proto, k, mine);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < w->iters; i++)
        one_handshake(w, i);
    atomic_fetch_sub(&workers_left, 1);
    return NULL;
}

/* Removes the slots' sessions from the server cache and flushes it until the
 * workers are done. */
static void *remover_main(void *arg)
{
    (void)arg;
    for (int n = 0; atomic_load(&workers_left) > 0; n++) {
        SSL_SESSION *s = take(n % 2, n % SLOTS);
        if (s) {
            SSL_CTX_remove_session(sctx, s);
            SSL_SESSION_free(s);
        }
        if (n % 8 == 7)
            SSL_CTX_flush_sessions(sctx, 0);
        struct timespec pause = {0, 500 * 1000};
        nanosleep(&pause, NULL);
    }
    return NULL;
}

static void run_phase(struct worker *ws, int phase, int iters)
{
    pthread_t remover;
    atomic_store(&workers_left, WORKERS);
    for (int t = 0; t < WORKERS; t++) {
        ws[t].phase = phase;
        ws[t].iters = iters;
        ws[t].handshakes = ws[t].offered12 = ws[t].resumed12 = ws[t].resumed = 0;
        CHECK(pthread_create(&ws[t].thread, NULL, worker_main, &ws[t]) == 0);
    }
    if (phase == 2)
        CHECK(pthread_create(&remover, NULL, remover_main, NULL) == 0);
    int handshakes = 0, offered12 = 0, resumed12 = 0;
    for (int t = 0; t < WORKERS; t++) {
        CHECK(pthread_join(ws[t].thread, NULL) == 0);
        handshakes += ws[t].handshakes;
        offered12 += ws[t].offered12;
        resumed12 += ws[t].resumed12;
    }
    if (phase == 2)
        CHECK(pthread_join(remover, NULL) == 0);
    printf("phase %d: handshakes %d of %d\n", phase, handshakes, WORKERS * iters);
    if (phase == 1)
        printf("phase 1: every TLS 1.2 session offered resumed %d (offered some %d)\n",
               resumed12 == offered12, offered12 > 0);
}

/* Each worker takes its own connection index, all at once. */
static void *index_main(void *arg)
{
    struct worker *w = arg;
    w->ssl_idx = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL, 0, NULL, NULL, NULL, NULL);
    return NULL;
}

int main(int argc, char **argv)
{
    int iters = argc > 1 ? atoi(argv[1]) : 12;
    sctx = server_ctx(0);
    cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_SERVER);
    SSL_CTX_sess_set_new_cb(sctx, new_cb);
    SSL_CTX_sess_set_get_cb(sctx, get_cb);
    SSL_CTX_sess_set_remove_cb(sctx, remove_cb);
    ctx_idx = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_CTX, 0, NULL, NULL, NULL, NULL);
    /* The connection index the new callback finds its worker under. */
    conn_idx = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL, 0, NULL, NULL, NULL, NULL);
    sess_idx = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_SESSION, 0, NULL, NULL, NULL, NULL);
    CHECK(ctx_idx >= 0 && conn_idx >= 0 && sess_idx >= 0);
    CHECK(SSL_CTX_set_ex_data(sctx, ctx_idx, ctx_tag) == 1);

    struct worker ws[WORKERS];
    memset(ws, 0, sizeof(ws));
    for (int t = 0; t < WORKERS; t++) {
        ws[t].id = t;
        CHECK(pthread_create(&ws[t].thread, NULL, index_main, &ws[t]) == 0);
    }
    int distinct = 1;
    for (int t = 0; t < WORKERS; t++) {
        CHECK(pthread_join(ws[t].thread, NULL) == 0);
        for (int u = 0; u < t; u++)
            distinct &= ws[t].ssl_idx > 0 && ws[t].ssl_idx != ws[u].ssl_idx;
    }
    printf("indexes taken at once are distinct %d\n", distinct);

    /* One handshake of each version in this thread first: what either library
     * builds once per process exists before the threads start (sessl's OnceLock
     * statics are published by std's Once, which ThreadSanitizer cannot see
     * when std is not rebuilt with it: tests/tsan.supp). */
    struct worker warm = {.id = -1, .ssl_idx = conn_idx};
    for (int proto = 0; proto < 2; proto++) {
        struct pair p = make_pair(cctx, sctx);
        CHECK(SSL_set_ex_data(p.server, conn_idx, &warm) == 1);
        if (proto == 0)
            CHECK(SSL_set_max_proto_version(p.client, TLS1_2_VERSION) == 1);
        CHECK(handshake(&p));
        exchange(&p);
        close_clean(&p);
    }

    run_phase(ws, 1, iters);
    run_phase(ws, 2, iters);

    long hits = SSL_CTX_sess_hits(sctx), cb_hits = SSL_CTX_sess_cb_hits(sctx);
    int resumed = 0;
    for (int t = 0; t < WORKERS; t++)
        resumed += ws[t].resumed;
    printf("callbacks: new %d get %d remove %d\n", new_calls > 0, get_calls >= get_found,
           remove_calls > 0);
    printf("cb_hits == sessions the get callback found %d\n", cb_hits == get_found);
    printf("ex_data reads all right %d\n", bad_reads == 0);
    if (getenv("STRESS_DEBUG"))
        fprintf(stderr, "new %d get %d found %d remove %d entries %ld hits %ld cb_hits %ld resumed %d\n",
                (int)new_calls, (int)get_calls, (int)get_found, (int)remove_calls,
                SSL_CTX_sess_number(sctx), hits, cb_hits, resumed);
    SSL_CTX_flush_sessions(sctx, 0);
    printf("cache entries after a flush %ld\n", SSL_CTX_sess_number(sctx));

    for (int k = 0; k < SLOTS; k++) {
        put(0, k, NULL);
        put(1, k, NULL);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    for (int i = 0; i < STORE; i++)
        free(store[i].der);
    return 0;
}
