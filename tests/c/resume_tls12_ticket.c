/* TLSv1.2 resumption with a ticket: the client's session has a 32-byte id and
 * a ticket, the server's session has an empty id and is not cached. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("version %s cipher %s\n", SSL_get_version(p.client),
           SSL_CIPHER_get_name(SSL_get_current_cipher(p.client)));
    print_session("client", SSL_get_session(p.client));
    print_session("server", SSL_get_session(p.server));
    printf("server cache entries %ld\n", SSL_CTX_sess_number(sctx));
    SSL_SESSION *s = SSL_get1_session(p.client);
    exchange(&p);
    close_clean(&p);

    int reused = -1;
    SSL_SESSION *again = connect_once(cctx, sctx, s, &reused);
    printf("resumed: %d same session: %d\n", reused, again == s);
    print_session("after resumption", again);
    SSL_SESSION_free(again);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
