/* Which X509_STORE verification uses, as in OpenSSL 3: SSL_CTX_set_cert_store
 * replaces the trust loaded before (also for an SSL made before the switch),
 * SSL_CTX_get_cert_store returns the new one, a certificate added to the
 * context's store after a failed handshake is honoured on the next,
 * SSL_CTX_set1_verify_cert_store / SSL_set1_verify_cert_store take the place
 * of the cert store for verification; SSL_CTX_load_verify_file and a missing
 * file. Client verifies server and server verifies client, TLS 1.2 and 1.3.
 * The client's context trusts ca.pem, so OpenSSL's client sends ca with its
 * certificate (the chain is built from its own store): a server that does
 * not trust ca reports 19, not 20. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

static X509 *load_cert(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    CHECK(f != NULL);
    X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(x != NULL);
    return x;
}

/* A new store holding `name` (NULL: empty). */
static X509_STORE *store_of(const char *name)
{
    X509_STORE *st = X509_STORE_new();
    CHECK(st != NULL);
    if (name) {
        X509 *x = load_cert(name);
        CHECK(X509_STORE_add_cert(st, x) == 1);
        X509_free(x);
    }
    return st;
}

/* The contexts: the verifier loads ca.pem; the client has client.pem. */
static void contexts(long version, int sv, SSL_CTX **cctx, SSL_CTX **sctx, SSL_CTX **vctx)
{
    *sctx = server_ctx(version);
    *cctx = client_ctx(version);
    CHECK(SSL_CTX_use_certificate_chain_file(*cctx, cert_path("client.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(*cctx, cert_path("client.key"), SSL_FILETYPE_PEM) == 1);
    if (sv) {
        CHECK(SSL_CTX_load_verify_locations(*sctx, cert_path("ca.pem"), NULL) == 1);
        SSL_CTX_set_verify(*sctx, SSL_VERIFY_PEER, NULL);
    }
    *vctx = sv ? *sctx : *cctx;
}

/* One handshake on a made pair; prints the verifier's result. */
static void shake(const char *label, struct pair *p, int sv)
{
    int ok = handshake(p);
    SSL *v = sv ? p->server : p->client;
    if (!ok) {
        unsigned long e = ERR_peek_error();
        char buf[256];
        ERR_error_string_n(e, buf, sizeof(buf));
        printf("    error: %s\n", buf);
        ERR_clear_error();
        SSL_read(sv ? p->client : p->server, buf, sizeof(buf)); /* reads the alert */
        e = ERR_peek_error();
        ERR_error_string_n(e, buf, sizeof(buf));
        printf("    peer then: %s\n", e ? buf : "no error queued");
        ERR_clear_error();
    }
    long r = SSL_get_verify_result(v);
    printf("  %s: handshake %d verify_result %ld (%s)\n", label, ok, r, X509_verify_cert_error_string(r));
    if (ok) {
        exchange(p);
        close_clean(p);
    } else {
        close_unclean(p);
    }
}

static void once(const char *label, SSL_CTX *cctx, SSL_CTX *sctx, int sv)
{
    struct pair p = make_pair(cctx, sctx);
    shake(label, &p, sv);
}

static void run(long version, int sv)
{
    SSL_CTX *cctx, *sctx, *vctx;
    printf("%s %s verifies\n", version_name((int)version), sv ? "server" : "client");

    contexts(version, sv, &cctx, &sctx, &vctx);
    once("loaded ca.pem", cctx, sctx, sv);
    X509_STORE *st = store_of("ca2.pem");
    SSL_CTX_set_cert_store(vctx, st);
    printf("  get_cert_store is the new store: %d\n", SSL_CTX_get_cert_store(vctx) == st);
    once("set_cert_store(ca2 only)", cctx, sctx, sv);
    SSL_CTX_set_cert_store(vctx, store_of(NULL));
    once("set_cert_store(empty)", cctx, sctx, sv);
    st = store_of("ca.pem");
    X509 *ca = load_cert("ca.pem");
    CHECK(X509_STORE_add_cert(SSL_CTX_get_cert_store(vctx), ca) == 1);
    X509_free(ca);
    once("ca added to the context's store", cctx, sctx, sv);

    /* Replaced after SSL_new: the SSL sees the context's store at handshake time. */
    struct pair p = make_pair(cctx, sctx);
    SSL_CTX_set_cert_store(vctx, store_of("ca2.pem"));
    shake("set_cert_store(ca2 only) after SSL_new", &p, sv);

    /* A verify store takes the place of the cert store (ca2 only now). */
    CHECK(SSL_CTX_set1_verify_cert_store(vctx, st) == 1);
    once("ctx verify store ca.pem", cctx, sctx, sv);
    X509_STORE *st2 = store_of("ca2.pem");
    p = make_pair(cctx, sctx);
    CHECK(SSL_set1_verify_cert_store(sv ? p.server : p.client, st2) == 1);
    shake("ssl verify store ca2 over ctx verify store ca.pem", &p, sv);
    CHECK(SSL_CTX_set1_verify_cert_store(vctx, NULL) == 1);
    once("ctx verify store cleared", cctx, sctx, sv);
    X509_STORE_free(st);
    X509_STORE_free(st2);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);

    contexts(version, sv, &cctx, &sctx, &vctx);
    SSL_CTX_set_cert_store(vctx, store_of(NULL));
    printf("  load_verify_locations(missing file) %d\n",
           SSL_CTX_load_verify_locations(vctx, cert_path("missing.pem"), NULL));
    ERR_clear_error();
    once("after a failed load", cctx, sctx, sv);
    printf("  load_verify_file(ca.pem) %d\n", SSL_CTX_load_verify_file(vctx, cert_path("ca.pem")));
    once("load_verify_file(ca.pem)", cctx, sctx, sv);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++)
        for (int sv = 0; sv < 2; sv++)
            run(versions[v], sv);
    return 0;
}
