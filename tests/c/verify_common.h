/*
 * Helpers shared by the verify_*.c cases: the first queued error as OpenSSL
 * prints it, a handshake that reports what each side saw when one fails, and
 * the length of a certificate stack. Only functions sessl exports and
 * libcrypto's are called.
 */
#ifndef SESSL_TEST_VERIFY_COMMON_H
#define SESSL_TEST_VERIFY_COMMON_H

#include "common.h"
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

/* Prints and clears the first queued error; returns its reason (0: none).
 * With `diverge`, the line is one where sessl differs on purpose
 * (docs/divergences.md: the alert sent). */
static inline int print_err_as(const char *who, int diverge)
{
    unsigned long e = ERR_peek_error();
    char buf[256];
    if (diverge)
        printf("~ ");
    if (e == 0) {
        printf("    %s: no error queued\n", who);
        return 0;
    }
    ERR_error_string_n(e, buf, sizeof(buf));
    printf("    %s: %s (lib %d reason %d)\n", who, buf, ERR_GET_LIB(e), ERR_GET_REASON(e));
    ERR_clear_error();
    return ERR_GET_REASON(e);
}

static inline int print_err(const char *who)
{
    return print_err_as(who, 0);
}

/* Both handshakes, client step first. When one side fails, prints its error,
 * then gives the other side one more step (a read if its handshake is done)
 * and prints what it saw. 1 on success. */
static inline int shake(struct pair *p)
{
    SSL *s[2] = {p->client, p->server};
    const char *who[2] = {"client", "server"};
    int done[2] = {0, 0};
    for (int i = 0; i < 100 && !(done[0] && done[1]); i++)
        for (int k = 0; k < 2; k++) {
            if (done[k])
                continue;
            int r = k == 0 ? SSL_connect(s[k]) : SSL_accept(s[k]);
            if (r == 1) {
                done[k] = 1;
            } else if (!want(s[k], r)) {
                printf("    %s fails: ret %d error %d\n", who[k], r, SSL_get_error(s[k], r));
                int why = print_err(who[k]);
                SSL *o = s[1 - k];
                char buf[64];
                r = done[1 - k] ? SSL_read(o, buf, sizeof(buf))
                                : (k == 0 ? SSL_accept(o) : SSL_connect(o));
                printf("    then %s: ret %d error %d\n", who[1 - k], r, SSL_get_error(o, r));
                /* A missing client certificate: OpenSSL alerts handshake_failure
                 * in TLS 1.2, rustls certificate_required in both versions. */
                print_err_as(who[1 - k], why == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE);
                return 0;
            }
        }
    return done[0] && done[1];
}

/* The first queued error as "error: ...", then clear the queue. */
static inline void first_err(void)
{
    unsigned long e = ERR_peek_error();
    char buf[256];
    if (e) {
        ERR_error_string_n(e, buf, sizeof(buf));
        printf("    error: %s (lib %d reason %d)\n", buf, ERR_GET_LIB(e), ERR_GET_REASON(e));
    }
    ERR_clear_error();
}

/* Runs both handshakes; when they fail, the failing side's error, then what
 * `peer` sees when it reads the alert. 1 on success. */
static inline int handshake_then_peer(struct pair *p, SSL *peer)
{
    int ok = handshake(p);
    if (!ok) {
        first_err();
        char buf[16];
        SSL_read(peer, buf, sizeof(buf)); /* reads the alert */
        printf("    peer then:\n");
        first_err();
    }
    return ok;
}

/* Ends a pair: a clean close after an exchange if the handshake succeeded. */
static inline void finish_pair(struct pair *p, int ok)
{
    if (ok) {
        exchange(p);
        close_clean(p);
    } else {
        close_unclean(p);
    }
}

/* A stack's length, -1 for NULL. */
static inline int count(STACK_OF(X509) *sk)
{
    return sk ? sk_X509_num(sk) : -1;
}

#endif
