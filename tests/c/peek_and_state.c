/* SSL_peek / SSL_peek_ex leave the bytes for the next read, with SSL_read's
 * results; the handshake state, its strings, SSL_in_before and SSL_want
 * before, during and after a handshake and after a failure; the buffers and
 * renegotiation calls that have nothing to do. */
#include "common.h"

#include <openssl/err.h>

static void print_errors(const char *label)
{
    unsigned long e;
    while ((e = ERR_get_error()) != 0)
        printf("  %s: lib %d reason %d %s\n", label, ERR_GET_LIB(e), ERR_GET_REASON(e),
               ERR_reason_error_string(e));
}

static void print_state(const char *label, SSL *s)
{
    printf("%s: state %d in_before %d want %d %s / %s, record %s / %s\n", label,
           (int)SSL_get_state(s), SSL_in_before(s), SSL_want(s), SSL_state_string(s),
           SSL_state_string_long(s), SSL_rstate_string(s), SSL_rstate_string_long(s));
}

/* The first handshake steps of each side, then the rest. */
static void states_through_handshake(long server_max)
{
    SSL_CTX *sctx = server_ctx(server_max), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    printf("-- handshake, server max %s\n", version_name((int)server_max));
    print_state("client before", p.client);
    print_state("server before", p.server);
    int r = SSL_connect(p.client);
    printf("connect %d error %d\n", r, SSL_get_error(p.client, r));
    print_state("client waiting", p.client);
    r = SSL_accept(p.server);
    printf("accept %d error %d\n", r, SSL_get_error(p.server, r));
    print_state("server waiting", p.server);
    CHECK(handshake(&p));
    print_state("client done", p.client);
    print_state("server done", p.server);
    printf("alloc_buffers %d free_buffers %d\n", SSL_alloc_buffers(p.client),
           SSL_free_buffers(p.client));
    SSL_set_options(p.client, SSL_OP_NO_RENEGOTIATION);
    printf("renegotiate %d\n", SSL_renegotiate(p.client));
    print_errors("renegotiate");
    printf("renegotiate_abbreviated %d\n", SSL_renegotiate_abbreviated(p.client));
    print_errors("renegotiate_abbreviated");
    printf("renegotiate_pending %d\n", SSL_renegotiate_pending(p.client));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void peeks(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    printf("-- peek\n");
    char buf[64];
    size_t n = 99;
    int r = SSL_peek(p.client, buf, sizeof(buf));
    printf("peek with nothing sent %d error %d want %d\n", r, SSL_get_error(p.client, r),
           SSL_want(p.client));
    r = SSL_peek_ex(p.client, buf, sizeof(buf), &n);
    printf("peek_ex with nothing sent %d error %d\n", r, SSL_get_error(p.client, r));
    CHECK(SSL_write(p.server, "abcdef", 6) == 6);
    r = SSL_peek(p.client, buf, 3);
    printf("peek 3: %d '%.*s' pending %d\n", r, r > 0 ? r : 0, buf, SSL_pending(p.client));
    r = SSL_peek(p.client, buf, sizeof(buf));
    printf("peek all: %d '%.*s' pending %d want %d\n", r, r > 0 ? r : 0, buf,
           SSL_pending(p.client), SSL_want(p.client));
    r = SSL_read(p.client, buf, 2);
    printf("read 2: %d '%.*s' pending %d\n", r, r > 0 ? r : 0, buf, SSL_pending(p.client));
    r = SSL_peek_ex(p.client, buf, sizeof(buf), &n);
    printf("peek_ex: %d %zu '%.*s'\n", r, n, (int)n, buf);
    r = SSL_read(p.client, buf, sizeof(buf));
    printf("read: %d '%.*s' pending %d\n", r, r > 0 ? r : 0, buf, SSL_pending(p.client));
    r = SSL_read(p.client, buf, sizeof(buf));
    printf("read again %d error %d\n", r, SSL_get_error(p.client, r));
    SSL_shutdown(p.client);
    n = 99;
    r = SSL_peek_ex(p.server, buf, sizeof(buf), &n);
    printf("peek_ex at close_notify %d readbytes %zu error %d\n", r, n,
           SSL_get_error(p.server, r));
    r = SSL_peek(p.server, buf, sizeof(buf));
    printf("peek at close_notify %d error %d\n", r, SSL_get_error(p.server, r));
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void failed_handshake(void)
{
    SSL_CTX *sctx = server_ctx(0);
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method()); /* trusts nothing */
    SSL_CTX_set_verify(cctx, SSL_VERIFY_PEER, NULL);
    struct pair p = make_pair(cctx, sctx);
    printf("-- failed handshake\n");
    printf("handshake %d\n", handshake(&p));
    ERR_clear_error();
    printf("client failed: %s / %s in_init %d\n", SSL_state_string(p.client),
           SSL_state_string_long(p.client), SSL_in_init(p.client));
    DIVERGE("client failed in state %d\n", (int)SSL_get_state(p.client));
    close_unclean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    states_through_handshake(0);
    states_through_handshake(TLS1_2_VERSION);
    peeks();
    failed_handshake();
    return 0;
}
