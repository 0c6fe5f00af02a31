/* CA name lists built from files and directories on libcrypto objects:
 * SSL_load_client_CA_file(_ex), SSL_add_file_cert_subjects_to_stack (no
 * duplicates, a missing file), SSL_add_dir_cert_subjects_to_stack and
 * SSL_dup_CA_list (copies, not the same objects). */
#include "common.h"
#include <openssl/err.h>
#include <openssl/x509.h>

static void print_names(const char *what, STACK_OF(X509_NAME) *sk)
{
    char buf[256];
    printf("%s: %d names\n", what, sk ? sk_X509_NAME_num(sk) : -1);
    for (int i = 0; sk && i < sk_X509_NAME_num(sk); i++) {
        X509_NAME_oneline(sk_X509_NAME_value(sk, i), buf, sizeof(buf));
        printf("  %s\n", buf);
    }
}

int main(void)
{
    STACK_OF(X509_NAME) *sk = SSL_load_client_CA_file(cert_path("ca.pem"));
    print_names("load ca.pem", sk);
    printf("add ca2.pem -> %d\n", SSL_add_file_cert_subjects_to_stack(sk, cert_path("ca2.pem")));
    printf("add ca.pem again -> %d\n", SSL_add_file_cert_subjects_to_stack(sk, cert_path("ca.pem")));
    printf("add server-chain.pem -> %d\n",
           SSL_add_file_cert_subjects_to_stack(sk, cert_path("server-chain.pem")));
    printf("add missing file -> %d\n",
           SSL_add_file_cert_subjects_to_stack(sk, cert_path("missing.pem")));
    ERR_clear_error();
    print_names("after adding", sk);

    STACK_OF(X509_NAME) *copy = SSL_dup_CA_list(sk);
    print_names("dup", copy);
    printf("dup copies names %d\n",
           copy && sk_X509_NAME_num(copy) > 0 && sk_X509_NAME_value(copy, 0) != sk_X509_NAME_value(sk, 0));
    sk_X509_NAME_pop_free(copy, X509_NAME_free);

    STACK_OF(X509_NAME) *from_dir = sk_X509_NAME_new_null();
    printf("add missing dir -> %d\n",
           SSL_add_dir_cert_subjects_to_stack(from_dir, cert_path("no-such-dir")));
    ERR_clear_error();
    printf("add cert dir -> %d\n", SSL_add_dir_cert_subjects_to_stack(from_dir, cert_path("")));
    ERR_clear_error();
    int found = 0;
    for (int i = 0; i < sk_X509_NAME_num(sk); i++)
        for (int j = 0; j < sk_X509_NAME_num(from_dir); j++)
            if (X509_NAME_cmp(sk_X509_NAME_value(sk, i), sk_X509_NAME_value(from_dir, j)) == 0) {
                found++;
                break;
            }
    printf("dir holds the file names %d of %d\n", found, sk_X509_NAME_num(sk));
    sk_X509_NAME_pop_free(from_dir, X509_NAME_free);
    sk_X509_NAME_pop_free(sk, X509_NAME_free);

    STACK_OF(X509_NAME) *ex = SSL_load_client_CA_file_ex(cert_path("ca2.pem"), NULL, NULL);
    print_names("load_ex ca2.pem", ex);
    sk_X509_NAME_pop_free(ex, X509_NAME_free);
    return 0;
}
