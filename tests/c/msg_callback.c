/* The message callback and the Finished messages. Each event but the record
 * headers and TLS 1.3's inner content types is printed (OpenSSL puts each
 * handshake message in a record of its own, rustls packs a flight into
 * fewer records: the number of records differs, and is a divergence line).
 * The client keeps the handshake messages it is told of as the transcript;
 * after the handshake each Finished it saw is checked against TLS's own
 * computation over that transcript (TLS 1.2: the PRF of the master secret;
 * TLS 1.3: the HMAC under the finished key of the handshake traffic secret
 * from the key log), and SSL_get_finished / SSL_get_peer_finished of both
 * ends are compared with the messages. TLS 1.2 and 1.3, with and without
 * extended master secret, full and resumed; each TLS 1.3 suite. */
#include "common.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

struct seen {
    int headers, inner;             /* record headers, TLS 1.3 inner types */
    int header_first_ok;            /* each content event follows a header */
    unsigned char transcript[16384];
    size_t len;
    int handshake_done;
    /* The Finished messages the client saw: transcript length before, body. */
    int finished_count;
    size_t finished_at[2];
    int finished_write[2];
    unsigned char finished[2][64];
    size_t finished_len[2];
    char secrets[4][200];           /* key log lines of the client */
    int nsecrets;
};

static struct seen client_seen, server_seen;
static int last_was_header[2][2];

static const char *ct_name(int ct)
{
    switch (ct) {
    case 20: return "change_cipher_spec";
    case 21: return "alert";
    case 22: return "handshake";
    case 23: return "application_data";
    default: return "other";
    }
}

static void on_msg(int write_p, int version, int content_type, const void *buf, size_t len, SSL *ssl, void *arg)
{
    const unsigned char *b = buf;
    struct seen *s = arg;
    int server = SSL_is_server(ssl);
    if (content_type == SSL3_RT_HEADER) {
        CHECK(len == 5);
        s->headers++;
        last_was_header[server][write_p] = 1;
        return;
    }
    if (content_type == SSL3_RT_INNER_CONTENT_TYPE) {
        CHECK(len == 1);
        s->inner++;
        return;
    }
    if (!last_was_header[server][write_p] && content_type != 22)
        s->header_first_ok = 0;
    last_was_header[server][write_p] = 0;
    printf("  %s %s %s v=%04x", server ? "server" : "client", write_p ? "write" : "read",
           ct_name(content_type), version);
    if (content_type == 22) {
        CHECK(len >= 4 && (size_t)((b[1] << 16) | (b[2] << 8) | b[3]) + 4 == len);
        printf(" type %d", b[0]);
        if (b[0] == 20)
            printf(" len %zu", len - 4);
        if (s == &client_seen && !s->handshake_done) {
            if (b[0] == 20 && s->finished_count < 2) {
                int i = s->finished_count++;
                s->finished_at[i] = s->len;
                s->finished_write[i] = write_p;
                memcpy(s->finished[i], b + 4, len - 4);
                s->finished_len[i] = len - 4;
            }
            CHECK(s->len + len <= sizeof(s->transcript));
            memcpy(s->transcript + s->len, b, len);
            s->len += len;
        }
    } else if (content_type == 21) {
        CHECK(len == 2);
        printf(" %s %s", b[0] == 1 ? "warning" : "fatal", SSL_alert_desc_string_long(b[1]));
    } else {
        printf(" len %zu", len);
    }
    printf("\n");
}

static void on_keylog(const SSL *ssl, const char *line)
{
    if (!SSL_is_server(ssl) && client_seen.nsecrets < 4 && strstr(line, "HANDSHAKE_TRAFFIC_SECRET"))
        snprintf(client_seen.secrets[client_seen.nsecrets++], 200, "%s", line);
}

static size_t unhex(const char *h, unsigned char *out)
{
    size_t n = 0;
    for (; h[0] && h[1] && h[0] != ' ' && h[0] != '\n'; h += 2)
        sscanf(h, "%2hhx", &out[n++]);
    return n;
}

