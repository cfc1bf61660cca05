#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http.h"
#include "input.h"
#include "jsonl.h"
#include "pool.h"
#include "util.h"
#include "walk.h"
#include "warc.h"
#include "work.h"

/* A worker is replaced after this many pages, so that whatever its heap
 * gathered (fragmentation, a huge page's arena) is given back. */
#define WORKER_MAX_JOBS 1000
#define PROGRESS_EVERY 0.25
#define LIST_LINE_MAX ((size_t)64 * 1024)
#define READ_CHUNK ((size_t)64 * 1024)

/* ---- Reading lines (path lists, --lines) without blocking the loop ---- */

typedef struct line_reader {
    int fd;
    char delim;
    char *buf;
    size_t cap, start, len;
    size_t max;             /* longer lines are dropped and reported */
    int eof;
    int overlong;
    int err;                /* read() failed with this errno */
    unsigned long lineno;
} line_reader;

/* 1: a line in *p[0..*n), valid until the next call (*p is NULL for a
 * line that was too long); 0: more input is needed; -1: the end. */
static int lr_next(line_reader *lr, char **p, size_t *n)
{
    char *d = lr->len > lr->start
                  ? memchr(lr->buf + lr->start, lr->delim, lr->len - lr->start)
                  : NULL;

    if (d == NULL) {
        if (!lr->eof) {
            if (lr->len - lr->start > lr->max) {
                lr->overlong = 1;
                lr->start = lr->len = 0;
            }
            return 0;
        }
        if (lr->start == lr->len && !lr->overlong)
            return -1;
        d = lr->buf + lr->len; /* a last line without its delimiter */
    }
    *p = lr->overlong ? NULL : lr->buf + lr->start;
    *n = (size_t)(d - (lr->buf + lr->start));
    if (*p != NULL && *n > 0 && lr->delim == '\n' && (*p)[*n - 1] == '\r')
        (*n)--;
    lr->start = d < lr->buf + lr->len ? (size_t)(d - lr->buf) + 1 : lr->len;
    lr->overlong = 0;
    lr->lineno++;
    return 1;
}

/* One read(); called when poll() says the descriptor is readable. */
static void lr_fill(line_reader *lr)
{
    ssize_t k;

    if (lr->start > 0) {
        memmove(lr->buf, lr->buf + lr->start, lr->len - lr->start);
        lr->len -= lr->start;
        lr->start = 0;
    }
    if (lr->cap - lr->len < READ_CHUNK) {
        size_t ncap = lr->cap < READ_CHUNK ? 4 * READ_CHUNK : lr->cap * 2;
        char *nb = realloc(lr->buf, ncap);

        if (nb == NULL) {
            lr->err = ENOMEM;
            lr->eof = 1;
            return;
        }
        lr->buf = nb;
        lr->cap = ncap;
    }
    do
        k = read(lr->fd, lr->buf + lr->len, lr->cap - lr->len);
    while (k < 0 && errno == EINTR);
    if (k <= 0) {
        if (k < 0)
            lr->err = errno;
        lr->eof = 1;
        return;
    }
    lr->len += (size_t)k;
}

/* ---- What the source hands to the loop ---- */

typedef struct item {
    int needs_worker;
    job j;
    char *own_path, *own_url, *own_data;
    char *name;             /* for messages and text headers */
    sbuf prefix;            /* jsonl: the record's opening fields */
    char *outbase;          /* -o: the file name before its extension */
    /* A failure known without a worker. */
    const char *fail_status;
    char fail_msg[320];
    int fail_exit;
} item;

typedef struct slot {
    int state;              /* S_FREE, S_PENDING, S_DONE */
    char *name;
    sbuf prefix;
    char *outbase;
    result res;
} slot;

enum { S_FREE = 0, S_PENDING, S_DONE };

/* Names already used under --output-dir. */
typedef struct name_set {
    char **v;
    size_t cap, n;
} name_set;

typedef struct batch {
    const cli_conf *c;
    const in_spec *specs;
    size_t nspecs, si;

    /* Current expansion of one spec. */
    walk_list walk;
    size_t wi;
    int walking;
    line_reader lr;
    int listing;
    int list_fd_owned;
    warc_reader *wr;
    int warc_fd;
    char *warc_path;
    char *warc_base;        /* -o name stem for its records */
    unsigned long warc_line;
    int stdin_used;
    int src_ended;
    int src_wait;           /* the source waits for lr.fd */

    worker *w;
    size_t nw;
    slot *slots;
    size_t window;
    size_t next_seq, write_seq;

    unsigned long ok, nocontent, failed, skipped;
    unsigned long total;    /* inputs, when known in advance */
    int total_known;
    int fatal;              /* output failed: stop */

    int progress;
    int progress_drawn;
    double t0, last_draw;

    name_set names;
    int wrote_header;
} batch;

