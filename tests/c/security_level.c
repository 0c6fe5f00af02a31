/* Security levels (SSL_CTX_set_security_level(3)) with real handshakes: the
 * default level, a 1024-bit RSA server key refused at level 2 by
 * SSL_CTX_use_certificate (and by a handshake when the level is raised after
 * loading), a P-384 key refused at level 5, a SHA-1 signed leaf refused by
 * CA_MD_TOO_WEAK, clients at levels 2 to 5 against the 2048-bit test server
 * (the chain is verified at the client's level: X509_V_ERR_EE_KEY_TOO_SMALL),
 * TLS 1.2 tickets at level 3, the security callback and ex_data getters, and
 * the callback asked about the own certificate (SSL_SECOP_EE_KEY, _CA_MD).
 * Keys and certificates are made here with libcrypto. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

static X509 *make_cert(EVP_PKEY *key, EVP_PKEY *signer, X509 *issuer, const EVP_MD *md)
{
    X509 *x = X509_new();
    CHECK(x != NULL);
    CHECK(X509_set_version(x, X509_VERSION_3) == 1);
    ASN1_INTEGER_set(X509_get_serialNumber(x), issuer ? 2 : 1);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    CHECK(X509_set_pubkey(x, key) == 1);
    X509_NAME *n = X509_get_subject_name(x);
    const char *cn = issuer ? "localhost" : "security level test CA";
    X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
    CHECK(X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n) == 1);
    CHECK(X509_sign(x, signer, md) > 0);
    return x;
}

/* The first queued error's reason (0: none), then the queue is cleared. */
static int first_reason(void)
{
    int r = ERR_GET_REASON(ERR_peek_error());
    ERR_clear_error();
    return r;
}

/* A server context at `level` presenting `x` (key `k`). */
static SSL_CTX *server_with(int level, X509 *x, EVP_PKEY *k, const char *label)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_set_security_level(ctx, level);
    int used = SSL_CTX_use_certificate(ctx, x);
    int reason = first_reason();
    printf("%s at level %d: use_certificate %d reason %d\n", label, level, used, reason);
    if (used == 1) {
        /* rustls signs with no RSA key under 2048 bits, whatever the level. */
        int key = SSL_CTX_use_PrivateKey(ctx, k);
        ERR_clear_error();
        if (EVP_PKEY_get_bits(k) < 2048 && EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA)
            DIVERGE("%s at level %d: use_PrivateKey %d\n", label, level, key);
        else
            CHECK(key == 1);
    }
    return ctx;
}

/* A handshake: its outcome and the client's verify result. */
static void run(const char *label, SSL_CTX *cctx, SSL_CTX *sctx, int diverges)
{
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    char line[200];
    snprintf(line, sizeof(line), "%s: handshake %d %s %s verify %ld\n", label, ok,
             ok ? SSL_get_version(p.client) : "-", ok ? SSL_get_cipher_name(p.client) : "-",
             SSL_get_verify_result(p.client));
    ERR_clear_error();
    if (diverges)
        DIVERGE("%s", line);
    else
        printf("%s", line);
    close_unclean(&p);
}

