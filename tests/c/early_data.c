/* TLS 1.3 early data (SSL_write_early_data / SSL_read_early_data): limits
 * and their defaults, early data accepted and read back, refused by the
 * server's maximum of 0, by its allow callback, by a server that does not
 * read it (SSL_accept), a ticket offered again refused, the status values
 * on both sides and the calls refused out of place. */
#include "common.h"
#include <openssl/err.h>

#ifndef SSL_READ_EARLY_DATA_SUCCESS
#define SSL_READ_EARLY_DATA_ERROR 0
#define SSL_READ_EARLY_DATA_SUCCESS 1
#define SSL_READ_EARLY_DATA_FINISH 2
#endif

static int allow_calls;
static int allow_cb(SSL *s, void *arg)
{
    (void)s;
    allow_calls++;
    return *(int *)arg;
}

static void print_error(const char *what)
{
    unsigned long e = ERR_get_error();
    printf("%s: lib %d reason %d\n", what, ERR_GET_LIB(e), ERR_GET_REASON(e));
    ERR_clear_error();
}

/* The server reads early data until it finishes, the client stepping its
 * handshake between reads; prints what was read. */
static void read_all_early(struct pair *p)
{
    char buf[64];
    size_t n;
    for (int i = 0; i < 50; i++) {
        int r = SSL_read_early_data(p->server, buf, sizeof(buf), &n);
        if (r == SSL_READ_EARLY_DATA_SUCCESS) {
            printf("server read early: %.*s (status %d)\n", (int)n, buf,
                   SSL_get_early_data_status(p->server));
            continue;
        }
        if (r == SSL_READ_EARLY_DATA_FINISH) {
            printf("server early data finished, %zu bytes\n", n);
            return;
        }
        CHECK(want(p->server, r));
        int c = SSL_connect(p->client);
        CHECK(c == 1 || want(p->client, c));
    }
    printf("server early data never finished\n");
}

/* One connection offering `offer` with early data `msg`; the server reads
 * it (`read_early`) or just accepts. Returns the client's new session. */
static SSL_SESSION *early_round(const char *label, SSL_CTX *cctx, SSL_CTX *sctx,
                                SSL_SESSION *offer, int read_early, int server_max,
                                int replay)
{
    struct pair p = make_pair(cctx, sctx);
    size_t written = 0;
    if (server_max >= 0)
        CHECK(SSL_set_max_early_data(p.server, (uint32_t)server_max) == 1);
    CHECK(SSL_set_session(p.client, offer) == 1);
    printf("%s: client status before %d\n", label, SSL_get_early_data_status(p.client));
    int w = SSL_write_early_data(p.client, "early hello", 11, &written);
    if (w != 1)
        print_error(label);
    printf("%s: write early %d written %zu\n", label, w, written);
    if (read_early)
        read_all_early(&p);
    CHECK(handshake(&p));
    printf("%s: reused client %d server %d, status client %d\n", label,
           SSL_session_reused(p.client), SSL_session_reused(p.server),
           SSL_get_early_data_status(p.client));
    if (replay)
        /* OpenSSL's client offers the spent ticket again with early data,
         * which the server refuses (1); sessl's offers neither (0). */
        DIVERGE("%s: server status %d\n", label, SSL_get_early_data_status(p.server));
    else
        printf("%s: server status %d\n", label, SSL_get_early_data_status(p.server));
    exchange(&p);
    SSL_SESSION *s = SSL_get1_session(p.client);
    printf("%s: new session max early data %u\n", label, SSL_SESSION_get_max_early_data(s));
    close_clean(&p);
    return s;
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    printf("defaults: max %u recv max %u\n", SSL_CTX_get_max_early_data(sctx),
           SSL_CTX_get_recv_max_early_data(sctx));
    CHECK(SSL_CTX_set_max_early_data(sctx, 16384) == 1);
    CHECK(SSL_CTX_set_recv_max_early_data(sctx, 20000) == 1);
    {
        SSL *s = SSL_new(sctx);
        printf("connection copies: max %u recv max %u\n", SSL_get_max_early_data(s),
               SSL_get_recv_max_early_data(s));
        CHECK(SSL_set_max_early_data(s, 100) == 1 && SSL_set_recv_max_early_data(s, 200) == 1);
        printf("connection sets: max %u recv max %u\n", SSL_get_max_early_data(s),
               SSL_get_recv_max_early_data(s));
        SSL_free(s);
    }

    /* No session: nothing to write early data with. */
    {
        struct pair p = make_pair(cctx, sctx);
        size_t written = 7;
        int w = SSL_write_early_data(p.client, "x", 1, &written);
        printf("no session: write early %d written %zu\n", w, written);
        print_error("no session");
        char buf[8];
        size_t n = 9;
        int r = SSL_read_early_data(p.client, buf, sizeof(buf), &n);
        printf("client read early %d n %zu\n", r, n);
        print_error("client read early");
        close_unclean(&p);
    }

    SSL_SESSION *first = connect_once(cctx, sctx, NULL, NULL);
    printf("first session max early data %u\n", SSL_SESSION_get_max_early_data(first));

    /* Accepted, read back; the calls refused once it is over. */
    SSL_SESSION *second;
    {
        struct pair p = make_pair(cctx, sctx);
        size_t written = 0, n = 0;
        char buf[64];
        CHECK(SSL_set_session(p.client, first) == 1);
        int w = SSL_write_early_data(p.client, "early hello", 11, &written);
        printf("accepted: write early %d written %zu status %d\n", w, written,
               SSL_get_early_data_status(p.client));
        printf("accepted: server status before %d\n", SSL_get_early_data_status(p.server));
        read_all_early(&p);
        CHECK(handshake(&p));
        printf("accepted: reused client %d server %d, status client %d server %d\n",
               SSL_session_reused(p.client), SSL_session_reused(p.server),
               SSL_get_early_data_status(p.client), SSL_get_early_data_status(p.server));
        printf("after: read early %d\n", SSL_read_early_data(p.server, buf, sizeof(buf), &n));
        print_error("after read early");
        printf("after: write early %d\n", SSL_write_early_data(p.client, "x", 1, &written));
        print_error("after write early");
        exchange(&p);
        second = SSL_get1_session(p.client);
        close_clean(&p);
    }

    /* The first ticket offered again: refused (anti-replay), a full handshake. */
    SSL_SESSION *replayed = early_round("replay", cctx, sctx, first, 1, -1, 1);

    /* Refused by the allow callback. */
    int no = 0;
    SSL_CTX_set_allow_early_data_cb(sctx, allow_cb, &no);
    SSL_SESSION *third = early_round("callback", cctx, sctx, second, 1, -1, 0);
    printf("allow callback calls %d\n", allow_calls);
    SSL_CTX_set_allow_early_data_cb(sctx, NULL, NULL);

    /* A server that does not read early data (SSL_accept) refuses it. */
    SSL_SESSION *fourth = early_round("accept only", cctx, sctx, third, 0, -1, 0);

    /* A server's maximum of 0: its tickets are stateless, the stateful one
     * offered does not resume. */
    SSL_SESSION *fifth = early_round("max 0", cctx, sctx, fourth, 1, 0, 0);

    SSL_SESSION_free(fifth);
    SSL_SESSION_free(fourth);
    SSL_SESSION_free(third);
    SSL_SESSION_free(replayed);
    SSL_SESSION_free(second);
    SSL_SESSION_free(first);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
