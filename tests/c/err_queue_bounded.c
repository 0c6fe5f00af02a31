/*
 * The error queue stays bounded under repeated failures: a hundred failing
 * calls leave only as many entries as OpenSSL's queue holds (the oldest
 * dropped), and the newest entry is the last failure's.
 */
#include "common.h"

#include <openssl/err.h>

int main(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(ctx != NULL);
    ERR_clear_error();
    for (int i = 0; i < 100; i++)
        CHECK(SSL_CTX_set_cipher_list(ctx, "NO-SUCH-CIPHER") == 0);
    const char *last = ERR_reason_error_string(ERR_peek_last_error());
    int entries = 0;
    while (ERR_get_error() != 0)
        entries++;
    printf("after 100 failures: %d entries, the last: %s\n", entries, last ? last : "none");
    SSL_CTX_free(ctx);
    return 0;
}
