/* The ctrl commands behind OpenSSL's macros that sessl honours: default
 * options, kept values read back (certificate list size, OCSP status type),
 * key exchange parameters, the context's chain and current certificate, the
 * server's suite preference (SSL_OP_CIPHER_SERVER_PREFERENCE) and the record
 * size (SSL_CTX_set_max_send_fragment, seen in the records on the wire). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "common.h"
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>

static void errors(void)
{
    unsigned long e;
    while ((e = ERR_get_error()) != 0)
        printf(" [%s]", ERR_reason_error_string(e));
    printf("\n");
}

#define SHOW(call)                              \
    do {                                        \
        long r_ = (long)(call);                 \
        printf("%s -> %ld", #call, r_);         \
        errors();                               \
    } while (0)

static X509 *read_cert(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    CHECK(f != NULL);
    X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(x != NULL);
    return x;
}

static void kept_values(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    printf("default options %#llx mode %ld\n", (unsigned long long)SSL_CTX_get_options(ctx),
           SSL_CTX_get_mode(ctx));
    SHOW(SSL_CTX_get_max_cert_list(ctx));
    SHOW(SSL_CTX_set_max_cert_list(ctx, 8192));
    SHOW(SSL_CTX_get_tlsext_status_type(ctx));
    SHOW(SSL_CTX_set_tlsext_status_type(ctx, TLSEXT_STATUSTYPE_ocsp));
    SSL *ssl = SSL_new(ctx);
    SHOW(SSL_get_max_cert_list(ssl));
    SHOW(SSL_get_tlsext_status_type(ssl));
    SHOW(SSL_set_tlsext_status_type(ssl, -1));
    SHOW(SSL_get_tlsext_status_type(ssl));
    SHOW(SSL_CTX_get_tlsext_status_type(ctx));
    SHOW(SSL_CTX_set_dh_auto(ctx, 1));
    SHOW(SSL_CTX_set_tmp_ecdh(ctx, NULL));
    EC_KEY *key = EC_KEY_new_by_curve_name(NID_secp384r1);
    SHOW(SSL_CTX_set_tmp_ecdh(ctx, key));
    SHOW(SSL_set_tmp_ecdh(ssl, key));
    SHOW(SSL_set_tmp_ecdh(ssl, NULL));
    ERR_clear_error();
    EC_KEY_free(key);
    SHOW(SSL_set_mtu(ssl, 1500));
    /* Real padding and fragment length requests: rustls can do neither. */
    DIVERGE("SSL_CTX_set_block_padding(ctx, 16) -> %d\n", SSL_CTX_set_block_padding(ctx, 16));
    DIVERGE("SSL_set_tlsext_max_fragment_length(ssl, 1) -> %d\n",
            SSL_set_tlsext_max_fragment_length(ssl, TLSEXT_max_fragment_length_512));
    ERR_clear_error();
    SSL_SESSION *sess = SSL_SESSION_new();
    SHOW(SSL_SESSION_get_max_fragment_length(sess));
    SSL_SESSION_free(sess);
    SHOW(SSL_num_renegotiations(ssl));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

