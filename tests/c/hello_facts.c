/* Facts sessl reads from the peer's plaintext hello messages, as OpenSSL 3.0
 * reports them before and after a TLS 1.3 and a TLS 1.2 handshake: the
 * client's raw cipher list (server), extended master secret support, the
 * peer's key share (SSL_get_peer_tmp_key), the peer's signature algorithms
 * (SSL_get_sigalgs), the groups (SSL_get1_groups, SSL_get_shared_group), the
 * peer's EC point formats, and the signatures made (SSL_get_signature_nid,
 * SSL_get_signature_type_nid). The client offers fixed suites, groups and
 * signature algorithms, so both implementations send the same hello; the
 * EC point formats each peer sends are its own (divergence). Also the
 * signature algorithm list syntax OpenSSL accepts and refuses. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

static void hex(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
}

static void raw_ciphers(const char *who, SSL *ssl)
{
    unsigned char *list = NULL;
    long n = SSL_get0_raw_cipherlist(ssl, &list);
    printf("    %s raw cipherlist %ld ", who, n);
    if (n > 0 && list)
        hex(list, (size_t)n);
    printf("\n");
}

static void tmp_key(const char *who, SSL *ssl)
{
    EVP_PKEY *key = NULL;
    long r = SSL_get_peer_tmp_key(ssl, &key);
    printf("    %s peer tmp key %ld", who, r);
    if (r && key) {
        printf(" type %d bits %d", EVP_PKEY_get_id(key), EVP_PKEY_get_bits(key));
        EVP_PKEY_free(key);
    }
    printf("\n");
}

static void sigalgs(const char *who, SSL *ssl)
{
    int n = SSL_get_sigalgs(ssl, -1, NULL, NULL, NULL, NULL, NULL);
    printf("    %s sigalgs %d:", who, n);
    for (int i = 0; i < n; i++) {
        int sign = -1, hash = -1, signhash = -1;
        unsigned char rsig = 0, rhash = 0;
        SSL_get_sigalgs(ssl, i, &sign, &hash, &signhash, &rsig, &rhash);
        printf(" %02x%02x/%d/%d/%d", rhash, rsig, sign, hash, signhash);
    }
    printf("\n");
    n = SSL_get_shared_sigalgs(ssl, -1, NULL, NULL, NULL, NULL, NULL);
    printf("    %s shared sigalgs %d\n", who, n);
}

static void groups(const char *who, SSL *ssl)
{
    int n = (int)SSL_get1_groups(ssl, NULL);
    printf("    %s groups %d:", who, n);
    if (n > 0) {
        int *g = malloc(sizeof(int) * (size_t)n);
        SSL_get1_groups(ssl, g);
        for (int i = 0; i < n; i++)
            printf(" %d", g[i]);
        free(g);
    }
    int shared = (int)SSL_get_shared_group(ssl, -1);
    printf("; shared %d:", shared);
    for (int i = 0; i < shared; i++)
        printf(" %ld", SSL_get_shared_group(ssl, i));
    printf("\n");
}

static void point_formats(const char *who, SSL *ssl)
{
    const unsigned char *pf = NULL;
    long n = SSL_get0_ec_point_formats(ssl, &pf);
    /* What a peer sends is its own: OpenSSL lists three formats, a rustls
     * client only the uncompressed one, a rustls server none. */
    DIVERGE("    %s ec point formats %ld ", who, n);
    if (n > 0 && pf)
        hex(pf, (size_t)n);
    printf("\n");
}

static void signature(const char *who, SSL *ssl)
{
    int hash = -1, type = -1;
    long r = SSL_get_signature_nid(ssl, &hash);
    int t = SSL_get_signature_type_nid(ssl, &type);
    printf("    %s signature %ld hash %d, %d type %d\n", who, r, hash, t, type);
}

static void facts(const char *who, SSL *ssl, int handshaken)
{
    printf("    %s extms %ld\n", who, SSL_get_extms_support(ssl));
    if (!handshaken)
        return; /* OpenSSL 3.0 reads freed or absent state in some getters before */
    raw_ciphers(who, ssl);
    tmp_key(who, ssl);
    sigalgs(who, ssl);
    groups(who, ssl);
    point_formats(who, ssl);
    signature(who, ssl);
}