/* ---- Messages and progress ---- */

static void progress_clear(batch *b)
{
    if (b->progress_drawn) {
        fputs("\r\033[K", stderr);
        b->progress_drawn = 0;
    }
}

PRINTF_LIKE(2, 3)
static void bmsg(batch *b, const char *fmt, ...)
{
    va_list ap;

    if (b->c->quiet)
        return;
    progress_clear(b);
    fputs("declutter: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static void progress_draw(batch *b, int force)
{
    double now = now_seconds(), el = now - b->t0;
    unsigned long done = b->ok + b->nocontent + b->failed;
    double rate = el > 0 ? (double)done / el : 0;

    if (!b->progress || (!force && now - b->last_draw < PROGRESS_EVERY))
        return;
    b->last_draw = now;
    if (b->total_known && b->total > 0) {
        fprintf(stderr, "\rdeclutter: %lu/%lu pages, %.1f pages/s, %lu errors",
                done, b->total, rate, b->failed);
        if (rate > 0 && done < b->total) {
            unsigned long eta = (unsigned long)((double)(b->total - done) / rate);

            fprintf(stderr, ", ETA %lu:%02lu:%02lu", eta / 3600,
                    eta / 60 % 60, eta % 60);
        }
    } else {
        fprintf(stderr, "\rdeclutter: %lu pages, %.1f pages/s, %lu errors",
                done, rate, b->failed);
    }
    fputs("\033[K", stderr);
    b->progress_drawn = 1;
}

/* ---- Items ---- */

static void item_free(item *it)
{
    free(it->own_path);
    free(it->own_url);
    free(it->own_data);
    free(it->name);
    free(it->outbase);
    sb_free(&it->prefix);
    memset(it, 0, sizeof *it);
}

/* The file name stem for -o: the base name without .gz and without its
 * last extension. */
static char *stem_of(const char *path, const char *drop_also)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    size_t n = strlen(base);
    char *s;

    if (n > 3 && ascii_has_suffix(base, ".gz"))
        n -= 3;
    s = mem_strdup(base, n);
    if (s == NULL)
        return NULL;
    if (drop_also != NULL && ascii_has_suffix(s, drop_also)
        && strlen(s) > strlen(drop_also))
        s[strlen(s) - strlen(drop_also)] = '\0';
    else if (drop_also == NULL) {
        char *dot = strrchr(s, '.');

        if (dot != NULL && dot != s)
            *dot = '\0';
    }
    return s;
}

/* Starts an item: its name, the opening of its jsonl record. */
static void item_begin(batch *b, item *it, const char *source,
                       const char *name, unsigned long line,
                       const char *id_json)
{
    memset(it, 0, sizeof *it);
    it->name = mem_strdup(name, strlen(name));
    sb_adds(&it->prefix, "{\"source\":");
    sb_json_str(&it->prefix, source, strlen(source));
    if (b->c->lines) {
        sb_printf(&it->prefix, ",\"line\":%lu", line);
        if (id_json != NULL) {
            sb_adds(&it->prefix, ",\"id\":");
            sb_adds(&it->prefix, id_json);
        }
    }
}

static void item_prefix_end(item *it)
{
    sb_addc(&it->prefix, ',');
}

PRINTF_LIKE(4, 5)
static void item_fail(item *it, int exit_code, const char *status,
                      const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(it->fail_msg, sizeof it->fail_msg, fmt, ap);
    va_end(ap);
    it->needs_worker = 0;
    it->fail_status = status;
    it->fail_exit = exit_code;
}

static void add_opt_str(sbuf *b, const char *key, const char *v)
{
    sb_adds(b, key);
    if (v != NULL)
        sb_json_str(b, v, strlen(v));
    else
        sb_adds(b, "null");
}

static void warc_close_current(batch *b)
{
    warc_close(b->wr);
    b->wr = NULL;
    if (b->warc_fd > 0)
        close(b->warc_fd);
    b->warc_fd = -1;
    free(b->warc_path);
    free(b->warc_base);
    b->warc_path = b->warc_base = NULL;
}

/* Starts reading a WARC file. 0, or -1 after filling it with the error. */
static int warc_begin(batch *b, const char *path, unsigned long line,
                      item *it)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    size_t limit = b->c->max_bytes == 0 ? 0 : b->c->max_bytes + (1u << 20);

    if (fd == 0 && b->stdin_used) {
        item_begin(b, it, "(stdin)", "(stdin)", line, NULL);
        item_prefix_end(it);
        item_fail(it, EXIT_INPUT, "unreadable",
                  "standard input was read already");
        return -1;
    }
    if (fd < 0 || (b->wr = warc_open(fd, limit)) == NULL) {
        int e = fd < 0 ? errno : ENOMEM;

        if (fd > 0)
            close(fd);
        item_begin(b, it, path, path, line, NULL);
        item_prefix_end(it);
        item_fail(it, e == ENOMEM ? EXIT_INTERNAL : EXIT_INPUT,
                  e == ENOMEM ? "internal" : "unreadable", "%s", strerror(e));
        return -1;
    }
    if (fd == 0)
        b->stdin_used = 1;
    b->warc_fd = fd;
    b->warc_path = mem_strdup(path, strlen(path));
    b->warc_base = stem_of(fd == 0 ? "stdin.warc" : path, ".warc");
    b->warc_line = line;
    b->total_known = 0;
    return 0;
}

