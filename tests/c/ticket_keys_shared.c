/* SSL_CTX_set_tlsext_ticket_keys / SSL_CTX_get_tlsext_ticket_keys: a new
 * context has its own 80 bytes of keys; two servers given the same keys open
 * each other's tickets (TLS 1.2 and 1.3), servers with other keys do not. */
#include "common.h"
#include <openssl/err.h>

static int resumes(SSL_CTX *cctx, SSL_CTX *first, SSL_CTX *second)
{
    SSL_SESSION *s = connect_once(cctx, first, NULL, NULL);
    int reused = -1;
    SSL_SESSION *again = connect_once(cctx, second, s, &reused);
    SSL_SESSION_free(again);
    SSL_SESSION_free(s);
    return reused;
}

int main(void)
{
    unsigned char keys[80], other[80], back[80];
    for (long max = TLS1_2_VERSION; max <= TLS1_3_VERSION; max++) {
        SSL_CTX *a = server_ctx(max), *b = server_ctx(max), *cctx = client_ctx(0);
        printf("%s\n", version_name((int)max));
        printf("key length %ld\n", SSL_CTX_get_tlsext_ticket_keys(a, NULL, 0));
        printf("wrong length get %ld set %ld\n", SSL_CTX_get_tlsext_ticket_keys(a, keys, 48),
               SSL_CTX_set_tlsext_ticket_keys(a, keys, 48));
        for (unsigned long e; (e = ERR_get_error()) != 0;)
            printf("error reason %d\n", ERR_GET_REASON(e));
        CHECK(SSL_CTX_get_tlsext_ticket_keys(a, keys, sizeof(keys)) == 1);
        CHECK(SSL_CTX_get_tlsext_ticket_keys(b, other, sizeof(other)) == 1);
        printf("fresh contexts' keys differ: %d\n", memcmp(keys, other, 80) != 0);
        printf("resumed on itself %d, on another context %d\n", resumes(cctx, a, a),
               resumes(cctx, a, b));
        printf("set %ld\n", SSL_CTX_set_tlsext_ticket_keys(b, keys, sizeof(keys)));
        CHECK(SSL_CTX_get_tlsext_ticket_keys(b, back, sizeof(back)) == 1);
        printf("read back equal: %d\n", memcmp(keys, back, 80) == 0);
        printf("shared keys: a's ticket on b %d, b's on a %d\n", resumes(cctx, a, b),
               resumes(cctx, b, a));
        memcpy(other, keys, 16); /* same name, other HMAC and AES keys */
        CHECK(SSL_CTX_set_tlsext_ticket_keys(b, other, sizeof(other)) == 1);
        printf("same name other keys: %d\n", resumes(cctx, a, b));
        SSL_CTX_free(cctx);
        SSL_CTX_free(a);
        SSL_CTX_free(b);
    }
    return 0;
}
