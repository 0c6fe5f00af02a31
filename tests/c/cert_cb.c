/* SSL_CTX_set_cert_cb / SSL_set_cert_cb on a server: called on each full
 * handshake after the ClientHello callbacks (the server name is known there,
 * the ClientHello getters no longer answer) and before the certificate is
 * chosen. It may move the connection to another context (the client then
 * sees that context's certificate), ask to be called again (-1: SSL_accept
 * returns -1 with SSL_ERROR_WANT_X509_LOOKUP) or fail the handshake (0: an
 * internal_error alert, "cert cb error"). SSL_set_cert_cb gives one
 * connection its own. sessl also calls it on resumed handshakes (where the
 * callback is quiet here): "~" lines. On a client it is called when the
 * server asks for a certificate, before SSL_CTX_set_client_cert_cb's. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/x509.h>

enum mode { GO, RETRY_ONCE, FAIL };

static SSL_CTX *second;
static enum mode mode;
static int calls, client_calls, quiet;
static int ctx_marker, conn_marker;

static int on_client_hello(SSL *ssl, int *al, void *arg)
{
    (void)ssl;
    (void)al;
    (void)arg;
    printf("  client hello cb, cert cb calls so far %d\n", calls);
    return SSL_CLIENT_HELLO_SUCCESS;
}

static int on_servername(SSL *ssl, int *al, void *arg)
{
    (void)ssl;
    (void)al;
    (void)arg;
    printf("  servername cb, cert cb calls so far %d\n", calls);
    return SSL_TLSEXT_ERR_OK;
}

/* The ALPN callback of the context the connection is in: under TLS 1.2
 * after the certificate callback, under TLS 1.3 before it. */
static int on_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
                   unsigned int inlen, void *arg)
{
    (void)ssl;
    (void)arg;
    (void)inlen;
    if (!quiet)
        printf("  alpn cb, cert cb calls so far %d\n", calls);
    *out = in + 1;
    *outlen = in[0];
    return SSL_TLSEXT_ERR_OK;
}

static int on_cert(SSL *ssl, void *arg)
{
    calls++;
    if (quiet)
        return 1;
    const unsigned char *p = NULL;
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    printf("  cert cb call %d: %s arg, servername %s, client hello random %zu\n", calls,
           arg == &ctx_marker ? "context" : arg == &conn_marker ? "connection" : "other", name ? name : "(null)",
           SSL_client_hello_get0_random(ssl, &p));
    if (mode == RETRY_ONCE && calls == 1) {
        printf("  -> retry\n");
        return -1;
    }
    if (mode == FAIL) {
        printf("  -> fail\n");
        return 0;
    }
    if (name && strcmp(name, "other.test") == 0) {
        SSL_CTX *r = SSL_set_SSL_CTX(ssl, second);
        printf("  switched to second %d\n", r == second);
    }
    return 1;
}

enum client_mode { CLIENT_COUNT, CLIENT_USE_FILES, CLIENT_FAIL };
static enum client_mode client_mode;
static char order[64];

static int on_client_cert(SSL *ssl, void *arg)
{
    (void)arg;
    client_calls++;
    strcat(order, " cert_cb");
    if (client_mode == CLIENT_FAIL)
        return 0;
    if (client_mode == CLIENT_USE_FILES) {
        CHECK(SSL_use_certificate_file(ssl, cert_path("client.pem"), SSL_FILETYPE_PEM) == 1);
        CHECK(SSL_use_PrivateKey_file(ssl, cert_path("client.key"), SSL_FILETYPE_PEM) == 1);
    }
    return 1;
}

static int on_client_cert_cb(SSL *ssl, X509 **x509, EVP_PKEY **pkey)
{
    (void)ssl;
    (void)x509;
    (void)pkey;
    strcat(order, " client_cert_cb");
    return 0;
}

static void show_peer(SSL *client)
{
    X509 *cert = SSL_get1_peer_certificate(client);
    char buf[256] = "(none)";
    if (cert)
        X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof(buf));
    printf(" client peer: %s\n", buf);
    X509_free(cert);
}

static void show_error(const char *who)
{
    unsigned long e = ERR_get_error();
    printf(" %s error: %s\n", who, e ? ERR_reason_error_string(e) : "(none)");
    ERR_clear_error();
}

