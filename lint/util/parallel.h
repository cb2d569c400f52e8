/* Running independent tasks on several threads: rdata validation in chunks
 * of records, and the checks of a lint run. Workers take the next task from
 * a shared counter, so uneven tasks still balance; each worker has an index
 * for its own output, merged by the caller afterwards. */
#ifndef ZL_PARALLEL_H
#define ZL_PARALLEL_H

#include <stddef.h>

/* Number of worker threads to use: set by --jobs, default the CPU count. */
unsigned zl_jobs(void);
void zl_set_jobs(unsigned n);

typedef void (*zl_task_fn)(void *ctx, size_t task, unsigned worker);

/* Run fn for tasks 0..ntasks-1 on up to `workers` threads (worker indexes
 * 0..workers-1; worker 0 is the calling thread). */
void zl_parallel_for(size_t ntasks, unsigned workers, zl_task_fn fn, void *ctx);

#endif
