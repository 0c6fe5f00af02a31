/* P-521 (secp521r1), which OpenSSL's default group list has: a client and a
 * server that both name it alone agree on it in TLS 1.3 and TLS 1.2, and the
 * peer's key share reads as a 521-bit EC key (SSL_get_peer_tmp_key, what
 * ssl_test's ExpectedTmpKeyType reads). A client offering it among the
 * default groups uses it with a server that takes only it. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/evp.h>

static void run(const char *label, long max, const char *client_groups)
{
    SSL_CTX *sctx = server_ctx(max);
    SSL_CTX *cctx = client_ctx(max);
    CHECK(SSL_CTX_set1_groups_list(sctx, "P-521") == 1);
    if (client_groups)
        CHECK(SSL_CTX_set1_groups_list(cctx, client_groups) == 1);
    struct pair p = make_pair(cctx, sctx);
    int ok = handshake(&p);
    printf("%s: handshake %d", label, ok);
    if (ok) {
        EVP_PKEY *key = NULL;
        int nid = SSL_get_negotiated_group(p.client);
        printf(", %s, group %s", SSL_get_version(p.client), OBJ_nid2sn(nid));
        if (SSL_get_peer_tmp_key(p.client, &key) == 1) {
            printf(", server's key share %s %d bits", OBJ_nid2sn(EVP_PKEY_get_base_id(key)),
                   EVP_PKEY_get_bits(key));
            EVP_PKEY_free(key);
        }
        exchange(&p);
    }
    printf("\n");
    ERR_clear_error();
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    run("TLS 1.3, P-521 alone", 0, "P-521");
    run("TLS 1.2, P-521 alone", TLS1_2_VERSION, "secp521r1");
    run("TLS 1.3, default groups", 0, NULL);
    run("TLS 1.2, default groups", TLS1_2_VERSION, NULL);
    return 0;
}