/*
 * The next record of the current WARC file as an item. Returns 1 with
 * an item, 0 when the file is done.
 */
static int warc_item(batch *b, item *it)
{
    for (;;) {
        warc_record rec;
        warc_event ev = warc_next(b->wr, &rec);
        char name[1024];
        int response, resource;

        if (ev == WARC_END) {
            warc_close_current(b);
            return 0;
        }
        response = ev == WARC_RECORD && strcmp(rec.type, "response") == 0;
        resource = ev == WARC_RECORD && strcmp(rec.type, "resource") == 0;
        if (ev == WARC_RECORD) {
            /* Responses hold HTTP messages (not dns: and the like);
             * resources hold the document itself. */
            if (response && rec.content_type != NULL
                && !ascii_ncaseeq(rec.content_type, "application/http", 16))
                response = 0;
            if (resource && (rec.content_type == NULL
                             || !http_type_is_html(rec.content_type,
                                                   strlen(rec.content_type))))
                resource = 0;
            if (!response && !resource) {
                b->skipped++;
                continue;
            }
            if (rec.oversized && response) {
                http_info h;

                if (http_parse(rec.block, rec.block_len, &h) == 0
                    && h.html == 0) {
                    b->skipped++;
                    continue;
                }
            }
        }
        if (rec.target_uri != NULL)
            snprintf(name, sizeof name, "%s: %s", b->warc_path,
                     rec.target_uri);
        else
            snprintf(name, sizeof name, "%s: record %lu", b->warc_path,
                     rec.number);
        item_begin(b, it, b->warc_path, name, b->warc_line, NULL);
        if (ev != WARC_IO) {
            add_opt_str(&it->prefix, ",\"warc_target_uri\":", rec.target_uri);
            add_opt_str(&it->prefix, ",\"warc_record_id\":", rec.record_id);
            add_opt_str(&it->prefix, ",\"warc_date\":", rec.date);
        }
        item_prefix_end(it);
        if (b->warc_base != NULL) {
            char num[32];
            sbuf ob = SBUF_INIT;

            snprintf(num, sizeof num, "-%lu", rec.number);
            sb_adds(&ob, b->warc_base);
            sb_adds(&ob, num);
            it->outbase = sb_detach(&ob);
        }
        if (ev == WARC_IO) {
            item_fail(it, EXIT_INPUT, "unreadable", "%s", rec.error);
            warc_close_current(b);
            return 1;
        }
        if (ev == WARC_BAD) {
            item_fail(it, EXIT_INPUT, "bad_record", "%s", rec.error);
            return 1;
        }
        if (rec.oversized) {
            item_fail(it, EXIT_INPUT, "too_large",
                      "WARC record larger than %zu bytes (--max-bytes)",
                      b->c->max_bytes);
            return 1;
        }
        it->needs_worker = 1;
        it->j.kind = response ? JOB_HTTP : JOB_DATA;
        it->j.data = rec.block;
        it->j.len = rec.block_len;
        if (rec.target_uri != NULL) {
            it->own_url = mem_strdup(rec.target_uri, strlen(rec.target_uri));
            it->j.url = it->own_url;
        }
        return 1;
    }
}

/* A path from the command line, a list or a line. Returns 1 with an
 * item, 0 when it was a WARC file whose records come next. */
static int path_item(batch *b, const char *path, int force_warc,
                     unsigned long line, item *it)
{
    int is_stdin = strcmp(path, "-") == 0;

    if (force_warc || (!is_stdin && warc_sniff(path)))
        return warc_begin(b, path, line, it) == 0 ? 0 : 1;
    item_begin(b, it, is_stdin ? "(stdin)" : path, is_stdin ? "(stdin)" : path,
               line, NULL);
    item_prefix_end(it);
    it->outbase = stem_of(is_stdin ? "stdin.html" : path, NULL);
    if (is_stdin) {
        /* Read here, so that a slow pipe does not count against the
         * page's --timeout in the worker. */
        size_t len = 0;
        int err = 0;
        input_status st;

        if (b->stdin_used) {
            item_fail(it, EXIT_INPUT, "unreadable",
                      "standard input was read already");
            return 1;
        }
        b->stdin_used = 1;
        st = input_read("-", b->c->max_bytes, &it->own_data, &len, &err);
        if (st == INPUT_ERRNO)
            item_fail(it, EXIT_INPUT, "unreadable", "%s", strerror(err));
        else if (st == INPUT_TOO_LARGE)
            item_fail(it, EXIT_INPUT, "too_large",
                      "input larger than %zu bytes (--max-bytes)",
                      b->c->max_bytes);
        else if (st != INPUT_OK)
            item_fail(it, EXIT_INTERNAL, "internal", "out of memory");
        else {
            it->needs_worker = 1;
            it->j.kind = JOB_DATA;
            it->j.data = it->own_data;
            it->j.len = len;
        }
        return 1;
    }
    it->own_path = mem_strdup(path, strlen(path));
    it->needs_worker = 1;
    it->j.kind = JOB_FILE;
    it->j.path = it->own_path;
    return 1;
}

