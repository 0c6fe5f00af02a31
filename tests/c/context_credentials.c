/* A context's certificate and key from every source OpenSSL takes: DER
 * (SSL_CTX_use_certificate_ASN1, SSL_CTX_use_PrivateKey_ASN1), RSA keys
 * (SSL_CTX_use_RSAPrivateKey, _ASN1, _file), SSL_CTX_use_cert_and_key (chain,
 * override, mismatch); SSL_CTX_get0_certificate / get0_privatekey (the
 * objects the context keeps, the caller's own when it gave them) and
 * Apache's walk with SSL_CTX_set_current_cert; a handshake with each. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "common.h"
#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

static void report(const char *what, long r)
{
    unsigned long e = ERR_peek_last_error();
    printf("%s -> %ld, last error lib %d reason %d (%s)\n", what, r, ERR_GET_LIB(e),
           ERR_GET_REASON(e), e ? ERR_reason_error_string(e) : "none");
    ERR_clear_error();
}

static X509 *read_cert(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    CHECK(f != NULL);
    X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(x != NULL);
    return x;
}

static EVP_PKEY *read_key(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    CHECK(f != NULL);
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(k != NULL);
    return k;
}

static void print_subject(const char *label, X509 *x)
{
    char buf[256];
    if (!x) {
        printf("%s: (null)\n", label);
        return;
    }
    X509_NAME_oneline(X509_get_subject_name(x), buf, sizeof(buf));
    printf("%s: %s\n", label, buf);
}

/* Apache's loop over the context's certificates. */
static void walk(SSL_CTX *ctx)
{
    int n = 0;
    for (long rv = SSL_CTX_set_current_cert(ctx, SSL_CERT_SET_FIRST); rv;
         rv = SSL_CTX_set_current_cert(ctx, SSL_CERT_SET_NEXT)) {
        print_subject("  walk", SSL_CTX_get0_certificate(ctx));
        n++;
    }
    printf("walk: %d certificate(s)\n", n);
}

/* A handshake against `sctx`; prints the depth of the chain the client got. */
static void try_handshake(const char *label, SSL_CTX *sctx)
{
    SSL_CTX *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    STACK_OF(X509) *chain = ok ? SSL_get_peer_cert_chain(p.client) : NULL;
    printf("%s: handshake %d, verify %ld, chain %d\n", label, ok,
           ok ? SSL_get_verify_result(p.client) : -1L, chain ? sk_X509_num(chain) : -1);
    ERR_clear_error();
    close_clean(&p);
    SSL_CTX_free(cctx);
}

static int der_of_cert(X509 *x, unsigned char **out)
{
    *out = NULL;
    return i2d_X509(x, out);
}

static void from_der(void)
{
    X509 *leaf = read_cert("server-chain.pem");
    EVP_PKEY *key = read_key("server.key"), *other = read_key("ca.key");
    unsigned char *der = NULL, *kder = NULL, *odder = NULL;
    int len = der_of_cert(leaf, &der);
    int klen = i2d_PrivateKey(key, &kder), olen = i2d_PrivateKey(other, &odder);

    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    printf("empty: cert %d key %d\n", SSL_CTX_get0_certificate(ctx) != NULL,
           SSL_CTX_get0_privatekey(ctx) != NULL);
    walk(ctx);
    report("certificate_ASN1 of junk", SSL_CTX_use_certificate_ASN1(ctx, 4, (const unsigned char *)"junk"));
    report("certificate_ASN1", SSL_CTX_use_certificate_ASN1(ctx, len, der));
    X509 *got = SSL_CTX_get0_certificate(ctx);
    printf("get0_certificate equal %d, key %d\n", got && X509_cmp(got, leaf) == 0,
           SSL_CTX_get0_privatekey(ctx) != NULL);
    printf("get0_certificate again same %d\n", SSL_CTX_get0_certificate(ctx) == got);
    walk(ctx);
    report("PrivateKey_ASN1 of junk",
           SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_RSA, ctx, (const unsigned char *)"junk", 4));
    report("PrivateKey_ASN1 of another key", SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_RSA, ctx, odder, olen));
    report("PrivateKey_ASN1", SSL_CTX_use_PrivateKey_ASN1(EVP_PKEY_RSA, ctx, kder, klen));
    EVP_PKEY *k = SSL_CTX_get0_privatekey(ctx);
    printf("get0_privatekey equal %d\n", k && EVP_PKEY_eq(k, key) == 1);
    report("check_private_key", SSL_CTX_check_private_key(ctx));
    walk(ctx);
    try_handshake("from DER", ctx);
    SSL_CTX_free(ctx);

    OPENSSL_free(der);
    OPENSSL_free(kder);
    OPENSSL_free(odder);
    X509_free(leaf);
    EVP_PKEY_free(key);
    EVP_PKEY_free(other);
}

