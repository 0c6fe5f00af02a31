/* SSL_key_update while a write is pending (SSL_write returned
 * SSL_ERROR_WANT_WRITE): refused with SSL_R_BAD_WRITE_RETRY, as sslapitest's
 * test_key_update_local_in_write checks; once the write is completed the key
 * update is taken and the peer reads on. */
#include <openssl/err.h>

#include "common.h"

static char big[16384];

/* Reads what the peer has until nothing is left; the bytes read. */
static long drain(SSL *ssl)
{
    char buf[16384];
    long total = 0;
    for (int i = 0; i < 10000; i++) {
        int r = SSL_read(ssl, buf, sizeof(buf));
        if (r <= 0)
            break;
        total += r;
    }
    return total;
}

int main(void)
{
    SSL_CTX *sctx = server_ctx(0), *cctx = client_ctx(0);
    for (int side = 0; side < 2; side++) {
        struct pair p = make_pair(cctx, sctx);
        CHECK(handshake(&p));
        SSL *local = side == 0 ? p.client : p.server, *peer = side == 0 ? p.server : p.client;
        printf("%s writes\n", side == 0 ? "client" : "server");
        memset(big, 'x', sizeof(big));
        int r = 0, writes = 0;
        for (; writes < 10000; writes++) {
            r = SSL_write(local, big, sizeof(big));
            if (r <= 0)
                break;
        }
        printf("  write blocked: %d, error %d\n", r, SSL_get_error(local, r));
        ERR_clear_error();
        int k = SSL_key_update(local, SSL_KEY_UPDATE_REQUESTED);
        printf("  key update while pending: %d, reason %d (bad write retry 127)\n", k,
               ERR_GET_REASON(ERR_peek_error()));
        ERR_clear_error();
        long read = 0;
        for (int i = 0; i < 10000 && r <= 0; i++) {
            read += drain(peer);
            r = SSL_write(local, big, sizeof(big));
        }
        printf("  write completed: %d\n", r);
        read += drain(peer);
        printf("  peer read all: %d\n", read == (long)(writes + 1) * (long)sizeof(big));
        int updated = SSL_key_update(local, SSL_KEY_UPDATE_REQUESTED);
        printf("  key update: %d, type %d\n", updated, SSL_get_key_update_type(local));
        printf("  do_handshake: %d\n", SSL_do_handshake(local));
        CHECK(send_recv(local, peer, "after the update"));
        CHECK(send_recv(peer, local, "and back"));
        printf("  messages both ways after the update\n");
        close_clean(&p);
    }
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
