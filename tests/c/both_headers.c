/* Compiles only if sessl's prototypes and types agree with OpenSSL's. */
#ifdef SESSL_FIRST
#include <sessl.h>
#include <openssl/ssl.h>
#else
#include <openssl/ssl.h>
#include <sessl.h>
#endif

int main(void) { return SSL_CTX_sess_number((SSL_CTX *)0) == 0 ? 0 : 1; }