/* TLS 1.2: PRF(master, label, Hash(transcript)). */
static size_t tls12_finished(const EVP_MD *md, const unsigned char *ms, size_t mslen, const char *label,
                             const unsigned char *hash, size_t hlen, unsigned char *out)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "TLS1-PRF", NULL);
    EVP_KDF_CTX *k = EVP_KDF_CTX_new(kdf);
    unsigned char seed[128];
    size_t l = strlen(label);
    memcpy(seed, label, l);
    memcpy(seed + l, hash, hlen);
    OSSL_PARAM p[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)EVP_MD_get0_name(md), 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, (void *)ms, mslen),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, seed, l + hlen),
        OSSL_PARAM_construct_end(),
    };
    CHECK(EVP_KDF_derive(k, out, 12, p) == 1);
    EVP_KDF_CTX_free(k);
    EVP_KDF_free(kdf);
    return 12;
}

/* TLS 1.3: HMAC(HKDF-Expand-Label(secret, "finished", "", Hash.len), Hash(transcript)). */
static size_t tls13_finished(const EVP_MD *md, const unsigned char *secret, size_t slen,
                             const unsigned char *hash, size_t hlen, unsigned char *out)
{
    unsigned char info[64], key[64];
    size_t n = 0;
    info[n++] = 0;
    info[n++] = (unsigned char)hlen;
    info[n++] = 14;
    memcpy(info + n, "tls13 finished", 14);
    n += 14;
    info[n++] = 0;
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
    EVP_KDF_CTX *k = EVP_KDF_CTX_new(kdf);
    int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    OSSL_PARAM p[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)EVP_MD_get0_name(md), 0),
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)secret, slen),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info, n),
        OSSL_PARAM_construct_end(),
    };
    CHECK(EVP_KDF_derive(k, key, hlen, p) == 1);
    EVP_KDF_CTX_free(k);
    EVP_KDF_free(kdf);
    size_t outlen = 0;
    CHECK(EVP_Q_mac(NULL, "HMAC", NULL, EVP_MD_get0_name(md), NULL, key, hlen, hash, hlen, out, 64,
                    &outlen) != NULL);
    return outlen;
}

/* Checks each Finished the client saw against TLS's computation. */
static void verify_finished(SSL *client)
{
    const EVP_MD *md = SSL_CIPHER_get_handshake_digest(SSL_get_current_cipher(client));
    int tls13 = SSL_version(client) == TLS1_3_VERSION;
    CHECK(md != NULL);
    for (int i = 0; i < client_seen.finished_count; i++) {
        unsigned char hash[64], expect[64];
        unsigned int hlen = 0;
        int by_client = client_seen.finished_write[i];
        CHECK(EVP_Digest(client_seen.transcript, client_seen.finished_at[i], hash, &hlen, md, NULL));
        size_t n;
        if (tls13) {
            const char *want = by_client ? "CLIENT_HANDSHAKE_TRAFFIC_SECRET " : "SERVER_HANDSHAKE_TRAFFIC_SECRET ";
            unsigned char secret[64];
            size_t slen = 0;
            for (int j = 0; j < client_seen.nsecrets; j++)
                if (strncmp(client_seen.secrets[j], want, strlen(want)) == 0)
                    slen = unhex(strchr(client_seen.secrets[j] + strlen(want), ' ') + 1, secret);
            CHECK(slen > 0);
            n = tls13_finished(md, secret, slen, hash, hlen, expect);
        } else {
            unsigned char ms[48];
            size_t mslen = SSL_SESSION_get_master_key(SSL_get_session(client), ms, sizeof ms);
            n = tls12_finished(md, ms, mslen, by_client ? "client finished" : "server finished", hash, hlen,
                               expect);
        }
        printf("  %s Finished (%zu bytes) is TLS's: %d\n", by_client ? "client" : "server",
               client_seen.finished_len[i],
               n == client_seen.finished_len[i] && memcmp(expect, client_seen.finished[i], n) == 0);
    }
}

