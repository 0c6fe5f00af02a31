/* SSL_CTX_set_session_store_sessl's failures (built on sessl.h only, no
 * Redis needed: nothing connects before a handshake): each returns 0 and
 * queues one error naming the call; a good call and taking the store away
 * return 1 and queue nothing. Prints the queue after each call. */
#include "../c/common.h"

#include <openssl/err.h>

static void call(const char *what, SSL_CTX *ctx, const char *url, const unsigned char *key,
                 size_t keylen)
{
    unsigned long e;
    const char *func = NULL, *data = NULL;
    int flags = 0;
    int r = SSL_CTX_set_session_store_sessl(ctx, url, key, keylen);
    printf("%s: %d", what, r);
    while ((e = ERR_get_error_all(NULL, NULL, &func, &data, &flags)) != 0) {
        printf(" [%s: %s in %s", ERR_lib_error_string(e), ERR_reason_error_string(e), func);
        if ((flags & ERR_TXT_STRING) && data && *data)
            printf(": %s", data);
        printf("]");
    }
    printf("\n");
}

int main(void)
{
    unsigned char key[48];
    memset(key, 7, sizeof(key));
    SSL_CTX *ctx = server_ctx(0);
    const char *url = "redis://127.0.0.1:1";
    ERR_clear_error();
    call("NULL ctx", NULL, url, key, sizeof(key));
    call("NULL key", ctx, url, NULL, sizeof(key));
    call("short key", ctx, url, key, 31);
    call("bad URL", ctx, "http://nowhere", key, sizeof(key));
    call("no URL at all", ctx, "", key, sizeof(key));
    call("good", ctx, url, key, 32);
    call("store taken away", ctx, NULL, NULL, 0);
    SSL_CTX_free(ctx);
    return 0;
}
