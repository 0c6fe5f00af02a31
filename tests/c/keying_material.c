/* SSL_export_keying_material on both ends of TLS 1.3 and TLS 1.2, with and
 * without a context, checked in TLS 1.3 against RFC 8446's exporter computed
 * here from the key log's EXPORTER_SECRET; SSL_key_update and its type;
 * labels TLS 1.2 reserves and labels too long for TLS 1.3 refused (sslapitest's
 * test_export_key_mat); SSL_set_alpn_protos replacing the context's list for one connection. */
#include "common.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

static unsigned char exporter_secret[64];
static size_t exporter_secret_len;

static void print_errors(const char *label)
{
    unsigned long e;
    while ((e = ERR_get_error()) != 0)
        printf("  %s: lib %d reason %d %s\n", label, ERR_GET_LIB(e), ERR_GET_REASON(e),
               ERR_reason_error_string(e));
}

/* Keeps the client's exporter secret from its key log line. */
static void keylog(const SSL *ssl, const char *line)
{
    const char *label = "EXPORTER_SECRET ";
    if (SSL_is_server(ssl) || strncmp(line, label, strlen(label)) != 0)
        return;
    const char *hex = strchr(line + strlen(label), ' ');
    CHECK(hex != NULL);
    hex++;
    exporter_secret_len = strlen(hex) / 2;
    CHECK(exporter_secret_len <= sizeof(exporter_secret));
    for (size_t i = 0; i < exporter_secret_len; i++)
        CHECK(sscanf(hex + 2 * i, "%2hhx", &exporter_secret[i]) == 1);
}

/* RFC 8446 7.1 HKDF-Expand-Label. */
static void expand_label(const EVP_MD *md, const unsigned char *secret, size_t secret_len,
                         const char *label, const unsigned char *ctx, size_t ctx_len,
                         unsigned char *out, size_t out_len)
{
    unsigned char info[300], t[EVP_MAX_MD_SIZE], block[EVP_MAX_MD_SIZE + 300];
    size_t n = 0, hlen = EVP_MD_get_size(md), done = 0, tlen = 0;
    info[n++] = (unsigned char)(out_len >> 8);
    info[n++] = (unsigned char)out_len;
    info[n++] = (unsigned char)(6 + strlen(label));
    memcpy(info + n, "tls13 ", 6);
    n += 6;
    memcpy(info + n, label, strlen(label));
    n += strlen(label);
    info[n++] = (unsigned char)ctx_len;
    memcpy(info + n, ctx, ctx_len);
    n += ctx_len;
    for (unsigned char i = 1; done < out_len; i++) {
        memcpy(block, t, tlen);
        memcpy(block + tlen, info, n);
        block[tlen + n] = i;
        unsigned int mlen = 0;
        CHECK(HMAC(md, secret, (int)secret_len, block, tlen + n + 1, t, &mlen) != NULL);
        tlen = mlen;
        size_t take = out_len - done < hlen ? out_len - done : hlen;
        memcpy(out + done, t, take);
        done += take;
    }
}

/* RFC 8446 7.5: the exporter from the exporter secret. */
static void rfc8446_exporter(const EVP_MD *md, const char *label, const unsigned char *ctx,
                             size_t ctx_len, unsigned char *out, size_t out_len)
{
    unsigned char empty_hash[EVP_MAX_MD_SIZE], ctx_hash[EVP_MAX_MD_SIZE], derived[EVP_MAX_MD_SIZE];
    unsigned int hlen = 0;
    CHECK(EVP_Digest("", 0, empty_hash, &hlen, md, NULL) == 1);
    expand_label(md, exporter_secret, exporter_secret_len, label, empty_hash, hlen, derived,
                 hlen);
    CHECK(EVP_Digest(ctx, ctx_len, ctx_hash, &hlen, md, NULL) == 1);
    expand_label(md, derived, hlen, "exporter", ctx_hash, hlen, out, out_len);
}

static int export(SSL *s, unsigned char *out, const char *label, const char *ctx, int use_ctx)
{
    return SSL_export_keying_material(s, out, 32, label, strlen(label),
                                      (const unsigned char *)ctx, ctx ? strlen(ctx) : 0,
                                      use_ctx);
}