/* SSL_get_finished / SSL_get_peer_finished of both ends against the messages seen. */
static void compare_getters(struct pair *p)
{
    unsigned char cown[64], cpeer[64], sown[64], speer[64], small[4];
    size_t a = SSL_get_finished(p->client, cown, sizeof cown);
    size_t b = SSL_get_peer_finished(p->client, cpeer, sizeof cpeer);
    size_t c = SSL_get_finished(p->server, sown, sizeof sown);
    size_t d = SSL_get_peer_finished(p->server, speer, sizeof speer);
    printf("  finished: client own %zu peer %zu, server own %zu peer %zu\n", a, b, c, d);
    printf("  client own == server peer: %d, server own == client peer: %d\n",
           a == d && memcmp(cown, speer, a) == 0, b == c && memcmp(cpeer, sown, b) == 0);
    int matched = 0;
    for (int i = 0; i < client_seen.finished_count; i++) {
        const unsigned char *mine = client_seen.finished_write[i] ? cown : cpeer;
        size_t n = client_seen.finished_write[i] ? a : b;
        matched += n == client_seen.finished_len[i] && memcmp(mine, client_seen.finished[i], n) == 0;
    }
    printf("  getters equal the messages: %d of %d\n", matched, client_seen.finished_count);
    small[0] = (unsigned char)~cown[0];
    size_t whole = SSL_get_finished(p->client, small, 1);
    printf("  short buffer: %zu, first byte copied %d\n", whole, small[0] == cown[0]);
}

static SSL_SESSION *run(const char *title, SSL_CTX *c, SSL_CTX *s, SSL_SESSION *offer)
{
    printf("%s\n", title);
    memset(&client_seen, 0, sizeof client_seen);
    memset(&server_seen, 0, sizeof server_seen);
    client_seen.header_first_ok = server_seen.header_first_ok = 1;
    SSL_CTX_set_keylog_callback(c, on_keylog);
    SSL_CTX_set_msg_callback(c, on_msg);
    SSL_CTX_set_msg_callback_arg(c, &client_seen);
    SSL_CTX_set_msg_callback(s, on_msg);
    SSL_CTX_set_msg_callback_arg(s, &server_seen);
    struct pair p = make_pair(c, s);
    if (offer)
        CHECK(SSL_set_session(p.client, offer) == 1);
    unsigned char none[64];
    printf("  before: finished %zu peer %zu\n", SSL_get_finished(p.client, none, sizeof none),
           SSL_get_peer_finished(p.server, none, sizeof none));
    CHECK(handshake(&p));
    client_seen.handshake_done = 1;
    printf("  reused %d, %s\n", SSL_session_reused(p.client), version_name(SSL_version(p.client)));
    verify_finished(p.client);
    compare_getters(&p);
    printf("exchange\n");
    exchange(&p);
    printf("close\n");
    SSL_SESSION *sess = SSL_get1_session(p.client);
    close_clean(&p);
    CHECK(client_seen.header_first_ok && server_seen.header_first_ok);
    DIVERGE("records: client %d (%d inner types), server %d (%d inner types)\n", client_seen.headers,
            client_seen.inner, server_seen.headers, server_seen.inner);
    return sess;
}

int main(void)
{
    SSL_CTX *s = server_ctx(TLS1_2_VERSION), *c = client_ctx(TLS1_2_VERSION);
    /* Resumption by session id: a server resuming a ticket sends a new one
     * with rustls, not with OpenSSL (docs/divergences.md). */
    SSL_CTX_set_options(s, SSL_OP_NO_TICKET);
    SSL_SESSION *s12 = run("TLS 1.2", c, s, NULL);
    SSL_SESSION_free(run("TLS 1.2 resumed", c, s, s12));
    SSL_SESSION_free(s12);
    SSL_CTX_set_options(s, SSL_OP_NO_EXTENDED_MASTER_SECRET);
    SSL_SESSION_free(run("TLS 1.2 without extended master secret", c, s, NULL));
    SSL_CTX_free(s);
    SSL_CTX_free(c);
    s = server_ctx(0);
    c = client_ctx(0);
    SSL_CTX_set_ciphersuites(s, "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256");
    SSL_SESSION_free(run("TLS 1.3 (AES-128-GCM, SHA-256)", c, s, NULL));
    SSL_CTX_set_ciphersuites(s, "TLS_AES_256_GCM_SHA384");
    SSL_SESSION_free(run("TLS 1.3 (AES-256-GCM, SHA-384)", c, s, NULL));
    SSL_CTX_set_ciphersuites(s, "TLS_CHACHA20_POLY1305_SHA256");
    SSL_CTX_set_ciphersuites(c, "TLS_CHACHA20_POLY1305_SHA256");
    SSL_SESSION_free(run("TLS 1.3 (ChaCha20-Poly1305)", c, s, NULL));
    SSL_CTX_free(s);
    SSL_CTX_free(c);
    return 0;
}