static void run(long version, const char *group_list)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    CHECK(SSL_CTX_set1_groups_list(sctx, "X25519:P-256:P-384") == 1);
    CHECK(SSL_CTX_set1_groups_list(cctx, group_list) == 1);
    CHECK(SSL_CTX_set_ciphersuites(cctx, "TLS_AES_128_GCM_SHA256") == 1);
    CHECK(SSL_CTX_set_cipher_list(cctx, "ECDHE-RSA-AES128-GCM-SHA256") == 1);
    CHECK(SSL_CTX_set1_sigalgs_list(cctx, "rsa_pss_rsae_sha256:ECDSA+SHA256") == 1);
    struct pair p = make_pair(cctx, sctx);
    printf("%s, client groups %s\n", version_name((int)version), group_list);
    facts("client", p.client, 0);
    facts("server", p.server, 0);
    CHECK(handshake(&p));
    exchange(&p);
    facts("client", p.client, 1);
    facts("server", p.server, 1);
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static void sigalgs_lists(void)
{
    static const char *lists[] = {
        "RSA+SHA256", "rsa_pss_rsae_sha256:ECDSA+SHA256", "ed25519:ed448", "RSA+SHA256:RSA+SHA256",
        "bogus", "RSA+", "RSA+SHA999", "", "RSA-PSS+SHA256", "PSS+sha384", "SHA256+RSA",
        "ecdsa_sha224", ":RSA+SHA256:", "ED25519+SHA256", "rsa_pss_pss_sha256",
    };
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    printf("sigalgs lists\n");
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
        ERR_clear_error();
        int c = (int)SSL_CTX_set1_sigalgs_list(ctx, lists[i]);
        int cc = (int)SSL_CTX_set1_client_sigalgs_list(ctx, lists[i]);
        int s = (int)SSL_set1_sigalgs_list(ssl, lists[i]);
        int sc = (int)SSL_set1_client_sigalgs_list(ssl, lists[i]);
        printf("    \"%s\": %d %d %d %d queued %d\n", lists[i], c, cc, s, sc, ERR_peek_error() != 0);
    }
    int pairs[] = {NID_sha256, EVP_PKEY_RSA, NID_sha256, EVP_PKEY_RSA_PSS};
    int ed[] = {NID_undef, EVP_PKEY_ED25519}, bad[] = {NID_sha256, EVP_PKEY_ED25519};
    printf("    nid pairs %ld odd %ld ed25519 %ld bad %ld none %ld\n",
           SSL_CTX_set1_sigalgs(ctx, pairs, 4), SSL_CTX_set1_sigalgs(ctx, pairs, 3),
           SSL_set1_sigalgs(ssl, ed, 2), SSL_CTX_set1_client_sigalgs(ctx, bad, 2),
           SSL_set1_client_sigalgs(ssl, pairs, 0));
    int groups[] = {NID_X9_62_prime256v1, NID_X25519}, unknown[] = {NID_sha256};
    printf("    set1_groups %ld unknown %ld none %ld\n", SSL_CTX_set1_groups(ctx, groups, 2),
           SSL_CTX_set1_groups(ctx, unknown, 1), SSL_CTX_set1_groups(ctx, groups, 0));
    ERR_clear_error();
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

/* A client whose list the server's key cannot sign with fails as OpenSSL does. */
static void no_shared_sigalg(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set1_sigalgs_list(cctx, "ECDSA+SHA256:ed25519") == 1);
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    printf("client offering only ECDSA and Ed25519 to an RSA server: handshake %d\n", ok);
    ERR_clear_error();
    SSL_free(p.client);
    SSL_free(p.server);
    close(p.cfd);
    close(p.sfd);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* A server signing only with RSA-PSS/SHA-384 and a client offering it. */
static void server_list(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set1_sigalgs_list(sctx, "rsa_pss_rsae_sha384") == 1);
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519") == 1);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    int hash = -1, type = -1;
    SSL_get_signature_nid(p.server, &hash);
    SSL_get_signature_type_nid(p.server, &type);
    printf("server signing with rsa_pss_rsae_sha384: hash %d type %d\n", hash, type);
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* A connection's own groups (SSL_set1_groups_list, SSL_set1_groups) replace
 * its context's in what it offers. */
static void connection_groups(int by_nid)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:P-256") == 1);
    struct pair p = make_pair(cctx, sctx);
    ERR_clear_error();
    printf("connection groups%s: bad list %d",  by_nid ? " by NID" : "",
           (int)SSL_set1_groups_list(p.client, "X25519:nope"));
    printf(" queued %d\n", ERR_peek_error() != 0);
    ERR_clear_error();
    if (by_nid) {
        int g[] = {NID_secp384r1, NID_X9_62_prime256v1};
        printf("    set %ld\n", SSL_set1_groups(p.client, g, 2));
    } else {
        printf("    set %ld\n", SSL_set1_groups_list(p.client, "P-384:P-256"));
    }
    CHECK(handshake(&p));
    groups("server", p.server);
    int group = (int)SSL_get_negotiated_group(p.client);
    printf("    negotiated %s\n", SSL_group_to_name(p.client, group));
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

/* A server asking for a client certificate names its client sigalgs list;
 * the client reads it with SSL_get_sigalgs. */
static void certificate_request_sigalgs(long version)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    CHECK(SSL_CTX_set1_client_sigalgs_list(sctx, "rsa_pss_rsae_sha384:ECDSA+SHA384") == 1);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("%s, a certificate request\n", version_name((int)version));
    sigalgs("client", p.client);
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    certificate_request_sigalgs(TLS1_3_VERSION);
    certificate_request_sigalgs(TLS1_2_VERSION);
    connection_groups(0);
    connection_groups(1);
    sigalgs_lists();
    no_shared_sigalg();
    server_list();
    run(TLS1_3_VERSION, "P-256:X25519");
    run(TLS1_3_VERSION, "X25519");
    run(TLS1_2_VERSION, "P-384:P-256");
    run(TLS1_2_VERSION, "X25519");
    return 0;
}