static void exports(long server_max)
{
    SSL_CTX *sctx = server_ctx(server_max), *cctx = client_ctx(0);
    SSL_CTX_set_keylog_callback(cctx, keylog);
    struct pair p = make_pair(cctx, sctx);
    unsigned char c[32], s[32], none[32], empty[32], other[32], rfc[32];
    printf("-- export, server max %s\n", version_name((int)server_max));
    printf("before the handshake %d\n", export(p.client, c, "EXPERIMENTAL sessl", "x", 1));
    print_errors("before");
    CHECK(handshake(&p));
    int rc = export(p.client, c, "EXPERIMENTAL sessl", "some context", 1);
    int rs = export(p.server, s, "EXPERIMENTAL sessl", "some context", 1);
    printf("with context: client %d server %d, equal %d\n", rc, rs, !memcmp(c, s, 32));
    rc = export(p.client, none, "EXPERIMENTAL sessl", NULL, 0);
    rs = export(p.server, s, "EXPERIMENTAL sessl", NULL, 0);
    printf("without context: client %d server %d, equal %d\n", rc, rs, !memcmp(none, s, 32));
    rc = export(p.client, empty, "EXPERIMENTAL sessl", "", 1);
    printf("empty context %d, same as none %d, as with context %d\n", rc,
           !memcmp(none, empty, 32), !memcmp(c, empty, 32));
    rc = export(p.client, other, "EXPERIMENTAL other", NULL, 0);
    printf("another label %d, differs %d\n", rc, memcmp(other, none, 32) != 0);
    if (SSL_version(p.client) == TLS1_3_VERSION) {
        const EVP_MD *md = SSL_CIPHER_get_handshake_digest(SSL_get_current_cipher(p.client));
        CHECK(md != NULL && exporter_secret_len == (size_t)EVP_MD_get_size(md));
        rfc8446_exporter(md, "EXPERIMENTAL sessl", (const unsigned char *)"some context", 12,
                         rfc, 32);
        printf("as RFC 8446 computes it: %d\n", !memcmp(rfc, c, 32));
        rfc8446_exporter(md, "EXPERIMENTAL sessl", (const unsigned char *)"", 0, rfc, 32);
        printf("without context as RFC 8446 computes it: %d\n", !memcmp(rfc, none, 32));
    }
    printf("label client finished %d\n", export(p.client, c, "client finished", NULL, 0));
    print_errors("reserved label");
    /* TLS 1.3's HKDF-Expand-Label takes labels of up to 249 bytes; TLS 1.2 any. */
    char long_label[251];
    memset(long_label, 'a', sizeof(long_label) - 1);
    long_label[250] = '\0';
    printf("label of 250 bytes %d\n", export(p.client, c, long_label, NULL, 0));
    print_errors("long label");
    long_label[249] = '\0';
    printf("label of 249 bytes %d\n", export(p.client, c, long_label, NULL, 0));
    print_errors("label of 249 bytes");
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void key_updates(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0), *sctx12 = server_ctx(TLS1_2_VERSION);
    struct pair p = make_pair(cctx, sctx12);
    printf("-- key update\n");
    printf("before the handshake %d\n", SSL_key_update(p.client, SSL_KEY_UPDATE_NOT_REQUESTED));
    print_errors("before");
    CHECK(handshake(&p));
    printf("TLS 1.2 %d\n", SSL_key_update(p.client, SSL_KEY_UPDATE_NOT_REQUESTED));
    print_errors("TLS 1.2");
    close_clean(&p);
    p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    exchange(&p);
    printf("type before %d\n", SSL_get_key_update_type(p.client));
    printf("type 5: %d\n", SSL_key_update(p.client, 5));
    print_errors("type 5");
    int r = SSL_key_update(p.client, SSL_KEY_UPDATE_NOT_REQUESTED);
    printf("not requested %d type %d\n", r, SSL_get_key_update_type(p.client));
    printf("another while one is pending %d\n", SSL_key_update(p.client, SSL_KEY_UPDATE_REQUESTED));
    print_errors("pending");
    CHECK(SSL_write(p.client, "x", 1) == 1);
    printf("type after a write %d\n", SSL_get_key_update_type(p.client));
    char buf[8];
    CHECK(SSL_read(p.server, buf, sizeof(buf)) == 1);
    exchange(&p);
    r = SSL_key_update(p.server, SSL_KEY_UPDATE_REQUESTED);
    printf("server requested %d type %d\n", r, SSL_get_key_update_type(p.server));
    r = SSL_do_handshake(p.server);
    printf("server do_handshake %d type %d\n", r, SSL_get_key_update_type(p.server));
    exchange(&p);
    exchange(&p);
    printf("data flows after the updates\n");
    close_clean(&p);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(sctx12);
}

static int select_alpn(SSL *s, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)s;
    (void)arg;
    static const unsigned char ours[] = "\x02h2\x08http/1.1";
    unsigned char *chosen = NULL;
    if (SSL_select_next_proto(&chosen, outlen, ours, sizeof(ours) - 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

static void alpn_for(SSL_CTX *cctx, SSL_CTX *sctx, const unsigned char *list, unsigned len,
                     int set)
{
    struct pair p = make_pair(cctx, sctx);
    if (set)
        printf("set_alpn_protos %d\n", SSL_set_alpn_protos(p.client, list, len));
    CHECK(handshake(&p));
    const unsigned char *got = NULL;
    unsigned int got_len = 0;
    SSL_get0_alpn_selected(p.client, &got, &got_len);
    printf("  agreed '%.*s'\n", (int)got_len, got ? (const char *)got : "");
    close_clean(&p);
}

static void alpn(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    SSL_CTX_set_alpn_select_cb(sctx, select_alpn, NULL);
    CHECK(SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)"\x08http/1.1", 9) == 0);
    printf("-- per-connection ALPN\n");
    alpn_for(cctx, sctx, NULL, 0, 0);
    alpn_for(cctx, sctx, (const unsigned char *)"\x02h2", 3, 1);
    alpn_for(cctx, sctx, (const unsigned char *)"\x05h2", 3, 1);
    alpn_for(cctx, sctx, NULL, 0, 1);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL_verify_client_post_handshake's refusals, in OpenSSL's order: TLS 1.2
 * (wrong version), a client (not server), a client that offered no
 * post-handshake authentication (extension not received). */
static void post_handshake_auth(long version)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(0);
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("-- post-handshake auth, %s\n", version_name((int)version));
    printf("  client: %d\n", SSL_verify_client_post_handshake(p.client));
    print_errors("client");
    printf("  server: %d\n", SSL_verify_client_post_handshake(p.server));
    print_errors("server");
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    post_handshake_auth(TLS1_2_VERSION);
    post_handshake_auth(TLS1_3_VERSION);
    exports(0);
    exports(TLS1_2_VERSION);
    key_updates();
    alpn();
    return 0;
}
