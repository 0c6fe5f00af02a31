/* Host name and IP checks on the server's certificate, as OpenSSL 3 makes
 * them: SSL_set1_host, SSL_add1_host, SSL_set_hostflags, SSL_get0_peername,
 * X509_VERIFY_PARAM_set1_host / set1_ip_asc on the SSL's param, a host set on
 * the context's param and inherited by SSL_new, a cleared host, and a
 * mismatch under SSL_VERIFY_NONE (kept as the result). TLS 1.2 and 1.3. */
#include "verify_common.h"
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

enum setup {
    SET1_LOCALHOST, SET1_OTHER, SET1_OTHER_ON_OTHER, ADD1, HOSTFLAGS_UPPER, PARAM_HOST, PARAM_IP,
    PARAM_IP_WRONG, SET1_IP_STRING, SET1_IP_WRONG, CTX_PARAM_OTHER, CTX_PARAM_LOCALHOST, CLEARED, NONE_MISMATCH, END
};
static const char *setup_name[] = {
    "SSL_set1_host localhost", "SSL_set1_host other.example", "SSL_set1_host other.example, other-host cert",
    "SSL_set1_host nomatch.example + SSL_add1_host localhost",
    "SSL_set_hostflags NO_PARTIAL_WILDCARDS + SSL_set1_host LOCALHOST", "X509_VERIFY_PARAM_set1_host localhost",
    "X509_VERIFY_PARAM_set1_ip_asc 127.0.0.1", "X509_VERIFY_PARAM_set1_ip_asc 127.0.0.2",
    "SSL_set1_host 127.0.0.1", "SSL_set1_host 127.0.0.2", "ctx param host other.example", "ctx param host localhost",
    "SSL_set1_host other.example then NULL", "SSL_set1_host other.example under VERIFY_NONE",
};

static void run(long version, enum setup s)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    CHECK(SSL_CTX_set_max_proto_version(sctx, version) == 1);
    const char *stem = s == SET1_OTHER_ON_OTHER ? "other-host" : "server";
    char chain[64], key[64];
    snprintf(chain, sizeof(chain), "%s%s.pem", stem, s == SET1_OTHER_ON_OTHER ? "" : "-chain");
    snprintf(key, sizeof(key), "%s.key", stem);
    CHECK(SSL_CTX_use_certificate_chain_file(sctx, cert_path(chain)) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(sctx, cert_path(key), SSL_FILETYPE_PEM) == 1);
    SSL_CTX *cctx = client_ctx(version);
    if (s == NONE_MISMATCH)
        SSL_CTX_set_verify(cctx, SSL_VERIFY_NONE, NULL);
    if (s == CTX_PARAM_OTHER || s == CTX_PARAM_LOCALHOST)
        CHECK(X509_VERIFY_PARAM_set1_host(SSL_CTX_get0_param(cctx),
                                          s == CTX_PARAM_OTHER ? "other.example" : "localhost", 0) == 1);
    struct pair p = make_pair(cctx, sctx);
    SSL *c = p.client;
    switch (s) {
    case SET1_LOCALHOST: CHECK(SSL_set1_host(c, "localhost") == 1); break;
    case SET1_OTHER:
    case SET1_OTHER_ON_OTHER:
    case NONE_MISMATCH: CHECK(SSL_set1_host(c, "other.example") == 1); break;
    case ADD1:
        CHECK(SSL_set1_host(c, "nomatch.example") == 1);
        CHECK(SSL_add1_host(c, "localhost") == 1);
        break;
    case HOSTFLAGS_UPPER:
        SSL_set_hostflags(c, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        CHECK(SSL_set1_host(c, "LOCALHOST") == 1);
        break;
    case PARAM_HOST: CHECK(X509_VERIFY_PARAM_set1_host(SSL_get0_param(c), "localhost", 0) == 1); break;
    case PARAM_IP: CHECK(X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c), "127.0.0.1") == 1); break;
    case PARAM_IP_WRONG: CHECK(X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c), "127.0.0.2") == 1); break;
    case SET1_IP_STRING: CHECK(SSL_set1_host(c, "127.0.0.1") == 1); break;
    case SET1_IP_WRONG: CHECK(SSL_set1_host(c, "127.0.0.2") == 1); break;
    case CLEARED:
        CHECK(SSL_set1_host(c, "other.example") == 1);
        CHECK(SSL_set1_host(c, NULL) == 1);
        break;
    default: break;
    }
    printf("%s %s\n", version_name((int)version), setup_name[s]);
    const char *before = SSL_get0_peername(c);
    int ok = handshake(&p);
    if (!ok) {
        first_err();
        SSL_accept(p.server); /* reads the alert */
        printf("    server then:\n");
        first_err();
    }
    long r = SSL_get_verify_result(c);
    const char *peer = SSL_get0_peername(c);
    printf("    handshake %d verify_result %ld (%s) peername before %s after %s\n", ok, r,
           X509_verify_cert_error_string(r), before ? before : "(null)", peer ? peer : "(null)");
    finish_pair(&p, ok);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    long versions[] = {TLS1_2_VERSION, TLS1_3_VERSION};
    for (int v = 0; v < 2; v++)
        for (int s = SET1_LOCALHOST; s < END; s++)
            run(versions[v], s);
    return 0;
}
