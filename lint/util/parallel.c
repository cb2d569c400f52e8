#include "lint/util/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "lint/util/util.h"

#define MAX_JOBS 16

static unsigned jobs;

unsigned zl_jobs(void)
{
    if (!jobs) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
    }
    return jobs;
}

void zl_set_jobs(unsigned n)
{
    jobs = n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : n;
}

typedef struct pool {
    atomic_size_t next;
    size_t ntasks;
    zl_task_fn fn;
    void *ctx;
} pool;

typedef struct worker {
    pool *p;
    unsigned index;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    for (;;) {
        size_t t = atomic_fetch_add(&w->p->next, 1);
        if (t >= w->p->ntasks)
            break;
        w->p->fn(w->p->ctx, t, w->index);
    }
    return NULL;
}

void zl_parallel_for(size_t ntasks, unsigned workers, zl_task_fn fn, void *ctx)
{
    if (workers > ntasks)
        workers = (unsigned)ntasks;
    if (workers < 1)
        workers = 1;
    pool p = {.ntasks = ntasks, .fn = fn, .ctx = ctx};
    atomic_init(&p.next, 0);
    worker ws[MAX_JOBS];
    pthread_t th[MAX_JOBS];
    unsigned started = 1;
    for (unsigned i = 1; i < workers && i < MAX_JOBS; i++) {
        ws[i] = (worker){&p, i};
        if (pthread_create(&th[i], NULL, work, &ws[i]) != 0)
            break; /* fewer threads: the others share the work */
        started++;
    }
    ws[0] = (worker){&p, 0};
    work(&ws[0]);
    for (unsigned i = 1; i < started; i++)
        pthread_join(th[i], NULL);
}
