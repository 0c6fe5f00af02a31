/* Which sessions a server's internal cache holds, seen through public calls only: what
 * sslapitest checks by reading OpenSSL's internals (a session's owner and its place in the
 * cache's list; tests/openssl/sslapitest_peer.patch drops those reads).
 * execute_test_session: a TLS 1.2 server's session is in its cache (adding it again
 * fails) and a SSL_SESSION_dup copy of it is not the cached object; removing the cached one
 * marks it not resumable while the copy stays resumable.
 * execute_test_session, small cache: with room for one session, the last added is the one
 * kept, whatever the timeouts.
 * test_session_timeout: sessions kept in order of expiry; each flush removes exactly the
 * sessions expired at its time, oldest first (the remove callback's order shows the list's),
 * a flush at time 0 removes them all; SSL_SESS_CACHE_UPDATE_TIME stamps an added session;
 * freeing the context removes what its cache still holds. */
#include "common.h"

static char removed_log[128];
static void remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    unsigned int len = 0;
    const unsigned char *id = SSL_SESSION_get_id(sess, &len);
    char one[8];
    (void)ctx;
    snprintf(one, sizeof(one), " %u", len ? id[0] : 0u);
    strncat(removed_log, one, sizeof(removed_log) - strlen(removed_log) - 1);
}

static void report_removed(const char *when, SSL_CTX *ctx)
{
    printf("%s: entries %ld removed [%s ]\n", when, SSL_CTX_sess_number(ctx), removed_log);
    removed_log[0] = '\0';
}

/* A server session with a fresh handshake's id, and the client's. */
static void cached_and_copy(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *cached = SSL_get1_session(p.server);
    close_clean(&p);
    int again = SSL_CTX_add_session(sctx, cached);
    printf("server session: entries %ld, add again %d\n", SSL_CTX_sess_number(sctx), again);
    SSL_SESSION *copy = SSL_SESSION_dup(cached);
    CHECK(copy != NULL && copy != cached);
    printf("copy resumable %d\n", SSL_SESSION_is_resumable(copy));
    /* The copy has the cached session's id but is another object: not removed. */
    int copy_removed = SSL_CTX_remove_session(sctx, copy);
    printf("remove copy %d, entries %ld\n", copy_removed, SSL_CTX_sess_number(sctx));
    int removed = SSL_CTX_remove_session(sctx, cached);
    printf("remove cached %d, entries %ld\n", removed, SSL_CTX_sess_number(sctx));
    removed = SSL_CTX_remove_session(sctx, cached);
    printf("remove cached again %d\n", removed);
    printf("resumable: cached %d copy %d\n", SSL_SESSION_is_resumable(cached),
           SSL_SESSION_is_resumable(copy));
    int added = SSL_CTX_add_session(sctx, copy);
    printf("add copy %d, entries %ld\n", added, SSL_CTX_sess_number(sctx));
    SSL_SESSION_free(copy);
    SSL_SESSION_free(cached);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static SSL_SESSION *session_with_id(unsigned char byte)
{
    unsigned char id[SSL_MAX_SSL_SESSION_ID_LENGTH];
    SSL_SESSION *s = SSL_SESSION_new();
    CHECK(s != NULL);
    memset(id, byte, sizeof(id));
    CHECK(SSL_SESSION_set1_id(s, id, sizeof(id)) == 1);
    return s;
}

static void room_for_one(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(ctx != NULL);
    SSL_CTX_sess_set_remove_cb(ctx, remove_cb);
    SSL_SESSION *first = session_with_id(1), *second = session_with_id(2);
    SSL_SESSION_set_time(first, 1000);
    SSL_SESSION_set_timeout(first, 1000);
    SSL_SESSION_set_time(second, 2000);
    SSL_SESSION_set_timeout(second, 2000);
    SSL_CTX_sess_set_cache_size(ctx, 1);
    int a = SSL_CTX_add_session(ctx, first);
    int b = SSL_CTX_add_session(ctx, second);
    int c = SSL_CTX_add_session(ctx, first);
    printf("size 1: added %d %d %d\n", a, b, c);
    report_removed("size 1", ctx);
    /* The second is not there (0, nothing removed), the first is. */
    int second_removed = SSL_CTX_remove_session(ctx, second);
    int first_removed = SSL_CTX_remove_session(ctx, first);
    printf("remove second %d, first %d\n", second_removed, first_removed);
    report_removed("size 1 emptied", ctx);
    SSL_SESSION_free(first);
    SSL_SESSION_free(second);
    SSL_CTX_free(ctx);
}

static void expiry_order(void)
{
    const long timeout = 10;
    long now = (long)time(NULL);
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    CHECK(ctx != NULL);
    SSL_CTX_sess_set_remove_cb(ctx, remove_cb);
    SSL_SESSION *early = session_with_id(1), *middle = session_with_id(2), *late = session_with_id(3);
    int a = SSL_CTX_add_session(ctx, early);
    int b = SSL_CTX_add_session(ctx, middle);
    int c = SSL_CTX_add_session(ctx, late);
    printf("added %d %d %d\n", a, b, c);
    /* Set in an order other than the one they were added in. */
    CHECK(SSL_SESSION_set_time(late, now + 10) != 0);
    CHECK(SSL_SESSION_set_time(early, now - 10) != 0);
    CHECK(SSL_SESSION_set_time(middle, now) != 0);
    CHECK(SSL_SESSION_set_timeout(middle, timeout) != 0);
    CHECK(SSL_SESSION_set_timeout(late, timeout) != 0);
    CHECK(SSL_SESSION_set_timeout(early, timeout) != 0);
    report_removed("times set", ctx);
    SSL_CTX_flush_sessions(ctx, now + timeout - 1);
    report_removed("flush before middle expires", ctx);
    SSL_CTX_flush_sessions(ctx, now + timeout + 1);
    report_removed("flush after middle expires", ctx);
    SSL_CTX_flush_sessions(ctx, now + timeout + 11);
    report_removed("flush after late expires", ctx);
    a = SSL_CTX_add_session(ctx, late);
    b = SSL_CTX_add_session(ctx, early);
    c = SSL_CTX_add_session(ctx, middle);
    printf("added back %d %d %d\n", a, b, c);
    SSL_CTX_flush_sessions(ctx, 0);
    report_removed("flush at 0", ctx);

    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_UPDATE_TIME | SSL_CTX_get_session_cache_mode(ctx));
    CHECK(SSL_SESSION_set_time(early, now - 10) != 0);
    a = SSL_CTX_add_session(ctx, early);
    printf("update time: added %d, time moved %d\n", a, SSL_SESSION_get_time(early) != now - 10);
    SSL_CTX_free(ctx);
    printf("context freed: removed [%s ]\n", removed_log);
    removed_log[0] = '\0';
    SSL_SESSION_free(early);
    SSL_SESSION_free(middle);
    SSL_SESSION_free(late);
}

int main(void)
{
    cached_and_copy();
    room_for_one();
    expiry_order();
    return 0;
}
