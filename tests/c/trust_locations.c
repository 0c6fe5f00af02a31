/* Where a client's trusted certificates come from: SSL_CTX_load_verify_file,
 * _dir (a hashed directory), _store (an OSSL_STORE URI), and libcrypto's
 * default locations through SSL_CTX_set_default_verify_file / _dir / _store
 * with SSL_CERT_FILE, SSL_CERT_DIR and SSL_CERT_URI pointing at the test CA;
 * SSL_CTX_new_ex; the password callback getters. Each client verifies the
 * test server (verify result printed, the handshake itself not stopped). */
#include "common.h"
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

static void report(const char *what, long r)
{
    unsigned long e = ERR_peek_last_error();
    printf("%s -> %ld, last error lib %d reason %d (%s)\n", what, r, ERR_GET_LIB(e),
           ERR_GET_REASON(e), e ? ERR_reason_error_string(e) : "none");
    ERR_clear_error();
}

/* Connects a client of `cctx` to the test server; prints the verify result. */
static void verify_with(const char *label, SSL_CTX *cctx)
{
    SSL_CTX *sctx = server_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    printf("%s: handshake %d, verify result %ld\n", label, ok, SSL_get_verify_result(p.client));
    ERR_clear_error();
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static SSL_CTX *new_client(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(ctx != NULL);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    return ctx;
}

/* A directory holding the test CA under its subject hash, as c_rehash makes it. */
static void make_hashed_dir(char *dir)
{
    CHECK(mkdtemp(dir) != NULL);
    FILE *f = fopen(cert_path("ca.pem"), "r");
    CHECK(f != NULL);
    X509 *ca = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(ca != NULL);
    char path[600];
    snprintf(path, sizeof(path), "%s/%08lx.0", dir, X509_NAME_hash_ex(X509_get_subject_name(ca), NULL, NULL, NULL));
    f = fopen(path, "w");
    CHECK(f != NULL);
    CHECK(PEM_write_X509(f, ca) == 1);
    fclose(f);
    X509_free(ca);
}

static void remove_hashed_dir(const char *dir)
{
    char cmd[700];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

static int pw_cb(char *buf, int size, int rwflag, void *u)
{
    (void)buf, (void)size, (void)rwflag, (void)u;
    return 0;
}

int main(void)
{
    char dir[] = "/tmp/sessl-trust-XXXXXX";
    make_hashed_dir(dir);
    unsetenv("SSL_CERT_FILE");
    unsetenv("SSL_CERT_DIR");
    unsetenv("SSL_CERT_URI");

    verify_with("nothing trusted", new_client());

    SSL_CTX *ctx = new_client();
    report("load_verify_file missing", SSL_CTX_load_verify_file(ctx, cert_path("missing.pem")));
    report("load_verify_file", SSL_CTX_load_verify_file(ctx, cert_path("ca.pem")));
    verify_with("verify file", ctx);

    ctx = new_client();
    report("load_verify_dir", SSL_CTX_load_verify_dir(ctx, dir));
    verify_with("verify dir", ctx);

    ctx = new_client();
    report("load_verify_dir of a directory without the CA", SSL_CTX_load_verify_dir(ctx, cert_path("ca-newcerts")));
    verify_with("verify dir without the CA", ctx);

    ctx = new_client();
    report("load_verify_store missing", SSL_CTX_load_verify_store(ctx, cert_path("missing.pem")));
    report("load_verify_store", SSL_CTX_load_verify_store(ctx, cert_path("ca.pem")));
    verify_with("verify store", ctx);

    setenv("SSL_CERT_FILE", cert_path("ca.pem"), 1);
    ctx = new_client();
    report("set_default_verify_file (SSL_CERT_FILE)", SSL_CTX_set_default_verify_file(ctx));
    verify_with("default verify file", ctx);
    setenv("SSL_CERT_FILE", cert_path("missing.pem"), 1);
    ctx = new_client();
    report("set_default_verify_file (missing)", SSL_CTX_set_default_verify_file(ctx));
    verify_with("default verify file missing", ctx);
    unsetenv("SSL_CERT_FILE");

    setenv("SSL_CERT_DIR", dir, 1);
    ctx = new_client();
    report("set_default_verify_dir (SSL_CERT_DIR)", SSL_CTX_set_default_verify_dir(ctx));
    verify_with("default verify dir", ctx);
    unsetenv("SSL_CERT_DIR");

    setenv("SSL_CERT_URI", cert_path("missing.pem"), 1);
    ctx = new_client();
    report("set_default_verify_store (missing)", SSL_CTX_set_default_verify_store(ctx));
    verify_with("default verify store missing", ctx);
    unsetenv("SSL_CERT_URI");

    ctx = SSL_CTX_new_ex(NULL, NULL, TLS_client_method());
    printf("new_ex: %d\n", ctx != NULL);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    CHECK(SSL_CTX_load_verify_locations(ctx, cert_path("ca.pem"), NULL) == 1);
    verify_with("new_ex context", ctx);
    ctx = SSL_CTX_new_ex(NULL, "provider=default", TLS_client_method());
    printf("new_ex with a property query: %d\n", ctx != NULL);
    SSL_CTX_free(ctx);

    ctx = new_client();
    printf("passwd cb unset: %d %d\n", SSL_CTX_get_default_passwd_cb(ctx) == NULL,
           SSL_CTX_get_default_passwd_cb_userdata(ctx) == NULL);
    SSL_CTX_set_default_passwd_cb(ctx, pw_cb);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, dir);
    printf("passwd cb set: %d %d\n", SSL_CTX_get_default_passwd_cb(ctx) == pw_cb,
           SSL_CTX_get_default_passwd_cb_userdata(ctx) == dir);
    SSL *ssl = SSL_new(ctx);
    printf("connection's: %d %d\n", SSL_get_default_passwd_cb(ssl) == pw_cb,
           SSL_get_default_passwd_cb_userdata(ssl) == dir);
    SSL_set_default_passwd_cb(ssl, NULL);
    printf("connection's cleared: %d, context's kept %d\n", SSL_get_default_passwd_cb(ssl) == NULL,
           SSL_CTX_get_default_passwd_cb(ctx) == pw_cb);
    SSL_free(ssl);
    SSL_CTX_free(ctx);

    remove_hashed_dir(dir);
    return 0;
}
