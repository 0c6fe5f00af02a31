/* SSL_get_secure_renegotiation_support (SSL_ctrl SSL_CTRL_GET_RI_SUPPORT):
 * before the handshake 0; after a TLS 1.2 handshake 1 on both ends (the
 * client offered renegotiation_info or its SCSV, the server answered it);
 * after TLS 1.3 the server still saw the client's signal, the client has
 * none to see; on a context 0. */
#include "common.h"

static void one(long version)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    printf("%s before: client %ld server %ld\n", version_name(version),
           SSL_get_secure_renegotiation_support(p.client),
           SSL_get_secure_renegotiation_support(p.server));
    CHECK(handshake(&p));
    printf("%s after: client %ld server %ld\n", version_name(version),
           SSL_get_secure_renegotiation_support(p.client),
           SSL_get_secure_renegotiation_support(p.server));
    printf("%s context: %ld\n", version_name(version),
           SSL_CTX_ctrl(cctx, SSL_CTRL_GET_RI_SUPPORT, 0, NULL));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    one(TLS1_2_VERSION);
    one(TLS1_3_VERSION);
    return 0;
}