/* One line of --lines: a JSON object with the page, or a path. */
static int line_item(batch *b, const char *p, size_t n, unsigned long line,
                     item *it)
{
    size_t i = 0;

    while (p != NULL && i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    if (p == NULL || (i < n && p[i] == '{')) {
        line_obj o;
        const char *err = NULL;
        int rc = p == NULL ? -1 : jsonl_parse(p, n, &o, &err);
        char num[32];

        if (p == NULL) {
            memset(&o, 0, sizeof o);
            err = "line too long";
        }
        item_begin(b, it, "(stdin)", "(stdin)", line, o.id);
        item_prefix_end(it);
        snprintf(num, sizeof num, "line-%lu", line);
        it->outbase = mem_strdup(num, strlen(num));
        if (rc != 0) {
            item_fail(it, EXIT_INPUT, "bad_line", "line %lu: %s", line, err);
            line_obj_free(&o);
            return 1;
        }
        it->needs_worker = 1;
        it->j.kind = JOB_DATA;
        it->own_data = o.html;
        it->j.data = o.html;
        it->j.len = o.html_len;
        it->own_url = o.url;
        it->j.url = o.url;
        /* JSON strings are Unicode: whatever the page declares, its
         * bytes are UTF-8 now. */
        it->j.encoding = "utf-8";
        o.html = o.url = NULL;
        line_obj_free(&o);
        return 1;
    }
    if (i == n) {
        item_begin(b, it, "(stdin)", "(stdin)", line, NULL);
        item_prefix_end(it);
        item_fail(it, EXIT_INPUT, "bad_line", "line %lu: empty line", line);
        return 1;
    }
    {
        char *path = mem_strdup(p, n);
        int rc;

        if (path == NULL) {
            item_begin(b, it, "(stdin)", "(stdin)", line, NULL);
            item_prefix_end(it);
            item_fail(it, EXIT_INTERNAL, "internal", "out of memory");
            return 1;
        }
        rc = strcmp(path, "-") == 0 ? -1 : path_item(b, path, 0, line, it);
        if (rc < 0) {
            item_begin(b, it, path, path, line, NULL);
            item_prefix_end(it);
            item_fail(it, EXIT_INPUT, "bad_line",
                      "standard input is the list itself");
            rc = 1;
        }
        free(path);
        return rc;
    }
}

static int list_begin(batch *b, const char *arg, item *it)
{
    int fd;

    memset(&b->lr, 0, sizeof b->lr);
    b->lr.delim = b->c->null_sep && !b->c->lines ? '\0' : '\n';
    b->lr.max = LIST_LINE_MAX;
    if (b->c->lines)
        b->lr.max = b->c->max_bytes == 0 ? SIZE_MAX / 4
                                         : b->c->max_bytes * 2 + (1u << 20);
    if (strcmp(arg, "-") == 0) {
        if (b->stdin_used) {
            item_begin(b, it, "(stdin)", "(stdin)", 0, NULL);
            item_prefix_end(it);
            item_fail(it, EXIT_INPUT, "unreadable",
                      "standard input was read already");
            return -1;
        }
        b->stdin_used = 1;
        fd = 0;
    } else {
        fd = open(arg, O_RDONLY);
        if (fd < 0) {
            int e = errno;

            item_begin(b, it, arg, arg, 0, NULL);
            item_prefix_end(it);
            item_fail(it, EXIT_INPUT, "unreadable", "%s", strerror(e));
            return -1;
        }
    }
    b->lr.fd = fd;
    b->list_fd_owned = fd != 0;
    b->listing = 1;
    b->total_known = 0;
    return 0;
}

static void list_end(batch *b)
{
    if (b->list_fd_owned)
        close(b->lr.fd);
    free(b->lr.buf);
    memset(&b->lr, 0, sizeof b->lr);
    b->listing = 0;
}

typedef enum { SRC_ITEM, SRC_WAIT, SRC_END } src_event;

static src_event src_next(batch *b, item *it)
{
    b->src_wait = 0;
    for (;;) {
        if (b->wr != NULL) {
            if (warc_item(b, it))
                return SRC_ITEM;
            continue;
        }
        if (b->walking) {
            if (b->wi < b->walk.n) {
                walk_entry *e = &b->walk.v[b->wi++];

                if (e->err != 0) {
                    item_begin(b, it, e->path, e->path, 0, NULL);
                    item_prefix_end(it);
                    item_fail(it, EXIT_INPUT, "unreadable", "%s",
                              strerror(e->err));
                    return SRC_ITEM;
                }
                if (path_item(b, e->path, 0, 0, it))
                    return SRC_ITEM;
                continue;
            }
            walk_free(&b->walk);
            b->walking = 0;
            continue;
        }
        if (b->listing) {
            char *p = NULL;
            size_t n = 0;
            int r = lr_next(&b->lr, &p, &n);

            if (r == 0) {
                b->src_wait = 1;
                return SRC_WAIT;
            }
            if (r < 0) {
                int err = b->lr.err;

                list_end(b);
                if (err != 0) {
                    item_begin(b, it, "(list)", "(list)", 0, NULL);
                    item_prefix_end(it);
                    item_fail(it, EXIT_INPUT, "unreadable",
                              "reading the list: %s", strerror(err));
                    return SRC_ITEM;
                }
                continue;
            }
            if (b->c->lines) {
                if (line_item(b, p, n, b->lr.lineno, it))
                    return SRC_ITEM;
                continue;
            }
            if (p == NULL) {
                item_begin(b, it, "(list)", "(list)", 0, NULL);
                item_prefix_end(it);
                item_fail(it, EXIT_INPUT, "unreadable",
                          "list entry %lu is too long", b->lr.lineno);
                return SRC_ITEM;
            }
            if (n == 0)
                continue;
            {
                char *path = mem_strdup(p, n);
                int got;

                if (path == NULL) {
                    item_begin(b, it, "(list)", "(list)", 0, NULL);
                    item_prefix_end(it);
                    item_fail(it, EXIT_INTERNAL, "internal", "out of memory");
                    return SRC_ITEM;
                }
                got = path_item(b, path, 0, 0, it);
                free(path);
                if (got)
                    return SRC_ITEM;
            }
            continue;
        }
        if (b->si < b->nspecs) {
            const in_spec *s = &b->specs[b->si++];

            switch (s->kind) {
            case IN_PATH:
                if (path_item(b, s->arg, 0, 0, it))
                    return SRC_ITEM;
                break;
            case IN_WARC:
                if (warc_begin(b, s->arg, 0, it) != 0)
                    return SRC_ITEM;
                break;
            case IN_DIR:
                break;
            case IN_LIST:
                if (list_begin(b, s->arg, it) != 0)
                    return SRC_ITEM;
                break;
            }
            if (s->kind == IN_DIR) {
                b->walking = 1;
                b->wi = 0;
                if (walk_dir(s->arg, &b->walk) != 0) {
                    item_begin(b, it, s->arg, s->arg, 0, NULL);
                    item_prefix_end(it);
                    item_fail(it, EXIT_INTERNAL, "internal", "out of memory");
                    return SRC_ITEM;
                }
            }
            continue;
        }
        return SRC_END;
    }
}

/* ---- Output ---- */

static int names_add(name_set *s, const char *name)
{
    size_t h = 5381, i;

    if (s->n * 2 >= s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        char **nv = calloc(ncap, sizeof *nv);

        if (nv == NULL)
            return -1;
        for (size_t k = 0; k < s->cap; k++) {
            if (s->v[k] == NULL)
                continue;
            size_t hk = 5381;

            for (const char *c = s->v[k]; *c; c++)
                hk = hk * 33 + (unsigned char)*c;
            for (i = hk % ncap; nv[i] != NULL; i = (i + 1) % ncap)
                ;
            nv[i] = s->v[k];
        }
        free(s->v);
        s->v = nv;
        s->cap = ncap;
    }
    for (const char *c = name; *c; c++)
        h = h * 33 + (unsigned char)*c;
    for (i = h % s->cap; s->v[i] != NULL; i = (i + 1) % s->cap)
        if (strcmp(s->v[i], name) == 0)
            return 1;
    s->v[i] = mem_strdup(name, strlen(name));
    if (s->v[i] == NULL)
        return -1;
    s->n++;
    return 0;
}

static void names_free(name_set *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* Writes one input's output to its own file under --output-dir. */
static int write_file(batch *b, slot *s, const char *a, size_t alen,
                      const char *z, size_t zlen)
{
    const char *ext = b->c->format == FMT_TEXT ? ".txt"
                      : b->c->format == FMT_MARKDOWN ? ".md"
                      : b->c->format == FMT_HTML ? ".html" : ".json";
    const char *stem = s->outbase != NULL && s->outbase[0] != '\0'
                           && strcmp(s->outbase, ".") != 0
                           && strcmp(s->outbase, "..") != 0
                           ? s->outbase : "page";
    sbuf fn = SBUF_INIT, nm = SBUF_INIT;
    int fd, rc = 0;

    for (unsigned long k = 1;; k++) {
        int added;

        nm.len = 0;
        sb_adds(&nm, stem);
        if (k > 1)
            sb_printf(&nm, "-%lu", k);
        sb_adds(&nm, ext);
        if (nm.oom)
            break;
        for (char *c = nm.p; *c; c++)
            if (*c == '/' || (unsigned char)*c < 0x20)
                *c = '_';
        added = names_add(&b->names, nm.p);
        if (added <= 0) {
            if (added < 0)
                nm.oom = 1;
            break;
        }
    }
    sb_adds(&fn, b->c->output_dir);
    sb_addc(&fn, '/');
    if (nm.p != NULL)
        sb_add(&fn, nm.p, nm.len);
    if (fn.oom || nm.oom) {
        bmsg(b, "out of memory");
        rc = -1;
        goto done;
    }
    fd = open(fn.p, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        bmsg(b, "%s: %s", fn.p, strerror(errno));
        rc = -1;
        goto done;
    }
    for (int part = 0; part < 2 && rc == 0; part++) {
        const char *p = part == 0 ? a : z;
        size_t n = part == 0 ? alen : zlen;

        while (n > 0) {
            ssize_t k = write(fd, p, n);

            if (k < 0 && errno == EINTR)
                continue;
            if (k < 0) {
                bmsg(b, "%s: %s", fn.p, strerror(errno));
                rc = -1;
                break;
            }
            p += k;
            n -= (size_t)k;
        }
    }
    if (close(fd) != 0 && rc == 0) {
        bmsg(b, "%s: %s", fn.p, strerror(errno));
        rc = -1;
    }
done:
    sb_free(&fn);
    sb_free(&nm);
    return rc;
}

static int out_write(const char *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

/* Writes a finished slot's output and messages. */
static void emit(batch *b, slot *s)
{
    const cli_conf *c = b->c;
    result *r = &s->res;
    int rc = 0;

    if (r->kind == OUT_SKIP) {
        b->skipped++;
        return;
    }
    if (r->kind == OUT_OK)
        b->ok++;
    else if (r->kind == OUT_NO_CONTENT)
        b->nocontent++;
    else
        b->failed++;

    if (c->format == FMT_JSONL) {
        if (c->output_dir != NULL) {
            sbuf line = SBUF_INIT;

            sb_add(&line, s->prefix.p, s->prefix.len);
            sb_add(&line, r->out.p, r->out.len);
            rc = line.oom ? -1
                          : write_file(b, s, line.p, line.len, "}\n", 2);
            sb_free(&line);
        } else {
            rc = out_write(s->prefix.p, s->prefix.len);
            if (rc == 0)
                rc = out_write(r->out.p, r->out.len);
            if (rc == 0)
                rc = out_write("}\n", 2);
        }
    } else {
        if (r->kind == OUT_FAIL) {
            bmsg(b, "%s: %s", s->name, r->msg.p != NULL ? r->msg.p : "failed");
        } else if (c->output_dir != NULL) {
            rc = write_file(b, s, r->out.p != NULL ? r->out.p : "", r->out.len,
                            "", 0);
        } else {
            if (c->format == FMT_TEXT || c->format == FMT_MARKDOWN
                || c->format == FMT_HTML) {
                if ((b->wrote_header && putchar('\n') == EOF)
                    || printf("==> %s <==\n", s->name) < 0)
                    rc = -1;
                b->wrote_header = 1;
            }
            if (rc == 0)
                rc = out_write(r->out.p, r->out.len);
        }
        if (r->kind == OUT_NO_CONTENT)
            bmsg(b, "%s: no main content found", s->name);
    }
    if (rc == 0 && c->lines && fflush(stdout) != 0)
        rc = -1;
    if (rc != 0) {
        /* write_file() has said what failed already. */
        if (c->output_dir == NULL)
            bmsg(b, "write error: %s", strerror(errno != 0 ? errno : EIO));
        b->fatal = 1;
    }
}

static void slot_release(slot *s)
{
    free(s->name);
    free(s->outbase);
    sb_free(&s->prefix);
    result_free(&s->res);
    memset(s, 0, sizeof *s);
}

static void flush_ready(batch *b)
{
    while (!b->fatal && b->write_seq < b->next_seq) {
        slot *s = &b->slots[b->write_seq % b->window];

        if (s->state != S_DONE)
            break;
        errno = 0;
        emit(b, s);
        slot_release(s);
        b->write_seq++;
    }
}

/* A failure found by the parent (timeout, crash, unreadable list...). */
static void slot_fail(batch *b, slot *s, int exit_code, const char *status,
                      const char *msg)
{
    result_free(&s->res);
    s->res.kind = OUT_FAIL;
    s->res.exit_code = exit_code;
    sb_adds(&s->res.msg, msg);
    if (b->c->format == FMT_JSONL)
        work_fail_fields(&s->res.out, status, msg);
    s->state = S_DONE;
}

/* ---- Workers ---- */

static worker *idle_worker(batch *b)
{
    for (size_t i = 0; i < b->nw; i++)
        if (b->w[i].pid > 0 && !b->w[i].busy)
            return &b->w[i];
    for (size_t i = 0; i < b->nw; i++)
        if (b->w[i].pid == 0) {
            if (worker_spawn(&b->w[i], b->c, b->w, b->nw) == 0)
                return &b->w[i];
            /* Go on with the workers there are, if any. */
            for (size_t k = 0; k < b->nw; k++)
                if (b->w[k].pid > 0)
                    return NULL;
            bmsg(b, "cannot start a worker process: %s", strerror(errno));
            b->fatal = 1;
            return NULL;
        }
    return NULL;
}

static size_t busy_count(const batch *b)
{
    size_t n = 0;

    for (size_t i = 0; i < b->nw; i++)
        n += b->w[i].pid > 0 && b->w[i].busy;
    return n;
}

static void dispatch(batch *b)
{
    while (!b->fatal && !b->src_ended
           && b->next_seq - b->write_seq < b->window) {
        worker *w = NULL;
        item it;
        src_event ev;
        slot *s;

        /* Workers start when a page needs one, not before. */
        if (busy_count(b) == b->nw)
            break;
        memset(&it, 0, sizeof it);
        ev = src_next(b, &it);
        if (ev == SRC_WAIT)
            break;
        if (ev == SRC_END) {
            b->src_ended = 1;
            break;
        }
        s = &b->slots[b->next_seq % b->window];
        s->name = it.name;
        s->prefix = it.prefix;
        s->outbase = it.outbase;
        it.name = it.outbase = NULL;
        memset(&it.prefix, 0, sizeof it.prefix);
        s->state = S_PENDING;
        if (it.needs_worker && (w = idle_worker(b)) == NULL) {
            slot_fail(b, s, EXIT_INTERNAL, "internal",
                      "cannot start a worker process");
        } else if (!it.needs_worker) {
            slot_fail(b, s, it.fail_exit, it.fail_status, it.fail_msg);
        } else if (worker_send(w, &it.j) != 0) {
            /* It died while idle: not this page's fault; try a new one. */
            worker_reap(w, 1, NULL, 0);
            w = idle_worker(b);
            if (w == NULL || worker_send(w, &it.j) != 0) {
                if (w != NULL)
                    worker_reap(w, 1, NULL, 0);
                slot_fail(b, s, EXIT_INTERNAL, "internal",
                          "cannot hand the page to a worker process");
                w = NULL;
            }
        }
        if (it.needs_worker && w != NULL) {
            w->busy = 1;
            w->slot = b->next_seq;
            w->deadline = b->c->timeout > 0 ? now_seconds() + b->c->timeout : 0;
        }
        b->next_seq++;
        item_free(&it);
    }
}

static void collect(batch *b, worker *w)
{
    slot *s = &b->slots[w->slot % b->window];

    if (worker_recv(w, &s->res) == 0) {
        s->state = S_DONE;
        w->busy = 0;
        if (++w->jobs >= WORKER_MAX_JOBS)
            worker_stop(w);
    } else {
        char why[160];

        worker_reap(w, 1, why, sizeof why);
        slot_fail(b, s, EXIT_INTERNAL, "crashed", why);
    }
}

static void expire(batch *b, worker *w)
{
    slot *s = &b->slots[w->slot % b->window];
    char why[96];

    worker_reap(w, 1, NULL, 0);
    snprintf(why, sizeof why, "timeout after %g s (--timeout)", b->c->timeout);
    slot_fail(b, s, EXIT_INPUT, "timeout", why);
}

static void wait_events(batch *b)
{
    struct pollfd *pf;
    worker **who;
    size_t np = 0;
    double now = now_seconds(), first = 0;
    int timeout = -1, src_fd = -1, got;

    pf = calloc(b->nw + 1, sizeof *pf);
    who = calloc(b->nw + 1, sizeof *who);
    if (pf == NULL || who == NULL) {
        free(pf);
        free(who);
        bmsg(b, "out of memory");
        b->fatal = 1;
        return;
    }
    for (size_t i = 0; i < b->nw; i++) {
        worker *w = &b->w[i];

        if (w->pid <= 0 || !w->busy)
            continue;
        pf[np].fd = w->fd;
        pf[np].events = POLLIN;
        who[np++] = w;
        if (w->deadline > 0 && (first == 0 || w->deadline < first))
            first = w->deadline;
    }
    /* The source is read only when a page could be handed out. */
    if (b->src_wait && !b->src_ended
        && b->next_seq - b->write_seq < b->window && busy_count(b) < b->nw) {
        src_fd = (int)np;
        pf[np].fd = b->lr.fd;
        pf[np].events = POLLIN;
        who[np++] = NULL;
    }
    if (first > 0) {
        double ms = (first - now) * 1000.0 + 1;

        timeout = ms < 0 ? 0 : ms > 3600e3 ? 3600000 : (int)ms;
    }
    if (b->progress && (timeout < 0 || timeout > 250))
        timeout = 250;
    if (np == 0 && timeout < 0) {
        free(pf);
        free(who);
        return;
    }
    got = poll(pf, (nfds_t)np, timeout);
    if (got > 0) {
        for (size_t i = 0; i < np; i++) {
            if (pf[i].revents == 0)
                continue;
            if ((int)i == src_fd)
                lr_fill(&b->lr);
            else
                collect(b, who[i]);
        }
    }
    now = now_seconds();
    for (size_t i = 0; i < b->nw; i++) {
        worker *w = &b->w[i];

        if (w->pid > 0 && w->busy && w->deadline > 0 && now >= w->deadline)
            expire(b, w);
    }
    free(pf);
    free(who);
}

/* ---- The run ---- */

static size_t online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n > 0 ? (size_t)n : 1;
}

int batch_run(const cli_conf *c, const in_spec *specs, size_t n)
{
    static const in_spec stdin_lines = {IN_LIST, "-"};
    batch b;
    size_t jobs;
    int status;

    memset(&b, 0, sizeof b);
    b.c = c;
    b.specs = c->lines ? &stdin_lines : specs;
    b.nspecs = c->lines ? 1 : n;
    b.warc_fd = -1;
    b.total_known = !c->lines;
    for (size_t i = 0; i < b.nspecs; i++) {
        if (b.specs[i].kind == IN_PATH)
            b.total++;
        else
            b.total_known = 0;
    }
    if (c->output_dir != NULL && mkdir(c->output_dir, 0777) != 0
        && errno != EEXIST) {
        int e = errno;

        if (!c->quiet)
            fprintf(stderr, "declutter: %s: %s\n", c->output_dir, strerror(e));
        return EXIT_INTERNAL;
    }
    jobs = c->jobs > 0 ? (size_t)c->jobs : online_cores();
    b.nw = jobs;
    b.window = 16 * jobs < 64 ? 64 : 16 * jobs;
    b.w = calloc(b.nw, sizeof *b.w);
    b.slots = calloc(b.window, sizeof *b.slots);
    if (b.w == NULL || b.slots == NULL) {
        free(b.w);
        free(b.slots);
        if (!c->quiet)
            fputs("declutter: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    for (size_t i = 0; i < b.nw; i++)
        b.w[i].fd = -1;
    b.progress = !c->quiet && isatty(2);
    b.t0 = b.last_draw = now_seconds();
    /* Output goes out in big blocks, except line by line for --lines. */
    fflush(stdout);

    for (;;) {
        dispatch(&b);
        flush_ready(&b);
        if (b.fatal)
            break;
        if (b.src_ended && b.write_seq == b.next_seq)
            break;
        wait_events(&b);
        flush_ready(&b);
        progress_draw(&b, 0);
    }

    for (size_t i = 0; i < b.nw; i++)
        if (b.w[i].pid > 0)
            worker_reap(&b.w[i], b.w[i].busy, NULL, 0);
    if (b.progress_drawn) {
        progress_draw(&b, 1);
        fputc('\n', stderr);
        b.progress_drawn = 0;
    }
    while (b.write_seq < b.next_seq)
        slot_release(&b.slots[b.write_seq++ % b.window]);
    if (b.wr != NULL)
        warc_close_current(&b);
    if (b.listing)
        list_end(&b);
    walk_free(&b.walk);
    names_free(&b.names);
    free(b.w);
    free(b.slots);

    if (!b.fatal && (fflush(stdout) != 0 || ferror(stdout))) {
        bmsg(&b, "write error: %s", strerror(errno));
        b.fatal = 1;
    }
    if (b.fatal)
        return EXIT_INTERNAL;
    if (b.failed > 0)
        bmsg(&b, "%lu of %lu inputs failed", b.failed,
             b.ok + b.nocontent + b.failed);
    if (c->lines)
        status = EXIT_CONTENT;
    else
        status = b.failed > 0 ? EXIT_SOME_FAILED : EXIT_CONTENT;
    return status;
}
