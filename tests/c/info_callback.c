/* The info callback: handshake start and done, every loop with the state
 * OpenSSL's state machine is in (SSL_state_string, SSL_get_state), the exit
 * of each handshake call with its result, alerts sent and received with
 * their level and description, the events of TLS 1.3's tickets and key
 * updates after the handshake, a resumption, and a connection's own
 * callback in place of its context's. */
#include "common.h"

#include <openssl/err.h>

static int quiet, loops_diverge;

static void print_event(const SSL *s, const char *who, int where, int ret)
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
    else if (where & SSL_CB_LOOP)
        printf("%s", loops_diverge ? "~ " : ""), printf("  %s %s loop %s (%d)\n", who, (where & SSL_ST_CONNECT) ? "connect" : "accept",
               SSL_state_string(s), (int)SSL_get_state(s));
    else
        printf("  %s where 0x%x ret %d\n", who, where, ret);
    if (where & SSL_CB_HANDSHAKE_DONE)
        printf("  %s in init at done: %d\n", who, SSL_in_init(s));
}

static void on_info(const SSL *s, int where, int ret)
{
    const char *who = SSL_is_server(s) ? "server" : "client";
    if (quiet)
        return;
    if (where & SSL_CB_LOOP) {
        CHECK(where == SSL_CB_CONNECT_LOOP || where == SSL_CB_ACCEPT_LOOP);
        CHECK(ret == 1);
    }
    print_event(s, who, where, ret);
}

static void on_info_own(const SSL *s, int where, int ret)
{
    if (quiet)
        return;
    print_event(s, SSL_is_server(s) ? "own server" : "own client", where, ret);
}

/* Prints a call's result after the events it caused. */
static void after(const char *call, int r)
{
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

/* One message each way, then a key update asked for by the client: the
 * client reads its tickets here. */
static void exchange_after(struct pair *p, int key_update)
{
    printf("exchange\n");
    exchange(p);
    if (key_update) {
        printf("client key update\n");
        CHECK(SSL_key_update(p->client, SSL_KEY_UPDATE_REQUESTED) == 1);
        exchange(p);
        printf("second exchange\n");
        exchange(p);
    }
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
    exchange_after(&p, server_max == 0);
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
    exchange_after(&p, 0);
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
    /* sessl's client reads the server's whole flight, one record, before
     * rustls refuses the certificate: it reports a loop for each message. */
    loops_diverge = 1;
    printf("handshake %d\n", stepped_handshake(&p));
    loops_diverge = 0;
    int r = SSL_accept(p.server);
    after("server SSL_accept after the alert", r);
    ERR_clear_error();
    close_unclean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* A handshake resuming the session of a first, unprinted one; `no_ticket`:
 * by session id. A sessl TLS 1.2 server sends a new ticket when it resumes
 * one (rustls renews it every time, OpenSSL when its ticket key callback
 * asks), so that handshake's loops are a divergence. */
static void resumed_connection(long server_max, int no_ticket)
{
    SSL_CTX *sctx = server_ctx(server_max), *cctx = client_ctx(0);
    printf("-- resumption, server max %s%s\n", version_name((int)server_max),
           no_ticket ? ", no ticket" : "");
    if (no_ticket)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    loops_diverge = server_max == TLS1_2_VERSION && !no_ticket;
    quiet = 1;
    SSL_CTX_set_info_callback(sctx, on_info);
    SSL_CTX_set_info_callback(cctx, on_info);
    SSL_SESSION *sess = connect_once(cctx, sctx, NULL, NULL);
    quiet = 0;
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, sess) == 1);
    CHECK(stepped_handshake(&p));
    loops_diverge = 0;
    printf("reused %d\n", SSL_session_reused(p.client));
    exchange_after(&p, 0);
    shutdown_both(&p);
    SSL_free(p.client);
    SSL_free(p.server);
    close(p.cfd);
    close(p.sfd);
    SSL_SESSION_free(sess);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    full_connection(0);
    full_connection(TLS1_2_VERSION);
    resumed_connection(0, 0);
    resumed_connection(TLS1_2_VERSION, 1);
    resumed_connection(TLS1_2_VERSION, 0);
    own_callback();
    failed_handshake();
    return 0;
}
