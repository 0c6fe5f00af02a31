/* SSL_CONF_cmd(3): every command of OpenSSL 3.0 in its file and command-line
 * forms, under each flag combination (value types), with good and bad
 * values on a context, a connection and no target; prefixes, argv
 * processing, SSL_CONF_FLAG_SHOW_ERRORS's errors and texts,
 * SSL_CONF_FLAG_REQUIRE_PRIVATE, and a handshake configured by commands. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/stack.h>

/* SSL_R_BAD_VALUE, SSL_R_INVALID_NULL_CMD_NAME, SSL_R_UNKNOWN_CMD_NAME. */
enum { BAD_VALUE = 384, INVALID_NULL_CMD_NAME = 385, UNKNOWN_CMD_NAME = 386 };

#define NAMES(sk) ((sk) ? OPENSSL_sk_num((const OPENSSL_STACK *)(sk)) : -1)

static const char *const FILE_NAMES[] = {
    "SignatureAlgorithms", "ClientSignatureAlgorithms", "Curves", "Groups",
    "ECDHParameters", "CipherString", "Ciphersuites", "Protocol", "MinProtocol",
    "MaxProtocol", "Options", "VerifyMode", "Certificate", "PrivateKey",
    "ServerInfoFile", "ChainCAPath", "ChainCAFile", "ChainCAStore", "VerifyCAPath",
    "VerifyCAFile", "VerifyCAStore", "RequestCAFile", "ClientCAFile", "RequestCAPath",
    "ClientCAPath", "RequestCAStore", "ClientCAStore", "DHParameters", "RecordPadding",
    "NumTickets", "cipherstring", "no_ticket", "Nope", NULL};

static const char *const CMDLINE_NAMES[] = {
    "-no_ssl3", "-no_tls1", "-no_tls1_1", "-no_tls1_2", "-no_tls1_3", "-bugs",
    "-no_comp", "-comp", "-ecdh_single", "-no_ticket", "-serverpref",
    "-legacy_renegotiation", "-client_renegotiation", "-legacy_server_connect",
    "-no_renegotiation", "-no_resumption_on_reneg", "-no_legacy_server_connect",
    "-allow_no_dhe_kex", "-prioritize_chacha", "-strict", "-no_middlebox",
    "-anti_replay", "-no_anti_replay", "-no_etm", "-sigalgs", "-client_sigalgs",
    "-curves", "-groups", "-named_curve", "-cipher", "-ciphersuites", "-min_protocol",
    "-max_protocol", "-cert", "-key", "-chainCApath", "-chainCAfile", "-chainCAstore",
    "-verifyCApath", "-verifyCAfile", "-verifyCAstore", "-requestCAFile",
    "-requestCAStore", "-dhparam", "-record_padding", "-num_tickets", "-Cipher",
    "cipher", "-", "-CipherString", NULL};

static const unsigned int FLAG_SETS[] = {
    0,
    SSL_CONF_FLAG_FILE,
    SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT,
    SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER,
    SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE,
    SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT | SSL_CONF_FLAG_CERTIFICATE,
    SSL_CONF_FLAG_CMDLINE,
    SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_CLIENT,
    SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE,
    SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT
        | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE,
};

static const char DH_PARAMS[] =
    "-----BEGIN DH PARAMETERS-----\n"
    "MIIBCAKCAQEA//////////+t+FRYortKmq/cViAnPTzx2LnFg84tNpWp4TZBFGQz\n"
    "+8yTnc4kmz75fS/jY2MMddj2gbICrsRhetPfHtXV/WVhJDP1H18GbtCFY2VVPe0a\n"
    "87VXE15/V8k1mE8McODmi3fipona8+/och3xWKE2rec1MKzKT0g6eXq8CrGCsyT7\n"
    "YdEIqUuyyOP7uWrat2DX9GgdT0Kj3jlN9K5W7edjcrsZCwenyO4KbXCeAvzhzffi\n"
    "7MA0BM0oNC9hkXL+nOmFg/+OTxIy7vKBg8P+OxtMb61zO7X8vC7CIAXFjvGDfRaD\n"
    "ssbzSibBsu/6iGtCOGEoXJf//////////wIBAg==\n"
    "-----END DH PARAMETERS-----\n";

static const char *shown(const char *text);

