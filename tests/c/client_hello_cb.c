/* SSL_CTX_set_client_hello_cb as HAProxy uses it: the callback reads the
 * ClientHello (version, random, session id, compression, the server name
 * parsed from the raw server_name extension, ALPN), moves the connection to a
 * second context with another certificate for "other.test" and asks for the
 * client's certificate there. It may ask to be called again (RETRY: the next
 * SSL_accept calls it again) or fail the handshake with an alert (ERROR).
 * The getters answer only while the ClientHello is being processed, and
 * SSL_get_servername is NULL inside the callback. The client is OpenSSL's in
 * the reference run and rustls in sessl's: what the two send differently
 * (the cipher list, the extensions) is printed on "~" lines. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/x509.h>

enum mode { GO, RETRY_ONCE, FAIL };

static SSL_CTX *second;
static enum mode mode;
static int calls;
static int marker;

/* The host name in a server_name extension, as HAProxy parses it. */
static void server_name_of(const unsigned char *p, size_t len, char *out, size_t outlen)
{
    strcpy(out, "(none)");
    if (len < 5 || (size_t)((p[0] << 8) | p[1]) != len - 2 || p[2] != TLSEXT_NAMETYPE_host_name)
        return;
    size_t n = (size_t)((p[3] << 8) | p[4]);
    if (n + 5 > len || n >= outlen)
        return;
    memcpy(out, p + 5, n);
    out[n] = '\0';
}

static int by_value(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void show_fields(SSL *ssl)
{
    const unsigned char *p = NULL;
    size_t len = 0;
    printf("  isv2 %d, legacy version %#x, random %zu bytes, session id %zu bytes\n", SSL_client_hello_isv2(ssl),
           SSL_client_hello_get0_legacy_version(ssl), SSL_client_hello_get0_random(ssl, &p),
           SSL_client_hello_get0_session_id(ssl, &p));
    len = SSL_client_hello_get0_compression_methods(ssl, &p);
    printf("  compression methods %zu, first %d\n", len, len ? p[0] : -1);
    len = SSL_client_hello_get0_ciphers(ssl, &p);
    printf("  cipher bytes even %d, none NULL %d\n", len % 2 == 0, len == 0 || p != NULL);
    DIVERGE("cipher suites offered: %zu\n", len / 2);
    int *types = NULL;
    size_t n = 0;
    CHECK(SSL_client_hello_get1_extensions_present(ssl, &types, &n) == 1);
    int sni = 0, alpn = 0;
    /* rustls sends its extensions in a random order: sorted here. */
    qsort(types, n, sizeof(int), by_value);
    DIVERGE("extensions:");
    for (size_t i = 0; i < n; i++) {
        printf(" %d", types[i]);
        sni |= types[i] == TLSEXT_TYPE_server_name;
        alpn |= types[i] == TLSEXT_TYPE_application_layer_protocol_negotiation;
    }
    printf("\n");
    OPENSSL_free(types);
    printf("  server_name present %d, alpn present %d\n", sni, alpn);
    if (SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_application_layer_protocol_negotiation, &p, &len) == 1) {
        printf("  alpn extension:");
        for (size_t i = 0; i < len; i++)
            printf(" %02x", p[i]);
        printf("\n");
    }
    printf("  get0_ext unknown type 0x1234: %d\n", SSL_client_hello_get0_ext(ssl, 0x1234, &p, &len));
}

static int on_client_hello(SSL *ssl, int *al, void *arg)
{
    calls++;
    const char *sn = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    printf(" client hello cb call %d: arg ok %d, al starts %d, SSL_get_servername %s\n", calls, arg == &marker, *al,
           sn ? sn : "(null)");
    if (mode == RETRY_ONCE && calls == 1) {
        printf("  -> retry\n");
        return SSL_CLIENT_HELLO_RETRY;
    }
    if (mode == FAIL) {
        *al = SSL_AD_ACCESS_DENIED;
        printf("  -> error, alert access_denied\n");
        return SSL_CLIENT_HELLO_ERROR;
    }
    show_fields(ssl);
    const unsigned char *p;
    size_t len;
    char name[256] = "(none)";
    if (SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_server_name, &p, &len) == 1)
        server_name_of(p, len, name, sizeof(name));
    printf("  server name parsed: %s\n", name);
    if (strcmp(name, "other.test") == 0) {
        SSL_CTX *r = SSL_set_SSL_CTX(ssl, second);
        SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL);
        SSL_set_verify_depth(ssl, 3);
        printf("  switched to second %d, verify mode %d\n", r == second && SSL_get_SSL_CTX(ssl) == second,
               SSL_get_verify_mode(ssl));
    }
    return SSL_CLIENT_HELLO_SUCCESS;
}

