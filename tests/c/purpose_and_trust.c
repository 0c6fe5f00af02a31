/* SSL_CTX_set_purpose / SSL_set_purpose / SSL_CTX_set_trust / SSL_set_trust
 * set the verification parameters' purpose and trust, as in OpenSSL 3.0:
 * unknown values are refused with libcrypto's error; a context's setting
 * reaches its connections; a purpose the server's certificate does not serve
 * (S/MIME signing) fails the handshake with X509_V_ERR_INVALID_PURPOSE, while
 * the TLS purposes and trust settings leave it verified. */
#include "verify_common.h"
#include <openssl/x509v3.h>

static void attempt(const char *what, SSL_CTX *cctx, SSL_CTX *sctx, int purpose, int trust)
{
    struct pair p = make_pair(cctx, sctx);
    if (purpose)
        printf("%s: set_purpose %d", what, SSL_set_purpose(p.client, purpose));
    else
        printf("%s:", what);
    if (trust)
        printf(" set_trust %d", SSL_set_trust(p.client, trust));
    printf("\n");
    int ok = shake(&p);
    printf("    handshake %d verify result %ld\n", ok, SSL_get_verify_result(p.client));
    ERR_clear_error();
    close_unclean(&p);
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0), *smime = client_ctx(0);
    printf("unknown purpose: %d\n", SSL_CTX_set_purpose(cctx, 999));
    first_err();
    printf("unknown trust: %d\n", SSL_CTX_set_trust(cctx, 999));
    first_err();
    printf("ctx purpose ssl client %d trust ssl server %d\n",
           SSL_CTX_set_purpose(cctx, X509_PURPOSE_SSL_CLIENT),
           SSL_CTX_set_trust(cctx, X509_TRUST_SSL_SERVER));
    attempt("context purpose and trust", cctx, sctx, 0, 0);
    attempt("connection purpose ssl server", cctx, sctx, X509_PURPOSE_SSL_SERVER, X509_TRUST_SSL_CLIENT);
    attempt("connection purpose smime sign", cctx, sctx, X509_PURPOSE_SMIME_SIGN, 0);
    printf("ctx purpose smime sign %d\n", SSL_CTX_set_purpose(smime, X509_PURPOSE_SMIME_SIGN));
    attempt("context purpose smime sign", smime, sctx, 0, 0);
    SSL *ssl = SSL_new(cctx);
    printf("connection unknown purpose %d\n", SSL_set_purpose(ssl, 0));
    first_err();
    SSL_free(ssl);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    SSL_CTX_free(smime);
    return 0;
}