/* One connection; returns the client's session (get1) when it succeeded. */
static SSL_SESSION *attempt(SSL_CTX *cctx, SSL_CTX *sctx, const char *name, int own_cb, SSL_SESSION *offer)
{
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_tlsext_host_name(p.client, name) == 1);
    if (own_cb)
        SSL_set_cert_cb(p.server, on_cert, &conn_marker);
    if (offer)
        CHECK(SSL_set_session(p.client, offer) == 1);
    int cdone = 0, sdone = 0, failed = 0;
    for (int i = 0; i < 100 && !(cdone && sdone) && !failed; i++) {
        if (!cdone) {
            int r = SSL_connect(p.client);
            if (r == 1)
                cdone = 1;
            else if (!want(p.client, r)) {
                show_error("client");
                failed = 1;
            }
        }
        if (!sdone && !failed) {
            int r = SSL_accept(p.server);
            int e = SSL_get_error(p.server, r);
            if (r == 1) {
                sdone = 1;
            } else if (e == SSL_ERROR_WANT_X509_LOOKUP) {
                printf(" SSL_accept %d, SSL_ERROR_WANT_X509_LOOKUP\n", r);
            } else if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                printf(" SSL_accept %d, error %d\n", r, e);
                show_error("server");
                int c = SSL_connect(p.client);
                printf(" client SSL_connect %d, error %d\n", c, SSL_get_error(p.client, c));
                show_error("client");
                failed = 1;
            }
        }
    }
    SSL_SESSION *s = NULL;
    if (cdone && sdone) {
        printf(" handshake 1, reused %d\n", SSL_session_reused(p.server));
        show_peer(p.client);
        exchange(&p);
        s = SSL_get1_session(p.client);
        close_clean(&p);
    } else {
        printf(" handshake 0\n");
        close_unclean(&p);
    }
    ERR_clear_error();
    return s;
}

static void run(long version, const char *name, enum mode m, int own_cb)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = SSL_CTX_new(TLS_client_method());
    second = SSL_CTX_new(TLS_server_method());
    CHECK(cctx && second);
    CHECK(SSL_CTX_use_certificate_file(second, cert_path("ca.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(second, cert_path("ca.key"), SSL_FILETYPE_PEM) == 1);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_set_client_hello_cb(sctx, on_client_hello, NULL);
    SSL_CTX_set_tlsext_servername_callback(sctx, on_servername);
    SSL_CTX_set_cert_cb(sctx, on_cert, &ctx_marker);
    SSL_CTX_set_alpn_select_cb(sctx, on_alpn, NULL);
    CHECK(SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)"\x02h2", 3) == 0);
    mode = m;
    calls = 0;
    printf("%s name=%s mode=%s own=%d\n", version == TLS1_2_VERSION ? "tls12" : "tls13", name,
           m == GO ? "go" : m == RETRY_ONCE ? "retry once" : "fail", own_cb);
    SSL_SESSION *s = attempt(cctx, sctx, name, own_cb, NULL);
    printf(" cert cb calls %d\n", calls);
    if (s && m == GO && !own_cb) {
        calls = 0;
        quiet = 1;
        SSL_SESSION *again = attempt(cctx, sctx, name, 0, s);
        quiet = 0;
        DIVERGE("cert cb calls on the resumed handshake %d\n", calls);
        SSL_SESSION_free(again);
    }
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(second);
}

/* A client's certificate callback, called when the server asks for a
 * certificate and before the client certificate callback; it may set the
 * connection's certificate and key, or fail the handshake (0). */
static void client_side(long version, enum client_mode m, int own_cb)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = SSL_CTX_new(TLS_client_method());
    CHECK(cctx != NULL);
    CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_client_cert_cb(cctx, on_client_cert_cb);
    if (!own_cb)
        SSL_CTX_set_cert_cb(cctx, on_client_cert, NULL);
    client_calls = 0;
    client_mode = m;
    order[0] = 0;
    printf("%s client cert cb, mode %d%s\n", version == TLS1_2_VERSION ? "tls12" : "tls13", (int)m,
           own_cb ? ", SSL_set_cert_cb" : "");
    struct pair p = make_pair(cctx, sctx);
    if (own_cb)
        SSL_set_cert_cb(p.client, on_client_cert, NULL);
    ERR_clear_error();
    int ok = handshake(&p);
    unsigned long e = ERR_peek_error();
    printf("  handshake %d, calls %d, order:%s, client error %d\n", ok, client_calls, order,
           ok ? 0 : ERR_GET_REASON(e));
    ERR_clear_error();
    if (ok) {
        X509 *peer = SSL_get1_peer_certificate(p.server);
        char buf[256] = "(none)";
        if (peer)
            X509_NAME_oneline(X509_get_subject_name(peer), buf, sizeof(buf));
        printf("  server saw %s\n", buf);
        X509_free(peer);
        close_clean(&p);
    } else {
        SSL_free(p.client);
        SSL_free(p.server);
        close(p.cfd);
        close(p.sfd);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int i = 0; i < 2; i++) {
        run(versions[i], "localhost", GO, 0);
        run(versions[i], "other.test", GO, 0);
        run(versions[i], "other.test", GO, 1);
        run(versions[i], "localhost", RETRY_ONCE, 0);
        run(versions[i], "localhost", FAIL, 0);
        client_side(versions[i], CLIENT_COUNT, 0);
        client_side(versions[i], CLIENT_USE_FILES, 0);
        client_side(versions[i], CLIENT_USE_FILES, 1);
        client_side(versions[i], CLIENT_FAIL, 0);
    }
    return 0;
}
