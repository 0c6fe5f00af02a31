/* The security callback (SSL_CTX_set_security_callback, SSL_set_security_callback)
 * asked before a handshake, as libssl asks it while building its hello: a
 * callback refusing TLS 1.3 (SSL_SECOP_VERSION) on either side makes the
 * handshake TLS 1.2; refusing suites (SSL_SECOP_CIPHER_SUPPORTED, the
 * SSL_CIPHER in `other`) leaves them out; refusing a group
 * (SSL_SECOP_CURVE_SUPPORTED, its NID) leaves it out; refusing every suite
 * fails the handshake; refusing tickets (SSL_SECOP_TICKET) leaves a TLS 1.2
 * client's session without one. A server asks SSL_SECOP_CIPHER_SHARED instead, as it
 * chooses. How often it is asked is not compared. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/obj_mac.h>

enum refuse { NOTHING, TLS13, ALL_BUT_ONE_TLS12_SUITE, X25519, EVERY_SUITE, TICKETS };

static enum refuse refusing;
static int asked_version, asked_cipher, asked_curve, saw_ssl;

static int on_security(const SSL *s, const SSL_CTX *ctx, int op, int bits, int nid, void *other, void *ex)
{
    (void)ctx;
    (void)bits;
    (void)ex;
    if (s != NULL)
        saw_ssl = 1;
    switch (op) {
    case SSL_SECOP_TICKET:
        return refusing != TICKETS;
    case SSL_SECOP_VERSION:
        asked_version = 1;
        return !(refusing == TLS13 && nid == TLS1_3_VERSION);
    case SSL_SECOP_CIPHER_SUPPORTED: {
        const SSL_CIPHER *c = other;
        asked_cipher = 1;
        if (refusing == EVERY_SUITE)
            return 0;
        if (refusing == ALL_BUT_ONE_TLS12_SUITE && strncmp(SSL_CIPHER_get_name(c), "TLS_", 4) != 0)
            return strcmp(SSL_CIPHER_get_name(c), "ECDHE-RSA-AES128-GCM-SHA256") == 0;
        return 1;
    }
    case SSL_SECOP_CURVE_SUPPORTED:
    case SSL_SECOP_CURVE_SHARED:
        asked_curve = 1;
        return !(refusing == X25519 && nid == NID_X25519);
    default:
        return 1;
    }
}

static void run(const char *what, enum refuse r, int on_server, int own, long max)
{
    SSL_CTX *sctx = server_ctx(max), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set1_groups_list(sctx, "X25519:P-256") == 1);
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:P-256") == 1);
    if (!own)
        SSL_CTX_set_security_callback(on_server ? sctx : cctx, on_security);
    struct pair p = make_pair(cctx, sctx);
    if (own)
        SSL_set_security_callback(on_server ? p.server : p.client, on_security);
    refusing = r;
    asked_version = asked_cipher = asked_curve = saw_ssl = 0;
    ERR_clear_error();
    int ok = handshake(&p);
    /* OpenSSL fails a handshake whose callback refuses TLS 1.3 (an internal
     * error as it starts); sessl leaves TLS 1.3 out and goes on in TLS 1.2. */
    if (r == TLS13)
        printf("~ ");
    printf("%s (%s%s): handshake %d", what, on_server ? "server" : "client", own ? ", SSL_set" : "", ok);
    if (ok) {
        int group = (int)SSL_get_negotiated_group(p.client);
        printf(", %s %s %s\n", SSL_get_version(p.client), SSL_get_cipher_name(p.client),
               SSL_group_to_name(p.client, group));
        if (max == TLS1_2_VERSION) {
            exchange(&p);
            printf("    client session has a ticket %d\n", SSL_SESSION_has_ticket(SSL_get_session(p.client)));
        }
        close_clean(&p);
    } else {
        printf("\n");
        /* OpenSSL: SSL_R_NO_CIPHERS_AVAILABLE; sessl: SSL_R_HANDSHAKE_FAILURE,
         * as for any configuration that cannot be built. */
        DIVERGE("    client error %d\n", ERR_GET_REASON(ERR_peek_error()));
        ERR_clear_error();
        SSL_free(p.client);
        SSL_free(p.server);
        close(p.cfd);
        close(p.sfd);
    }
    if (r == TLS13)
        printf("~ ");
    printf("    asked: version %d cipher %d curve %d, with the connection %d\n", asked_version,
           asked_cipher, asked_curve, saw_ssl);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    run("refusing nothing", NOTHING, 0, 0, 0);
    run("refusing TLS 1.3", TLS13, 0, 0, 0);
    run("refusing TLS 1.3", TLS13, 1, 0, 0);
    run("refusing TLS 1.3", TLS13, 0, 1, 0);
    run("refusing all TLS 1.2 suites but one", ALL_BUT_ONE_TLS12_SUITE, 1, 0, TLS1_2_VERSION);
    run("refusing all TLS 1.2 suites but one", ALL_BUT_ONE_TLS12_SUITE, 0, 1, TLS1_2_VERSION);
    run("refusing X25519", X25519, 0, 0, 0);
    run("refusing X25519", X25519, 1, 1, 0);
    run("refusing every suite", EVERY_SUITE, 0, 0, 0);
    run("refusing nothing", NOTHING, 0, 0, TLS1_2_VERSION);
    run("refusing tickets", TICKETS, 0, 0, TLS1_2_VERSION);
    run("refusing tickets", TICKETS, 1, 0, TLS1_2_VERSION);
    return 0;
}
