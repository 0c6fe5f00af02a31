/* The CA names a TLS 1.3 client sends in its ClientHello (the
 * certificate_authorities extension): its CA list (SSL_CTX_set0_CA_list, or
 * the connection's own SSL_set0_CA_list), never its client CA list; the
 * server reads them with SSL_get0_peer_CA_list (NULL when none came, and
 * under TLS 1.2), as sslapitest's test_ca_names checks. A session made with
 * names resumes. */
#include <openssl/x509.h>

#include "common.h"

static X509_NAME *name(const char *cn)
{
    X509_NAME *n = X509_NAME_new();
    CHECK(n != NULL);
    CHECK(X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0));
    return n;
}

static STACK_OF(X509_NAME) *list2(const char *a, const char *b)
{
    STACK_OF(X509_NAME) *sk = sk_X509_NAME_new_null();
    CHECK(sk != NULL);
    sk_X509_NAME_push(sk, name(a));
    sk_X509_NAME_push(sk, name(b));
    return sk;
}

static void print_names(const char *what, const STACK_OF(X509_NAME) *sk)
{
    char buf[256];
    printf("  %s: %d names", what, sk ? sk_X509_NAME_num(sk) : -1);
    for (int i = 0; sk && i < sk_X509_NAME_num(sk); i++) {
        X509_NAME_oneline(sk_X509_NAME_value(sk, i), buf, sizeof(buf));
        printf(" %s", buf);
    }
    printf("\n");
}

/* mode 0: no lists; 1: the client context's CA list; 2: its client CA list
 * only; 3: both; 4: the connection's own CA list over its context's. */
static void run(long version, int mode)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(version);
    if (mode == 1 || mode == 3 || mode == 4)
        SSL_CTX_set0_CA_list(cctx, list2("ca list one", "ca list two"));
    if (mode == 2 || mode == 3)
        SSL_CTX_set_client_CA_list(cctx, list2("client ca one", "client ca two"));
    printf("%s mode %d\n", version_name((int)version), mode);
    struct pair p = make_pair(cctx, sctx);
    if (mode == 4)
        SSL_set0_CA_list(p.client, list2("own list one", "own list two"));
    CHECK(handshake(&p));
    exchange(&p);
    print_names("server's peer CA list", SSL_get0_peer_CA_list(p.server));
    print_names("client's peer CA list", SSL_get0_peer_CA_list(p.client));
    SSL_SESSION *s = SSL_get1_session(p.client);
    close_clean(&p);
    if (mode == 1) {
        int reused = -1;
        SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
        printf("  resumed %d\n", reused);
        SSL_SESSION_free(t);
    }
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    for (int mode = 0; mode <= 4; mode++) {
        run(TLS1_3_VERSION, mode);
        run(TLS1_2_VERSION, mode);
    }
    return 0;
}