/* The SSL_CONF_cmd entries on the queue (reason and text), then the queue cleared. */
static void show_errors(void)
{
    const char *data, *func;
    int flags;
    unsigned long e;
    while ((e = ERR_get_error_all(NULL, NULL, &func, &data, &flags)) != 0) {
        int r = ERR_GET_REASON(e);
        if (ERR_GET_LIB(e) == ERR_LIB_SSL && (r == BAD_VALUE || r == UNKNOWN_CMD_NAME
                                              || r == INVALID_NULL_CMD_NAME))
            printf("    error %s: %s [%s]\n", func, ERR_reason_error_string(e),
                   (flags & ERR_TXT_STRING) ? shown(data) : "");
    }
}

/* A text as printed: each path by its last part (test directories differ),
 * a temporary file by that name. */
static const char *shown(const char *text)
{
    static char out[4][512];
    static int next;
    char *o = out[next++ % 4];
    size_t n = 0;
    if (!text)
        return "(null)";
    while (*text && n < sizeof(out[0]) - 20) {
        if (*text == '/') {
            size_t len = strcspn(text, " ,");
            const char *last = text;
            for (size_t i = 0; i < len; i++)
                if (text[i] == '/')
                    last = text + i;
            if (strncmp(last + 1, "sessl_conf_", 11) == 0) {
                n += sprintf(o + n, "(temporary file)");
                text += len;
            } else {
                text = last + 1;
            }
            continue;
        }
        o[n++] = *text++;
    }
    o[n] = 0;
    return o;
}

static int cmd(SSL_CONF_CTX *cctx, const char *name, const char *value)
{
    int r = SSL_CONF_cmd(cctx, name, value);
    printf("  %s %s -> %d\n", name ? name : "(null)", shown(value), r);
    show_errors();
    return r;
}

static char *temp_file(const char *text)
{
    static char paths[4][64];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, sizeof(paths[0]), "%s/sessl_conf_XXXXXX", P_tmpdir);
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    return path;
}

static char *concat_files(const char *a, const char *b)
{
    static char text[16384];
    size_t n = 0;
    const char *files[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        FILE *f = fopen(files[i], "r");
        CHECK(f != NULL);
        n += fread(text + n, 1, sizeof(text) - 1 - n, f);
        fclose(f);
    }
    text[n] = 0;
    return temp_file(text);
}

static void value_types(void)
{
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    for (size_t f = 0; f < sizeof(FLAG_SETS) / sizeof(FLAG_SETS[0]); f++) {
        SSL_CONF_CTX_clear_flags(cctx, ~0U);
        printf("flags %#x:", SSL_CONF_CTX_set_flags(cctx, FLAG_SETS[f]));
        for (int i = 0; FILE_NAMES[i]; i++)
            printf(" %d", SSL_CONF_cmd_value_type(cctx, FILE_NAMES[i]));
        printf(" |");
        for (int i = 0; CMDLINE_NAMES[i]; i++)
            printf(" %d", SSL_CONF_cmd_value_type(cctx, CMDLINE_NAMES[i]));
        printf("\n");
    }
    SSL_CONF_CTX_free(cctx);
}

static void context_state(SSL_CTX *ctx)
{
    const void *cas = SSL_CTX_get0_CA_list(ctx);
    printf("  state: options %#llx min %#lx max %#lx verify %d tickets %zu CA names %d\n",
           (unsigned long long)SSL_CTX_get_options(ctx), SSL_CTX_get_min_proto_version(ctx),
           SSL_CTX_get_max_proto_version(ctx), SSL_CTX_get_verify_mode(ctx),
           SSL_CTX_get_num_tickets(ctx), NAMES(cas));
}

