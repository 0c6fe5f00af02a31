/* The decrypt ticket callback's status with a ticket key callback, as
 * sslapitest's test_ticket_callbacks checks: a TLS 1.2 client offering tickets
 * without one gives SSL_TICKET_EMPTY; a ticket the key callback opened with 1
 * gives SSL_TICKET_SUCCESS, with 2 SSL_TICKET_SUCCESS_RENEW (also under
 * TLS 1.3, where OpenSSL's own keys always renew), and a new ticket follows a
 * resumption only when the decrypt callback renews. The contexts live in a
 * library context of their own and the default one has only the null
 * provider: the key callback's MAC is fetched in the context's (as OpenSSL).
 * A decrypt callback answering SSL_TICKET_RETURN_ABORT fails the handshake
 * with internal_error (sslapitest's test_ticket_abort_session_leak). */
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>

#include "common.h"

static OSSL_LIB_CTX *libctx;
static int key_answer = 1, generated, statuses[8], nstatus, abort_tickets;

static int key_cb(SSL *s, unsigned char *name, unsigned char *iv, EVP_CIPHER_CTX *c,
                  EVP_MAC_CTX *h, int enc)
{
    static unsigned char key[16] = "0123456789abcdef";
    (void)s;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0),
        OSSL_PARAM_construct_end(),
    };
    EVP_CIPHER *aes = EVP_CIPHER_fetch(libctx, "AES-128-CBC", NULL);
    memset(iv, 0, 16);
    if (enc)
        memset(name, 0, 16);
    int ok = aes != NULL && EVP_CipherInit_ex(c, aes, NULL, key, iv, enc)
             && EVP_MAC_init(h, key, sizeof(key), params);
    EVP_CIPHER_free(aes);
    return ok ? (enc ? 1 : key_answer) : -1;
}

static int gen_cb(SSL *s, void *arg)
{
    (void)s, (void)arg;
    generated++;
    return 1;
}

static int dec_cb(SSL *s, SSL_SESSION *ss, const unsigned char *keyname, size_t keyname_len,
                  int status, void *arg)
{
    (void)s, (void)ss, (void)keyname, (void)keyname_len, (void)arg;
    if (nstatus < 8)
        statuses[nstatus++] = status;
    if (abort_tickets)
        return SSL_TICKET_RETURN_ABORT;
    switch (status) {
    case SSL_TICKET_EMPTY:
        return SSL_TICKET_RETURN_IGNORE_RENEW;
    case SSL_TICKET_SUCCESS:
        return SSL_TICKET_RETURN_USE;
    case SSL_TICKET_SUCCESS_RENEW:
        return SSL_TICKET_RETURN_USE_RENEW;
    default:
        return SSL_TICKET_RETURN_ABORT;
    }
}

static SSL_CTX *new_ctx(const SSL_METHOD *m, long version)
{
    SSL_CTX *ctx = SSL_CTX_new_ex(libctx, NULL, m);
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_max_proto_version(ctx, version) == 1);
    return ctx;
}

static void report(const char *label, int reused)
{
    printf("  %s: reused %d, generated %d, decrypt statuses", label, reused, generated);
    for (int i = 0; i < nstatus; i++)
        printf(" %d", statuses[i]);
    printf("\n");
    generated = nstatus = 0;
}

static void run(long version, int answer)
{
    SSL_CTX *sctx = new_ctx(TLS_server_method(), version);
    SSL_CTX *cctx = new_ctx(TLS_client_method(), version);
    CHECK(SSL_CTX_use_certificate_chain_file(sctx, cert_path("server-chain.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_OFF));
    CHECK(SSL_CTX_set_session_ticket_cb(sctx, gen_cb, dec_cb, NULL) == 1);
    CHECK(SSL_CTX_set_tlsext_ticket_key_evp_cb(sctx, key_cb) == 1);
    SSL_CTX_set_num_tickets(sctx, 1);
    key_answer = answer;
    printf("%s, key callback answers %d\n", version_name((int)version), answer);
    int reused = -1;
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, &reused);
    report("full handshake", reused);
    SSL_SESSION *t = connect_once(cctx, sctx, s, &reused);
    report("resumption", reused);
    SSL_SESSION_free(t);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void print_errors(const char *who)
{
    unsigned long e;
    printf("  %s errors:", who);
    while ((e = ERR_get_error()) != 0)
        printf(" %s", ERR_reason_error_string(e) ? ERR_reason_error_string(e) : "?");
    printf("\n");
}

/* The decrypt callback aborts: the server fails, the client gets its alert. */
static void aborted(long version, int with_key_cb)
{
    SSL_CTX *sctx = new_ctx(TLS_server_method(), version);
    SSL_CTX *cctx = new_ctx(TLS_client_method(), version);
    CHECK(SSL_CTX_use_certificate_chain_file(sctx, cert_path("server-chain.pem")) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(sctx, cert_path("server.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_set_session_cache_mode(sctx, SSL_SESS_CACHE_OFF));
    CHECK(SSL_CTX_set_session_ticket_cb(sctx, gen_cb, dec_cb, NULL) == 1);
    if (with_key_cb)
        CHECK(SSL_CTX_set_tlsext_ticket_key_evp_cb(sctx, key_cb) == 1);
    key_answer = 1;
    printf("%s, key callback %d, decrypt callback aborts\n", version_name((int)version),
           with_key_cb);
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    generated = nstatus = 0;
    abort_tickets = 1;
    struct pair p = make_pair(cctx, sctx);
    CHECK(SSL_set_session(p.client, s) == 1);
    int ok = handshake(&p);
    printf("  handshake %d, server error %d\n", ok, SSL_get_error(p.server, -1));
    print_errors("server");
    int r = SSL_connect(p.client);
    printf("  client: %d, error %d\n", r, SSL_get_error(p.client, r));
    print_errors("client");
    report("aborted", SSL_session_reused(p.client));
    abort_tickets = 0;
    close_unclean(&p);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    libctx = OSSL_LIB_CTX_new();
    CHECK(libctx != NULL);
    OSSL_PROVIDER *def = OSSL_PROVIDER_load(libctx, "default");
    OSSL_PROVIDER *null = OSSL_PROVIDER_load(NULL, "null");
    CHECK(def != NULL && null != NULL);
    for (int answer = 1; answer <= 2; answer++) {
        run(TLS1_2_VERSION, answer);
        run(TLS1_3_VERSION, answer);
    }
    for (int with_key_cb = 0; with_key_cb <= 1; with_key_cb++) {
        aborted(TLS1_2_VERSION, with_key_cb);
        aborted(TLS1_3_VERSION, with_key_cb);
    }
    OSSL_PROVIDER_unload(null);
    OSSL_PROVIDER_unload(def);
    OSSL_LIB_CTX_free(libctx);
    return 0;
}
