/* What OpenSSL 3.0's getters report of a connection before and after a TLS 1.3
 * and a TLS 1.2 handshake: the peer certificate (SSL_get0_peer_certificate),
 * the pending cipher, the default timeout, early data status and limits (CTX
 * and SSL, copied by SSL_new), quiet shutdown (CTX and SSL, and SSL_shutdown
 * with it), read-ahead, the descriptors of SSL_set_fd / set_rfd / set_wfd /
 * SSL_set_bio, the server name type, group names and the negotiated group,
 * the peer's signature type, the client random (both sides see the same
 * bytes), the server random (the same at both ends), the Finished messages
 * (each end's own is the other's peer's, with no message callback set), and
 * SSL_dup. The randoms before a handshake and the peer signature's hash are
 * divergences. */
#include "common.h"
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>

static void peer_name(const char *who, SSL *ssl)
{
    X509 *peer = SSL_get0_peer_certificate(ssl);
    char name[256] = "(none)";
    if (peer)
        X509_NAME_oneline(X509_get_subject_name(peer), name, sizeof(name));
    printf("    %s peer %s\n", who, name);
}

static void randoms(const char *who, SSL *ssl, int handshaken)
{
    unsigned char buf[64];
    size_t c = SSL_get_client_random(ssl, NULL, 0);
    size_t s = SSL_get_server_random(ssl, buf, sizeof(buf));
    if (handshaken) {
        printf("    %s client random length %zu\n", who, c);
        printf("    %s server random length %zu\n", who, s);
    } else {
        DIVERGE("    %s client random length before a handshake %zu\n", who, c);
        DIVERGE("    %s server random length before a handshake %zu\n", who, s);
    }
    printf("    %s finished %zu peer finished %zu\n", who, SSL_get_finished(ssl, buf, sizeof(buf)),
           SSL_get_peer_finished(ssl, buf, sizeof(buf)));
}

static void facts(const char *who, SSL *ssl, int handshaken)
{
    const SSL_CIPHER *pending = SSL_get_pending_cipher(ssl);
    printf("    %s pending %s timeout %ld early status %d servername type %d client version %x\n",
           who, pending ? SSL_CIPHER_get_name(pending) : "(none)", SSL_get_default_timeout(ssl),
           SSL_get_early_data_status(ssl), SSL_get_servername_type(ssl), SSL_client_version(ssl));
    peer_name(who, ssl);
    randoms(who, ssl, handshaken);
    int type = -1, hash = -1;
    int r = SSL_get_peer_signature_type_nid(ssl, &type);
    printf("    %s peer signature %d type %d\n", who, r, type);
    if (handshaken) { /* OpenSSL 3.0 crashes on these before a handshake */
        r = (int)SSL_get_peer_signature_nid(ssl, &hash);
        /* rustls signs with the strongest hash the peer offers, OpenSSL with SHA-256. */
        DIVERGE("    %s peer signature hash %d %d\n", who, r, hash);
        int group = (int)SSL_get_negotiated_group(ssl);
        const char *name = SSL_group_to_name(ssl, group);
        printf("    %s negotiated group %s\n", who, name ? name : "(none)");
    }
}

static void same_client_random(struct pair *p)
{
    unsigned char a[32], b[32];
    size_t na = SSL_get_client_random(p->client, a, sizeof(a));
    size_t nb = SSL_get_client_random(p->server, b, sizeof(b));
    printf("    same client random %d\n", na == 32 && nb == 32 && memcmp(a, b, 32) == 0);
    na = SSL_get_server_random(p->client, a, sizeof(a));
    nb = SSL_get_server_random(p->server, b, sizeof(b));
    printf("    same server random %d\n", na == 32 && nb == 32 && memcmp(a, b, 32) == 0);
}

/* Each end's Finished is the one its peer received, and the two differ. */
static void same_finished(struct pair *p)
{
    unsigned char cf[64], cpf[64], sf[64], spf[64];
    size_t ncf = SSL_get_finished(p->client, cf, sizeof(cf));
    size_t ncpf = SSL_get_peer_finished(p->client, cpf, sizeof(cpf));
    size_t nsf = SSL_get_finished(p->server, sf, sizeof(sf));
    size_t nspf = SSL_get_peer_finished(p->server, spf, sizeof(spf));
    printf("    client finished is server's peer finished %d, server finished is client's %d, "
           "they differ %d\n",
           ncf > 0 && ncf == nspf && memcmp(cf, spf, ncf) == 0,
           nsf > 0 && nsf == ncpf && memcmp(sf, cpf, nsf) == 0,
           ncf != nsf || memcmp(cf, sf, ncf) != 0);
}

