/* TLS 1.3 tickets as the server sends them, measured on the wire: the
 * bytes waiting on the client's socket once both handshakes are done,
 * before any application data (a library may put several tickets in one
 * record, so records are not counted). With N tickets after a full
 * handshake taking about N times one ticket's bytes, a resumption sends
 * as many as OpenSSL does: one, whatever SSL_CTX_set_num_tickets says;
 * none at 0. */
#include "common.h"

/* The bytes waiting to be read on `fd`, left in place (MSG_PEEK). */
static long bytes_waiting(int fd)
{
    unsigned char buf[16384];
    ssize_t n = recv(fd, buf, sizeof(buf), MSG_PEEK);
    return n < 0 ? 0 : (long)n;
}

/* One handshake offering `offer`: the ticket bytes sent; the session in *out. */
static long one(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *offer, SSL_SESSION **out)
{
    struct pair p = make_pair(cctx, sctx);
    if (offer)
        CHECK(SSL_set_session(p.client, offer) == 1);
    CHECK(handshake(&p));
    long bytes = bytes_waiting(p.cfd);
    exchange(&p);
    CHECK(SSL_session_reused(p.client) == (offer != NULL));
    *out = SSL_get1_session(p.client);
    close_clean(&p);
    return bytes;
}

/* About `n` tickets of `one_ticket` bytes each (within half a ticket). */
static int tickets(long bytes, long one_ticket, int n)
{
    long d = bytes - n * one_ticket;
    return (d < 0 ? -d : d) * 2 < one_ticket;
}

int main(void)
{
    SSL_CTX *cctx = client_ctx(0);
    long one_ticket = 0;
    for (int n = 1; n <= 4; n++) {
        if (n == 3)
            continue;
        SSL_CTX *sctx = server_ctx(0);
        CHECK(SSL_CTX_set_num_tickets(sctx, (size_t)n) == 1);
        SSL_SESSION *s, *t, *u;
        long full = one(cctx, sctx, NULL, &s);
        if (n == 1)
            one_ticket = full;
        long resumed = one(cctx, sctx, s, &t);
        long again = one(cctx, sctx, t, &u);
        printf("num_tickets %d: full handshake %d tickets %d, resumption 1 ticket %d, again %d\n", n, n,
               tickets(full, one_ticket, n), tickets(resumed, one_ticket, 1), tickets(again, one_ticket, 1));
        SSL_SESSION_free(s);
        SSL_SESSION_free(t);
        SSL_SESSION_free(u);
        SSL_CTX_free(sctx);
    }
    SSL_CTX *sctx = server_ctx(0);
    CHECK(SSL_CTX_set_num_tickets(sctx, 0) == 1);
    SSL_SESSION *s;
    printf("num_tickets 0: bytes after the handshake %ld\n", one(cctx, sctx, NULL, &s));
    SSL_SESSION_free(s);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    return 0;
}
