/* SSL_SESSION_print, SSL_SESSION_print_fp and SSL_SESSION_print_keylog in
 * OpenSSL's text, compared line by line: values that change from run to run
 * (ids, keys, tickets, times) are masked with 'x' of the same length. Then
 * PEM_write_SSL_SESSION / PEM_read_SSL_SESSION through a FILE. */
#include "common.h"
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

/* Masks what follows `prefix` on a line that starts with it. */
static int mask_after(char *line, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(line, prefix, n) != 0)
        return 0;
    for (char *c = line + n; *c && *c != '\n'; c++)
        *c = 'x';
    return 1;
}

static void print_masked(const char *label, const char *text)
{
    char *copy = strdup(text), *save = NULL;
    printf("%s:\n", label);
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        const char *masked[] = {"    Session-ID: ", "    Master-Key: ", "    Resumption PSK: ",
                                "    Start Time: ", "RSA Session-ID:"};
        for (size_t i = 0; i < sizeof(masked) / sizeof(masked[0]); i++)
            mask_after(line, masked[i]);
        if (strncmp(line, "    0", 5) == 0) /* a line of the ticket's dump */
            mask_after(line, "    ");
        printf("| %s\n", line);
    }
    free(copy);
}

/* The report through a memory BIO, masked. */
static void report(const char *label, SSL_SESSION *s)
{
    BIO *mem = BIO_new(BIO_s_mem());
    int r = SSL_SESSION_print(mem, s);
    BIO_write(mem, "", 1);
    char *text;
    BIO_get_mem_data(mem, &text);
    printf("%s printed %d\n", label, r);
    print_masked(label, text);
    BIO_free(mem);
}

static void keylog(const char *label, SSL_SESSION *s)
{
    BIO *mem = BIO_new(BIO_s_mem());
    int r = SSL_SESSION_print_keylog(mem, s);
    BIO_write(mem, "", 1);
    char *text;
    BIO_get_mem_data(mem, &text);
    printf("%s keylog %d\n", label, r);
    print_masked(label, text);
    BIO_free(mem);
}

static void from_handshake(long max)
{
    SSL_CTX *sctx = server_ctx(max), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"print", 5) == 1);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *c = SSL_get1_session(p.client), *s = SSL_get1_session(p.server);
    close_clean(&p);
    printf("%s\n", version_name((int)max));
    if (max == TLS1_2_VERSION) {
        report("client", c);
        keylog("client", c);
    } else {
        /* sessl's client has no resumption PSK, and rustls' ticket differs in length */
        unsigned char none[1];
        DIVERGE("client TLS 1.3 resumption PSK length %zu\n", SSL_SESSION_get_master_key(c, none, 0));
    }
    report("server", s);
    keylog("server", s);

    /* print_fp to a file, read back */
    FILE *f = tmpfile();
    printf("print_fp %d\n", SSL_SESSION_print_fp(f, s));
    rewind(f);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = 0;
    print_masked("server via FILE", buf);
    fclose(f);

    /* PEM through a FILE: written, read back, still the same session */
    f = tmpfile();
    int written = PEM_write_SSL_SESSION(f, s);
    printf("PEM written %d", written);
    printf(" %d\n", PEM_write_SSL_SESSION(f, c));
    rewind(f);
    SSL_SESSION *back = NULL;
    SSL_SESSION *r = PEM_read_SSL_SESSION(f, &back, NULL, NULL);
    SSL_SESSION *second = PEM_read_SSL_SESSION(f, NULL, NULL, NULL);
    unsigned int a, b;
    const unsigned char *ida = SSL_SESSION_get_id(s, &a), *idb = SSL_SESSION_get_id(back, &b);
    printf("PEM read %d stored %d, same id %d, same time %d, second %d", r != NULL, r == back,
           a == b && memcmp(ida, idb, a) == 0, SSL_SESSION_get_time(s) == SSL_SESSION_get_time(back),
           second != NULL);
    printf(", third %d\n", PEM_read_SSL_SESSION(f, NULL, NULL, NULL) != NULL);
    ERR_clear_error();
    fclose(f);
    SSL_SESSION_free(second);
    SSL_SESSION_free(back);

    SSL_SESSION_free(c);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void made_by_hand(void)
{
    SSL_SESSION *e = SSL_SESSION_new();
    CHECK(SSL_SESSION_set_time(e, 1700000000) == 1700000000);
    report("new", e);
    keylog("new", e);
    CHECK(SSL_SESSION_set1_id(e, (const unsigned char *)"\x01\x02\xab", 3) == 1);
    CHECK(SSL_SESSION_set1_id_context(e, (const unsigned char *)"ctx", 3) == 1);
    CHECK(SSL_SESSION_set1_master_key(e, (const unsigned char *)"\xde\xad\xbe\xef", 4) == 1);
    CHECK(SSL_SESSION_set_protocol_version(e, TLS1_3_VERSION) == 1);
    CHECK(SSL_SESSION_set_max_early_data(e, 16384) == 1);
    CHECK(SSL_SESSION_set_timeout(e, 60) == 1);
    SSL_SESSION_set_time(e, 1700000000);
    /* printed without masking: every value is set */
    BIO *out = BIO_new_fp(stdout, BIO_NOCLOSE);
    printf("set by hand printed %d\n", SSL_SESSION_print(out, e));
    printf("keylog %d\n", SSL_SESSION_print_keylog(out, e));
    CHECK(SSL_SESSION_set_protocol_version(e, TLS1_2_VERSION) == 1);
    CHECK(SSL_SESSION_set_timeout(e, 0) == 1);
    SSL_SESSION_set_time(e, 0);
    printf("no time printed %d\n", SSL_SESSION_print(out, e));
    printf("NULL session %d %d %d\n", SSL_SESSION_print(out, NULL), SSL_SESSION_print_keylog(out, NULL),
           SSL_SESSION_print_fp(stdout, NULL));
    BIO_free(out);
    SSL_SESSION_free(e);
}

int main(void)
{
    from_handshake(TLS1_2_VERSION);
    from_handshake(TLS1_3_VERSION);
    made_by_hand();
    return 0;
}
