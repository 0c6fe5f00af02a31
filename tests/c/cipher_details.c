/* What SSL_CIPHER_* tell of each suite sessl runs: key exchange, authentication,
 * cipher and digest NIDs, AEAD, protocol id, handshake digest, description. */
#include "common.h"
#include <openssl/evp.h>

int main(void)
{
    const unsigned char ids[][2] = {
        {0x13, 0x01}, {0x13, 0x02}, {0x13, 0x03}, {0xc0, 0x2b}, {0xc0, 0x2c},
        {0xc0, 0x2f}, {0xc0, 0x30}, {0xcc, 0xa8}, {0xcc, 0xa9},
    };
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        const SSL_CIPHER *c = SSL_CIPHER_find(ssl, ids[i]);
        if (c == NULL) {
            printf("%02x%02x: not found\n", ids[i][0], ids[i][1]);
            continue;
        }
        const EVP_MD *md = SSL_CIPHER_get_handshake_digest(c);
        char buf[128];
        printf("%s: kx %d auth %d cipher %d digest %d aead %d id %04x md %s\n  %s",
               SSL_CIPHER_get_name(c), SSL_CIPHER_get_kx_nid(c), SSL_CIPHER_get_auth_nid(c),
               SSL_CIPHER_get_cipher_nid(c), SSL_CIPHER_get_digest_nid(c),
               SSL_CIPHER_is_aead(c), SSL_CIPHER_get_protocol_id(c),
               md ? EVP_MD_get0_name(md) : "none", SSL_CIPHER_description(c, buf, sizeof(buf)));
    }
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}
