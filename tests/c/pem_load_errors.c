/* How a context's certificate and key files fail to load, as Python's
 * load_cert_chain reports it (the last error's library and reason): a
 * chain file with a CERTIFICATE block that does not decode, an empty file
 * and a key-only file are PEM errors; a key file with no key in it, and an
 * encrypted key given the wrong password, PEM errors; a missing file a
 * system error. A version 1 certificate (no extensions) with its key in one
 * file loads and matches its key, another key does not match it. A sessl
 * client cannot handshake with a version 1 certificate even when it does
 * not verify (rustls parses the certificate with webpki, which takes
 * version 3 only, to check the server's signature): a "~" line. */
#include "common.h"
#include <openssl/err.h>

static void report(const char *what, long r)
{
    unsigned long e = ERR_peek_last_error();
    printf("%s -> %ld, last error lib %d reason %d (%s)\n", what, r, ERR_GET_LIB(e),
           ERR_GET_REASON(e), e ? ERR_reason_error_string(e) : "none");
    ERR_clear_error();
}

static int password(char *buf, int size, int rwflag, void *u)
{
    const char *pw = u;
    int n = (int)strlen(pw);
    if (n > size)
        return -1;
    memcpy(buf, pw, n);
    return n;
}

static void chain_file(const char *name)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    char what[128];
    snprintf(what, sizeof(what), "use_certificate_chain_file(%s)", name);
    report(what, SSL_CTX_use_certificate_chain_file(ctx, cert_path(name)));
    SSL_CTX_free(ctx);
}

static void key_file(const char *name, char *pw)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    char what[128];
    SSL_CTX_set_default_passwd_cb(ctx, password);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, pw);
    snprintf(what, sizeof(what), "use_PrivateKey_file(%s, password %s)", name, pw);
    report(what, SSL_CTX_use_PrivateKey_file(ctx, cert_path(name), SSL_FILETYPE_PEM));
    SSL_CTX_free(ctx);
}

int main(void)
{
    chain_file("bad-cert-block.pem");
    chain_file("empty.pem");
    chain_file("server.key");
    chain_file("no-such-file.pem");
    chain_file("server-chain.pem");

    key_file("server-chain.pem", "secret");
    key_file("empty.pem", "secret");
    key_file("server-enc.key", "badpass");
    key_file("server-enc.key", "secret");
    key_file("no-such-file.pem", "secret");

    /* Python's keycert files: key and certificate in one, here version 1. */
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    report("v1-keycert.pem chain", SSL_CTX_use_certificate_chain_file(sctx, cert_path("v1-keycert.pem")));
    report("v1-keycert.pem key", SSL_CTX_use_PrivateKey_file(sctx, cert_path("v1-keycert.pem"), SSL_FILETYPE_PEM));
    report("check_private_key", SSL_CTX_check_private_key(sctx));
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(cctx, SSL_VERIFY_NONE, NULL);
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    DIVERGE("handshake with the v1 certificate, client not verifying: %d\n", ok);
    if (ok)
        exchange(&p);
    ERR_clear_error();
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);

    /* Another EC key than the certificate's. */
    sctx = SSL_CTX_new(TLS_server_method());
    report("v1.pem chain", SSL_CTX_use_certificate_chain_file(sctx, cert_path("v1.pem")));
    report("leaf-inter.key", SSL_CTX_use_PrivateKey_file(sctx, cert_path("leaf-inter.key"), SSL_FILETYPE_PEM));
    report("v1.key", SSL_CTX_use_PrivateKey_file(sctx, cert_path("v1.key"), SSL_FILETYPE_PEM));
    report("check_private_key", SSL_CTX_check_private_key(sctx));
    SSL_CTX_free(sctx);
    return 0;
}