static void context_commands(const char *dh_file)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CLIENT
                                     | SSL_CONF_FLAG_CERTIFICATE | SSL_CONF_FLAG_SHOW_ERRORS);
    SSL_CONF_CTX_set_ssl_ctx(cctx, ctx);
    printf("context, file forms:\n");
    context_state(ctx);
    cmd(cctx, "CipherString", "ECDHE+AESGCM:!aNULL");
    printf("  first cipher %s\n",
           SSL_CIPHER_get_name(OPENSSL_sk_value((const OPENSSL_STACK *)SSL_CTX_get_ciphers(ctx), 0)));
    cmd(cctx, "CipherString", "NOPE");
    cmd(cctx, "Ciphersuites", "TLS_CHACHA20_POLY1305_SHA256");
    cmd(cctx, "Ciphersuites", "TLS_NOPE");
    cmd(cctx, "Groups", "X25519:P-256");
    cmd(cctx, "Curves", "nope");
    cmd(cctx, "ECDHParameters", "automatic");
    cmd(cctx, "ECDHParameters", "auto");
    cmd(cctx, "ECDHParameters", "prime256v1");
    cmd(cctx, "ECDHParameters", "P-256:X25519");
    cmd(cctx, "Protocol", "-TLSv1.3, -TLSv1.1");
    context_state(ctx);
    cmd(cctx, "Protocol", "ALL,-SSLv3,Nope,-TLSv1.2");
    context_state(ctx);
    cmd(cctx, "Protocol", "TLSv1.2,,TLSv1.3");
    cmd(cctx, "MinProtocol", "TLSv1.2");
    cmd(cctx, "MaxProtocol", "TLSv1.3");
    context_state(ctx);
    cmd(cctx, "MinProtocol", "tlsv1.2");
    cmd(cctx, "MinProtocol", "DTLSv1.2");
    cmd(cctx, "MaxProtocol", "None");
    context_state(ctx);
    cmd(cctx, "Options", "ServerPreference,-SessionTicket,PrioritizeChaCha");
    context_state(ctx);
    cmd(cctx, "Options", "+SessionTicket,-Compression,Nope,Bugs");
    context_state(ctx);
    cmd(cctx, "Options", "-EncryptThenMac,+ExtendedMasterSecret,-AntiReplay,-CANames,KTLS");
    cmd(cctx, "Options", "-UnsafeLegacyServerConnect,NoRenegotiation,AllowNoDHEKEX,-MiddleboxCompat");
    cmd(cctx, "Options", "-Bugs,+MiddleboxCompat,-EmptyFragments,ClientRenegotiation");
    cmd(cctx, "Options", "DHSingle,ECDHSingle,NoResumptionOnRenegotiation,UnsafeLegacyRenegotiation");
    context_state(ctx);
    cmd(cctx, "VerifyMode", "Request,Once");
    context_state(ctx);
    cmd(cctx, "VerifyMode", "-Once,Require,Peer");
    context_state(ctx);
    cmd(cctx, "VerifyMode", "-Require");
    context_state(ctx);
    cmd(cctx, "Certificate", cert_path("missing.pem"));
    cmd(cctx, "Certificate", cert_path("server-chain.pem"));
    cmd(cctx, "PrivateKey", cert_path("ca.key"));
    cmd(cctx, "PrivateKey", cert_path("server.key"));
    printf("  key matches: %d\n", SSL_CTX_check_private_key(ctx));
    cmd(cctx, "ServerInfoFile", cert_path("server.key"));
    cmd(cctx, "ChainCAFile", cert_path("ca.pem"));
    cmd(cctx, "ChainCAFile", cert_path("missing.pem"));
    cmd(cctx, "VerifyCAFile", cert_path("ca.pem"));
    cmd(cctx, "VerifyCAPath", cert_path(""));
    cmd(cctx, "ChainCAStore", "file:/nonexistent/sessl");
    cmd(cctx, "ChainCAPath", cert_path(""));
    cmd(cctx, "VerifyCAStore", cert_path("ca.pem"));
    cmd(cctx, "RequestCAStore", cert_path("inter-sub.pem"));
    cmd(cctx, "ClientCAStore", cert_path("missing.pem"));
    cmd(cctx, "RequestCAPath", "/nonexistent/sessl");
    cmd(cctx, "ClientCAPath", "/nonexistent/sessl");
    cmd(cctx, "RequestCAFile", cert_path("ca.pem"));
    cmd(cctx, "ClientCAFile", cert_path("inter.pem"));
    cmd(cctx, "ClientCAFile", cert_path("missing.pem"));
    context_state(ctx);
    cmd(cctx, "DHParameters", dh_file);
    cmd(cctx, "DHParameters", cert_path("ca.pem"));
    cmd(cctx, "DHParameters", cert_path("missing.pem"));
    cmd(cctx, "RecordPadding", "0");
    cmd(cctx, "RecordPadding", "-1");
    cmd(cctx, "RecordPadding", "20000");
    /* rustls does not pad records: refused, as the setter refuses it. */
    int padded = SSL_CONF_cmd(cctx, "RecordPadding", "512");
    ERR_clear_error();
    DIVERGE("RecordPadding 512 -> %d\n", padded);
    /* Through SSL_CTX_set1_sigalgs_list / SSL_CTX_set1_client_sigalgs_list. */
    int sigalgs = SSL_CONF_cmd(cctx, "SignatureAlgorithms", "RSA-PSS+SHA256:ECDSA+SHA256");
    int client_sigalgs = SSL_CONF_cmd(cctx, "ClientSignatureAlgorithms", "ECDSA+SHA384");
    ERR_clear_error();
    printf("SignatureAlgorithms -> %d, ClientSignatureAlgorithms -> %d\n", sigalgs, client_sigalgs);
    cmd(cctx, "SignatureAlgorithms", "RSA+NOPE");
    cmd(cctx, "ClientSignatureAlgorithms", "nope");
    cmd(cctx, "NumTickets", "3");
    context_state(ctx);
    cmd(cctx, "NumTickets", "-1");
    cmd(cctx, "NumTickets", "x");
    context_state(ctx);
    cmd(cctx, "CipherString", NULL);
    cmd(cctx, "Nope", "1");
    cmd(cctx, NULL, "1");
    cmd(cctx, "no_ticket", NULL);
    printf("  finish -> %d\n", SSL_CONF_CTX_finish(cctx));
    context_state(ctx);
    cmd(cctx, "VerifyMode", "Peer");
    printf("  finish again -> %d\n", SSL_CONF_CTX_finish(cctx));
    context_state(ctx);
    SSL_CONF_CTX_free(cctx);
    SSL_CTX_free(ctx);
}

