/* "in TLSv1.3, a server can send multiple messages that establish a session":
 * the client's new-session callback fires once per ticket and SSL_get_session
 * is the last one received; the server's fires once per ticket sent and its
 * SSL_get_session is the last one sent. The callback only fires once a
 * session is actually established. */
#include "common.h"

static int client_calls, server_calls;
static SSL_SESSION *client_last, *server_last;

static int client_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    client_calls++;
    printf("client new_cb #%d resumable=%d\n", client_calls, SSL_SESSION_is_resumable(sess));
    if (client_last)
        SSL_SESSION_free(client_last);
    client_last = sess;
    return 1;
}

static int server_cb(SSL *ssl, SSL_SESSION *sess)
{
    (void)ssl;
    server_calls++;
    printf("server new_cb #%d\n", server_calls);
    server_last = sess;
    return 0; /* not kept: the library drops the reference */
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    SSL_CTX_sess_set_new_cb(cctx, client_cb);
    SSL_CTX_sess_set_new_cb(sctx, server_cb);
    printf("get_new_cb matches: %d\n", SSL_CTX_sess_get_new_cb(cctx) == client_cb);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("after handshake: client calls %d, server calls %d\n", client_calls, server_calls);
    printf("server get_session is last sent: %d\n", SSL_get_session(p.server) == server_last);
    exchange(&p);
    printf("after exchange: client calls %d\n", client_calls);
    printf("client get_session is last received: %d\n", SSL_get_session(p.client) == client_last);
    print_session("client last", client_last);
    printf("client cache entries %ld\n", SSL_CTX_sess_number(cctx));
    close_clean(&p);
    SSL_SESSION_free(client_last);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
