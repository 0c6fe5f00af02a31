/* The SSL_SESSION family beyond the basic accessors: the peer certificate,
 * the ticket a client holds, ALPN, host name, master key, suite, early data
 * limit and ticket appdata read back as set; SSL_SESSION_dup is a deep copy
 * that resumes; ex_data through libcrypto's index callbacks (new, dup and
 * free, the free exactly when the last reference goes). */
#include "common.h"
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509.h>

static int frees, dups;

static void on_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    (void)parent, (void)ad, (void)idx, (void)argp;
    if (ptr) {
        frees++;
        printf("  free callback: %s (argl %ld)\n", (char *)ptr, argl);
        free(ptr);
    }
}

static int on_dup(CRYPTO_EX_DATA *to, const CRYPTO_EX_DATA *from, void **from_d, int idx, long argl,
                  void *argp)
{
    (void)to, (void)from, (void)idx, (void)argl, (void)argp;
    dups++;
    if (*from_d) {
        char *copy = strdup(*from_d);
        copy[0] = 'D';
        *from_d = copy;
    }
    return 1;
}

static void errors(const char *label)
{
    unsigned long e;
    int n = 0;
    while ((e = ERR_get_error()) != 0)
        n++;
    printf("  %s: %d error(s)\n", label, n);
}

