/* A new session's time is read from time(NULL)'s clock: right after the
 * precise clock (gettimeofday) reaches a new second, time(NULL) may still give
 * the old one for up to a scheduler tick, and a session made then must not be
 * stamped in the caller's future. Checked at two second boundaries. */
#include "common.h"
#include <sys/time.h>
#include <time.h>

static void at_second_boundary(int round)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    time_t start = tv.tv_sec;
    do {
        gettimeofday(&tv, NULL);
    } while (tv.tv_sec == start);
    SSL_SESSION *s = SSL_SESSION_new();
    time_t after = time(NULL);
    CHECK(s != NULL);
    long stamped = (long)SSL_SESSION_get_time(s);
    printf("boundary %d: session time not after time(NULL) %d, at most 1 s before %d\n", round,
           stamped <= (long)after, (long)after - stamped <= 1);
    SSL_SESSION_free(s);
}

int main(void)
{
    at_second_boundary(1);
    at_second_boundary(2);
    return 0;
}