static void chain_and_current_certificate(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    STACK_OF(X509) *chain = NULL;
    X509 *leaf = read_cert("server-chain.pem"), *ca = read_cert("ca.pem");
    SHOW(SSL_CTX_set_current_cert(ctx, SSL_CERT_SET_FIRST));
    SHOW(SSL_CTX_build_cert_chain(ctx, 0));
    SHOW(SSL_CTX_use_certificate(ctx, leaf));
    SHOW(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM));
    SHOW(SSL_CTX_get0_chain_certs(ctx, &chain));
    printf("chain %s\n", chain ? "some" : "none");
    SHOW(SSL_CTX_add1_chain_cert(ctx, ca));
    SHOW(SSL_CTX_get0_chain_certs(ctx, &chain));
    printf("chain of %d\n", chain ? sk_X509_num(chain) : -1);
    SHOW(SSL_CTX_get_extra_chain_certs(ctx, &chain));
    printf("extra chain of %d\n", chain ? sk_X509_num(chain) : -1);
    SHOW(SSL_CTX_set_current_cert(ctx, SSL_CERT_SET_FIRST));
    SHOW(SSL_CTX_set_current_cert(ctx, SSL_CERT_SET_NEXT));
    SHOW(SSL_CTX_select_current_cert(ctx, leaf));
    SHOW(SSL_CTX_select_current_cert(ctx, ca));
    SHOW(SSL_CTX_clear_chain_certs(ctx));
    SHOW(SSL_CTX_get0_chain_certs(ctx, &chain));
    printf("chain %s\n", chain ? "some" : "none");
    X509_free(leaf);
    X509_free(ca);
    SSL_CTX_free(ctx);
}

/* The digest of each side's peer's handshake signature (the server's
 * client sent no certificate, so signed nothing). */
static void peer_signatures(struct pair *p)
{
    int nid = -1;
    SHOW(SSL_get_peer_signature_nid(p->client, &nid));
    /* A sessl (rustls) server signs with the strongest RSA-PSS digest the
     * client offers; OpenSSL's with the client's first choice. */
    DIVERGE("client's peer signed with digest %d\n", nid);
    nid = -1;
    SHOW(SSL_get_peer_signature_nid(p->server, &nid));
    printf("server's peer signed with digest %d\n", nid);
}

static void server_preference(int prefer_server)
{
    SSL_CTX *sctx = server_ctx(TLS1_3_VERSION), *cctx = client_ctx(TLS1_3_VERSION);
    CHECK(SSL_CTX_set_ciphersuites(sctx, "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256") == 1);
    CHECK(SSL_CTX_set_ciphersuites(cctx, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384") == 1);
    if (prefer_server) {
        SSL_CTX_set_options(sctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
        CHECK(SSL_CTX_set1_groups_list(cctx, "P-384:X25519") == 1);
    }
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("server preference %d: %s\n", prefer_server, SSL_get_cipher_name(p.client));
    printf("negotiated group %ld / %ld\n", (long)SSL_get_negotiated_group(p.client),
           (long)SSL_get_negotiated_group(p.server));
    peer_signatures(&p);
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* The lengths of the TLS records waiting on `fd`, read without taking them. */
static void record_lengths(int fd)
{
    unsigned char buf[8192];
    ssize_t n = recv(fd, buf, sizeof(buf), MSG_PEEK);
    printf("records:");
    for (ssize_t at = 0; at + 5 <= n; at += 5 + ((buf[at + 3] << 8) | buf[at + 4]))
        printf(" %d/%d", buf[at], (buf[at + 3] << 8) | buf[at + 4]);
    printf("\n");
}

static void record_size(long fragment)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(TLS1_2_VERSION);
    CHECK(SSL_CTX_set_cipher_list(cctx, "ECDHE-RSA-AES128-GCM-SHA256") == 1);
    if (fragment)
        SHOW(SSL_CTX_set_max_send_fragment(sctx, fragment));
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("negotiated group %ld / %ld\n", (long)SSL_get_negotiated_group(p.client),
           (long)SSL_get_negotiated_group(p.server));
    peer_signatures(&p);
    char data[2000];
    memset(data, 'x', sizeof(data));
    CHECK(SSL_write(p.server, data, sizeof(data)) == (int)sizeof(data));
    record_lengths(p.cfd);
    int got = 0;
    while (got < (int)sizeof(data)) {
        int r = SSL_read(p.client, data, sizeof(data));
        CHECK(r > 0);
        got += r;
    }
    printf("read %d\n", got);
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    kept_values();
    chain_and_current_certificate();
    server_preference(0);
    server_preference(1);
    record_size(0);
    record_size(512);
    return 0;
}
