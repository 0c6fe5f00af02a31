/* Setters given out-of-range values: negative timeouts and sizes, ids and
 * contexts past OpenSSL's limits, unknown ctrl commands and bits, bad
 * protocol bounds, depths and fragment sizes. Each line: the call, its
 * return value and every entry it left on the error queue (library and
 * reason), as OpenSSL 3.0 answers. */
#include "common.h"
#include <openssl/err.h>

static void errors(void)
{
    unsigned long e;
    while ((e = ERR_get_error()) != 0)
        printf(" [%s: %s]", ERR_lib_error_string(e), ERR_reason_error_string(e));
    printf("\n");
}

#define SHOW(call)                                \
    do {                                          \
        long r_ = (long)(call);                   \
        printf("%s -> %ld", #call, r_);           \
        errors();                                 \
    } while (0)

#define SHOWU(call)                                   \
    do {                                              \
        unsigned long long r_ = (call);               \
        printf("%s -> %#llx", #call, r_);             \
        errors();                                     \
    } while (0)

static unsigned char bytes[64];

static void timeouts_and_sizes(SSL_CTX *ctx, SSL_SESSION *sess)
{
    SHOW(SSL_CTX_set_timeout(ctx, -1));
    SHOW(SSL_CTX_get_timeout(ctx));
    SHOW(SSL_CTX_set_timeout(ctx, 300));
    long before = SSL_SESSION_get_timeout(sess);
    SHOW(SSL_SESSION_set_timeout(sess, -5));
    SHOW(SSL_SESSION_get_timeout(sess) == before);
    SHOW(SSL_SESSION_set_timeout(sess, 0));
    SHOW(SSL_SESSION_get_timeout(sess));
    SHOW(SSL_CTX_sess_set_cache_size(ctx, -1));
    SHOW(SSL_CTX_sess_get_cache_size(ctx));
    SHOW(SSL_CTX_sess_set_cache_size(ctx, 0));
    SHOW(SSL_CTX_sess_get_cache_size(ctx));
    SHOW(SSL_CTX_set_session_cache_mode(ctx, 0xffff));
    SHOW(SSL_CTX_get_session_cache_mode(ctx));
}

static void ids_past_their_limits(SSL_CTX *ctx, SSL *ssl, SSL_SESSION *sess)
{
    unsigned char out[64];
    unsigned int len = 0;
    SHOW(SSL_CTX_set_session_id_context(ctx, bytes, SSL_MAX_SID_CTX_LENGTH + 1));
    SHOW(SSL_CTX_set_session_id_context(ctx, bytes, SSL_MAX_SID_CTX_LENGTH));
    SHOW(SSL_set_session_id_context(ssl, bytes, SSL_MAX_SID_CTX_LENGTH + 1));
    SHOW(SSL_set_session_id_context(ssl, bytes, SSL_MAX_SID_CTX_LENGTH));
    SHOW(SSL_SESSION_set1_id_context(sess, bytes, SSL_MAX_SID_CTX_LENGTH + 1));
    SHOW(SSL_SESSION_set1_id_context(sess, bytes, SSL_MAX_SID_CTX_LENGTH));
    SSL_SESSION_get0_id_context(sess, &len);
    printf("id context length %u\n", len);
    SHOW(SSL_SESSION_set1_id(sess, bytes, SSL_MAX_SSL_SESSION_ID_LENGTH + 1));
    SHOW(SSL_SESSION_set1_id(sess, bytes, SSL_MAX_SSL_SESSION_ID_LENGTH));
    SSL_SESSION_get_id(sess, &len);
    printf("id length %u\n", len);
    SHOW(SSL_SESSION_get_master_key(sess, NULL, 0));
    SHOW(SSL_SESSION_get_master_key(sess, out, sizeof(out)));
    SHOW(SSL_has_matching_session_id(ssl, bytes, SSL_MAX_SSL_SESSION_ID_LENGTH + 1));
}

static void unknown_commands_and_bits(SSL_CTX *ctx, SSL *ssl)
{
    SHOW(SSL_CTX_ctrl(ctx, 9999, 1, NULL));
    SHOW(SSL_ctrl(ssl, 9999, 1, NULL));
    SHOW(SSL_CTX_ctrl(ctx, -1, 0, NULL));
    SHOW(SSL_CTX_callback_ctrl(ctx, 9999, NULL));
    SHOW(SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, 1, "example.com"));
    char name[300];
    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    SHOW(SSL_set_tlsext_host_name(ssl, name));
    name[255] = '\0';
    SHOW(SSL_set_tlsext_host_name(ssl, name));
    SHOW(SSL_set_tlsext_host_name(ssl, ""));
    SHOW(SSL_CTX_ctrl(ctx, SSL_CTRL_SET_TMP_DH_CB, 0, NULL));
    SHOW(SSL_CTX_set1_groups_list(ctx, NULL));
    SHOWU(SSL_CTX_set_options(ctx, (uint64_t)1 << 5));
    SHOWU(SSL_CTX_set_options(ctx, (uint64_t)1 << 40));
    SHOWU(SSL_CTX_clear_options(ctx, ((uint64_t)1 << 5) | ((uint64_t)1 << 40)));
    SHOWU(SSL_set_options(ssl, (uint64_t)1 << 63));
    SHOWU(SSL_get_options(ssl));
    SHOW(SSL_CTX_set_mode(ctx, 0x10000));
    SHOW(SSL_CTX_clear_mode(ctx, 0x10000));
    SHOW(SSL_set_mode(ssl, 0x40000000));
    SHOW(SSL_get_mode(ssl));
}

static void protocol_bounds(SSL_CTX *ctx, SSL *ssl)
{
    SHOW(SSL_CTX_set_min_proto_version(ctx, 0x0305));
    SHOW(SSL_CTX_set_min_proto_version(ctx, -1));
    SHOW(SSL_CTX_set_min_proto_version(ctx, 0x0200));
    SHOW(SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION));
    SHOW(SSL_CTX_get_min_proto_version(ctx));
    SHOW(SSL_CTX_set_max_proto_version(ctx, 0x10303));
    SHOW(SSL_CTX_get_max_proto_version(ctx));
    SHOW(SSL_set_min_proto_version(ssl, 0x0399));
    SHOW(SSL_set_max_proto_version(ssl, 0x0301 - 1));
    SHOW(SSL_get_min_proto_version(ssl));
    SHOW(SSL_get_max_proto_version(ssl));
}

