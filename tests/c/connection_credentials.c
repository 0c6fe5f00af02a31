/* Certificates and keys per connection: a server connection serves its own
 * (SSL_use_certificate_chain_file, SSL_use_PrivateKey_file, the DER and RSA
 * forms, SSL_use_cert_and_key) instead of its context's, which stays; a key
 * that does not match is refused; SSL_check_private_key, SSL_certs_clear;
 * SSL_get_certificate / SSL_get_privatekey. A client connection sends its own
 * certificate, or the one SSL_CTX_set_client_cert_cb gives; a connection's
 * password callback reads its encrypted key file. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "common.h"
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

/* Handshakes `p`; prints what the client got (and the server, if it asked). */
static void finish(const char *label, struct pair *p)
{
    int ok = handshake(p);
    STACK_OF(X509) *chain = ok ? SSL_get_peer_cert_chain(p->client) : NULL;
    printf("%s: handshake %d, verify %ld, chain %d\n", label, ok,
           ok ? SSL_get_verify_result(p->client) : -1L, chain ? sk_X509_num(chain) : -1);
    if (ok) {
        X509 *peer = SSL_get1_peer_certificate(p->server);
        print_subject("  server saw client", peer);
        X509_free(peer);
    }
    ERR_clear_error();
    close_clean(p);
}

