/* A TLS 1.2 server decides on a session ticket as OpenSSL does when its
 * servername callback switches the context and copies that context's
 * options (as OpenSSL's ssl_test does): a ticket only if tickets were on
 * both when the ClientHello was read and after the callback. */
#include "common.h"

static SSL_CTX *other;

static int switch_context(SSL *s, int *alert, void *arg)
{
    (void)alert, (void)arg;
    SSL_set_SSL_CTX(s, other);
    SSL_clear_options(s, 0xFFFFFFFFL);
    SSL_set_options(s, SSL_CTX_get_options(other));
    return SSL_TLSEXT_ERR_OK;
}

static void run(const char *label, int first_tickets, int second_tickets)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(TLS1_2_VERSION);
    other = server_ctx(TLS1_2_VERSION);
    if (!first_tickets)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    if (!second_tickets)
        SSL_CTX_set_options(other, SSL_OP_NO_TICKET);
    SSL_CTX_set_tlsext_servername_callback(sctx, switch_context);
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_tlsext_host_name(p.client, "server2") == 1);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *s = SSL_get1_session(p.client);
    unsigned int idlen = 0;
    SSL_SESSION_get_id(s, &idlen);
    printf("%s: ticket %d, session id %s, server ticket option %d\n", label,
           SSL_SESSION_has_ticket(s), idlen ? "yes" : "no",
           (SSL_get_options(p.server) & SSL_OP_NO_TICKET) != 0);
    SSL_SESSION_free(s);
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(other);
}

int main(void)
{
    run("tickets off, then on", 0, 1);
    run("tickets on, then off", 1, 0);
    run("tickets on, then on", 1, 1);
    run("tickets off, then off", 0, 0);
    return 0;
}
