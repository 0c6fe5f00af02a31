/* SSL_CTX_set_session_ticket_cb with SSL_SESSION_set1_ticket_appdata and
 * SSL_SESSION_get0_ticket_appdata: the generate callback runs as the server
 * makes each ticket and puts data into it through the connection's session;
 * the decrypt callback gets the data back when the client resumes, with
 * OpenSSL's status values, and decides whether the ticket is used. And the
 * not-resumable callback, asked once per full handshake, which can keep the
 * session from being resumed. */
#include "common.h"

static int generated, decrypted;
static int answer = SSL_TICKET_RETURN_USE;

static int gen_cb(SSL *s, void *arg)
{
    char data[32];
    SSL_SESSION *sess = SSL_get_session(s);
    snprintf(data, sizeof(data), "%s-%d", (char *)arg, ++generated);
    printf("  generate: session %d, set %d\n", sess != NULL,
           SSL_SESSION_set1_ticket_appdata(sess, data, strlen(data)));
    return 1;
}

/* SSL_TICKET_RETURN and SSL_TICKET_STATUS are ints */
static int dec_cb(SSL *s, SSL_SESSION *ss, const unsigned char *keyname, size_t keyname_len, int status,
                  void *arg)
{
    (void)s, (void)keyname, (void)keyname_len;
    void *data = NULL;
    size_t len = 0;
    if (status == SSL_TICKET_EMPTY) {
        /* a TLS 1.2 ClientHello with an empty ticket extension */
        printf("  decrypt: empty ticket, session %d\n", ss != NULL);
        return SSL_TICKET_RETURN_IGNORE_RENEW;
    }
    decrypted++;
    if (!ss) {
        printf("  decrypt: status %d, no session\n", status);
        return SSL_TICKET_RETURN_IGNORE_RENEW;
    }
    SSL_SESSION_get0_ticket_appdata(ss, &data, &len);
    printf("  decrypt: status %d, session %d, appdata %.*s, arg %s, answer %d\n", status, ss != NULL,
           (int)len, data ? (char *)data : "", (char *)arg, answer);
    return answer;
}

static void run(long max)
{
    SSL_CTX *sctx = server_ctx(max), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set_session_ticket_cb(sctx, gen_cb, dec_cb, "app") == 1);
    SSL_CTX_set_num_tickets(sctx, 1);
    printf("%s: full handshake\n", version_name((int)max));
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    printf("  generated %d, decrypted %d\n", generated, decrypted);

    int reused = -1;
    answer = SSL_TICKET_RETURN_USE;
    printf("resumed with USE\n");
    SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
    printf("  reused %d\n", reused);

    /* a fresh ticket (rustls' TLS 1.3 tickets are single-use) */
    printf("full handshake\n");
    SSL_SESSION *fresh = connect_once(cctx, sctx, NULL, NULL);
    answer = SSL_TICKET_RETURN_IGNORE;
    printf("offered with IGNORE\n");
    SSL_SESSION *u = connect_once(cctx, sctx, fresh, &reused);
    printf("  reused %d\n", reused);
    answer = SSL_TICKET_RETURN_USE;
    /* After IGNORE no ticket is sent; OpenSSL's TLS 1.2 client still gets a
     * session id it can resume with, sessl's gets none (rustls has
     * acknowledged the ticket extension). */
    SSL_SESSION *v = connect_once(cctx, sctx, u, &reused);
    if (max == TLS1_2_VERSION)
        DIVERGE("  the session of the ignored ticket's handshake resumes %d\n", reused);
    else
        printf("  the session of the ignored ticket's handshake resumes %d\n", reused);

    CHECK(SSL_CTX_set_session_ticket_cb(sctx, NULL, NULL, NULL) == 1);
    printf("callbacks cleared\n");
    SSL_SESSION *w = connect_once(cctx, sctx, NULL, NULL);
    SSL_SESSION *x = connect_once(cctx, sctx, w, &reused);
    printf("  reused %d, generated %d, decrypted %d\n", reused, generated, decrypted);
    generated = decrypted = 0;
    SSL_SESSION_free(x);
    SSL_SESSION_free(w);
    SSL_SESSION_free(v);
    SSL_SESSION_free(u);
    SSL_SESSION_free(fresh);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static int refuse, asked;

static int not_resumable_cb(SSL *s, int forward_secure)
{
    asked++;
    printf("  not-resumable asked: forward secure %d, session %d, answer %d\n", forward_secure,
           SSL_get_session(s) != NULL, refuse);
    return refuse;
}

static void not_resumable(long max, int per_connection)
{
    for (refuse = 0; refuse < 2; refuse++) {
        SSL_CTX *sctx = server_ctx(max), *cctx = client_ctx(0);
        if (!per_connection)
            SSL_CTX_set_not_resumable_session_callback(sctx, not_resumable_cb);
        printf("%s not-resumable (%s), answer %d\n", version_name((int)max),
               per_connection ? "connection" : "context", refuse);
        struct pair p = make_pair(cctx, sctx);
        if (per_connection)
            SSL_set_not_resumable_session_callback(p.server, not_resumable_cb);
        CHECK(handshake(&p));
        exchange(&p);
        SSL_SESSION *s = SSL_get1_session(p.client);
        close_clean(&p);
        printf("  client's session resumable %d, ticket %d\n", SSL_SESSION_is_resumable(s),
               SSL_SESSION_has_ticket(s));
        int reused = -1;
        SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
        printf("  reused %d, asked %d\n", reused, asked);
        asked = 0;
        SSL_SESSION_free(t);
        SSL_SESSION_free(s);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }
}

int main(void)
{
    run(TLS1_2_VERSION);
    run(TLS1_3_VERSION);
    not_resumable(TLS1_2_VERSION, 0);
    not_resumable(TLS1_3_VERSION, 0);
    not_resumable(TLS1_3_VERSION, 1);
    return 0;
}