static void command_line_forms(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_CMDLINE | SSL_CONF_FLAG_SERVER);
    SSL_CONF_CTX_set_ssl_ctx(cctx, ctx);
    printf("context, command-line forms, no error texts:\n");
    const char *switches[] = {"-no_ssl3", "-no_tls1", "-no_tls1_1", "-no_tls1_2", "-bugs",
                              "-comp", "-ecdh_single", "-no_ticket", "-serverpref",
                              "-legacy_renegotiation", "-client_renegotiation",
                              "-no_renegotiation", "-no_resumption_on_reneg",
                              "-allow_no_dhe_kex", "-prioritize_chacha", "-strict",
                              "-no_middlebox", "-no_anti_replay", "-no_etm", NULL};
    for (int i = 0; switches[i]; i++) {
        cmd(cctx, switches[i], NULL);
        context_state(ctx);
    }
    cmd(cctx, "-anti_replay", "ignored");
    cmd(cctx, "-no_comp", NULL);
    cmd(cctx, "-legacy_server_connect", NULL);
    cmd(cctx, "-no_tls1_3", NULL);
    context_state(ctx);
    cmd(cctx, "-cipher", "NOPE");
    cmd(cctx, "-cipher", "ECDHE-RSA-AES256-GCM-SHA384");
    cmd(cctx, "-ciphersuites", "TLS_AES_128_GCM_SHA256");
    cmd(cctx, "-min_protocol", "TLSv1.3");
    cmd(cctx, "-max_protocol", "SSLv3");
    context_state(ctx);
    cmd(cctx, "-named_curve", "auto");
    cmd(cctx, "-named_curve", "automatic");
    cmd(cctx, "-groups", "P-384");
    cmd(cctx, "-num_tickets", "0");
    cmd(cctx, "-cert", cert_path("server-chain.pem"));
    cmd(cctx, "-Cipher", "HIGH");
    cmd(cctx, "CipherString", "HIGH");
    cmd(cctx, "-cipher", NULL);
    context_state(ctx);

    printf("prefixes:\n");
    SSL_CONF_CTX_set1_prefix(cctx, "--");
    cmd(cctx, "--cipher", "HIGH");
    cmd(cctx, "-cipher", "HIGH");
    cmd(cctx, "--", "HIGH");
    SSL_CONF_CTX_clear_flags(cctx, SSL_CONF_FLAG_CMDLINE);
    SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SHOW_ERRORS);
    SSL_CONF_CTX_set1_prefix(cctx, "SSL");
    cmd(cctx, "SSLCipherString", "HIGH");
    cmd(cctx, "sslnumtickets", "4");
    cmd(cctx, "CipherString", "HIGH");
    cmd(cctx, "SSL", "HIGH");
    cmd(cctx, "SSLNope", "HIGH");
    printf("  value type %d %d\n", SSL_CONF_cmd_value_type(cctx, "SSLCertificate"),
           SSL_CONF_cmd_value_type(cctx, "Certificate"));
    SSL_CONF_CTX_clear_flags(cctx, SSL_CONF_FLAG_FILE);
    SSL_CONF_CTX_set1_prefix(cctx, "xyz");
    cmd(cctx, "abcOptions", "-SessionTicket");
    SSL_CONF_CTX_set1_prefix(cctx, NULL);
    cmd(cctx, "Options", "-SessionTicket");
    context_state(ctx);
    SSL_CONF_CTX_free(cctx);
    SSL_CTX_free(ctx);
}

