/* Batch worker processes. Each page is extracted in a forked worker, so
 * that a crash, an abort or a hang inside a library costs that page's
 * record only: the parent sees the worker die or kills it at its
 * deadline, reports the page and starts a new worker. */
#ifndef DECLUTTER_CLI_POOL_H
#define DECLUTTER_CLI_POOL_H

#include <stddef.h>
#include <sys/types.h>

#include "cli.h"
#include "work.h"

typedef struct worker {
    pid_t pid;            /* 0 when not running */
    int fd;               /* the parent's end of the socket, -1 when none */
    int busy;             /* a job was sent and its result not read yet */
    size_t slot;          /* the job's place in the output order */
    double deadline;      /* when the job's time is up, 0 = never */
    unsigned long jobs;   /* jobs done by this process */
} worker;

/* Starts w; others[0..n) are the other workers, whose sockets the new
 * process must not keep. Returns 0, or -1 with errno set. */
int worker_spawn(worker *w, const cli_conf *c, const worker *others,
                 size_t n);

/* Sends one job to an idle worker. 0, or -1 when the worker is gone. */
int worker_send(worker *w, const job *j);

/* Reads the result of the worker's job (blocks until it is complete).
 * 0, or -1 when the worker died first. */
int worker_recv(worker *w, result *r);

/* Ends w (with SIGKILL when kill_it), waits for it and, when why is not
 * NULL, describes how it ended ("worker crashed: signal 6 (Aborted)"). */
void worker_reap(worker *w, int kill_it, char *why, size_t cap);

/* Asks an idle worker to exit and waits for it. */
void worker_stop(worker *w);

#endif
