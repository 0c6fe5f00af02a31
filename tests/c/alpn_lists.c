/* The ALPN list setters' answers (0 on success, 1 on failure; NULL clears) and
 * SSL_select_next_proto on well-formed, empty and malformed lists, as sslapitest's
 * test_set_alpn and test_select_next_proto check. */
#include "common.h"

static void select_one(const char *label, const unsigned char *server, unsigned int slen,
                       const unsigned char *client, unsigned int clen)
{
    unsigned char *out = (unsigned char *)"x";
    unsigned char outlen = 99;
    int r = SSL_select_next_proto(&out, &outlen, server, slen, client, clen);
    printf("%s: %d ", label, r);
    if (out == NULL)
        printf("NULL %d\n", outlen);
    else
        printf("%.*s (%s list)\n", outlen, out,
               out >= client && out < client + clen ? "client" : "server");
}

int main(void)
{
    unsigned char good[] = {4, 'g', 'o', 'o', 'd'};
    unsigned char bad0[] = {0, 'b', 'a', 'd'};
    unsigned char bad1[] = {1, 'b', 'a', 'd'};
    unsigned char bad2[] = {3, 'b', 'a', 'd', 0};
    unsigned char bad3[] = {3, 'b', 'a', 'd', 6, 'b', 'a', 'd'};
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL *ssl = SSL_new(ctx);
    printf("ctx: NULL,2 %d; good,0 %d; good %d; good,1 %d; bad %d %d %d %d\n",
           SSL_CTX_set_alpn_protos(ctx, NULL, 2), SSL_CTX_set_alpn_protos(ctx, good, 0),
           SSL_CTX_set_alpn_protos(ctx, good, sizeof(good)), SSL_CTX_set_alpn_protos(ctx, good, 1),
           SSL_CTX_set_alpn_protos(ctx, bad0, sizeof(bad0)),
           SSL_CTX_set_alpn_protos(ctx, bad1, sizeof(bad1)),
           SSL_CTX_set_alpn_protos(ctx, bad2, sizeof(bad2)),
           SSL_CTX_set_alpn_protos(ctx, bad3, sizeof(bad3)));
    printf("ssl: NULL,2 %d; good,0 %d; good %d; good,1 %d; bad %d %d %d %d\n",
           SSL_set_alpn_protos(ssl, NULL, 2), SSL_set_alpn_protos(ssl, good, 0),
           SSL_set_alpn_protos(ssl, good, sizeof(good)), SSL_set_alpn_protos(ssl, good, 1),
           SSL_set_alpn_protos(ssl, bad0, sizeof(bad0)), SSL_set_alpn_protos(ssl, bad1, sizeof(bad1)),
           SSL_set_alpn_protos(ssl, bad2, sizeof(bad2)), SSL_set_alpn_protos(ssl, bad3, sizeof(bad3)));

    unsigned char abc[] = {3, 'a', 'b', 'c'};
    unsigned char ab_abc[] = {2, 'a', 'b', 3, 'a', 'b', 'c'};
    unsigned char bc_abc_ab[] = {2, 'b', 'c', 3, 'a', 'b', 'c', 2, 'a', 'b'};
    unsigned char bcd[] = {3, 'b', 'c', 'd'};
    unsigned char empty_first[] = {0, 3, 'a', 'b', 'c'};
    unsigned char trailing[] = {0, 3, 'a', 'b', 'c', 9};
    select_one("same", abc, sizeof(abc), abc, sizeof(abc));
    select_one("server order", bc_abc_ab, sizeof(bc_abc_ab), ab_abc, sizeof(ab_abc));
    select_one("no overlap", bcd, sizeof(bcd), abc, sizeof(abc));
    select_one("empty server", abc, 0, abc, sizeof(abc));
    select_one("NULL server", NULL, 0, abc, sizeof(abc));
    select_one("empty client", abc, sizeof(abc), abc, 0);
    select_one("NULL client", abc, sizeof(abc), NULL, 0);
    select_one("short server", abc, 3, abc, sizeof(abc));
    select_one("short client", abc, sizeof(abc), abc, 3);
    select_one("empty client name first", abc, sizeof(abc), empty_first, sizeof(empty_first));
    select_one("server empty name and trailing byte", trailing, sizeof(trailing), abc, sizeof(abc));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}