static void argv_processing(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT);
    SSL_CONF_CTX_set_ssl_ctx(cctx, ctx);
    char *args[] = {"-cipher", "HIGH", "-no_ticket", "-nope", "-cipher", "NOPE",
                    "-min_protocol", "TLSv1.2", "-max_protocol", NULL};
    char **argv = args;
    int argc = 9;
    printf("argv:\n");
    while (argc > 0) {
        const char *at = argv[0];
        int r = SSL_CONF_cmd_argv(cctx, &argc, &argv);
        printf("  at %s -> %d, argc %d\n", at, r, argc);
        show_errors();
        if (r <= 0) {
            argv++;
            argc--;
        }
    }
    printf("  flags now %#x\n", SSL_CONF_CTX_set_flags(cctx, 0));
    char *single[] = {"-no_tls1_3", NULL};
    argv = single;
    printf("  NULL argc -> %d, moved %d\n", SSL_CONF_cmd_argv(cctx, NULL, &argv), (int)(argv - single));
    argc = 0;
    printf("  argc 0 -> %d\n", SSL_CONF_cmd_argv(cctx, &argc, &argv));
    context_state(ctx);
    SSL_CONF_CTX_free(cctx);
    SSL_CTX_free(ctx);
}

static void connection_and_no_target(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL *ssl = SSL_new(ctx);
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER
                                     | SSL_CONF_FLAG_CERTIFICATE | SSL_CONF_FLAG_SHOW_ERRORS);
    printf("no target:\n");
    cmd(cctx, "CipherString", "NOPE");
    cmd(cctx, "Ciphersuites", "NOPE");
    cmd(cctx, "MinProtocol", "TLSv1.2");
    cmd(cctx, "Options", "-SessionTicket");
    cmd(cctx, "VerifyMode", "Request");
    cmd(cctx, "NumTickets", "1");
    cmd(cctx, "RecordPadding", "0");
    cmd(cctx, "Certificate", cert_path("missing.pem"));
    cmd(cctx, "VerifyCAFile", cert_path("missing.pem"));
    cmd(cctx, "DHParameters", cert_path("missing.pem"));
    cmd(cctx, "RequestCAFile", cert_path("ca.pem"));
    printf("  finish -> %d\n", SSL_CONF_CTX_finish(cctx));

    printf("connection:\n");
    SSL_CONF_CTX_set_ssl(cctx, ssl);
    cmd(cctx, "Options", "-SessionTicket,ServerPreference");
    cmd(cctx, "VerifyMode", "Require");
    cmd(cctx, "MinProtocol", "TLSv1.3");
    cmd(cctx, "CipherString", "NOPE");
    cmd(cctx, "Ciphersuites", "TLS_AES_256_GCM_SHA384");
    cmd(cctx, "NumTickets", "5");
    cmd(cctx, "ServerInfoFile", cert_path("server.key"));
    cmd(cctx, "RequestCAFile", cert_path("inter.pem"));
    cmd(cctx, "Certificate", cert_path("server-chain.pem"));
    cmd(cctx, "PrivateKey", cert_path("server.key"));
    printf("  finish -> %d\n", SSL_CONF_CTX_finish(cctx));
    const void *cas = SSL_get0_CA_list(ssl);
    printf("  state: options %#llx min %#lx verify %d tickets %zu key matches %d CA names %d\n",
           (unsigned long long)SSL_get_options(ssl), SSL_get_min_proto_version(ssl),
           SSL_get_verify_mode(ssl), SSL_get_num_tickets(ssl), SSL_check_private_key(ssl),
           NAMES(cas));
    context_state(ctx);
    SSL_CONF_CTX_set_ssl(cctx, NULL);
    cmd(cctx, "MinProtocol", "TLSv1.3");
    SSL_CONF_CTX_free(cctx);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

