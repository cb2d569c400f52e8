/* The benchmark generators' random numbers: xorshift64, fixed seed, so a
 * generated zone is the same for the same size on every run. */
#ifndef BENCH_RND_H
#define BENCH_RND_H

#include <stdint.h>

static uint64_t state = 0x9E3779B97F4A7C15ULL;

static uint32_t rnd(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 11);
}

#endif
