/* The CA names a server sends when it asks for a client certificate: its
 * client CA list, or its CA list (SSL_CTX_set0_CA_list) when that is unset or
 * empty; a connection's own lists (SSL_set_client_CA_list, SSL_add_client_CA,
 * SSL_set0_CA_list, SSL_add1_to_CA_list) in place of its context's. The
 * client reads them with SSL_get_client_CA_list. Also the getters and
 * SSL_add_store_cert_subjects_to_stack. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

static X509 *read_cert(const char *name)
{
    FILE *f = fopen(cert_path(name), "r");
    CHECK(f != NULL);
    X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    CHECK(x != NULL);
    return x;
}

static void print_names(const char *what, const STACK_OF(X509_NAME) *sk)
{
    char buf[256];
    printf("%s: %d names\n", what, sk ? sk_X509_NAME_num(sk) : -1);
    for (int i = 0; sk && i < sk_X509_NAME_num(sk); i++) {
        X509_NAME_oneline(sk_X509_NAME_value(sk, i), buf, sizeof(buf));
        printf("  %s\n", buf);
    }
}

static STACK_OF(X509_NAME) *names_of(const char *file)
{
    STACK_OF(X509_NAME) *sk = sk_X509_NAME_new_null();
    CHECK(SSL_add_file_cert_subjects_to_stack(sk, cert_path(file)) == 1);
    return sk;
}

typedef void (*setup_fn)(SSL *server);

/* A handshake in which the server asks for a certificate; prints what the client was sent. */
static void sent(const char *label, SSL_CTX *sctx, long version, setup_fn setup)
{
    SSL_CTX *cctx = client_ctx(version);
    struct pair p = make_pair(cctx, sctx);
    if (setup)
        setup(p.server);
    int ok = handshake(&p);
    printf("%s (%s): handshake %d\n", label, version_name((int)version), ok);
    print_names("  client was sent", SSL_get_client_CA_list(p.client));
    ERR_clear_error();
    close_clean(&p);
    SSL_CTX_free(cctx);
}

static SSL_CTX *asking_server(void)
{
    SSL_CTX *sctx = server_ctx(0);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER, NULL);
    return sctx;
}

static void own_client_list(SSL *s)
{
    SSL_set_client_CA_list(s, names_of("ca2.pem"));
    print_names("  server's SSL_get_client_CA_list", SSL_get_client_CA_list(s));
}

static void added_client_ca(SSL *s)
{
    X509 *x = read_cert("ca2.pem");
    printf("  SSL_add_client_CA -> %d\n", SSL_add_client_CA(s, x));
    X509_free(x);
    print_names("  server's SSL_get_client_CA_list", SSL_get_client_CA_list(s));
}

static void own_ca_list(SSL *s)
{
    X509 *x = read_cert("ca.pem");
    printf("  SSL_add1_to_CA_list -> %d\n", SSL_add1_to_CA_list(s, x));
    X509_free(x);
    print_names("  server's SSL_get0_CA_list", SSL_get0_CA_list(s));
}

static void set0_ca_list(SSL *s)
{
    SSL_set0_CA_list(s, names_of("ca.pem"));
}

int main(void)
{
    for (int i = 0; i < 2; i++) {
        long v = i ? TLS1_2_VERSION : TLS1_3_VERSION;
        SSL_CTX *sctx = asking_server();
        sent("no lists", sctx, v, NULL);
        sent("connection's CA list", sctx, v, set0_ca_list);
        SSL_CTX_set0_CA_list(sctx, names_of("ca2.pem"));
        sent("context's CA list", sctx, v, NULL);
        SSL_CTX_set_client_CA_list(sctx, sk_X509_NAME_new_null());
        sent("empty client CA list, CA list", sctx, v, NULL);
        SSL_CTX_set_client_CA_list(sctx, names_of("ca.pem"));
        sent("client CA list and CA list", sctx, v, NULL);
        sent("connection's client CA list", sctx, v, own_client_list);
        sent("connection's added client CA", sctx, v, added_client_ca);
        SSL_CTX_free(sctx);
    }

    SSL_CTX *quiet = server_ctx(0);
    sent("not asked", quiet, TLS1_2_VERSION, NULL);
    sent("not asked", quiet, TLS1_3_VERSION, NULL);
    SSL_CTX_free(quiet);

    SSL_CTX *sctx = asking_server();
    print_names("new context's CA list", SSL_CTX_get0_CA_list(sctx));
    X509 *ca = read_cert("ca.pem");
    printf("SSL_CTX_add1_to_CA_list -> %d\n", SSL_CTX_add1_to_CA_list(sctx, ca));
    print_names("context's CA list", SSL_CTX_get0_CA_list(sctx));
    SSL *s = SSL_new(sctx);
    print_names("connection's CA list (the context's)", SSL_get0_CA_list(s));
    print_names("connection's client CA list (none)", SSL_get_client_CA_list(s));
    SSL_set_accept_state(s);
    sent("connection's own CA list", sctx, TLS1_3_VERSION, own_ca_list);
    SSL_free(s);
    SSL_CTX_free(sctx);
    X509_free(ca);

    STACK_OF(X509_NAME) *sk = sk_X509_NAME_new_null();
    printf("add_store_cert_subjects ca.pem -> %d\n", SSL_add_store_cert_subjects_to_stack(sk, cert_path("ca.pem")));
    printf("add_store_cert_subjects again -> %d\n", SSL_add_store_cert_subjects_to_stack(sk, cert_path("ca.pem")));
    printf("add_store_cert_subjects ca2.pem -> %d\n", SSL_add_store_cert_subjects_to_stack(sk, cert_path("ca2.pem")));
    printf("add_store_cert_subjects missing -> %d\n", SSL_add_store_cert_subjects_to_stack(sk, cert_path("missing.pem")));
    ERR_clear_error();
    print_names("from stores", sk);
    sk_X509_NAME_pop_free(sk, X509_NAME_free);
    return 0;
}
