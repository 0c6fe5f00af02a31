/* SSL_CTX_set_ctlog_list_file / SSL_CTX_set_default_ctlog_list_file: the
 * list is read and checked as OpenSSL reads it (a missing or malformed file
 * fails, a well-formed one succeeds); enabling CT still fails on sessl. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/ct.h>

static const char *write_list(char *path, const char *text)
{
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    return path;
}

int main(void)
{
    SSL_CTX *ctx = client_ctx(0);
    char good[] = "/tmp/sessl-ctlog-XXXXXX", bad[] = "/tmp/sessl-ctlog-XXXXXX";
    write_list(good, "enabled_logs = test\n[test]\ndescription = a test log\n"
                     "key = MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEmXg8sUUzwBYaWrRb+V0IopzQ6o3UyEJ04r5ZrRXGdpYM8K+hB0pXrGRLI0eeWz+3skXrS0IO83AhA3GpRL6s6w==\n");
    write_list(bad, "enabled_logs = test\n[test]\ndescription = no key\n");
    printf("missing file %d\n", SSL_CTX_set_ctlog_list_file(ctx, "no-such-ctlog-list.cnf"));
    ERR_clear_error();
    printf("malformed file %d\n", SSL_CTX_set_ctlog_list_file(ctx, bad));
    ERR_clear_error();
    printf("well-formed file %d\n", SSL_CTX_set_ctlog_list_file(ctx, good));
    setenv("CTLOG_FILE", good, 1);
    printf("default (CTLOG_FILE) %d\n", SSL_CTX_set_default_ctlog_list_file(ctx));
    ERR_clear_error();
    unlink(good);
    unlink(bad);
    SSL_CTX_free(ctx);
    return 0;
}