static void require_private(void)
{
    const char *both = concat_files(cert_path("server.key"), cert_path("server-chain.pem"));
    for (int require = 0; require < 2; require++) {
        SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
        SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
        unsigned int flags = SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER | SSL_CONF_FLAG_CERTIFICATE;
        SSL_CONF_CTX_set_flags(cctx, flags | (require ? SSL_CONF_FLAG_REQUIRE_PRIVATE : 0));
        SSL_CONF_CTX_set_ssl_ctx(cctx, ctx);
        printf("certificate and key in one file, require private %d:\n", require);
        cmd(cctx, "Certificate", both);
        int finished = SSL_CONF_CTX_finish(cctx);
        printf("  finish -> %d, key matches %d\n", finished, SSL_CTX_check_private_key(ctx));
        ERR_clear_error();
        SSL_CONF_CTX_free(cctx);
        SSL_CTX_free(ctx);
    }
    /* A key of another certificate first: the certificate file's own key is loaded. */
    {
        SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
        SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
        SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER
                                         | SSL_CONF_FLAG_CERTIFICATE
                                         | SSL_CONF_FLAG_REQUIRE_PRIVATE);
        SSL_CONF_CTX_set_ssl_ctx(cctx, ctx);
        printf("another key first, require private 1:\n");
        cmd(cctx, "PrivateKey", cert_path("ca.key"));
        cmd(cctx, "Certificate", both);
        int finished = SSL_CONF_CTX_finish(cctx);
        printf("  finish -> %d, key matches %d\n", finished, SSL_CTX_check_private_key(ctx));
        ERR_clear_error();
        SSL_CONF_CTX_free(cctx);
        SSL_CTX_free(ctx);
    }
    /* A certificate file without its key: finish fails. */
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER
                                     | SSL_CONF_FLAG_CERTIFICATE | SSL_CONF_FLAG_REQUIRE_PRIVATE);
    SSL_CONF_CTX_set_ssl_ctx(cctx, ctx);
    cmd(cctx, "Certificate", cert_path("server-chain.pem"));
    printf("  without its key: finish -> %d\n", SSL_CONF_CTX_finish(cctx));
    ERR_clear_error();
    SSL_CONF_CTX_free(cctx);
    SSL_CTX_free(ctx);
    unlink(both);
}

static void configured_handshake(void)
{
    SSL_CTX *sctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX *cctx_ssl = SSL_CTX_new(TLS_client_method());
    SSL_CONF_CTX *client_conf = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(client_conf, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_CLIENT
                                            | SSL_CONF_FLAG_CERTIFICATE);
    SSL_CONF_CTX_set_ssl_ctx(client_conf, cctx_ssl);
    printf("client configured by commands:\n");
    cmd(client_conf, "VerifyCAFile", cert_path("ca.pem"));
    cmd(client_conf, "VerifyMode", "Peer");
    cmd(client_conf, "MaxProtocol", "TLSv1.3");
    printf("  finish -> %d\n", SSL_CONF_CTX_finish(client_conf));
    SSL_CONF_CTX_free(client_conf);
    SSL_CONF_CTX *cctx = SSL_CONF_CTX_new();
    SSL_CONF_CTX_set_flags(cctx, SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SERVER
                                     | SSL_CONF_FLAG_CERTIFICATE | SSL_CONF_FLAG_SHOW_ERRORS);
    SSL_CONF_CTX_set_ssl_ctx(cctx, sctx);
    printf("handshake with a server configured by commands:\n");
    cmd(cctx, "Certificate", cert_path("server-chain.pem"));
    cmd(cctx, "PrivateKey", cert_path("server.key"));
    cmd(cctx, "Ciphersuites", "TLS_CHACHA20_POLY1305_SHA256");
    cmd(cctx, "Options", "-SessionTicket");
    cmd(cctx, "NumTickets", "1");
    printf("  finish -> %d\n", SSL_CONF_CTX_finish(cctx));
    struct pair p = make_pair(cctx_ssl, sctx);
    CHECK(handshake(&p) == 1);
    printf("  %s %s verify result %ld\n", SSL_get_version(p.client),
           SSL_get_cipher_name(p.client), SSL_get_verify_result(p.client));
    close_clean(&p);
    SSL_CONF_CTX_free(cctx);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx_ssl);
}

int main(void)
{
    char *dh_file = temp_file(DH_PARAMS);
    value_types();
    context_commands(dh_file);
    command_line_forms();
    argv_processing();
    connection_and_no_target();
    require_private();
    configured_handshake();
    unlink(dh_file);
    return 0;
}
