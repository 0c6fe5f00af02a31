/* The cache controls behind OpenSSL's macros: mode and size setters return
 * the previous value; add/remove report whether anything changed. */
#include "common.h"

int main(void)
{
    SSL_CTX *sctx = server_ctx(TLS1_2_VERSION), *cctx = client_ctx(0);
    printf("mode %ld\n", SSL_CTX_get_session_cache_mode(cctx));
    printf("set mode returns %ld\n", SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_BOTH));
    printf("mode %ld\n", SSL_CTX_get_session_cache_mode(cctx));
    printf("size %ld\n", SSL_CTX_sess_get_cache_size(cctx));
    printf("set size returns %ld\n", SSL_CTX_sess_set_cache_size(cctx, 10));
    printf("size %ld\n", SSL_CTX_sess_get_cache_size(cctx));
    SSL_SESSION *s = connect_once(cctx, sctx, NULL, NULL);
    printf("client cache entries (mode both) %ld\n", SSL_CTX_sess_number(cctx));
    printf("add again %d\n", SSL_CTX_add_session(cctx, s));
    printf("remove %d\n", SSL_CTX_remove_session(cctx, s));
    printf("remove again %d\n", SSL_CTX_remove_session(cctx, s));
    printf("entries %ld resumable %d\n", SSL_CTX_sess_number(cctx), SSL_SESSION_is_resumable(s));
    printf("add %d entries %ld\n", SSL_CTX_add_session(sctx, s), SSL_CTX_sess_number(sctx));
    printf("min %ld max %ld\n", SSL_CTX_get_min_proto_version(sctx), SSL_CTX_get_max_proto_version(sctx));
    printf("bad version %ld\n", SSL_CTX_set_min_proto_version(sctx, 0x7777));
    printf("options no_ticket %d\n", (SSL_CTX_set_options(sctx, SSL_OP_NO_TICKET) & SSL_OP_NO_TICKET) != 0);
    printf("options cleared %d\n", (SSL_CTX_clear_options(sctx, SSL_OP_NO_TICKET) & SSL_OP_NO_TICKET) == 0);
    SSL_SESSION_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return 0;
}