static void depths_tickets_fragments(SSL_CTX *ctx, SSL *ssl)
{
    SSL_CTX_set_verify_depth(ctx, -1);
    SHOW(SSL_CTX_get_verify_depth(ctx));
    SSL_set_verify_depth(ssl, -7);
    SHOW(SSL_get_verify_depth(ssl));
    SHOW(SSL_CTX_set_num_tickets(ctx, (size_t)-1));
    SHOW(SSL_CTX_get_num_tickets(ctx) == (size_t)-1);
    SHOW(SSL_CTX_set_num_tickets(ctx, 2));
    SHOW(SSL_set_num_tickets(ssl, 100000));
    SHOW(SSL_get_num_tickets(ssl));
    SHOW(SSL_CTX_set_max_send_fragment(ctx, 511));
    SHOW(SSL_CTX_set_max_send_fragment(ctx, 16385));
    SHOW(SSL_CTX_set_max_send_fragment(ctx, -1));
    SHOW(SSL_CTX_set_max_send_fragment(ctx, 512));
    SHOW(SSL_CTX_set_split_send_fragment(ctx, 0));
    SHOW(SSL_CTX_set_split_send_fragment(ctx, 513));
    SHOW(SSL_CTX_set_split_send_fragment(ctx, 512));
    SHOW(SSL_CTX_set_max_pipelines(ctx, 0));
    SHOW(SSL_CTX_set_max_pipelines(ctx, 33));
    SHOW(SSL_CTX_set_max_pipelines(ctx, 1));
    SHOW(SSL_CTX_set_max_cert_list(ctx, -1));
    SHOW(SSL_CTX_get_max_cert_list(ctx));
    SHOW(SSL_CTX_set_max_cert_list(ctx, 4096));
    SHOW(SSL_CTX_get_max_cert_list(ctx));
    SHOW(SSL_CTX_set_tlsext_ticket_keys(ctx, bytes, 10));
    SHOW(SSL_CTX_get_tlsext_ticket_keys(ctx, bytes, 79));
    SHOW(SSL_CTX_set_tlsext_ticket_keys(ctx, NULL, 0));
    SHOW(SSL_CTX_set_tlsext_max_fragment_length(ctx, 5));
    SHOW(SSL_set_tlsext_max_fragment_length(ssl, 255));
    SHOW(SSL_CTX_set_tlsext_max_fragment_length(ctx, TLSEXT_max_fragment_length_DISABLED));
    SHOW(SSL_CTX_set_block_padding(ctx, 16385));
    SHOW(SSL_set_block_padding(ssl, (size_t)-1));
    SHOW(SSL_CTX_set_block_padding(ctx, 0));
    SHOW(SSL_set_block_padding(ssl, 1));
}

int main(void)
{
    memset(bytes, 0x5a, sizeof(bytes));
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    CHECK(ctx != NULL);
    SSL *ssl = SSL_new(ctx);
    SSL_SESSION *sess = SSL_SESSION_new();
    CHECK(ssl != NULL && sess != NULL);
    ERR_clear_error();
    timeouts_and_sizes(ctx, sess);
    ids_past_their_limits(ctx, ssl, sess);
    unknown_commands_and_bits(ctx, ssl);
    protocol_bounds(ctx, ssl);
    depths_tickets_fragments(ctx, ssl);
    SSL_SESSION_free(sess);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}
