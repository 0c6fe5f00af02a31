/* OpenSSL's default cipher strings and the RFC-to-OpenSSL suite name map
 * (OSSL_default_cipher_list, OSSL_default_ciphersuites, OPENSSL_cipher_name). */
#include "common.h"

int main(void)
{
    printf("default cipher list %s\n", OSSL_default_cipher_list());
    printf("default TLS 1.3 suites %s\n", OSSL_default_ciphersuites());
    const char *names[] = {
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_AES_128_GCM_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256",
        "NOT_A_SUITE",
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        printf("%s -> %s\n", names[i], OPENSSL_cipher_name(names[i]));
    printf("NULL -> %s\n", OPENSSL_cipher_name(NULL));
    return 0;
}