static void server_side(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    X509 *ctx_cert = SSL_CTX_get0_certificate(sctx);

    struct pair p = make_pair(cctx, sctx);
    printf("new connection presents the context's: cert %d key %d\n",
           SSL_get_certificate(p.server) == ctx_cert,
           EVP_PKEY_eq(SSL_get_privatekey(p.server), SSL_CTX_get0_privatekey(sctx)) == 1);
    report("check_private_key", SSL_check_private_key(p.server));
    report("use_certificate_chain_file",
           SSL_use_certificate_chain_file(p.server, cert_path("leaf-inter-chain.pem")));
    printf("key kept after another certificate %d\n", SSL_get_privatekey(p.server) != NULL);
    report("check_private_key", SSL_check_private_key(p.server));
    report("use_PrivateKey_file of another key",
           SSL_use_PrivateKey_file(p.server, cert_path("inter.key"), SSL_FILETYPE_PEM));
    report("use_PrivateKey_file missing",
           SSL_use_PrivateKey_file(p.server, cert_path("missing.key"), SSL_FILETYPE_PEM));
    report("use_PrivateKey_file", SSL_use_PrivateKey_file(p.server, cert_path("leaf-inter.key"), SSL_FILETYPE_PEM));
    report("check_private_key", SSL_check_private_key(p.server));
    print_subject("connection's certificate", SSL_get_certificate(p.server));
    printf("context's certificate unchanged %d\n", SSL_CTX_get0_certificate(sctx) == ctx_cert);
    finish("own chain", &p);

    /* DER and RSA forms. */
    X509 *leaf = read_cert("server-chain.pem");
    EVP_PKEY *key = read_key("server.key");
    unsigned char *der = NULL, *kder = NULL, *rder = NULL;
    int len = i2d_X509(leaf, &der), klen = i2d_PrivateKey(key, &kder);
    RSA *rsa = EVP_PKEY_get1_RSA(key);
    int rlen = i2d_RSAPrivateKey(rsa, &rder);
    p = make_pair(cctx, sctx);
    report("use_certificate_file", SSL_use_certificate_file(p.server, cert_path("leaf-inter.pem"), SSL_FILETYPE_PEM));
    report("use_certificate_ASN1", SSL_use_certificate_ASN1(p.server, der, len));
    report("use_certificate_ASN1 of junk", SSL_use_certificate_ASN1(p.server, (const unsigned char *)"junk", 4));
    report("use_PrivateKey_ASN1", SSL_use_PrivateKey_ASN1(EVP_PKEY_RSA, p.server, kder, klen));
    report("use_RSAPrivateKey_ASN1", SSL_use_RSAPrivateKey_ASN1(p.server, rder, rlen));
    report("use_RSAPrivateKey", SSL_use_RSAPrivateKey(p.server, rsa));
    report("use_RSAPrivateKey_file", SSL_use_RSAPrivateKey_file(p.server, cert_path("server.key"), SSL_FILETYPE_PEM));
    report("use_certificate", SSL_use_certificate(p.server, leaf));
    report("use_PrivateKey", SSL_use_PrivateKey(p.server, key));
    printf("connection keeps the caller's objects: cert %d key %d\n",
           SSL_get_certificate(p.server) == leaf, SSL_get_privatekey(p.server) == key);
    finish("DER and RSA forms", &p);
    OPENSSL_free(der);
    OPENSSL_free(kder);
    OPENSSL_free(rder);
    RSA_free(rsa);

    /* SSL_use_cert_and_key, on a context without a certificate of its own. */
    SSL_CTX *bare = SSL_CTX_new(TLS_server_method());
    X509 *ileaf = read_cert("leaf-inter.pem");
    EVP_PKEY *ikey = read_key("leaf-inter.key");
    STACK_OF(X509) *chain = sk_X509_new_null();
    sk_X509_push(chain, read_cert("inter.pem"));
    p = make_pair(cctx, bare);
    printf("bare context: connection cert %d\n", SSL_get_certificate(p.server) != NULL);
    report("use_cert_and_key mismatched", SSL_use_cert_and_key(p.server, ileaf, key, chain, 1));
    report("use_cert_and_key", SSL_use_cert_and_key(p.server, ileaf, ikey, chain, 0));
    report("use_cert_and_key without override", SSL_use_cert_and_key(p.server, ileaf, ikey, chain, 0));
    finish("cert_and_key", &p);
    printf("bare context still without: %d\n", SSL_CTX_get0_certificate(bare) != NULL);

    /* Cleared: nothing to serve. */
    p = make_pair(cctx, sctx);
    SSL_certs_clear(p.server);
    printf("cleared: cert %d key %d\n", SSL_get_certificate(p.server) != NULL,
           SSL_get_privatekey(p.server) != NULL);
    report("check_private_key", SSL_check_private_key(p.server));
    printf("cleared: handshake %d\n", handshake(&p));
    ERR_clear_error();
    close_unclean(&p);
    printf("context still serves its own: %d\n", SSL_CTX_get0_certificate(sctx) == ctx_cert);

    sk_X509_pop_free(chain, X509_free);
    X509_free(ileaf);
    EVP_PKEY_free(ikey);
    X509_free(leaf);
    EVP_PKEY_free(key);
    SSL_CTX_free(bare);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static int cert_cb_calls;
static int cert_cb_gives = 1;

static int client_cert_cb(SSL *ssl, X509 **x509, EVP_PKEY **pkey)
{
    (void)ssl;
    cert_cb_calls++;
    if (!cert_cb_gives)
        return 0;
    *x509 = read_cert("client.pem");
    *pkey = read_key("client.key");
    return 1;
}

/* A server context asking for (and requiring) a client certificate under ca. */
static SSL_CTX *asking_server(void)
{
    SSL_CTX *sctx = server_ctx(0);
    CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    return sctx;
}

static void client_side(void)
{
    SSL_CTX *sctx = asking_server(), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    report("client use_certificate_file", SSL_use_certificate_file(p.client, cert_path("client.pem"), SSL_FILETYPE_PEM));
    report("client use_PrivateKey_file", SSL_use_PrivateKey_file(p.client, cert_path("client.key"), SSL_FILETYPE_PEM));
    finish("client's own certificate", &p);

    SSL_CTX_set_client_cert_cb(cctx, client_cert_cb);
    printf("get_client_cert_cb is it %d\n", SSL_CTX_get_client_cert_cb(cctx) == client_cert_cb);
    p = make_pair(cctx, sctx);
    printf("before: client cert %d\n", SSL_get_certificate(p.client) != NULL);
    int ok = handshake(&p);
    printf("callback: handshake %d, calls %d\n", ok, cert_cb_calls);
    print_subject("  client now presents", SSL_get_certificate(p.client));
    X509 *peer = ok ? SSL_get1_peer_certificate(p.server) : NULL;
    print_subject("  server saw client", peer);
    X509_free(peer);
    close_clean(&p);

    cert_cb_gives = 0;
    p = make_pair(cctx, sctx);
    ok = handshake(&p);
    printf("callback giving none: handshake %d, calls %d\n", ok, cert_cb_calls);
    ERR_clear_error();
    close_unclean(&p);
    SSL_CTX_set_client_cert_cb(cctx, NULL);
    printf("cleared: %d\n", SSL_CTX_get_client_cert_cb(cctx) == NULL);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static int pw_calls;

static int password_cb(char *buf, int size, int rwflag, void *u)
{
    pw_calls++;
    printf("password callback: rwflag %d userdata %s\n", rwflag, (const char *)u);
    const char *pw = "sessl-secret";
    int n = (int)strlen(pw);
    if (n > size)
        return -1;
    memcpy(buf, pw, n);
    return n;
}

static void passwords(void)
{
    char path[] = "/tmp/sessl-conn-key-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    EVP_PKEY *key = read_key("leaf-inter.key");
    CHECK(PEM_write_PrivateKey(f, key, EVP_aes_128_cbc(), (unsigned char *)"sessl-secret", 12, NULL, NULL) == 1);
    fclose(f);
    EVP_PKEY_free(key);

    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_set_default_passwd_cb(sctx, password_cb);
    SSL_CTX_set_default_passwd_cb_userdata(sctx, "context");
    struct pair p = make_pair(cctx, sctx);
    printf("connection has the context's: cb %d userdata %s\n",
           SSL_get_default_passwd_cb(p.server) == password_cb,
           (const char *)SSL_get_default_passwd_cb_userdata(p.server));
    SSL_set_default_passwd_cb_userdata(p.server, "connection");
    printf("connection userdata %s, context's %s\n",
           (const char *)SSL_get_default_passwd_cb_userdata(p.server),
           (const char *)SSL_CTX_get_default_passwd_cb_userdata(sctx));
    report("use_certificate_chain_file", SSL_use_certificate_chain_file(p.server, cert_path("leaf-inter-chain.pem")));
    report("encrypted use_PrivateKey_file", SSL_use_PrivateKey_file(p.server, path, SSL_FILETYPE_PEM));
    printf("password asked %d time(s)\n", pw_calls);
    finish("encrypted key", &p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    unlink(path);
}

int main(void)
{
    server_side();
    client_side();
    passwords();
    return 0;
}
