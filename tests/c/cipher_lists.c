/* The cipher lists of contexts and connections: SSL_CTX_get_ciphers /
 * SSL_get_ciphers (TLS 1.3 suites first, the context's stack until the
 * connection sets its own), SSL_get_cipher_list, SSL_get1_supported_ciphers
 * (versions and security level), per-connection SSL_set_cipher_list /
 * SSL_set_ciphersuites (used by the handshake), @SECLEVEL, and on a server
 * SSL_get_client_ciphers / SSL_get_shared_ciphers; SSL_bytes_to_cipher_list.
 * Lists are always given explicitly: OpenSSL's defaults name suites sessl lacks. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/safestack.h>

/* sk_SSL_CIPHER_* come with <openssl/ssl.h>; the same on the plain stack API. */
static int cipher_num(const STACK_OF(SSL_CIPHER) *sk)
{
    return OPENSSL_sk_num((const OPENSSL_STACK *)sk);
}

static const SSL_CIPHER *cipher_at(const STACK_OF(SSL_CIPHER) *sk, int i)
{
    return OPENSSL_sk_value((const OPENSSL_STACK *)sk, i);
}

static void cipher_stack_free(STACK_OF(SSL_CIPHER) *sk)
{
    OPENSSL_sk_free((OPENSSL_STACK *)sk);
}

#define TLS12_LIST                                                              \
    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"                \
    "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384"
#define TLS13_LIST "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384"

static void print_stack(const char *label, STACK_OF(SSL_CIPHER) *sk)
{
    if (sk == NULL) {
        printf("%s: (null)\n", label);
        return;
    }
    printf("%s: %d:", label, cipher_num(sk));
    for (int i = 0; i < cipher_num(sk); i++)
        printf(" %s", SSL_CIPHER_get_name(cipher_at(sk, i)));
    printf("\n");
}

static void print_supported(const char *label, SSL *ssl)
{
    STACK_OF(SSL_CIPHER) *sk = SSL_get1_supported_ciphers(ssl);
    print_stack(label, sk);
    cipher_stack_free(sk);
}

static void print_error(const char *label)
{
    unsigned long e = ERR_get_error();
    printf("%s: lib %d reason %d\n", label, ERR_GET_LIB(e), ERR_GET_REASON(e));
    ERR_clear_error();
}

static SSL_CTX *listed(SSL_CTX *ctx)
{
    CHECK(SSL_CTX_set_cipher_list(ctx, TLS12_LIST) == 1);
    CHECK(SSL_CTX_set_ciphersuites(ctx, TLS13_LIST) == 1);
    return ctx;
}