static void defaults(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    printf("default level: %d\n", SSL_CTX_get_security_level(ctx));
    SSL *ssl = SSL_new(ctx);
    printf("ssl level: %d\n", SSL_get_security_level(ssl));
    SSL_CTX_set_security_level(ctx, 4);
    printf("ctx level 4, ssl keeps: %d\n", SSL_get_security_level(ssl));
    SSL_set_security_level(ssl, 9);
    printf("ssl level 9: %d\n", SSL_get_security_level(ssl));
    SSL_CTX_set_security_level(ctx, -1);
    printf("ctx level -1: %d\n", SSL_CTX_get_security_level(ctx));
    printf("callbacks: ctx %s ssl %s\n", SSL_CTX_get_security_callback(ctx) ? "set" : "none",
           SSL_get_security_callback(ssl) ? "set" : "none");
    int token;
    SSL_CTX_set0_security_ex_data(ctx, &token);
    printf("ctx ex_data: %d ssl ex_data: %s\n", SSL_CTX_get0_security_ex_data(ctx) == &token,
           SSL_get0_security_ex_data(ssl) ? "set" : "none");
    SSL_set0_security_ex_data(ssl, &token);
    printf("ssl ex_data: %d\n", SSL_get0_security_ex_data(ssl) == &token);
    SSL *later = SSL_new(ctx);
    printf("new ssl copies ex_data: %d\n", SSL_get0_security_ex_data(later) == &token);
    /* OpenSSL's default callback answers by the level. */
    SSL_set_security_level(later, 2);
    printf("default callback: 112 bits at level 2: %d, 80 bits: %d\n",
           SSL_get_security_callback(later)(later, NULL, SSL_SECOP_EE_KEY, 112, 0, NULL, NULL),
           SSL_get_security_callback(later)(later, NULL, SSL_SECOP_EE_KEY, 80, 0, NULL, NULL));
    SSL_free(later);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

static void own_keys(void)
{
    EVP_PKEY *rsa1024 = EVP_RSA_gen(1024);
    EVP_PKEY *p384 = EVP_EC_gen("P-384");
    EVP_PKEY *p256 = EVP_EC_gen("P-256");
    CHECK(rsa1024 && p384 && p256);
    X509 *x1024 = make_cert(rsa1024, rsa1024, NULL, EVP_sha256());
    X509 *x384 = make_cert(p384, p384, NULL, EVP_sha384());
    X509 *ca = make_cert(p384, p384, NULL, EVP_sha384());
    X509 *sha1_leaf = make_cert(p256, p384, ca, EVP_sha1());
    X509 *sha256_leaf = make_cert(p256, p384, ca, EVP_sha256());

    for (int level = 0; level <= 2; level++) {
        SSL_CTX *s = server_with(level, x1024, rsa1024, "rsa1024");
        SSL_CTX *c = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_security_level(c, level);
        run("  rsa1024 client unverified", c, s, level < 2);
        SSL_CTX_free(s);
        SSL_CTX_free(c);
    }
    for (int level = 3; level <= 5; level++) {
        SSL_CTX *s = server_with(level, x384, p384, "p384");
        SSL_CTX *c = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_security_level(c, level);
        run("  p384 tls1.3", c, s, 0);
        SSL_CTX_set_max_proto_version(c, TLS1_2_VERSION);
        run("  p384 tls1.2", c, s, 0);
        SSL_CTX_free(s);
        SSL_CTX_free(c);
    }
    for (int level = 0; level <= 4; level++) {
        SSL_CTX *a = server_with(level, sha1_leaf, p256, "sha1-signed leaf");
        SSL_CTX *b = server_with(level, sha256_leaf, p256, "sha256-signed leaf");
        SSL_CTX_free(a);
        SSL_CTX_free(b);
    }
    {
        /* The level raised after the certificate was loaded refuses the handshake. */
        SSL_CTX *s = server_with(0, x1024, rsa1024, "rsa1024");
        SSL_CTX_set_security_level(s, 2);
        SSL_CTX *c = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_security_level(c, 0);
        struct pair p = make_pair(c, s);
        int ok = handshake(&p);
        /* sessl refused the key itself at loading (above), so its server has none. */
        DIVERGE("  raised to 2 after loading: handshake %d reason %d\n", ok, first_reason());
        close_unclean(&p);
        SSL_CTX_free(s);
        SSL_CTX_free(c);
    }
    {
        /* The same with a key sessl can load: the 2048-bit test server raised to 3. */
        SSL_CTX *s = server_ctx(0);
        SSL_CTX_set_security_level(s, 3);
        SSL_CTX *c = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_security_level(c, 0);
        struct pair p = make_pair(c, s);
        int ok = handshake(&p);
        printf("  rsa2048 raised to 3 after loading: handshake %d reason %d\n", ok, first_reason());
        close_unclean(&p);
        SSL_CTX_free(s);
        SSL_CTX_free(c);
    }
    X509_free(x1024);
    X509_free(x384);
    X509_free(ca);
    X509_free(sha1_leaf);
    X509_free(sha256_leaf);
    EVP_PKEY_free(rsa1024);
    EVP_PKEY_free(p384);
    EVP_PKEY_free(p256);
}

/* What a security callback was asked, and how it answers: its ex_data says
 * which operation (op & 0xffff) it refuses (0: none). */
static char asked[512];

static int recording_callback(const SSL *s, const SSL_CTX *ctx, int op, int bits, int nid,
                              void *other, void *ex)
{
    size_t n = strlen(asked);
    snprintf(asked + n, sizeof(asked) - n, " [ssl %s ctx %s op %d bits %d nid %d other %s]",
             s ? "set" : "null", ctx ? "set" : "null", op & 0xffff, bits, nid,
             other ? "set" : "null");
    return (op & 0xffff) != *(int *)ex;
}

/* The application's callback decides about the own certificate, whatever the level. */
static void own_certificate_callback(void)
{
    EVP_PKEY *p384 = EVP_EC_gen("P-384");
    EVP_PKEY *p256 = EVP_EC_gen("P-256");
    X509 *ca = make_cert(p384, p384, NULL, EVP_sha384());
    X509 *leaf = make_cert(p256, p384, ca, EVP_sha256());
    const struct {
        int level, refuse;
        X509 *cert;
        const char *label;
    } cases[] = {
        {5, 0, leaf, "level 5, accepting"},
        {0, 16, leaf, "level 0, refusing EE keys"},
        {0, 18, leaf, "level 0, refusing CA digests"},
        {0, 18, ca, "self-signed, refusing CA digests"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
        SSL_CTX_set_security_level(ctx, cases[i].level);
        int refuse = cases[i].refuse;
        SSL_CTX_set0_security_ex_data(ctx, &refuse);
        SSL_CTX_set_security_callback(ctx, recording_callback);
        printf("callback is ours: %d\n", SSL_CTX_get_security_callback(ctx) == recording_callback);
        asked[0] = 0;
        int used = SSL_CTX_use_certificate(ctx, cases[i].cert);
        int reason = first_reason();
        printf("%s: use_certificate %d reason %d, asked:%s\n", cases[i].label, used, reason, asked);
        SSL_CTX_free(ctx);
    }
    X509_free(ca);
    X509_free(leaf);
    EVP_PKEY_free(p384);
    EVP_PKEY_free(p256);
}

static void peer_chain(void)
{
    SSL_CTX *s = server_ctx(0);
    for (int level = 2; level <= 5; level++) {
        SSL_CTX *c = client_ctx(0);
        SSL_CTX_set_security_level(c, level);
        char label[64];
        /* Level 5 takes P-521 (256 bits), which sessl adds to rustls' groups. */
        snprintf(label, sizeof(label), "client at level %d, verifying", level);
        run(label, c, s, 0);
        SSL_CTX_set_verify(c, SSL_VERIFY_NONE, NULL);
        snprintf(label, sizeof(label), "client at level %d, not verifying", level);
        run(label, c, s, 0);
        SSL_CTX_free(c);
    }
    /* A client at level 2 whose connection is raised to 3. */
    SSL_CTX *c = client_ctx(0);
    struct pair p = make_pair(c, s);
    SSL_set_security_level(p.client, 3);
    int ok = handshake(&p);
    printf("connection raised to 3: handshake %d verify %ld\n", ok, SSL_get_verify_result(p.client));
    ERR_clear_error();
    close_unclean(&p);
    SSL_CTX_free(c);
    SSL_CTX_free(s);
}

/* A P-384 server (strong enough for level 3) over TLS 1.2. */
static void tickets(void)
{
    EVP_PKEY *p384 = EVP_EC_gen("P-384");
    X509 *x384 = make_cert(p384, p384, NULL, EVP_sha384());
    for (int level = 2; level <= 3; level++) {
        SSL_CTX *s = server_with(level, x384, p384, "p384");
        CHECK(SSL_CTX_set_max_proto_version(s, TLS1_2_VERSION) == 1);
        SSL_CTX *c = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_security_level(c, level);
        SSL_CTX_set_session_cache_mode(c, SSL_SESS_CACHE_CLIENT);
        SSL_SESSION *sess = connect_once(c, s, NULL, NULL);
        char label[64];
        snprintf(label, sizeof(label), "tls1.2 at level %d", level);
        print_session(label, sess);
        SSL_SESSION_free(sess);
        SSL_CTX_free(s);
        SSL_CTX_free(c);
    }
    X509_free(x384);
    EVP_PKEY_free(p384);
}

int main(void)
{
    defaults();
    own_keys();
    own_certificate_callback();
    peer_chain();
    tickets();
    return 0;
}