/* The getters still answer in the servername callback, and in the ALPN
 * callback under TLS 1.3 (it runs before the ClientHello is let go). */
static int on_servername(SSL *ssl, int *al, void *arg)
{
    (void)al;
    (void)arg;
    const unsigned char *p = NULL;
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    printf("  servername cb: name %s, random %zu\n", name ? name : "(null)", SSL_client_hello_get0_random(ssl, &p));
    return SSL_TLSEXT_ERR_OK;
}

static int on_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
                   unsigned int inlen, void *arg)
{
    (void)arg;
    (void)inlen;
    const unsigned char *p = NULL;
    printf("  alpn cb: random %zu\n", SSL_client_hello_get0_random(ssl, &p));
    *out = in + 1;
    *outlen = in[0];
    return SSL_TLSEXT_ERR_OK;
}

static void show_outside(const char *when, SSL *ssl)
{
    const unsigned char *p = NULL;
    size_t len = 0;
    int *types = NULL;
    printf(" %s: random %zu, ciphers %d, version %u, ext %d", when, SSL_client_hello_get0_random(ssl, &p),
           SSL_client_hello_get0_ciphers(ssl, &p) > 0, SSL_client_hello_get0_legacy_version(ssl),
           SSL_client_hello_get0_ext(ssl, 0, &p, &len));
    printf(", present %d\n", SSL_client_hello_get1_extensions_present(ssl, &types, &len));
    OPENSSL_free(types);
    ERR_print_errors_fp(stdout);
}

static const char *name_or_none(const char *s)
{
    return s ? s : "(null)";
}

static void show_peer(const char *who, SSL *ssl)
{
    X509 *cert = SSL_get1_peer_certificate(ssl);
    char buf[256] = "(none)";
    if (cert)
        X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof(buf));
    printf(" %s peer: %s\n", who, buf);
    X509_free(cert);
}

static void show_error(const char *who)
{
    unsigned long e = ERR_get_error();
    printf(" %s error: %s\n", who, e ? ERR_reason_error_string(e) : "(none)");
    ERR_clear_error();
}

static void run(long version, const char *name, enum mode m)
{
    /* The client does not verify: the second certificate is the CA's own. */
    SSL_CTX *sctx = server_ctx(version), *cctx = SSL_CTX_new(TLS_client_method());
    CHECK(cctx != NULL);
    second = SSL_CTX_new(TLS_server_method());
    CHECK(second != NULL);
    CHECK(SSL_CTX_use_certificate_file(second, cert_path("ca.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(second, cert_path("ca.key"), SSL_FILETYPE_PEM) == 1);
    SSL_CTX_set_client_hello_cb(sctx, on_client_hello, &marker);
    SSL_CTX_set_tlsext_servername_callback(sctx, on_servername);
    SSL_CTX_set_alpn_select_cb(sctx, on_alpn, NULL);
    SSL_CTX_set_alpn_select_cb(second, on_alpn, NULL);
    static const unsigned char protos[] = "\x02h2\x08http/1.1";
    CHECK(SSL_CTX_set_alpn_protos(cctx, protos, sizeof(protos) - 1) == 0);
    mode = m;
    calls = 0;
    printf("%s name=%s mode=%s\n", version == TLS1_2_VERSION ? "tls12" : "tls13", name,
           m == GO ? "go" : m == RETRY_ONCE ? "retry once" : "fail");
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_tlsext_host_name(p.client, name) == 1);
    show_outside("before", p.server);
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
            } else if (e == SSL_ERROR_WANT_CLIENT_HELLO_CB) {
                printf(" SSL_accept %d, SSL_ERROR_WANT_CLIENT_HELLO_CB\n", r);
                show_outside("between calls", p.server);
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
    printf(" handshake %d, calls %d\n", cdone && sdone, calls);
    if (cdone && sdone) {
        show_peer("client", p.client);
        show_peer("server", p.server);
        printf(" server ctx is second %d, verify mode %d, servername %s\n", SSL_get_SSL_CTX(p.server) == second,
               SSL_get_verify_mode(p.server), name_or_none(SSL_get_servername(p.server, TLSEXT_NAMETYPE_host_name)));
        const unsigned char *alpn = NULL;
        unsigned int alpn_len = 0;
        SSL_get0_alpn_selected(p.client, &alpn, &alpn_len);
        printf(" alpn agreed %u bytes\n", alpn_len);
        show_outside("after", p.server);
        exchange(&p);
        close_clean(&p);
    } else {
        close_unclean(&p);
    }
    ERR_clear_error();
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(second);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int i = 0; i < 2; i++) {
        run(versions[i], "localhost", GO);
        run(versions[i], "other.test", GO);
        run(versions[i], "other.test", RETRY_ONCE);
        run(versions[i], "localhost", FAIL);
    }
    return 0;
}
