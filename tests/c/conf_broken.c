/* A configuration file libcrypto refuses (its ssl_conf module names a
 * section that is not there, with config_diagnostics on): OPENSSL_init_ssl
 * fails and so does every SSL_CTX_new, as in OpenSSL. */
#include "common.h"
#include <openssl/err.h>

int main(void)
{
    char path[256];
    const char text[] = "config_diagnostics = 1\n"
                        "openssl_conf = openssl_init\n"
                        "[openssl_init]\n"
                        "ssl_conf = ssl_sect\n"
                        "[ssl_sect]\n"
                        "system_default = missing_sect\n";
    snprintf(path, sizeof(path), "%s/sessl_conf_XXXXXX", P_tmpdir);
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, text, sizeof(text) - 1) == (ssize_t)(sizeof(text) - 1));
    close(fd);
    setenv("OPENSSL_CONF", path, 1);
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    printf("SSL_CTX_new: %s\n", ctx ? "a context" : "NULL");
    printf("OPENSSL_init_ssl -> %d\n", OPENSSL_init_ssl(0, NULL));
    SSL_CTX *again = SSL_CTX_new(TLS_method());
    printf("SSL_CTX_new again: %s\n", again ? "a context" : "NULL");
    ERR_clear_error();
    SSL_CTX_free(ctx);
    SSL_CTX_free(again);
    unlink(path);
    return 0;
}
