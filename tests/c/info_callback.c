/* The info callback: handshake start and done, the exit of each handshake
 * call with its result, alerts sent and received with their level and
 * description, a connection's own callback in place of its context's. Loop
 * events are counted per call (OpenSSL reports one per state, sessl one per
 * flight); after the first handshake only the number of handshake starts is
 * compared (nginx refuses renegotiation on one), the rest is a divergence. */
#include "common.h"

#include <openssl/err.h>

static int loops, quiet, quiet_starts, quiet_events;

static void print_event(const char *who, int where, int ret)
{
    if (where & SSL_CB_ALERT)
        printf("  %s %s alert %d: %s %s\n", who, (where & SSL_CB_READ) ? "read" : "write", ret,
               SSL_alert_type_string_long(ret), SSL_alert_desc_string_long(ret));
    else if (where == SSL_CB_HANDSHAKE_START)
        printf("  %s handshake start %d\n", who, ret);
    else if (where == SSL_CB_HANDSHAKE_DONE)
        printf("  %s handshake done %d\n", who, ret);
    else if (where & SSL_CB_EXIT)
        printf("  %s %s exit %d\n", who, (where & SSL_ST_CONNECT) ? "connect" : "accept", ret);
    else
        printf("  %s where 0x%x ret %d\n", who, where, ret);
}

static void on_info(const SSL *s, int where, int ret)
{
    const char *who = SSL_is_server(s) ? "server" : "client";
    if (quiet) {
        quiet_events++;
        if (where & SSL_CB_HANDSHAKE_START)
            quiet_starts++;
        return;
    }
    if (where & SSL_CB_LOOP) {
        CHECK(where == SSL_CB_CONNECT_LOOP || where == SSL_CB_ACCEPT_LOOP);
        CHECK(ret == 1);
        loops++;
        return;
    }
    print_event(who, where, ret);
}

static void on_info_own(const SSL *s, int where, int ret)
{
    if (quiet) {
        quiet_events++;
        return;
    }
    if (where & SSL_CB_LOOP)
        return;
    print_event(SSL_is_server(s) ? "own server" : "own client", where, ret);
}

/* Prints a call's result after the events it caused. */
static void after(const char *call, int r)
{
    if (loops)
        printf("  (looped)\n");
    loops = 0;
    printf("%s -> %d\n", call, r);
}

/* Steps both sides, printing each call, until both are done or one fails. */
static int stepped_handshake(struct pair *p)
{
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 20 && !(cdone && sdone); i++) {
        if (!cdone) {
            int r = SSL_connect(p->client);
            after("SSL_connect", r);
            if (r == 1)
                cdone = 1;
            else if (!want(p->client, r))
                return 0;
        }
        if (!sdone) {
            int r = SSL_accept(p->server);
            after("SSL_accept", r);
            if (r == 1)
                sdone = 1;
            else if (!want(p->server, r))
                return 0;
        }
    }
    return cdone && sdone;
}

/* Work after the handshake, with the events counted but not printed. */
static void quietly_exchange(struct pair *p, int key_update)
{
    quiet = 1;
    exchange(p);
    if (key_update) {
        CHECK(SSL_key_update(p->client, SSL_KEY_UPDATE_REQUESTED) == 1);
        exchange(p);
        exchange(p);
    }
    quiet = 0;
    printf("handshake starts after the first handshake: %d\n", quiet_starts);
    DIVERGE("events after the first handshake: %d\n", quiet_events);
    quiet_starts = quiet_events = 0;
}

static void shutdown_both(struct pair *p)
{
    char buf[16];
    after("client SSL_shutdown", SSL_shutdown(p->client));
    int r = SSL_read(p->server, buf, sizeof(buf));
    after("server SSL_read", r);
    after("server SSL_shutdown", SSL_shutdown(p->server));
    after("client SSL_shutdown", SSL_shutdown(p->client));
}

static void full_connection(long server_max)
{
    SSL_CTX *sctx = server_ctx(server_max), *cctx = client_ctx(0);
    SSL_CTX_set_info_callback(sctx, on_info);
    SSL_CTX_set_info_callback(cctx, on_info);
    printf("-- server max %s\n", version_name((int)server_max));
    printf("context callback kept %d\n", SSL_CTX_get_info_callback(cctx) == on_info);
    struct pair p = make_pair(cctx, sctx);
    printf("connection's own callback %s\n", SSL_get_info_callback(p.client) ? "set" : "none");
    CHECK(stepped_handshake(&p));
    printf("client state %s\n", SSL_state_string_long(p.client));
    quietly_exchange(&p, server_max == 0);
    after("SSL_do_handshake when done", SSL_do_handshake(p.client));
    shutdown_both(&p);
    SSL_free(p.client);
    SSL_free(p.server);
    close(p.cfd);
    close(p.sfd);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void own_callback(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_set_info_callback(cctx, on_info);
    printf("-- the connection's own callback\n");
    struct pair p = make_pair(cctx, sctx);
    SSL_set_info_callback(p.client, on_info_own);
    printf("own callback kept %d, context's still %d\n",
           SSL_get_info_callback(p.client) == on_info_own,
           SSL_CTX_get_info_callback(cctx) == on_info);
    CHECK(stepped_handshake(&p));
    quietly_exchange(&p, 0);
    SSL_set_info_callback(p.client, NULL);
    printf("own callback cleared: %s\n", SSL_get_info_callback(p.client) ? "set" : "none");
    after("client SSL_shutdown", SSL_shutdown(p.client));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void failed_handshake(void)
{
    SSL_CTX *sctx = server_ctx(0);
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method()); /* trusts nothing */
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    SSL_CTX_set_info_callback(sctx, on_info);
    SSL_CTX_set_info_callback(cctx, on_info);
    printf("-- a client that refuses the server\n");
    struct pair p = make_pair(cctx, sctx);
    printf("handshake %d\n", stepped_handshake(&p));
    int r = SSL_accept(p.server);
    /* sessl reads the client's change_cipher_spec before its alert, as a step. */
    if (loops)
        DIVERGE("(looped)\n");
    loops = 0;
    after("server SSL_accept after the alert", r);
    ERR_clear_error();
    close_unclean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    full_connection(0);
    full_connection(TLS1_2_VERSION);
    own_callback();
    failed_handshake();
    return 0;
}
