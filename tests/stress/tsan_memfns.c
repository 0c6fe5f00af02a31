/*
 * Rust's ThreadSanitizer instrumentation (LLVM 16 on) calls __tsan_memcpy,
 * __tsan_memmove and __tsan_memset; GCC 12's libtsan, which the stress
 * program is built with, predates them. They forward to the C functions,
 * which libtsan intercepts and checks as it checks every memcpy. Linked into
 * the program with -rdynamic so that libsessl.so finds them.
 */
#include <string.h>

void *__tsan_memcpy(void *dst, const void *src, size_t n);
void *__tsan_memmove(void *dst, const void *src, size_t n);
void *__tsan_memset(void *dst, int c, size_t n);

void *__tsan_memcpy(void *dst, const void *src, size_t n)
{
    return memcpy(dst, src, n);
}

void *__tsan_memmove(void *dst, const void *src, size_t n)
{
    return memmove(dst, src, n);
}

void *__tsan_memset(void *dst, int c, size_t n)
{
    return memset(dst, c, n);
}
