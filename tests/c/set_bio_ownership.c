/* SSL_set_bio's ownership rules (SSL_set_bio(3)), as sslapitest's test_ssl_set_bio
 * walks them: for every initial and new read/write pair among NULL, BIO 1 and BIO 2,
 * the references the caller hands over are the ones libssl keeps, so that the
 * caller's own frees and SSL_free leave no BIO freed twice or leaked (valgrind
 * checks the sessl run). SSL_get_rbio / SSL_get_wbio after each call are printed. */
#include "common.h"
#include <openssl/bio.h>

static BIO *pick(int which, BIO *b1, BIO *b2)
{
    return which == 0 ? NULL : which == 1 ? b1 : b2;
}

static int name(BIO *b, BIO *b1, BIO *b2)
{
    return b == NULL ? 0 : b == b1 ? 1 : b == b2 ? 2 : 9;
}

int main(void)
{
    SSL_CTX *cctx = SSL_CTX_new(TLS_client_method());
    for (int idx = 0; idx < 81; idx++) {
        int ir = idx % 3, iw = idx / 3 % 3, nr = idx / 9 % 3, nw = idx / 27 % 3;
        SSL *ssl = SSL_new(cctx);
        BIO *b1 = BIO_new(BIO_s_mem()), *b2 = BIO_new(BIO_s_mem());
        BIO *irbio = pick(ir, b1, b2), *iwbio = pick(iw, b1, b2);
        SSL_set_bio(ssl, irbio, iwbio);
        /* Keep our own references to what was handed over. */
        if (irbio != NULL)
            BIO_up_ref(irbio);
        if (iwbio != NULL && iwbio != irbio)
            BIO_up_ref(iwbio);
        BIO *nrbio = pick(nr, b1, b2), *nwbio = pick(nw, b1, b2);
        /* The references SSL_set_bio(3) says it takes over this time. */
        if (nrbio != NULL && nrbio != irbio && (nwbio != iwbio || nrbio != nwbio))
            BIO_up_ref(nrbio);
        if (nwbio != NULL && nwbio != nrbio && (nwbio != iwbio || (nwbio == iwbio && irbio == iwbio)))
            BIO_up_ref(nwbio);
        SSL_set_bio(ssl, nrbio, nwbio);
        printf("%d%d -> %d%d: rbio %d wbio %d\n", ir, iw, nr, nw, name(SSL_get_rbio(ssl), b1, b2),
               name(SSL_get_wbio(ssl), b1, b2));
        BIO_free(b1);
        BIO_free(b2);
        SSL_free(ssl);
    }
    SSL_CTX_free(cctx);
    return 0;
}
