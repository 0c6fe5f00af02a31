/* openssl.cnf's ssl_conf module: a configuration file of the test's own
 * named by OPENSSL_CONF; its system_default section applied to every new
 * context (OPENSSL_init_ssl loads it); SSL_CTX_config / SSL_config with
 * named application sections, a missing one and one with a bad value; and a
 * handshake between contexts configured only by the file. */
#include "common.h"
#include <openssl/err.h>
#include <openssl/stack.h>

static char conf_path[256];

static void write_config(void)
{
    char text[4096];
    snprintf(conf_path, sizeof(conf_path), "%s/sessl_conf_XXXXXX", P_tmpdir);
    int fd = mkstemp(conf_path);
    CHECK(fd >= 0);
    int n = snprintf(text, sizeof(text),
                     "openssl_conf = openssl_init\n"
                     "[openssl_init]\n"
                     "ssl_conf = ssl_sect\n"
                     "[ssl_sect]\n"
                     "system_default = system_default_sect\n"
                     "myapp = myapp_sect\n"
                     "myapp_conn = myapp_conn_sect\n"
                     "broken = broken_sect\n"
                     "[system_default_sect]\n"
                     "MinProtocol = TLSv1.3\n"
                     "CipherString = ECDHE+AESGCM\n"
                     "Options = -SessionTicket\n"
                     "[myapp_sect]\n"
                     "Ciphersuites = TLS_CHACHA20_POLY1305_SHA256\n"
                     "Certificate = %s\n"
                     "PrivateKey = %s\n"
                     "VerifyMode = Request\n"
                     "NumTickets = 1\n"
                     "RequestCAFile = %s\n"
                     "[myapp_conn_sect]\n"
                     "Options = ServerPreference\n"
                     "MaxProtocol = TLSv1.3\n"
                     "[broken_sect]\n"
                     "NumTickets = 4\n"
                     "CipherString = NOPE\n"
                     "Nope = 1\n",
                     cert_path("server-chain.pem"), cert_path("server.key"), cert_path("ca.pem"));
    CHECK(write(fd, text, n) == n);
    close(fd);
}

static void show_errors(void)
{
    const char *data, *func;
    int flags;
    unsigned long e;
    while ((e = ERR_get_error_all(NULL, NULL, &func, &data, &flags)) != 0) {
        if (ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == 113)
            printf("    error %s: %s [%s]\n", func, ERR_reason_error_string(e),
                   (flags & ERR_TXT_STRING) ? data : "");
    }
}

static void state(const char *what, SSL_CTX *ctx)
{
    const void *cas = SSL_CTX_get0_CA_list(ctx);
    const SSL_CIPHER *first = OPENSSL_sk_value((const OPENSSL_STACK *)SSL_CTX_get_ciphers(ctx), 0);
    printf("%s: min %#lx max %#lx options %#llx verify %d tickets %zu ciphers %d first %s "
           "CA names %d\n",
           what, SSL_CTX_get_min_proto_version(ctx), SSL_CTX_get_max_proto_version(ctx),
           (unsigned long long)SSL_CTX_get_options(ctx), SSL_CTX_get_verify_mode(ctx),
           SSL_CTX_get_num_tickets(ctx),
           OPENSSL_sk_num((const OPENSSL_STACK *)SSL_CTX_get_ciphers(ctx)),
           SSL_CIPHER_get_name(first), cas ? OPENSSL_sk_num((const OPENSSL_STACK *)cas) : -1);
}

int main(void)
{
    write_config();
    setenv("OPENSSL_CONF", conf_path, 1);
    printf("OPENSSL_init_ssl -> %d\n", OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, NULL));

    SSL_CTX *server = SSL_CTX_new(TLS_server_method());
    SSL_CTX *client = client_ctx(0);
    state("server, system default", server);
    state("client, system default", client);

    printf("SSL_CTX_config myapp -> %d\n", SSL_CTX_config(server, "myapp"));
    show_errors();
    state("server, myapp", server);
    printf("  key matches %d\n", SSL_CTX_check_private_key(server));
    printf("SSL_CTX_config nope -> %d\n", SSL_CTX_config(server, "nope"));
    show_errors();
    printf("SSL_CTX_config system_default -> %d\n", SSL_CTX_config(client, "system_default"));
    show_errors();

    SSL_CTX *broken = SSL_CTX_new(TLS_server_method());
    printf("SSL_CTX_config broken -> %d\n", SSL_CTX_config(broken, "broken"));
    ERR_clear_error();
    state("broken", broken);
    SSL_CTX_free(broken);

    SSL *ssl = SSL_new(server);
    printf("SSL_config myapp_conn -> %d\n", SSL_config(ssl, "myapp_conn"));
    show_errors();
    printf("  connection: options %#llx max %#lx\n", (unsigned long long)SSL_get_options(ssl),
           SSL_get_max_proto_version(ssl));
    printf("SSL_config nope -> %d\n", SSL_config(ssl, "nope"));
    show_errors();
    SSL_free(ssl);

    struct pair p = make_pair(client, server);
    CHECK(handshake(&p) == 1);
    printf("handshake: %s %s\n", SSL_get_version(p.client), SSL_get_cipher_name(p.client));
    exchange(&p);
    close_clean(&p);

    /* A client that cannot reach the system's minimum fails. */
    SSL_CTX *old = client_ctx(TLS1_2_VERSION);
    p = make_pair(old, server);
    printf("client with TLS 1.2 at most: handshake %s\n", handshake(&p) == 1 ? "ok" : "fails");
    ERR_clear_error();
    close_unclean(&p);
    SSL_CTX_free(old);

    SSL_CTX_free(client);
    SSL_CTX_free(server);
    unlink(conf_path);
    return 0;
}
