/* The context and I/O calls around sessions: loading keys, options that pick
 * the protocol, separate read/write descriptors, SSL_do_handshake,
 * SSL_pending, cipher accessors. */
#include "common.h"

int main(void)
{
    printf("init %d\n", OPENSSL_init_ssl(0, NULL));
    SSL_CTX *sctx = SSL_CTX_new(TLS_method());
    printf("up_ref %d\n", SSL_CTX_up_ref(sctx));
    SSL_CTX_free(sctx);
    printf("missing file %d\n", SSL_CTX_use_certificate_file(sctx, cert_path("nope.pem"), SSL_FILETYPE_PEM));
    CHECK(SSL_CTX_use_certificate_file(sctx, cert_path("server-chain.pem"), SSL_FILETYPE_PEM) == 1);
    printf("wrong key accepted %d\n", SSL_CTX_use_PrivateKey_file(sctx, cert_path("ca.key"), SSL_FILETYPE_PEM));
    CHECK(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    printf("right key matches %d\n", SSL_CTX_check_private_key(sctx));
    SSL_CTX *cctx = client_ctx(0);
    printf("default verify paths %d, verify mode %d\n", SSL_CTX_set_default_verify_paths(cctx),
           SSL_CTX_get_verify_mode(cctx));
    printf("no ticket by default %d\n", (SSL_CTX_get_options(sctx) & SSL_OP_NO_TICKET) == 0);

    for (int round = 0; round < 2; round++) {
        struct pair p = make_pair(cctx, sctx);
        CHECK(SSL_set_rfd(p.client, p.cfd) == 1 && SSL_set_wfd(p.client, p.cfd) == 1);
        if (round == 1)
            SSL_set_options(p.client, SSL_OP_NO_TLSv1_3);
        printf("is_server client %d server %d, ctx %d\n", SSL_is_server(p.client), SSL_is_server(p.server),
               SSL_get_SSL_CTX(p.server) == sctx);
        int cdone = 0, sdone = 0;
        for (int i = 0; i < 50 && !(cdone && sdone); i++) {
            cdone = cdone || SSL_do_handshake(p.client) == 1;
            sdone = sdone || SSL_do_handshake(p.server) == 1;
        }
        CHECK(cdone && sdone);
        const SSL_CIPHER *c = SSL_get_current_cipher(p.client);
        printf("%s (%d): %s / %s / %s, bits %d, id %08x\n", SSL_get_version(p.client),
               SSL_version(p.client) == TLS1_3_VERSION, SSL_CIPHER_get_name(c),
               SSL_CIPHER_standard_name(c), SSL_CIPHER_get_version(c), SSL_CIPHER_get_bits(c, NULL),
               SSL_CIPHER_get_id(c));
        CHECK(SSL_write(p.server, "0123456789", 10) == 10);
        char buf[4];
        int r;
        while ((r = SSL_read(p.client, buf, sizeof(buf))) < 0)
            CHECK(want(p.client, r));
        printf("read %d, pending %d, has_pending %d\n", r, SSL_pending(p.client), SSL_has_pending(p.client));
        close_clean(&p);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
