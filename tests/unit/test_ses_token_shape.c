/* zl_ses_token_shape, which tests eight octets at a time, against the
 * octet-by-octet reading of its rules: the placeholder first, then the
 * first octet outside a-z and 2-7, then the length. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "lint/ses/shape.h"
#include "lint/util/util.h"

/* What the rules say of t: the placeholder ('E'), the first octet out of
 * place ('c', in *bad), the wrong length ('n'), or nothing (0). */
static char reference(const char *t, size_t n, char *bad)
{
    for (size_t i = 0; i + 7 <= n; i++)
        if (zl_ascii_ieq(t + i, 7, "example"))
            return 'E';
    for (size_t i = 0; i < n; i++)
        if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= '2' && t[i] <= '7'))) {
            *bad = t[i];
            return 'c';
        }
    return n != 32 ? 'n' : 0;
}

static void agree(const char *t, size_t n)
{
    char bad = 0, buf[160], words[64];
    char want = reference(t, n, &bad);
    const char *got = zl_ses_token_shape(t, n, buf, sizeof buf);
    if (!want || !got) {
        if (want || got)
            fail_msg("'%.*s': %s, expected %s", (int)n, t, got ? got : "fine",
                     want ? "a problem" : "fine");
        return;
    }
    if (want == 'E')
        snprintf(words, sizeof words, "placeholder");
    else if (want == 'c')
        snprintf(words, sizeof words, "it holds '%c'", bad);
    else
        snprintf(words, sizeof words, "it has %zu characters", n);
    if (!strstr(got, words))
        fail_msg("'%.*s': %s, expected %s", (int)n, t, got, words);
}

static void known_tokens(void **state)
{
    (void)state;
    const char *tokens[] = {"xvvj77hbufxfl2cee6bhdit2v3jlaqbq", "xvvj77hbufxfl2cee6bhdit2v3jlaqb",
                            "EXAMPLEtoken", "tokenexample", "xvvj77hbufxfl2cExAmPlEit2v3jlaqbq",
                            "xvvj77hbufxfl2cee6bhdit2v3jlaqb1", "xvvj77hbufxfl2cee6bhdit2v3jlaqbQ",
                            "", "e", "exampl", "xvvj77hb\xc3\xa9uf", "xvvj77hbufxfl2cee6bhdit2v3jl`{",
                            "xvvj77hbufxfl2ce/8bhdit2v3jlaqbq", "examplexvvj77hbufxfl2cee6bhdit2"};
    for (size_t i = 0; i < sizeof tokens / sizeof *tokens; i++)
        agree(tokens[i], strlen(tokens[i]));
}

/* Random tokens over the alphabet and the octets just outside its ranges,
 * with the placeholder written in now and then, at every offset. */
static void random_tokens(void **state)
{
    (void)state;
    const char chars[] = "abcdefghijklmnopqrstuvwxyz234567"
                         "`{18901ZAE\x80\xff-_.eeee";
    uint32_t x = 2024;
    char t[48];
    for (int round = 0; round < 50000; round++) {
        size_t n = (size_t)(round % 41);
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            size_t pick = (x >> 16) % (round % 4 ? 32 : sizeof chars - 1);
            t[i] = chars[pick];
        }
        if (round % 7 == 0 && n >= 7) {
            size_t at = (size_t)(x >> 8) % (n - 6);
            memcpy(t + at, round % 14 ? "example" : "ExamPLE", 7);
        }
        agree(t, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_tokens),
        cmocka_unit_test(random_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
