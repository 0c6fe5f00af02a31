/* shared_peer_x509.c with SESSL_X509_CACHE=0: every connection parses
 * its peer's certificates, as OpenSSL does, and no line diverges. */
#define CACHE_OFF
#include "shared_peer_x509.c"