static void from_objects_and_rsa(void)
{
    X509 *leaf = read_cert("server-chain.pem");
    EVP_PKEY *key = read_key("server.key");
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    report("use_certificate", SSL_CTX_use_certificate(ctx, leaf));
    printf("get0_certificate is the caller's %d\n", SSL_CTX_get0_certificate(ctx) == leaf);
    RSA *rsa = EVP_PKEY_get1_RSA(key);
    report("RSAPrivateKey", SSL_CTX_use_RSAPrivateKey(ctx, rsa));
    printf("get0_privatekey equal %d\n", EVP_PKEY_eq(SSL_CTX_get0_privatekey(ctx), key) == 1);
    unsigned char *rder = NULL;
    int rlen = i2d_RSAPrivateKey(rsa, &rder);
    report("RSAPrivateKey_ASN1", SSL_CTX_use_RSAPrivateKey_ASN1(ctx, rder, rlen));
    report("RSAPrivateKey_ASN1 of junk", SSL_CTX_use_RSAPrivateKey_ASN1(ctx, (const unsigned char *)"junk", 4));
    report("RSAPrivateKey_file", SSL_CTX_use_RSAPrivateKey_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM));
    report("RSAPrivateKey_file of another key",
           SSL_CTX_use_RSAPrivateKey_file(ctx, cert_path("ca.key"), SSL_FILETYPE_PEM));
    report("use_PrivateKey", SSL_CTX_use_PrivateKey(ctx, key));
    printf("get0_privatekey is the caller's %d\n", SSL_CTX_get0_privatekey(ctx) == key);
    walk(ctx);
    try_handshake("from objects", ctx);
    OPENSSL_free(rder);
    RSA_free(rsa);
    SSL_CTX_free(ctx);
    /* The context kept its own references: the caller's are still good. */
    print_subject("after free", leaf);
    X509_free(leaf);
    EVP_PKEY_free(key);
}

static void cert_and_key(void)
{
    X509 *leaf = read_cert("leaf-inter.pem"), *inter = read_cert("inter.pem");
    X509 *server = read_cert("server-chain.pem");
    EVP_PKEY *key = read_key("leaf-inter.key"), *skey = read_key("server.key");
    STACK_OF(X509) *chain = sk_X509_new_null();
    sk_X509_push(chain, inter);

    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    report("cert_and_key mismatched", SSL_CTX_use_cert_and_key(ctx, leaf, skey, chain, 1));
    report("cert_and_key", SSL_CTX_use_cert_and_key(ctx, leaf, key, chain, 0));
    print_subject("get0_certificate", SSL_CTX_get0_certificate(ctx));
    printf("get0_privatekey is the caller's %d\n", SSL_CTX_get0_privatekey(ctx) == key);
    report("cert_and_key again without override", SSL_CTX_use_cert_and_key(ctx, leaf, key, chain, 0));
    report("cert_and_key with override", SSL_CTX_use_cert_and_key(ctx, leaf, key, chain, 1));
    walk(ctx);
    try_handshake("cert_and_key with chain", ctx);
    X509 *client = read_cert("client.pem");
    report("use_certificate of another leaf", SSL_CTX_use_certificate(ctx, client));
    printf("its key dropped %d\n", SSL_CTX_get0_privatekey(ctx) == NULL);
    report("check_private_key", SSL_CTX_check_private_key(ctx));
    report("use_PrivateKey_file of its key", SSL_CTX_use_PrivateKey_file(ctx, cert_path("client.key"), SSL_FILETYPE_PEM));
    report("check_private_key", SSL_CTX_check_private_key(ctx));
    X509_free(client);
    SSL_CTX_free(ctx);
    ctx = SSL_CTX_new(TLS_server_method());
    report("cert_and_key without key", SSL_CTX_use_cert_and_key(ctx, server, NULL, NULL, 0));
    printf("without key: get0_certificate %d\n", SSL_CTX_get0_certificate(ctx) != NULL);
    SSL_CTX_free(ctx);
    ctx = SSL_CTX_new(TLS_server_method());
    report("cert_and_key without chain", SSL_CTX_use_cert_and_key(ctx, server, skey, NULL, 0));
    try_handshake("cert_and_key without chain", ctx);
    SSL_CTX_free(ctx);

    sk_X509_pop_free(chain, X509_free);
    X509_free(leaf);
    X509_free(server);
    EVP_PKEY_free(key);
    EVP_PKEY_free(skey);
}

/* Finite-field DH parameters (ffdhe2048), as a program would make them. */
static EVP_PKEY *dh_params(void)
{
    EVP_PKEY *dh = NULL;
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name(NULL, "DH", NULL);
    CHECK(pctx != NULL && EVP_PKEY_paramgen_init(pctx) == 1);
    CHECK(EVP_PKEY_CTX_set_dh_nid(pctx, NID_ffdhe2048) == 1);
    CHECK(EVP_PKEY_paramgen(pctx, &dh) == 1);
    EVP_PKEY_CTX_free(pctx);
    return dh;
}

/* DH settings are taken (the keys handed over, freed by the library). */
static void dh_settings(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    report("CTX_set_dh_auto", SSL_CTX_set_dh_auto(ctx, 1));
    report("CTX_set0_tmp_dh_pkey NULL", SSL_CTX_set0_tmp_dh_pkey(ctx, NULL));
    report("CTX_set0_tmp_dh_pkey", SSL_CTX_set0_tmp_dh_pkey(ctx, dh_params()));
    /* RFC 5114's 1024-bit group: 80 bits of security, below the system's level. */
    EVP_PKEY *weak = NULL;
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name(NULL, "DHX", NULL);
    CHECK(pctx != NULL && EVP_PKEY_paramgen_init(pctx) == 1);
    CHECK(EVP_PKEY_CTX_set_dh_rfc5114(pctx, 1) == 1 && EVP_PKEY_paramgen(pctx, &weak) == 1);
    EVP_PKEY_CTX_free(pctx);
    int taken = SSL_CTX_set0_tmp_dh_pkey(ctx, weak);
    report("CTX_set0_tmp_dh_pkey of a 1024-bit group", taken);
    if (!taken)
        EVP_PKEY_free(weak); /* refused: still the caller's */
    SSL *s = SSL_new(ctx);
    report("set_dh_auto", SSL_set_dh_auto(s, 1));
    report("set0_tmp_dh_pkey", SSL_set0_tmp_dh_pkey(s, dh_params()));
    SSL_free(s);
    SSL_CTX_free(ctx);
}

int main(void)
{
    dh_settings();
    from_der();
    from_objects_and_rsa();
    cert_and_key();
    return 0;
}
