/* SSL_CTX_set_tlsext_ticket_key_evp_cb: servers sharing ticket keys resume
 * each other's tickets; the callback's return values rotate keys: 1 use,
 * 2 use and renew, 0 unknown key (full handshake). */
#include "common.h"
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

static unsigned char names[2][16] = {"key-name-one-000", "key-name-two-000"};
static unsigned char aes[2][16] = {"aes-key-one-0000", "aes-key-two-0000"};
static unsigned char hmac[2][32] = {"hmac-key-one-0000000000000000000", "hmac-key-two-0000000000000000000"};
static int current;       /* key used for new tickets */
static int accept_old = 1; /* whether the other key still opens tickets */
static int encrypts, decrypts, renews;

static int set_keys(int k, unsigned char *iv, EVP_CIPHER_CTX *c, EVP_MAC_CTX *h, int enc)
{
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_MAC_PARAM_KEY, hmac[k], 32),
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0),
        OSSL_PARAM_construct_end(),
    };
    if (!EVP_MAC_CTX_set_params(h, params))
        return -1;
    return enc ? EVP_EncryptInit_ex(c, EVP_aes_128_cbc(), NULL, aes[k], iv)
               : EVP_DecryptInit_ex(c, EVP_aes_128_cbc(), NULL, aes[k], iv);
}

static int cb(SSL *s, unsigned char *name, unsigned char *iv, EVP_CIPHER_CTX *c, EVP_MAC_CTX *h, int enc)
{
    (void)s;
    if (enc) {
        encrypts++;
        memcpy(name, names[current], 16);
        memset(iv, 7, 16);
        return set_keys(current, iv, c, h, 1) == 1 ? 1 : -1;
    }
    decrypts++;
    for (int k = 0; k < 2; k++) {
        if (memcmp(name, names[k], 16) == 0) {
            if (k != current && !accept_old)
                return 0;
            if (set_keys(k, iv, c, h, 0) != 1)
                return -1;
            if (k != current) {
                renews++;
                return 2;
            }
            return 1;
        }
    }
    return 0;
}

/* Each resumption offers a ticket not offered before (a TLS 1.3 ticket is
 * best used once, and sessl's are single-use). */
static void run(long version)
{
    const char *v = version == TLS1_2_VERSION ? "tls12" : "tls13";
    SSL_CTX *a = server_ctx(version), *b = server_ctx(version), *cctx = client_ctx(0);
    printf("%s set %d %d\n", v, SSL_CTX_set_tlsext_ticket_key_evp_cb(a, cb),
           SSL_CTX_set_tlsext_ticket_key_evp_cb(b, cb));
    current = 0;
    accept_old = 1;
    encrypts = decrypts = renews = 0;
    int reused = -1;
    SSL_SESSION *s = connect_once(cctx, a, NULL, &reused);
    printf("%s: ticket from a, encrypts %d\n", v, encrypts);
    int before = encrypts;
    SSL_SESSION *t = connect_once(cctx, b, s, &reused);
    printf("%s: resumed on b %d, decrypts %d, new tickets %d\n", v, reused, decrypts, encrypts - before);

    /* Rotate: new tickets use key two; key one still opens, and renews. */
    SSL_SESSION *old = connect_once(cctx, a, NULL, &reused);
    current = 1;
    before = encrypts;
    SSL_SESSION *u = connect_once(cctx, a, old, &reused);
    printf("%s: old key after rotation: resumed %d renews %d new tickets %d\n", v, reused, renews,
           encrypts - before);
    before = encrypts;
    SSL_SESSION *w = connect_once(cctx, b, u, &reused);
    printf("%s: renewed ticket on b: resumed %d, new tickets %d\n", v, reused, encrypts - before);

    /* Retire key one: its tickets give a full handshake. */
    current = 0;
    SSL_SESSION *retired = connect_once(cctx, a, NULL, &reused);
    current = 1;
    accept_old = 0;
    SSL_SESSION *x = connect_once(cctx, a, retired, &reused);
    printf("%s: ticket of a retired key: resumed %d\n", v, reused);
    SSL_SESSION *list[] = {s, t, old, u, w, retired, x};
    for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++)
        SSL_SESSION_free(list[i]);
    SSL_CTX_free(cctx);
    SSL_CTX_free(a);
    SSL_CTX_free(b);
}

int main(void)
{
    run(TLS1_2_VERSION);
    run(TLS1_3_VERSION);
    return 0;
}
