/* Verification results across resumption, as in OpenSSL 3: a resumed
 * connection takes the verify result stored in the session (20 from a
 * session made under SSL_VERIFY_NONE, even when the resuming SSL now asks
 * SSL_VERIFY_PEER; 0 from a good one), with the peer certificate and chains
 * it then has; on the server, a client certificate's session (result 0, and
 * 21 let through by a callback). SSL_set_verify_result changes the
 * connection's result, not its session's. TLS 1.2 with tickets, TLS 1.2 with
 * session ids, TLS 1.3. */
#include "verify_common.h"
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

static int accept_all(int ok, X509_STORE_CTX *ctx)
{
    (void)ok;
    (void)ctx;
    return 1;
}

static void print_side(const char *who, SSL *ssl)
{
    X509 *peer = SSL_get1_peer_certificate(ssl);
    char cn[128] = "(none)";
    if (peer)
        X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, cn, sizeof(cn));
    long r = SSL_get_verify_result(ssl);
    printf("    %s: reused %d verify_result %ld (%s) peer %s peer_cert_chain %d verified_chain %d\n", who,
           SSL_session_reused(ssl), r, X509_verify_cert_error_string(r), cn, count(SSL_get_peer_cert_chain(ssl)),
           count(SSL_get0_verified_chain(ssl)));
    X509_free(peer);
}

/* One connection offering `offer`; `peer_mode` >= 0 sets the client SSL's
 * mode; `set_result` >= 0 is given to SSL_set_verify_result after the
 * handshake. Returns the client's session. */
static SSL_SESSION *connect_show(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *offer, int peer_mode, long set_result)
{
    struct pair p = make_pair(cctx, sctx);
    if (offer)
        CHECK(SSL_set_session(p.client, offer) == 1);
    if (peer_mode >= 0)
        SSL_set_verify(p.client, peer_mode, NULL);
    int ok = handshake(&p);
    printf("  handshake %d\n", ok);
    if (!ok) {
        unsigned long e = ERR_peek_error();
        char buf[256];
        ERR_error_string_n(e, buf, sizeof(buf));
        printf("    error: %s\n", buf);
        ERR_clear_error();
        close_unclean(&p);
        return NULL;
    }
    exchange(&p);
    print_side("client", p.client);
    print_side("server", p.server);
    if (set_result >= 0) {
        SSL_set_verify_result(p.client, set_result);
        printf("    client after SSL_set_verify_result(%ld): %ld\n", set_result, SSL_get_verify_result(p.client));
    }
    SSL_SESSION *s = SSL_get1_session(p.client);
    close_clean(&p);
    return s;
}

enum kind { UNTRUSTED_NONE, UNTRUSTED_THEN_PEER, GOOD, SET_RESULT, CLIENT_CERT, CLIENT_CERT_CB, END };
static const char *kind_name[] = {
    "untrusted server, VERIFY_NONE", "untrusted server, VERIFY_NONE, resumed by an SSL with VERIFY_PEER",
    "good server, VERIFY_PEER", "good server, SSL_set_verify_result(27) after the first handshake",
    "server verifies client.pem", "server verifies client2.pem through a callback returning 1",
};

static void run(long version, int tickets, enum kind k)
{
    SSL_CTX *sctx = server_ctx(version);
    CHECK(SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"verify", 6) == 1);
    if (!tickets)
        SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET);
    SSL_CTX *cctx = client_ctx(version);
    if (k == UNTRUSTED_NONE || k == UNTRUSTED_THEN_PEER) {
        SSL_CTX_free(cctx);
        cctx = SSL_CTX_new(TLS_client_method());
        CHECK(SSL_CTX_set_max_proto_version(cctx, version) == 1);
        SSL_CTX_set_verify(cctx, SSL_VERIFY_NONE, NULL);
    }
    if (k == CLIENT_CERT || k == CLIENT_CERT_CB) {
        const char *stem = k == CLIENT_CERT ? "client" : "client2";
        char pem[32], key[32];
        snprintf(pem, sizeof(pem), "%s.pem", stem);
        snprintf(key, sizeof(key), "%s.key", stem);
        CHECK(SSL_CTX_use_certificate_chain_file(cctx, cert_path(pem)) == 1);
        CHECK(SSL_CTX_use_PrivateKey_file(cctx, cert_path(key), SSL_FILETYPE_PEM) == 1);
        CHECK(SSL_CTX_load_verify_locations(sctx, cert_path("ca.pem"), NULL) == 1);
        SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, k == CLIENT_CERT ? NULL : accept_all);
    }
    printf("%s %s: %s\n", version_name((int)version),
           version == TLS1_3_VERSION ? "tickets" : tickets ? "ticket" : "session id", kind_name[k]);
    SSL_SESSION *s = connect_show(cctx, sctx, NULL, -1, k == SET_RESULT ? X509_V_ERR_CERT_UNTRUSTED : -1);
    CHECK(s != NULL);
    printf("  first session resumable %d\n", SSL_SESSION_is_resumable(s));
    SSL_SESSION *s2 = connect_show(cctx, sctx, s, k == UNTRUSTED_THEN_PEER ? SSL_VERIFY_PEER : -1, -1);
    SSL_SESSION_free(s2);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    struct {
        long version;
        int tickets;
    } modes[] = {{TLS1_2_VERSION, 1}, {TLS1_2_VERSION, 0}, {TLS1_3_VERSION, 1}};
    for (int m = 0; m < 3; m++)
        for (int k = UNTRUSTED_NONE; k < END; k++)
            run(modes[m].version, modes[m].tickets, k);

    /* SSL_set_verify_result before any handshake. */
    SSL_CTX *cctx = client_ctx(0);
    SSL *ssl = SSL_new(cctx);
    printf("fresh SSL verify_result %ld\n", SSL_get_verify_result(ssl));
    SSL_set_verify_result(ssl, X509_V_ERR_CERT_REVOKED);
    printf("after SSL_set_verify_result(23): %ld\n", SSL_get_verify_result(ssl));
    SSL_free(ssl);
    SSL_CTX_free(cctx);
    return 0;
}
