/* An external session cache built on the new/get/remove callbacks and
 * i2d/d2i, as nginx's shared cache is: the internal cache is off
 * (SSL_SESS_CACHE_NO_INTERNAL), the callbacks keep sessions as bytes. The get
 * callback hands its reference over (copy = 0) or keeps it (copy = 1). */
#include "common.h"

static unsigned char stored[8][4096];
static int stored_len[8];
static unsigned char stored_id[8][32];
static unsigned int stored_id_len[8];
static int count, new_calls, get_calls, remove_calls, keep_copy;
static SSL_SESSION *kept[8];

static int new_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    new_calls++;
    unsigned char *p = stored[count];
    stored_len[count] = i2d_SSL_SESSION(sess, &p);
    const unsigned char *id = SSL_SESSION_get_id(sess, &stored_id_len[count]);
    memcpy(stored_id[count], id, stored_id_len[count]);
    count++;
    return 0;
}

static SSL_SESSION *get_cb(SSL *ssl, const unsigned char *id, int len, int *copy)
{
    (void)ssl;
    get_calls++;
    for (int i = 0; i < count; i++) {
        if ((int)stored_id_len[i] == len && memcmp(stored_id[i], id, len) == 0) {
            const unsigned char *p = stored[i];
            SSL_SESSION *s = d2i_SSL_SESSION(NULL, &p, stored_len[i]);
            if (keep_copy) {
                if (kept[i])
                    SSL_SESSION_free(kept[i]);
                kept[i] = s; /* we keep our reference; the library takes its own */
                *copy = 1;
            } else {
                *copy = 0; /* the library gets our reference */
            }
            return s;
        }
    }
    return NULL;
}

static void remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    (void)sess;
    remove_calls++;
}

static void run(const char *name, long version, int copy)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL);
    SSL_CTX_sess_set_new_cb(sctx, new_cb);
    SSL_CTX_sess_set_get_cb(sctx, get_cb);
    SSL_CTX_sess_set_remove_cb(sctx, remove_cb);
    printf("%s: getters %d %d\n", name, SSL_CTX_sess_get_get_cb(sctx) == get_cb,
           SSL_CTX_sess_get_remove_cb(sctx) == remove_cb);
    count = new_calls = get_calls = remove_calls = 0;
    keep_copy = copy;
    memset(kept, 0, sizeof(kept));
    int reused = -1;
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, &reused);
    printf("%s: first new_cb %d stored %d entries %ld\n", name, new_calls, count, SSL_CTX_sess_number(sctx));
    SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
    printf("%s: resumed %d get_cb %d cb_hits %ld hits %ld misses %ld entries %ld new_cb %d\n", name, reused,
           get_calls, SSL_CTX_sess_cb_hits(sctx), SSL_CTX_sess_hits(sctx), SSL_CTX_sess_misses(sctx),
           SSL_CTX_sess_number(sctx), new_calls);
    /* An unclean end tells the remove callback. */
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, t) == 1);
    CHECK(handshake(&p));
    exchange(&p);
    close_unclean(&p);
    printf("%s: after unclean end remove_cb %d\n", name, remove_calls);
    for (int i = 0; i < 8; i++)
        if (kept[i])
            SSL_SESSION_free(kept[i]);
    SSL_SESSION_free(s);
    SSL_SESSION_free(t);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run("tls12 copy=0", TLS1_2_VERSION, 0);
    run("tls12 copy=1", TLS1_2_VERSION, 1);
    run("tls13 copy=0", TLS1_3_VERSION, 0);
    return 0;
}