static void getters(void)
{
    SSL_CTX *ctx = listed(SSL_CTX_new(TLS_method()));
    print_stack("ctx", SSL_CTX_get_ciphers(ctx));
    SSL *ssl = SSL_new(ctx);
    printf("ssl uses the ctx stack: %d\n", SSL_get_ciphers(ssl) == SSL_CTX_get_ciphers(ctx));
    for (int i = 0; i < 8; i++) {
        const char *name = SSL_get_cipher_list(ssl, i);
        printf("cipher_list %d: %s\n", i, name ? name : "(null)");
    }
    print_supported("supported", ssl);
    SSL_set_max_proto_version(ssl, TLS1_2_VERSION);
    print_supported("supported tls1.2", ssl);
    SSL_set_max_proto_version(ssl, 0);
    SSL_set_min_proto_version(ssl, TLS1_3_VERSION);
    print_supported("supported tls1.3", ssl);
    SSL_set_min_proto_version(ssl, 0);
    SSL_set_security_level(ssl, 4);
    print_supported("supported level 4", ssl);
    SSL_set_security_level(ssl, 5);
    print_supported("supported level 5", ssl);

    /* The context's later list reaches a connection without its own. */
    CHECK(SSL_CTX_set_cipher_list(ctx, "ECDHE-RSA-AES256-GCM-SHA384") == 1);
    print_stack("ssl after ctx change", SSL_get_ciphers(ssl));

    /* The connection's own lists. */
    CHECK(SSL_set_cipher_list(ssl, "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256") == 1);
    printf("ssl uses the ctx stack: %d\n", SSL_get_ciphers(ssl) == SSL_CTX_get_ciphers(ctx));
    print_stack("ssl own", SSL_get_ciphers(ssl));
    CHECK(SSL_set_ciphersuites(ssl, "TLS_CHACHA20_POLY1305_SHA256") == 1);
    print_stack("ssl own suites", SSL_get_ciphers(ssl));
    print_stack("ctx unchanged", SSL_CTX_get_ciphers(ctx));
    printf("same stack twice: %d\n", SSL_get_ciphers(ssl) == SSL_get_ciphers(ssl));
    printf("bad list: %d\n", SSL_set_cipher_list(ssl, "NOPE"));
    print_error("bad list");
    printf("bad suites: %d\n", SSL_set_ciphersuites(ssl, "TLS_NOPE"));
    print_error("bad suites");
    print_stack("ssl after bad lists", SSL_get_ciphers(ssl));
    printf("malformed list: %d\n", SSL_set_cipher_list(ssl, "ECDHE-RSA-AES128-GCM-SHA256:$"));
    print_error("malformed list");
    print_stack("ssl after a malformed list", SSL_get_ciphers(ssl));
    SSL_CTX *other = listed(SSL_CTX_new(TLS_method()));
    printf("ctx bad list: %d\n", SSL_CTX_set_cipher_list(other, "NOPE"));
    print_error("ctx bad list");
    print_stack("ctx after a bad list", SSL_CTX_get_ciphers(other));
    SSL_CTX_free(other);

    /* @SECLEVEL sets the level of the context or connection it is given to. */
    printf("ctx level %d ssl level %d\n", SSL_CTX_get_security_level(ctx), SSL_get_security_level(ssl));
    CHECK(SSL_CTX_set_cipher_list(ctx, "@SECLEVEL=3:ECDHE-RSA-AES256-GCM-SHA384") == 1);
    int ctx_level = SSL_CTX_get_security_level(ctx);
    printf("ctx @SECLEVEL=3: %d\n", ctx_level);
    CHECK(SSL_set_cipher_list(ssl, "ECDHE-RSA-AES256-GCM-SHA384:@SECLEVEL=1") == 1);
    int ssl_level = SSL_get_security_level(ssl);
    printf("ssl @SECLEVEL=1: %d ctx %d\n", ssl_level, SSL_CTX_get_security_level(ctx));
    printf("client ciphers on a fresh ssl: %s\n", SSL_get_client_ciphers(ssl) ? "set" : "(null)");
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

static void on_the_wire(void)
{
    SSL_CTX *sctx = server_ctx(0);
    SSL_CTX *cctx = client_ctx(0);
    CHECK(SSL_CTX_set_cipher_list(sctx, "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256") == 1);
    CHECK(SSL_CTX_set_cipher_list(cctx, "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:"
                                        "ECDHE-RSA-AES256-GCM-SHA384") == 1);
    CHECK(SSL_CTX_set_ciphersuites(cctx, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384") == 1);
    CHECK(SSL_CTX_set_ciphersuites(sctx, "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256") == 1);
    for (int round = 0; round < 3; round++) {
        struct pair p = make_pair(cctx, sctx);
        if (round == 1)
            CHECK(SSL_set_max_proto_version(p.client, TLS1_2_VERSION) == 1);
        if (round == 2) {
            /* The server's own lists decide. */
            CHECK(SSL_set_max_proto_version(p.client, TLS1_2_VERSION) == 1);
            CHECK(SSL_set_cipher_list(p.server, "ECDHE-RSA-AES128-GCM-SHA256") == 1);
        }
        CHECK(handshake(&p));
        printf("round %d: %s %s\n", round, SSL_get_version(p.client), SSL_get_cipher_name(p.client));
        print_stack("  client ciphers (server)", SSL_get_client_ciphers(p.server));
        print_stack("  client ciphers (client)", SSL_get_client_ciphers(p.client));
        char buf[256];
        char *r = SSL_get_shared_ciphers(p.server, buf, sizeof(buf));
        printf("  shared: %s\n", r ? r : "(null)");
        r = SSL_get_shared_ciphers(p.server, buf, 40);
        printf("  shared in 40: %s\n", r ? r : "(null)");
        r = SSL_get_shared_ciphers(p.server, buf, 10);
        printf("  shared in 10: [%s]\n", r ? r : "(null)");
        printf("  shared in 1: %s\n", SSL_get_shared_ciphers(p.server, buf, 1) ? "set" : "(null)");
        printf("  shared on client: %s\n", SSL_get_shared_ciphers(p.client, buf, sizeof(buf)) ? "set" : "(null)");
        close_clean(&p);
    }
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* No suite in common under TLS 1.2: the server fails with "no shared
 * cipher" and the client reads its handshake_failure alert. */
static void nothing_shared(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(TLS1_2_VERSION);
    CHECK(SSL_CTX_set_cipher_list(sctx, "AES256") == 1);
    CHECK(SSL_CTX_set_cipher_list(cctx, "AES128") == 1);
    struct pair p = make_pair(cctx, sctx);
    printf("no shared suite: handshake %d\n", handshake(&p));
    printf("  server's error: %s\n", ERR_reason_error_string(ERR_peek_last_error()));
    ERR_clear_error();
    int r = SSL_connect(p.client);
    printf("  client: %d, error: %s\n", r, ERR_reason_error_string(ERR_peek_last_error()));
    ERR_clear_error();
    close_unclean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static void wire_lists(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    const unsigned char two[] = {0x13, 0x01, 0xc0, 0x2f, 0xcc, 0xa9};
    const unsigned char three[] = {0x00, 0x13, 0x02, 0x01, 0x00, 0x80, 0x00, 0xc0, 0x30};
    STACK_OF(SSL_CIPHER) *sk = NULL, *scsvs = NULL;
    printf("bytes_to_cipher_list: %d\n", SSL_bytes_to_cipher_list(ssl, two, sizeof(two), 0, &sk, &scsvs));
    print_stack("  suites", sk);
    printf("  scsvs: %d\n", scsvs ? cipher_num(scsvs) : -1);
    cipher_stack_free(sk);
    cipher_stack_free(scsvs);
    sk = scsvs = NULL;
    printf("sslv2 format: %d\n", SSL_bytes_to_cipher_list(ssl, three, sizeof(three), 1, &sk, &scsvs));
    print_stack("  suites", sk);
    cipher_stack_free(sk);
    cipher_stack_free(scsvs);
    sk = scsvs = NULL;
    printf("cut: %d\n", SSL_bytes_to_cipher_list(ssl, two, 3, 0, &sk, &scsvs));
    print_error("cut");
    printf("empty: %d\n", SSL_bytes_to_cipher_list(ssl, two, 0, 0, &sk, &scsvs));
    print_error("empty");
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

int main(void)
{
    getters();
    on_the_wire();
    nothing_shared();
    wire_lists();
    return 0;
}
