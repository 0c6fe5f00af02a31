/* The size bound: oldest evicted first, counted in cache_full, each told to
 * the remove callback; an evicted session no longer resumes. */
#include "common.h"

static int removed;
static void remove_cb(SSL_CTX *ctx, SSL_SESSION *sess)
{
    (void)ctx;
    (void)sess;
    removed++;
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    printf("default size %ld\n", SSL_CTX_sess_get_cache_size(sctx));
    printf("set returns %ld\n", SSL_CTX_sess_set_cache_size(sctx, 3));
    printf("size %ld\n", SSL_CTX_sess_get_cache_size(sctx));
    SSL_CTX_sess_set_remove_cb(sctx, remove_cb);
    printf("get_remove_cb matches %d\n", SSL_CTX_sess_get_remove_cb(sctx) == remove_cb);
    SSL_SESSION *s[5];
    for (int i = 0; i < 5; i++) {
        s[i] = connect_once(cctx, sctx, NULL, NULL);
        printf("after %d: entries %ld cache_full %ld removed %d\n", i + 1, SSL_CTX_sess_number(sctx),
               SSL_CTX_sess_cache_full(sctx), removed);
    }
    int reused = -1;
    SSL_SESSION *t = connect_once(cctx, sctx, s[0], &reused);
    printf("oldest resumed %d\n", reused);
    SSL_SESSION_free(t);
    t = connect_once(cctx, sctx, s[4], &reused);
    printf("newest resumed %d\n", reused);
    SSL_SESSION_free(t);
    printf("shrink returns %ld, entries %ld removed %d\n", SSL_CTX_sess_set_cache_size(sctx, 1),
           SSL_CTX_sess_number(sctx), removed);
    for (int i = 0; i < 5; i++)
        SSL_SESSION_free(s[i]);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