static void handshake_fields(long max)
{
    SSL_CTX *sctx = server_ctx(max), *cctx = client_ctx(0);
    SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *c = SSL_get1_session(p.client), *s = SSL_get1_session(p.server);
    printf("%s:\n", version_name((int)max));

    X509 *peer = SSL_SESSION_get0_peer(c), *conn_peer = SSL_get1_peer_certificate(p.client);
    char name[256] = "";
    if (peer)
        X509_NAME_oneline(X509_get_subject_name(peer), name, sizeof(name));
    printf("  client peer %s, same as connection's %d, again same pointer %d\n", name,
           peer && X509_cmp(peer, conn_peer) == 0, SSL_SESSION_get0_peer(c) == peer);
    printf("  server peer (no client certificate) %d\n", SSL_SESSION_get0_peer(s) != NULL);
    X509_free(conn_peer);

    const unsigned char *t = (const unsigned char *)"x";
    size_t tl = 99;
    SSL_SESSION_get0_ticket(c, &t, &tl);
    printf("  client ticket: present %d, has_ticket %d\n", t != NULL && tl > 0, SSL_SESSION_has_ticket(c));
    t = (const unsigned char *)"x";
    SSL_SESSION_get0_ticket(s, &t, &tl);
    printf("  server ticket: %zu %d\n", tl, t != NULL);

    const unsigned char *alpn = (const unsigned char *)"x";
    size_t al = 99;
    SSL_SESSION_get0_alpn_selected(c, &alpn, &al);
    printf("  alpn %zu %d\n", al, alpn != NULL);
    printf("  max early data %u %u, compress id %u, max fragment length %u\n",
           SSL_SESSION_get_max_early_data(c), SSL_SESSION_get_max_early_data(s),
           SSL_SESSION_get_compress_id(c), SSL_SESSION_get_max_fragment_length(c));
    void *ad = (void *)"x";
    size_t adl = 99;
    int r = SSL_SESSION_get0_ticket_appdata(c, &ad, &adl);
    printf("  ticket appdata %d %zu %d\n", r, adl, ad != NULL);

    /* rustls resumes with the key and suite it sealed: sessl refuses others. */
    unsigned char key[48] = {0};
    SSL_SESSION *probe = SSL_SESSION_dup(c);
    DIVERGE("  master key set on a copy of the handshake's session %d\n",
            SSL_SESSION_set1_master_key(probe, key, 48));
    DIVERGE("  other cipher set on it %d\n", SSL_SESSION_set_cipher(probe, NULL));
    SSL_SESSION_free(probe);
    ERR_clear_error();

    /* A deep copy: its own id, resumable, and it resumes. */
    SSL_SESSION *d = SSL_SESSION_dup(c);
    unsigned int a, b;
    const unsigned char *ida = SSL_SESSION_get_id(c, &a), *idb = SSL_SESSION_get_id(d, &b);
    printf("  dup: new handle %d, same id %d, resumable %d, same peer %d, same cipher %d\n", d != c,
           a == b && memcmp(ida, idb, a) == 0, SSL_SESSION_is_resumable(d),
           X509_cmp(SSL_SESSION_get0_peer(d), peer) == 0,
           SSL_SESSION_get0_cipher(d) == SSL_SESSION_get0_cipher(c));
    CHECK(SSL_SESSION_set1_id(d, (const unsigned char *)"other", 5) == 1);
    SSL_SESSION_get_id(c, &a);
    printf("  dup's id changed alone %d\n", a == 32);
    CHECK(SSL_SESSION_set1_id(d, ida, a) == 1);
    int reused = -1;
    SSL_SESSION *next = connect_once(cctx, sctx, d, &reused);
    printf("  dup resumed %d\n", reused);
    SSL_SESSION_free(next);
    SSL_SESSION_free(d);

    close_clean(&p);
    SSL_SESSION_free(c);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL_copy_session_id: a new connection of the same context gets the
 * session and the session id context, and resumes with it. */
static void copy_session_id(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    CHECK(SSL_CTX_set_session_id_context(sctx, (const unsigned char *)"sid", 3) == 1);
    struct pair p = make_pair(cctx, sctx), q = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    int r = SSL_copy_session_id(q.client, p.client);
    printf("copy session id %d", r);
    printf(", same session %d\n", SSL_get_session(q.client) == SSL_get_session(p.client));
    SSL *other = SSL_new(sctx);
    r = SSL_copy_session_id(other, p.server);
    unsigned int len = 0;
    SSL_SESSION_get0_id_context(SSL_get_session(other), &len);
    printf("  the server's copied %d, session id context length %u\n", r, len);
    SSL_free(other);
    /* OpenSSL shares the certificates too; sessl's belong to the context */
    other = SSL_new(cctx);
    DIVERGE("  copied across contexts %d\n", SSL_copy_session_id(other, p.server));
    ERR_clear_error();
    SSL_free(other);
    CHECK(handshake(&q));
    exchange(&q);
    printf("  resumed with the copied session %d\n", SSL_session_reused(q.client));
    close_clean(&q);
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void set_fields(void)
{
    SSL_SESSION *e = SSL_SESSION_new();
    printf("set fields on a new session:\n");
    printf("  hostname set %d", SSL_SESSION_set1_hostname(e, "example.com"));
    printf(" -> %s", SSL_SESSION_get0_hostname(e));
    printf(", cleared %d", SSL_SESSION_set1_hostname(e, NULL));
    printf(" -> %d\n", SSL_SESSION_get0_hostname(e) != NULL);

    const unsigned char *alpn;
    size_t al;
    printf("  alpn set %d", SSL_SESSION_set1_alpn_selected(e, (const unsigned char *)"h2", 2));
    SSL_SESSION_get0_alpn_selected(e, &alpn, &al);
    printf(" -> %zu %.2s", al, alpn);
    printf(", cleared %d", SSL_SESSION_set1_alpn_selected(e, NULL, 5));
    SSL_SESSION_get0_alpn_selected(e, &alpn, &al);
    printf(" -> %zu %d\n", al, alpn != NULL);

    unsigned char key[513], out[600];
    for (int i = 0; i < 513; i++)
        key[i] = (unsigned char)i;
    printf("  master key 513 bytes %d", SSL_SESSION_set1_master_key(e, key, 513));
    printf(", 512 bytes %d", SSL_SESSION_set1_master_key(e, key, 512));
    printf(" -> %zu", SSL_SESSION_get_master_key(e, NULL, 0));
    printf(" equal %d", SSL_SESSION_get_master_key(e, out, sizeof(out)) == 512 && memcmp(out, key, 512) == 0);
    printf(", 16 bytes %d", SSL_SESSION_set1_master_key(e, key, 16));
    printf(" -> %zu\n", SSL_SESSION_get_master_key(e, NULL, 0));
    errors("master key");

    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    const SSL_CIPHER *aes = SSL_CIPHER_find(ssl, (const unsigned char *)"\x13\x01");
    printf("  cipher set %d", SSL_SESSION_set_cipher(e, aes));
    printf(" -> %s", SSL_CIPHER_get_name(SSL_SESSION_get0_cipher(e)));
    printf(", NULL %d", SSL_SESSION_set_cipher(e, NULL));
    printf(" -> %d\n", SSL_SESSION_get0_cipher(e) != NULL);
    SSL_free(ssl);
    SSL_CTX_free(ctx);

    printf("  max early data set %d", SSL_SESSION_set_max_early_data(e, 1234));
    printf(" -> %u\n", SSL_SESSION_get_max_early_data(e));

    void *ad;
    size_t adl;
    printf("  ticket appdata set %d", SSL_SESSION_set1_ticket_appdata(e, "xyz", 3));
    printf(" -> %d", SSL_SESSION_get0_ticket_appdata(e, &ad, &adl));
    printf(" %zu %.3s", adl, (char *)ad);
    printf(", cleared %d", SSL_SESSION_set1_ticket_appdata(e, NULL, 0));
    SSL_SESSION_get0_ticket_appdata(e, &ad, &adl);
    printf(" -> %zu %d\n", adl, ad != NULL);

    SSL_SESSION *d = SSL_SESSION_dup(e);
    printf("  dup keeps them: early data %u", SSL_SESSION_get_max_early_data(d));
    printf(", key %zu\n", SSL_SESSION_get_master_key(d, NULL, 0));
    SSL_SESSION_free(d);
    SSL_SESSION_free(e);
}

static void ex_data(void)
{
    int idx = SSL_SESSION_get_ex_new_index(7, NULL, NULL, on_dup, on_free);
    printf("ex_data: index %d\n", idx >= 0);
    SSL_SESSION *s = SSL_SESSION_new();
    printf("  unset %d\n", SSL_SESSION_get_ex_data(s, idx) != NULL);
    printf("  set %d", SSL_SESSION_set_ex_data(s, idx, strdup("original")));
    printf(" -> %s\n", (char *)SSL_SESSION_get_ex_data(s, idx));
    SSL_SESSION *d = SSL_SESSION_dup(s);
    printf("  dup callbacks %d, copy's data %s\n", dups, (char *)SSL_SESSION_get_ex_data(d, idx));
    CHECK(SSL_SESSION_up_ref(s) == 1);
    SSL_SESSION_free(s);
    printf("  after one of two references freed: %d free callback(s)\n", frees);
    SSL_SESSION_free(s);
    printf("  after the last: %d\n", frees);
    SSL_SESSION_free(d);
    printf("  after the copy's: %d\n", frees);

    /* A session held by a connection and the application. */
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    SSL_SESSION *c = SSL_get1_session(p.client);
    CHECK(SSL_SESSION_set_ex_data(c, idx, strdup("connection's")) == 1);
    close_clean(&p);
    printf("  connection freed: %d\n", frees);
    SSL_SESSION_free(c);
    printf("  application's reference freed: %d\n", frees);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    handshake_fields(TLS1_2_VERSION);
    handshake_fields(TLS1_3_VERSION);
    copy_session_id();
    set_fields();
    ex_data();
    return 0;
}
