/*
 * Shared helpers for the differential C cases. Each case is built against
 * <sessl.h> + libsessl (-DUSE_SESSL_H) and against <openssl/ssl.h> + libssl;
 * the libssl build runs plainly and under LD_PRELOAD=libsessl.so. All three
 * transcripts (stdout) must be equal, except lines starting with "~", which
 * mark a deliberate divergence (docs/divergences.md) and are checked against
 * the case's .sessl.expected file instead.
 *
 * Client and server run in one thread over a non-blocking socketpair, so the
 * order of every handshake message, and so the transcript, is deterministic.
 * Only functions sessl exports may be called here.
 */
#ifndef SESSL_TEST_COMMON_H
#define SESSL_TEST_COMMON_H

#ifdef USE_SESSL_H
#include <sessl.h>
#else
#include <openssl/ssl.h>
#endif
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            printf("CHECK FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);  \
            exit(1);                                                        \
        }                                                                   \
    } while (0)

/* A line that differs from OpenSSL on purpose. */
#define DIVERGE(...) (printf("~ "), printf(__VA_ARGS__))

static inline const char *cert_path(const char *name)
{
    static char buf[4][512];
    static int next;
    const char *dir = getenv("SESSL_TEST_CERTS");
    char *out = buf[next++ % 4];
    snprintf(out, sizeof(buf[0]), "%s/%s", dir ? dir : ".", name);
    return out;
}

/* A server context with the test certificate; `max` bounds the version (0: none). */
static inline SSL_CTX *server_ctx(long max)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, cert_path("server-chain.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_check_private_key(ctx) == 1);
    if (max)
        CHECK(SSL_CTX_set_max_proto_version(ctx, max) == 1);
    return ctx;
}

/* A client context trusting the test CA, verifying the server. */
static inline SSL_CTX *client_ctx(long max)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_load_verify_locations(ctx, cert_path("ca.pem"), NULL) == 1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (max)
        CHECK(SSL_CTX_set_max_proto_version(ctx, max) == 1);
    return ctx;
}

struct pair {
    SSL *client, *server;
    int cfd, sfd;
};

static inline struct pair make_pair(SSL_CTX *cctx, SSL_CTX *sctx)
{
    struct pair p;
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[1], F_SETFL, O_NONBLOCK);
    p.cfd = fds[0];
    p.sfd = fds[1];
    p.client = SSL_new(cctx);
    p.server = SSL_new(sctx);
    CHECK(p.client && p.server);
    CHECK(SSL_set_fd(p.client, p.cfd) == 1);
    CHECK(SSL_set_fd(p.server, p.sfd) == 1);
    SSL_set_connect_state(p.client);
    SSL_set_accept_state(p.server);
    return p;
}

static inline int want(SSL *ssl, int ret)
{
    int e = SSL_get_error(ssl, ret);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

/* Runs both handshakes to the end, client step first; 1 on success. */
static inline int handshake(struct pair *p)
{
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 100 && !(cdone && sdone); i++) {
        if (!cdone) {
            int r = SSL_connect(p->client);
            if (r == 1)
                cdone = 1;
            else if (!want(p->client, r))
                return 0;
        }
        if (!sdone) {
            int r = SSL_accept(p->server);
            if (r == 1)
                sdone = 1;
            else if (!want(p->server, r))
                return 0;
        }
    }
    return cdone && sdone;
}

/* Reads exactly `n` bytes on `to` after `from` wrote them; 1 on success. */
static inline int send_recv(SSL *from, SSL *to, const char *msg)
{
    char buf[256];
    int n = (int)strlen(msg);
    int w = SSL_write(from, msg, n);
    if (w != n)
        return 0;
    for (int i = 0; i < 100; i++) {
        int r = SSL_read(to, buf, sizeof(buf));
        if (r > 0)
            return r == n && memcmp(buf, msg, n) == 0;
        if (!want(to, r))
            return 0;
    }
    return 0;
}

/* One message each way: the client reads any tickets here. */
static inline void exchange(struct pair *p)
{
    CHECK(send_recv(p->server, p->client, "hello from server"));
    CHECK(send_recv(p->client, p->server, "hello from client"));
}

/* Clean shutdown on both sides, then free. */
static inline void close_clean(struct pair *p)
{
    SSL_shutdown(p->client);
    SSL_shutdown(p->server);
    SSL_free(p->client);
    SSL_free(p->server);
    close(p->cfd);
    close(p->sfd);
}

/* Free without SSL_shutdown: an unclean end. */
static inline void close_unclean(struct pair *p)
{
    SSL_free(p->client);
    SSL_free(p->server);
    close(p->cfd);
    close(p->sfd);
}

/* Full handshake, exchange, clean close; returns the client's session (get1). */
static inline SSL_SESSION *connect_once(SSL_CTX *cctx, SSL_CTX *sctx, SSL_SESSION *offer, int *reused)
{
    struct pair p = make_pair(cctx, sctx);
    if (offer)
        CHECK(SSL_set_session(p.client, offer) == 1);
    CHECK(handshake(&p));
    exchange(&p);
    if (reused)
        *reused = SSL_session_reused(p.client);
    CHECK(SSL_session_reused(p.client) == SSL_session_reused(p.server));
    SSL_SESSION *s = SSL_get1_session(p.client);
    close_clean(&p);
    return s;
}

/* The key type of a certificate ("RSA", "EC", "other"), "none" for NULL. */
static inline const char *key_type(X509 *x)
{
    if (!x)
        return "none";
    switch (EVP_PKEY_get_base_id(X509_get0_pubkey(x))) {
    case EVP_PKEY_RSA:
        return "RSA";
    case EVP_PKEY_EC:
        return "EC";
    default:
        return "other";
    }
}

static inline const char *version_name(int v)
{
    switch (v) {
    case TLS1_3_VERSION: return "TLSv1.3";
    case TLS1_2_VERSION: return "TLSv1.2";
    case 0: return "none";
    default: return "other";
    }
}

/* The session's facts that do not change from run to run. */
static inline void print_session(const char *label, SSL_SESSION *s)
{
    unsigned int idlen = 0, ctxlen = 0;
    if (!s) {
        printf("%s: (null)\n", label);
        return;
    }
    SSL_SESSION_get_id(s, &idlen);
    SSL_SESSION_get0_id_context(s, &ctxlen);
    const char *host = SSL_SESSION_get0_hostname(s);
    printf("%s: version=%s cipher=%s id_len=%u sid_ctx_len=%u resumable=%d ticket=%d host=%s\n",
           label, version_name(SSL_SESSION_get_protocol_version(s)),
           SSL_SESSION_get0_cipher(s) ? SSL_CIPHER_get_name(SSL_SESSION_get0_cipher(s)) : "(none)",
           idlen, ctxlen, SSL_SESSION_is_resumable(s), SSL_SESSION_has_ticket(s),
           host ? host : "(none)");
}

#endif