static void handshake_facts(long version, const char *host)
{
    SSL_CTX *sctx = server_ctx(version), *cctx = client_ctx(version);
    /* Groups OpenSSL 3.0 has (rustls would prefer X25519MLKEM768 with itself). */
    CHECK(SSL_CTX_set1_groups_list(sctx, "X25519:P-256") == 1);
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:P-256") == 1);
    struct pair p = make_pair(cctx, sctx);
    if (host)
        CHECK(SSL_set_tlsext_host_name(p.client, host) == 1);
    printf("%s, server name %s\n", version_name((int)version), host ? host : "(none)");
    facts("client", p.client, 0);
    facts("server", p.server, 0);
    CHECK(handshake(&p));
    exchange(&p);
    facts("client", p.client, 1);
    facts("server", p.server, 1);
    same_client_random(&p);
    same_finished(&p);
    SSL *dup = SSL_dup(p.client);
    printf("    dup after a handshake is the same SSL %d\n", dup == p.client);
    SSL_free(dup);
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static void early_data_limits(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    printf("early data: ctx max %u recv %u\n", SSL_CTX_get_max_early_data(ctx),
           SSL_CTX_get_recv_max_early_data(ctx));
    printf("    ctx set %d %d\n", SSL_CTX_set_max_early_data(ctx, 0),
           SSL_CTX_set_recv_max_early_data(ctx, 1000));
    SSL *ssl = SSL_new(ctx);
    printf("    ssl max %u recv %u\n", SSL_get_max_early_data(ssl), SSL_get_recv_max_early_data(ssl));
    printf("    ssl set %d %d\n", SSL_set_max_early_data(ssl, 0), SSL_set_recv_max_early_data(ssl, 2000));
    printf("    ssl max %u recv %u, ctx recv %u\n", SSL_get_max_early_data(ssl),
           SSL_get_recv_max_early_data(ssl), SSL_CTX_get_recv_max_early_data(ctx));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

static void quiet_shutdown(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    printf("quiet shutdown: ctx %d", SSL_CTX_get_quiet_shutdown(cctx));
    SSL_CTX_set_quiet_shutdown(cctx, 1);
    printf(" then %d\n", SSL_CTX_get_quiet_shutdown(cctx));
    struct pair p = make_pair(cctx, sctx);
    printf("    client %d server %d\n", SSL_get_quiet_shutdown(p.client), SSL_get_quiet_shutdown(p.server));
    CHECK(handshake(&p));
    exchange(&p);
    int r = SSL_shutdown(p.client);
    printf("    client shutdown %d state %d\n", r, SSL_get_shutdown(p.client));
    char buf[16];
    r = SSL_read(p.server, buf, sizeof(buf));
    printf("    server read %d error %d (nothing sent)\n", r, SSL_get_error(p.server, r));
    SSL_set_quiet_shutdown(p.server, 1);
    printf("    server now %d, shutdown %d\n", SSL_get_quiet_shutdown(p.server), SSL_shutdown(p.server));
    close_unclean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

static void descriptors(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    printf("descriptors: none %d %d %d, read ahead %d\n", SSL_get_fd(ssl), SSL_get_rfd(ssl),
           SSL_get_wfd(ssl), SSL_get_read_ahead(ssl));
    int fds[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    SSL_set_fd(ssl, fds[0]);
    printf("    set_fd: %d %d %d\n", SSL_get_fd(ssl) == fds[0], SSL_get_rfd(ssl) == fds[0],
           SSL_get_wfd(ssl) == fds[0]);
    SSL_set_wfd(ssl, fds[1]);
    printf("    set_wfd: read %d write %d\n", SSL_get_rfd(ssl) == fds[0], SSL_get_wfd(ssl) == fds[1]);
    SSL_set_rfd(ssl, fds[1]);
    printf("    set_rfd: read %d\n", SSL_get_rfd(ssl) == fds[1]);
    BIO *sock = BIO_new_socket(fds[0], BIO_NOCLOSE);
    SSL_set_bio(ssl, sock, sock);
    printf("    socket BIO: %d %d\n", SSL_get_rfd(ssl) == fds[0], SSL_get_wfd(ssl) == fds[0]);
    BIO *mem = BIO_new(BIO_s_mem());
    SSL_set_bio(ssl, mem, mem);
    printf("    memory BIO: %d %d\n", SSL_get_rfd(ssl), SSL_get_wfd(ssl));
    SSL *dup = SSL_dup(ssl);
    printf("    dup before a handshake is another SSL %d of the same context %d\n", dup != ssl,
           SSL_get_SSL_CTX(dup) == ctx);
    SSL_free(dup);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    close(fds[0]);
    close(fds[1]);
}

static void group_names(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *ssl = SSL_new(ctx);
    const int nids[] = {NID_X25519, NID_X9_62_prime256v1, NID_secp384r1, NID_secp521r1, NID_X448, 0};
    printf("groups:");
    for (int i = 0; i < (int)(sizeof(nids) / sizeof(nids[0])); i++) {
        const char *n = SSL_group_to_name(ssl, nids[i]);
        printf(" %s", n ? n : "(null)");
    }
    printf("\n");
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

/* SSL_CTX_set1_groups takes NIDs (Python's SSLContext.set_ecdh_curve). */
static void groups_by_nid(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    const int server_groups[] = {NID_secp384r1};
    const int client_groups[] = {NID_X9_62_prime256v1, NID_secp384r1};
    const int not_a_group[] = {NID_sha256};
    printf("set1_groups: %ld %ld, empty %ld, not a group %ld\n",
           SSL_CTX_set1_groups(sctx, server_groups, 1), SSL_CTX_set1_groups(cctx, client_groups, 2),
           SSL_CTX_set1_groups(cctx, client_groups, 0), SSL_CTX_set1_groups(cctx, not_a_group, 1));
    ERR_clear_error();
    struct pair p = make_pair(cctx, sctx);
    CHECK(handshake(&p));
    printf("    negotiated group %s\n", OBJ_nid2sn(SSL_get_negotiated_group(p.client)));
    close_clean(&p);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
}

int main(void)
{
    handshake_facts(0, "localhost");
    handshake_facts(TLS1_2_VERSION, NULL);
    early_data_limits();
    quiet_shutdown();
    descriptors();
    group_names();
    groups_by_nid();
    return 0;
}
