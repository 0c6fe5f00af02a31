/* The info callback through TLS 1.3 early data, as sslapitest's
 * test_info_callback checks it: the server's first flight ends a first
 * handshake (done, exit) while it reads early data, the rest of the
 * handshake starts again; the client's early data and end of it. */
#include "common.h"

static void on_info(const SSL *s, int where, int ret)
{
    const char *who = SSL_is_server(s) ? "server" : "client";
    if (where & SSL_CB_LOOP)
        printf("  %s loop %s\n", who, SSL_state_string(s));
    else if (where == SSL_CB_HANDSHAKE_START)
        printf("  %s handshake start\n", who);
    else if (where == SSL_CB_HANDSHAKE_DONE)
        printf("  %s handshake done, in init %d\n", who, SSL_in_init((SSL *)s));
    else if (where & SSL_CB_EXIT)
        printf("  %s exit %d\n", who, ret);
    else if (where & SSL_CB_ALERT)
        printf("  %s alert %d\n", who, ret);
    else
        printf("  %s where 0x%x ret %d\n", who, where, ret);
}

static void early_connection(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *sess, int server_side)
{
    struct pair p = make_pair(cctx, sctx);
    size_t n;
    char buf[64];
    CHECK(SSL_set_session(p.client, sess) == 1);
    SSL_set_info_callback(server_side ? p.server : p.client, on_info);
    printf("-- early data, %s's events\n", server_side ? "server" : "client");
    printf("client writes early\n");
    CHECK(SSL_write_early_data(p.client, "early", 5, &n) == 1);
    printf("server reads early\n");
    int r = SSL_read_early_data(p.server, buf, sizeof(buf), &n);
    printf("read early %d: %.*s, status %d\n", r, (int)n, buf, SSL_get_early_data_status(p.server));
    printf("handshake\n");
    CHECK(handshake(&p));
    printf("exchange\n");
    exchange(&p);
    close_clean(&p);
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set_max_early_data(sctx, 16384) == 1);
    for (int server_side = 1; server_side >= 0; server_side--) {
        SSL_SESSION *sess = connect_once(cctx, sctx, NULL, NULL);
        CHECK(SSL_SESSION_get_max_early_data(sess) == 16384);
        early_connection(cctx, sctx, sess, server_side);
        SSL_SESSION_free(sess);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
