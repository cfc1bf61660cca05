#include "pool.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

/* Strings travel as length + 1, so that 0 can stand for NULL. */
#define JOB_FIELDS 5
#define RESULT_FIELDS 4

/* Sends every byte of iov[0..cnt); MSG_NOSIGNAL turns a dead peer into
 * EPIPE instead of a SIGPIPE that would kill the sender. */
static int send_iov(int fd, struct iovec *iov, int cnt)
{
    while (cnt > 0) {
        struct msghdr m;
        ssize_t k;

        memset(&m, 0, sizeof m);
        m.msg_iov = iov;
        m.msg_iovlen = (size_t)cnt;
        k = sendmsg(fd, &m, MSG_NOSIGNAL);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        while (cnt > 0 && (size_t)k >= iov->iov_len) {
            k -= (ssize_t)iov->iov_len;
            iov++;
            cnt--;
        }
        if (cnt > 0) {
            iov->iov_base = (char *)iov->iov_base + k;
            iov->iov_len -= (size_t)k;
        }
    }
    return 0;
}

static int recv_all(int fd, void *p, size_t n)
{
    char *c = p;

    while (n > 0) {
        ssize_t k = read(fd, c, n);

        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

static void iov_set(struct iovec *v, const void *p, size_t n)
{
    v->iov_base = (void *)(uintptr_t)p;
    v->iov_len = n;
}

static uint64_t str_field(const char *s)
{
    return s == NULL ? 0 : (uint64_t)strlen(s) + 1;
}

/* The worker's loop: one job in, one result out, until the parent
 * closes the socket. Never returns; _exit() keeps the parent's unflushed
 * stdio buffers from being written a second time. */
static void worker_main(int fd, const cli_conf *c)
{
    for (;;) {
        uint64_t h[JOB_FIELDS], rh[RESULT_FIELDS];
        size_t lens[4], total = 0;
        char *buf, *part[4];
        struct iovec iov[3];
        result r;
        job j;

        if (recv_all(fd, h, sizeof h) != 0)
            _exit(0);
        for (int i = 0; i < 4; i++) {
            uint64_t v = i < 3 ? (h[i + 1] > 0 ? h[i + 1] - 1 : 0) : h[4];

            if (v > SIZE_MAX / 2 || total > SIZE_MAX / 2)
                _exit(EXIT_INTERNAL);
            lens[i] = (size_t)v;
            total += lens[i] + 1;
        }
        buf = malloc(total);
        if (buf == NULL)
            _exit(EXIT_INTERNAL);
        part[0] = buf;
        for (int i = 0; i < 4; i++) {
            if (i > 0)
                part[i] = part[i - 1] + lens[i - 1] + 1;
            if (recv_all(fd, part[i], lens[i]) != 0)
                _exit(0);
            part[i][lens[i]] = '\0';
        }
        j.kind = (job_kind)h[0];
        j.path = h[1] > 0 ? part[0] : NULL;
        j.url = h[2] > 0 ? part[1] : NULL;
        j.encoding = h[3] > 0 ? part[2] : NULL;
        j.data = part[3];
        j.len = lens[3];

        memset(&r, 0, sizeof r);
        work_run(c, &j, &r);
        free(buf);
        rh[0] = (uint64_t)r.kind;
        rh[1] = (uint64_t)r.exit_code;
        rh[2] = r.out.len;
        rh[3] = r.msg.len;
        iov_set(&iov[0], rh, sizeof rh);
        iov_set(&iov[1], r.out.p, r.out.len);
        iov_set(&iov[2], r.msg.p, r.msg.len);
        if (send_iov(fd, iov, 3) != 0)
            _exit(0);
        result_free(&r);
    }
}

int worker_spawn(worker *w, const cli_conf *c, const worker *others,
                 size_t n)
{
    int sv[2];
    pid_t pid;

    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return -1;
    pid = fork();
    if (pid < 0) {
        int e = errno;

        close(sv[0]);
        close(sv[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        close(sv[0]);
        for (size_t i = 0; i < n; i++)
            if (others[i].fd >= 0 && &others[i] != w)
                close(others[i].fd);
        worker_main(sv[1], c);
    }
    close(sv[1]);
    w->pid = pid;
    w->fd = sv[0];
    w->busy = 0;
    w->deadline = 0;
    w->jobs = 0;
    return 0;
}

int worker_send(worker *w, const job *j)
{
    uint64_t h[JOB_FIELDS];
    struct iovec iov[5];

    h[0] = (uint64_t)j->kind;
    h[1] = str_field(j->path);
    h[2] = str_field(j->url);
    h[3] = str_field(j->encoding);
    h[4] = j->data != NULL ? (uint64_t)j->len : 0;
    iov_set(&iov[0], h, sizeof h);
    iov_set(&iov[1], j->path, h[1] > 0 ? h[1] - 1 : 0);
    iov_set(&iov[2], j->url, h[2] > 0 ? h[2] - 1 : 0);
    iov_set(&iov[3], j->encoding, h[3] > 0 ? h[3] - 1 : 0);
    iov_set(&iov[4], j->data, (size_t)h[4]);
    return send_iov(w->fd, iov, 5);
}

static int recv_sbuf(int fd, sbuf *b, uint64_t n)
{
    if (n > SIZE_MAX / 2)
        return -1;
    b->len = 0;
    if (sb_reserve(b, (size_t)n) != 0)
        return -1;
    if (recv_all(fd, b->p, (size_t)n) != 0)
        return -1;
    b->len = (size_t)n;
    b->p[b->len] = '\0';
    return 0;
}

int worker_recv(worker *w, result *r)
{
    uint64_t h[RESULT_FIELDS];

    result_free(r);
    if (recv_all(w->fd, h, sizeof h) != 0 || h[0] > OUT_SKIP
        || recv_sbuf(w->fd, &r->out, h[2]) != 0
        || recv_sbuf(w->fd, &r->msg, h[3]) != 0) {
        result_free(r);
        return -1;
    }
    r->kind = (outcome)h[0];
    r->exit_code = (int)h[1];
    return 0;
}

void worker_reap(worker *w, int kill_it, char *why, size_t cap)
{
    int st = 0;
    pid_t got;

    if (w->pid <= 0)
        return;
    if (kill_it)
        kill(w->pid, SIGKILL);
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    do
        got = waitpid(w->pid, &st, 0);
    while (got < 0 && errno == EINTR);
    if (why != NULL && cap > 0) {
        if (got < 0)
            snprintf(why, cap, "worker lost: %s", strerror(errno));
        else if (WIFSIGNALED(st)) {
            const char *name = strsignal(WTERMSIG(st));

            snprintf(why, cap, "worker crashed: signal %d (%s)", WTERMSIG(st),
                     name != NULL ? name : "unknown");
        } else if (WIFEXITED(st))
            snprintf(why, cap, "worker exited with status %d",
                     WEXITSTATUS(st));
        else
            snprintf(why, cap, "worker ended");
    }
    w->pid = 0;
    w->busy = 0;
}

void worker_stop(worker *w)
{
    worker_reap(w, 0, NULL, 0);
}
