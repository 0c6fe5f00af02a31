/* The verify callback, as OpenSSL 3 calls it: once per certificate and per
 * error, with preverify_ok, the store context's error, depth and current
 * certificate, and the SSL under SSL_get_ex_data_X509_STORE_CTX_idx(). What
 * it returns decides: 1 on an untrusted chain lets the handshake succeed with
 * the verify result kept, 0 on a good chain fails it. SSL_set_verify on one
 * SSL overrides the context's callback; the getters; the mode is copied at
 * SSL_new. Client verifies server and server verifies client, TLS 1.2 and 1.3. */
#include "verify_common.h"
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

static int cb_ret = -1; /* -1: return preverify_ok; else this */
static SSL *expect_ssl;

static void print_cert_cn(const char *label, X509 *x)
{
    char cn[128] = "(none)";
    if (x)
        X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, cn, sizeof(cn));
    printf("%s%s", label, cn);
}

static int report(const char *which, int ok, X509_STORE_CTX *ctx)
{
    SSL *ssl = X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx());
    int err = X509_STORE_CTX_get_error(ctx);
    printf("    %s: preverify %d error %d (%s) depth %d", which, ok, err,
           X509_verify_cert_error_string(err), X509_STORE_CTX_get_error_depth(ctx));
    print_cert_cn(" cn ", X509_STORE_CTX_get_current_cert(ctx));
    printf(" %s\n", ssl == expect_ssl ? "ssl ok" : "ssl WRONG");
    return cb_ret < 0 ? ok : cb_ret;
}

static int ctx_cb(int ok, X509_STORE_CTX *ctx) { return report("ctx cb", ok, ctx); }
static int ssl_cb(int ok, X509_STORE_CTX *ctx) { return report("ssl cb", ok, ctx); }

static const char *cb_name(SSL_verify_cb cb)
{
    return cb == ctx_cb ? "ctx_cb" : cb == ssl_cb ? "ssl_cb" : cb ? "other" : "null";
}

/* The verifying side's context: trusting `trust`, SSL_VERIFY_PEER, ctx_cb. */
static void setup(SSL_CTX *ctx, const char *trust)
{
    CHECK(SSL_CTX_load_verify_locations(ctx, cert_path(trust), NULL) == 1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, ctx_cb);
}

/* One handshake; `server_verifies` picks the direction, `own` gives the
 * verifying SSL its own callback, `ctx_none_after` sets the context's mode
 * to SSL_VERIFY_NONE after SSL_new. `untrusted`: the verifier trusts ca2
 * (client side), or the client's certificate is client2 (signed by ca2). */
static void run(const char *label, long version, int server_verifies, int untrusted, int ret, int own,
                int ctx_none_after)
{
    SSL_CTX *sctx = server_ctx(version);
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_set_max_proto_version(cctx, version) == 1);
    SSL_CTX *vctx = server_verifies ? sctx : cctx;
    if (server_verifies) {
        const char *cert = untrusted ? "client2.pem" : "client.pem";
        const char *key = untrusted ? "client2.key" : "client.key";
        CHECK(SSL_CTX_use_certificate_chain_file(cctx, cert_path(cert)) == 1);
        CHECK(SSL_CTX_use_PrivateKey_file(cctx, cert_path(key), SSL_FILETYPE_PEM) == 1);
        setup(sctx, "ca.pem");
    } else {
        setup(cctx, untrusted ? "ca2.pem" : "ca.pem");
    }
    struct pair p = make_pair(cctx, sctx);
    SSL *v = server_verifies ? p.server : p.client;
    expect_ssl = v;
    cb_ret = ret;
    if (own)
        SSL_set_verify(v, SSL_VERIFY_PEER, ssl_cb);
    if (ctx_none_after)
        SSL_CTX_set_verify(vctx, SSL_VERIFY_NONE, NULL);
    printf("%s %s %s\n", version_name((int)version), server_verifies ? "server" : "client", label);
    printf("    ctx mode %d cb %s depth %d; ssl mode %d cb %s depth %d\n", SSL_CTX_get_verify_mode(vctx),
           cb_name(SSL_CTX_get_verify_callback(vctx)), SSL_CTX_get_verify_depth(vctx), SSL_get_verify_mode(v),
           cb_name(SSL_get_verify_callback(v)), SSL_get_verify_depth(v));
    int ok = handshake(&p);
    if (!ok)
        print_err("first error");
    /* The other side reads the alert. */
    if (!ok) {
        char buf[16];
        SSL_read(server_verifies ? p.client : p.server, buf, sizeof(buf));
        /* OpenSSL alerts internal_error for an unspecified failure; rustls
         * cannot send that alert from a verifier. */
        print_err_as("peer then", SSL_get_verify_result(v) == X509_V_ERR_UNSPECIFIED);
    }
    long r = SSL_get_verify_result(v);
    printf("    handshake %d verify_result %ld (%s)\n", ok, r, X509_verify_cert_error_string(r));
    if (ok) {
        exchange(&p);
        close_clean(&p);
    } else {
        close_unclean(&p);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int i = 0; i < 2; i++) {
        long v = versions[i];
        for (int sv = 0; sv < 2; sv++) {
            run("good chain, cb returns preverify", v, sv, 0, -1, 0, 0);
            run("untrusted chain, cb returns preverify", v, sv, 1, -1, 0, 0);
            run("untrusted chain, cb returns 1", v, sv, 1, 1, 0, 0);
            run("good chain, cb returns 0", v, sv, 0, 0, 0, 0);
            run("ssl's own cb overrides ctx's", v, sv, 1, 1, 1, 0);
            run("ctx set to VERIFY_NONE after SSL_new", v, sv, 1, -1, 0, 1);
        }
    }
    return 0;
}
