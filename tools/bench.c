/* bench: how fast the library is and how much memory it takes.
 *
 *   bench [--runs=N] [--list=FILE] [PAGE...]    page-set timings
 *   bench --scale [--runs=N] [--list=FILE] [PAGE...]    1 MB vs 10 MB page
 *   bench --api-only [--runs=N] [--list=FILE] [PAGE...]
 *       one line "declutter PAGES MEAN_MS MEDIAN_MS P95_MS" for the set
 *       (the public API alone), to set beside another tool
 *
 * Pages may be gzip-compressed. All pages are read into memory before any
 * clock starts, and times are taken in-process with CLOCK_MONOTONIC, so
 * start-up and file reading are never counted. Each run times three
 * passes over the whole set, one after the other, so that the machine's
 * noise falls on all three alike:
 *   - gumbo alone: gumbo_parse (max_errors 0) and gumbo_destroy_output on
 *     the page decoded to UTF-8 beforehand (decoding is not timed here);
 *   - the public API: declutter_extract and declutter_result_free on the
 *     raw bytes, i.e. everything a caller pays;
 *   - the stages: the pipeline of src/extract.c spelled out with a clock
 *     between stages. Its output is compared with the API's on every page,
 *     so a drift between this copy and extract.c shows up as mismatches.
 * Totals are the median over runs; per-page figures take each page's
 * median over runs. Everything runs on one thread. */
#include "declutter.h"

#include <gumbo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "buf.h"
#include "choose.h"
#include "clean.h"
#include "decode.h"
#include "measure.h"
#include "meta.h"
#include "prefilter.h"
#include "render.h"
#include "teaser.h"

enum { ST_DECODE, ST_PREFILTER, ST_PARSE, ST_META, ST_CHOOSE, ST_RENDER, ST_COUNT };
static const char *const stage_name[ST_COUNT] = {
    "decode (sniff, charset, UTF-8)", "prefilter",
    "parse (gumbo, filtered input)",  "after: meta",
    "after: measure+choose",          "after: clean+render",
};

typedef struct page {
    char *path;
    const char *set; /* points into path */
    size_t set_len;
    char *raw;
    size_t len;
    char *utf8; /* decoded copy for gumbo alone */
    size_t ulen;
} page;

typedef struct pages {
    page *p;
    size_t n, cap;
} pages;

/* Prints "bench: " what arg and exits with status 2. */
static void die(const char *what, const char *arg)
{
    fprintf(stderr, "bench: %s%s\n", what, arg);
    exit(2);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory", "");
    return p;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Reads a plain or gzip file whole; zlib passes plain files through. */
static int read_file(const char *path, char **out, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return -1;
    gzbuffer(f, 1 << 17);
    size_t cap = 1 << 16, n = 0;
    char *b = xmalloc(cap);
    for (;;) {
        if (cap - n < (1 << 15)) {
            cap *= 2;
            b = realloc(b, cap);
            if (!b)
                die("out of memory", "");
        }
        int k = gzread(f, b + n, (unsigned)(cap - n));
        if (k < 0) {
            free(b);
            gzclose(f);
            return -1;
        }
        if (k == 0)
            break;
        n += (size_t)k;
    }
    gzclose(f);
    *out = b;
    *len = n;
    return 0;
}

/* The set a page belongs to: the directory above "pages/", else its own
 * directory, else "-". */
static void set_of(page *pg)
{
    const char *p = pg->path, *end = strrchr(p, '/');
    if (!end) {
        pg->set = "-";
        pg->set_len = 1;
        return;
    }
    const char *start = end;
    while (start > p && start[-1] != '/')
        start--;
    if ((size_t)(end - start) == 5 && !memcmp(start, "pages", 5) && start > p) {
        end = start - 1;
        start = end;
        while (start > p && start[-1] != '/')
            start--;
    }
    pg->set = start;
    pg->set_len = (size_t)(end - start);
    if (!pg->set_len) {
        pg->set = "-";
        pg->set_len = 1;
    }
}

static void add_path(pages *ps, const char *path)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? 2 * ps->cap : 256;
        ps->p = realloc(ps->p, ps->cap * sizeof *ps->p);
        if (!ps->p)
            die("out of memory", "");
    }
    page *pg = &ps->p[ps->n++];
    memset(pg, 0, sizeof *pg);
    pg->path = strdup(path);
    if (!pg->path)
        die("out of memory", "");
    set_of(pg);
}

static void add_list(pages *ps, const char *list)
{
    FILE *f = strcmp(list, "-") ? fopen(list, "r") : stdin;
    if (!f)
        die("cannot open list ", list);
    char *line = NULL;
    size_t cap = 0;
    ssize_t k;
    while ((k = getline(&line, &cap, f)) > 0) {
        while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r'))
            line[--k] = '\0';
        if (k > 0)
            add_path(ps, line);
    }
    free(line);
    if (f != stdin)
        fclose(f);
}

static void pages_free(pages *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->p[i].path);
        free(ps->p[i].raw);
        free(ps->p[i].utf8);
    }
    free(ps->p);
}

/* Resident and peak resident set in KiB, from /proc (Linux). */
static long proc_kib(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t kl = strlen(key);
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, kl) && line[kl] == ':') {
            v = strtol(line + kl + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

/* Starts a new peak (VmHWM) at the current resident size, so that the
 * peak of a phase is not the peak of loading the pages. Returns 0 when
 * the kernel supports it. */
static int reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (!f)
        return -1;
    int ok = fputs("5", f) >= 0;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile (nearest rank) of v[0..n), which it sorts. */
static uint64_t quantile(uint64_t *v, size_t n, double q)
{
    if (!n)
        return 0;
    qsort(v, n, sizeof *v, cmp_u64);
    size_t k = (size_t)(q * (double)n + 0.999999);
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    return v[k - 1];
}

static double ms(uint64_t ns) { return (double)ns / 1e6; }

static uint64_t time_gumbo(const char *s, size_t n)
{
    GumboOptions go = kGumboDefaultOptions;
    go.max_errors = 0;
    uint64_t t0 = now_ns();
    GumboOutput *g = gumbo_parse_with_options(&go, n ? s : "", n);
    if (g)
        gumbo_destroy_output(&kGumboDefaultOptions, g);
    return now_ns() - t0;
}

static uint64_t time_api(const char *s, size_t n, uint64_t *hash, size_t *out_len)
{
    declutter_options o;
    declutter_result *r = NULL;
    declutter_options_init(&o);
    uint64_t t0 = now_ns();
    declutter_extract(s, n, &o, &r);
    if (hash)
        *hash = r ? fnv(declutter_result_text(r)) : 0;
    if (out_len)
        *out_len = r ? strlen(declutter_result_text(r)) : 0;
    declutter_result_free(r);
    return now_ns() - t0;
}

/* src/extract.c's run() with default options and a clock between stages;
 * each free is charged to the stage that allocated. t[] receives the
 * stage times; returns the hash of the text, as time_api does. */
static uint64_t time_stages(const char *html, size_t len, uint64_t t[ST_COUNT])
{
    char err[200];
    dc_decoded dec;
    dc_buf pre = DC_BUF_INIT, text = DC_BUF_INIT;
    dc_prefilter_info info;
    GumboOutput *g = NULL;
    dc_meta meta;
    dc_doc doc;
    int32_t root = -1;
    int have_doc = 0;
    uint64_t c[ST_COUNT + 1], hash;

    memset(&dec, 0, sizeof dec);
    memset(&meta, 0, sizeof meta);
    memset(&doc, 0, sizeof doc);
    memset(c, 0, sizeof c);
    c[0] = now_ns();
    int ok = !dc_sniff_binary(html, len) &&
             !dc_decode(html, len, NULL, NULL, &dec, err, sizeof err) &&
             strspn(dec.data, " \t\n\r\f") != dec.len;
    c[1] = now_ns();
    if (ok) {
        ok = !dc_prefilter(dec.data, dec.len, DC_DEPTH_DEFAULT, &pre, &info);
        free(dec.data);
        dec.data = NULL;
    }
    c[2] = now_ns();
    if (ok) {
        GumboOptions go = kGumboDefaultOptions;
        go.max_errors = 0;
        g = gumbo_parse_with_options(&go, pre.size ? pre.ptr : "", pre.size);
        ok = g != NULL;
    }
    c[3] = now_ns();
    ok = ok && !dc_meta_extract(g->document, NULL, &meta);
    c[4] = now_ns();
    if (ok && !dc_measure(g->document, 0, &doc)) {
        have_doc = 1;
        root = dc_choose(&doc);
        if (root < 0 || doc.n[root].chars < 500) {
            dc_doc alt;
            if (!dc_measure(g->document, 1, &alt)) {
                int32_t alt_root = dc_choose(&alt);
                if (alt_root >= 0 && (root < 0 || alt.n[alt_root].chars > 2 * doc.n[root].chars)) {
                    dc_doc_free(&doc);
                    doc = alt;
                    root = alt_root;
                } else {
                    dc_doc_free(&alt);
                }
            }
        }
    }
    c[5] = now_ns();
    const char *mt = meta.match_title ? meta.match_title : meta.field[DECLUTTER_FIELD_TITLE];
    if (have_doc && root >= 0 && !dc_clean(&doc, root, meta.h1, mt))
        dc_render_text(&doc, root, &text);
    if (have_doc)
        dc_teaser_page(meta.article_body, root >= 0 ? &text : NULL, DC_DEPTH_DEFAULT, doc.bias, 0,
                       &pre, &g, &doc, &root, &text);
    hash = fnv(text.ptr ? text.ptr : "");
    dc_buf_free(&text);
    c[6] = now_ns();

    /* frees, each charged to its stage */
    uint64_t f0 = now_ns();
    free(dec.data);
    uint64_t f1 = now_ns();
    dc_doc_free(&doc);
    uint64_t f2 = now_ns();
    dc_meta_free(&meta);
    uint64_t f3 = now_ns();
    if (g)
        gumbo_destroy_output(&kGumboDefaultOptions, g);
    dc_buf_free(&pre);
    uint64_t f4 = now_ns();
    for (int s = 0; s < ST_COUNT; s++)
        t[s] = c[s + 1] - c[s];
    t[ST_DECODE] += f1 - f0;
    t[ST_CHOOSE] += f2 - f1;
    t[ST_META] += f3 - f2;
    t[ST_PARSE] += f4 - f3;
    return hash;
}

static size_t parse_runs(const char *arg)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*end || v < 1 || v > 1000)
        die("bad --runs value: ", arg);
    return (size_t)v;
}

static void load_all(pages *ps)
{
    size_t kept = 0;
    for (size_t i = 0; i < ps->n; i++) {
        page *pg = &ps->p[i];
        if (read_file(pg->path, &pg->raw, &pg->len)) {
            fprintf(stderr, "bench: cannot read %s, skipped\n", pg->path);
            free(pg->path);
            continue;
        }
        dc_decoded d;
        char err[200];
        if (dc_decode(pg->raw, pg->len, NULL, NULL, &d, err, sizeof err)) {
            fprintf(stderr, "bench: %s: %s, skipped\n", pg->path, err);
            free(pg->path);
            free(pg->raw);
            continue;
        }
        pg->utf8 = d.data;
        pg->ulen = d.len;
        ps->p[kept++] = *pg;
    }
    ps->n = kept;
}

/* ---- page-set mode ---- */

static int bench_set(pages *ps, size_t runs)
{
    size_t n = ps->n;
    uint64_t total_bytes = 0, largest = 0;

    load_all(ps);
    n = ps->n;
    if (!n)
        die("no pages to time", "");
    for (size_t i = 0; i < n; i++) {
        total_bytes += ps->p[i].len;
        if (ps->p[i].len > largest)
            largest = ps->p[i].len;
    }
    long rss_loaded = proc_kib("VmRSS");
    int reset = reset_peak() == 0;

    uint64_t *tg = xmalloc(runs * n * sizeof *tg);
    uint64_t *ta = xmalloc(runs * n * sizeof *ta);
    uint64_t *ts = xmalloc(runs * n * ST_COUNT * sizeof *ts);
    uint64_t *ha = xmalloc(n * sizeof *ha);
    uint64_t wall_g[1000], wall_a[1000], wall_s[1000];
    long rss_run[1000];
    size_t mismatch = 0, ok_pages = 0;

    /* warm-up: caches, allocator arenas, lazy binding */
    for (size_t i = 0; i < n && i < 30; i++)
        time_api(ps->p[i].raw, ps->p[i].len, NULL, NULL);

    for (size_t r = 0; r < runs; r++) {
        fprintf(stderr, "bench: run %zu/%zu\n", r + 1, runs);
        uint64_t t0 = now_ns();
        for (size_t i = 0; i < n; i++)
            tg[r * n + i] = time_gumbo(ps->p[i].utf8, ps->p[i].ulen);
        uint64_t t1 = now_ns();
        for (size_t i = 0; i < n; i++) {
            size_t olen = 0;
            uint64_t h;
            ta[r * n + i] = time_api(ps->p[i].raw, ps->p[i].len, &h, &olen);
            if (r == 0) {
                ha[i] = h;
                ok_pages += olen > 0;
            }
        }
        uint64_t t2 = now_ns();
        for (size_t i = 0; i < n; i++) {
            uint64_t h = time_stages(ps->p[i].raw, ps->p[i].len, &ts[(r * n + i) * ST_COUNT]);
            if (r == 0 && h != ha[i]) {
                mismatch++;
                if (mismatch <= 3)
                    fprintf(stderr, "bench: stage pass differs from the API on %s\n",
                            ps->p[i].path);
            }
        }
        uint64_t t3 = now_ns();
        wall_g[r] = t1 - t0;
        wall_a[r] = t2 - t1;
        wall_s[r] = t3 - t2;
        rss_run[r] = proc_kib("VmRSS");
    }
    long hwm = proc_kib("VmHWM");

    /* per page: median over runs */
    uint64_t *col = xmalloc(runs * sizeof *col);
    uint64_t *pg_a = xmalloc(n * sizeof *pg_a), *pg_g = xmalloc(n * sizeof *pg_g);
    uint64_t *by_a = xmalloc(n * sizeof *by_a), *by_g = xmalloc(n * sizeof *by_g);
    uint64_t st_sum[ST_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        for (size_t r = 0; r < runs; r++)
            col[r] = ta[r * n + i];
        pg_a[i] = quantile(col, runs, 0.5);
        for (size_t r = 0; r < runs; r++)
            col[r] = tg[r * n + i];
        pg_g[i] = quantile(col, runs, 0.5);
        for (int s = 0; s < ST_COUNT; s++) {
            for (size_t r = 0; r < runs; r++)
                col[r] = ts[(r * n + i) * ST_COUNT + s];
            st_sum[s] += quantile(col, runs, 0.5);
        }
    }

    uint64_t med_g = quantile(wall_g, runs, 0.5), med_a = quantile(wall_a, runs, 0.5);
    uint64_t med_s = quantile(wall_s, runs, 0.5);
    double mb = (double)total_bytes / 1e6;
    double ratio = (double)med_a / (double)med_g;

    printf("\nwhole batch: %zu pages, %.1f MB raw, %zu run%s, one thread, median of runs\n", n, mb,
           runs, runs == 1 ? "" : "s");
    printf("  %-26s %9s %9s %8s %10s %9s\n", "", "total s", "pages/s", "MB/s", "ms/pg med",
           "ms/pg p95");
    memcpy(by_a, pg_a, n * sizeof *by_a);
    memcpy(by_g, pg_g, n * sizeof *by_g);
    uint64_t a_med = quantile(pg_a, n, 0.5), a_p95 = quantile(pg_a, n, 0.95);
    uint64_t g_med = quantile(pg_g, n, 0.5), g_p95 = quantile(pg_g, n, 0.95);
    printf("  %-26s %9.2f %9.1f %8.1f %10.2f %9.2f\n", "declutter (public API)", ms(med_a) / 1e3,
           (double)n / (ms(med_a) / 1e3), mb / (ms(med_a) / 1e3), ms(a_med), ms(a_p95));
    printf("  %-26s %9.2f %9.1f %8.1f %10.2f %9.2f\n", "gumbo alone (reference)", ms(med_g) / 1e3,
           (double)n / (ms(med_g) / 1e3), mb / (ms(med_g) / 1e3), ms(g_med), ms(g_p95));
    printf("  %-26s %9.2f\n", "declutter (staged copy)", ms(med_s) / 1e3);
    printf("  declutter / gumbo alone: %.2f  (target <= 0.60: %s)\n", ratio,
           ratio <= 0.60 ? "met" : "NOT met");

    uint64_t st_total = 0;
    for (int s = 0; s < ST_COUNT; s++)
        st_total += st_sum[s];
    uint64_t after = st_sum[ST_META] + st_sum[ST_CHOOSE] + st_sum[ST_RENDER];
    printf("\nwhere the time goes (staged copy, sum of per-page medians %.2f s)\n",
           ms(st_total) / 1e3);
    for (int s = 0; s < ST_COUNT; s++)
        printf("  %-32s %8.2f s %6.1f%%  %6.3f ms/page\n", stage_name[s], ms(st_sum[s]) / 1e3,
               100.0 * (double)st_sum[s] / (double)st_total, ms(st_sum[s]) / (double)n);
    double after_share = 100.0 * (double)after / (double)st_total;
    printf("  %-32s %8.2f s %6.1f%%  (target <= 20%%: %s)\n", "extraction after parse",
           ms(after) / 1e3, after_share, after_share <= 20.0 ? "met" : "NOT met");
    printf("  staged copy matches the API on %zu/%zu pages; %zu pages gave text\n", n - mismatch, n,
           ok_pages);

    /* per set, in order of first appearance (unsorted copies of pg_*) */
    printf("\nper set (each page's median over runs)\n");
    printf("  %-18s %6s %8s %12s %12s %8s\n", "set", "pages", "MB", "API ms/page", "gumbo ms/pg",
           "ratio");
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = ps->p[j].set_len == ps->p[i].set_len &&
                   !memcmp(ps->p[j].set, ps->p[i].set, ps->p[i].set_len);
        if (seen)
            continue;
        uint64_t sa = 0, sg = 0, sb = 0;
        size_t k = 0;
        for (size_t j = i; j < n; j++)
            if (ps->p[j].set_len == ps->p[i].set_len &&
                !memcmp(ps->p[j].set, ps->p[i].set, ps->p[i].set_len)) {
                sa += by_a[j];
                sg += by_g[j];
                sb += ps->p[j].len;
                k++;
            }
        printf("  %-18.*s %6zu %8.1f %12.2f %12.2f %8.2f\n", (int)ps->p[i].set_len, ps->p[i].set, k,
               (double)sb / 1e6, ms(sa) / (double)k, ms(sg) / (double)k,
               sg ? (double)sa / (double)sg : 0.0);
    }

    printf("\nmemory (this process)\n");
    printf("  pages held in memory (raw + UTF-8 copy): RSS %.1f MB after loading\n",
           (double)rss_loaded / 1024.0);
    if (reset && hwm >= 0)
        printf("  peak RSS while timing: %.1f MB, i.e. %.1f MB above the loaded pages"
               " (largest page %.2f MB: %.1fx)\n",
               (double)hwm / 1024.0, (double)(hwm - rss_loaded) / 1024.0, (double)largest / 1e6,
               (double)(hwm - rss_loaded) * 1024.0 / (double)largest);
    else
        printf("  peak RSS: %.1f MB (includes loading; the kernel cannot reset the peak)\n",
               (double)hwm / 1024.0);

    /* Each run makes 2 x pages extractions: a leak shows as RSS growing
     * from run to run. */
    printf("  RSS after each run, MB:");
    for (size_t r = 0; r < runs; r++)
        printf(" %.1f", (double)rss_run[r] / 1024.0);
    printf("  (%zu extractions per run)\n", 2 * n);

    free(col);
    free(pg_a);
    free(pg_g);
    free(by_a);
    free(by_g);
    free(tg);
    free(ta);
    free(ts);
    free(ha);
    return mismatch ? 1 : 0;
}

/* ---- API only: the declutter side of a comparison with another tool ---- */

static int bench_api(pages *ps, size_t runs)
{
    load_all(ps);
    size_t n = ps->n;
    if (!n)
        die("no pages to time", "");
    uint64_t *t = xmalloc(runs * n * sizeof *t), *col = xmalloc(runs * sizeof *col);
    uint64_t *pg = xmalloc(n * sizeof *pg), sum = 0;
    for (size_t i = 0; i < n && i < 30; i++)
        time_api(ps->p[i].raw, ps->p[i].len, NULL, NULL);
    for (size_t r = 0; r < runs; r++)
        for (size_t i = 0; i < n; i++)
            t[r * n + i] = time_api(ps->p[i].raw, ps->p[i].len, NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        for (size_t r = 0; r < runs; r++)
            col[r] = t[r * n + i];
        pg[i] = quantile(col, runs, 0.5);
        sum += pg[i];
    }
    printf("declutter %zu %.3f %.3f %.3f\n", n, ms(sum) / (double)n, ms(quantile(pg, n, 0.5)),
           ms(quantile(pg, n, 0.95)));
    free(t);
    free(col);
    free(pg);
    return 0;
}

/* ---- scaling mode ---- */

/* The last two components of a path: enough to name a page of a set. */
static const char *short_path(const char *p)
{
    const char *s = strrchr(p, '/');
    if (!s)
        return p;
    while (s > p && s[-1] != '/')
        s--;
    return s;
}

static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (s[i + j] | 0x20) == needle[j])
            j++;
        if (j == k)
            return s + i;
    }
    return NULL;
}

static const char *rfind_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;) {
        size_t j = 0;
        while (j < k && (s[i + j] | 0x20) == needle[j])
            j++;
        if (j == k)
            return s + i;
    }
    return NULL;
}

/* head + copies x body + tail: the page's body content repeated. */
static char *build_doc(const char *s, size_t head, size_t body, size_t tail_at, size_t len,
                       size_t copies, size_t *out_len)
{
    size_t n = head + copies * body + (len - tail_at);
    char *d = xmalloc(n + 1), *w = d;
    memcpy(w, s, head);
    w += head;
    for (size_t c = 0; c < copies; c++) {
        memcpy(w, s + head, body);
        w += body;
    }
    memcpy(w, s + tail_at, len - tail_at);
    d[n] = '\0';
    *out_len = n;
    return d;
}

/* Deepest element of a gumbo tree, walked with an explicit stack. */
static size_t tree_depth(const char *s, size_t n)
{
    GumboOptions go = kGumboDefaultOptions;
    go.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&go, s, n);
    size_t cap = 1024, top = 0, deepest = 0;
    const GumboNode **st = xmalloc(cap * sizeof *st);
    size_t *dp = xmalloc(cap * sizeof *dp);
    st[top] = g->document;
    dp[top++] = 0;
    while (top) {
        const GumboNode *x = st[--top];
        size_t d = dp[top];
        if (d > deepest)
            deepest = d;
        const GumboVector *kids = x->type == GUMBO_NODE_ELEMENT || x->type == GUMBO_NODE_TEMPLATE
                                      ? &x->v.element.children
                                  : x->type == GUMBO_NODE_DOCUMENT ? &x->v.document.children
                                                                   : NULL;
        for (unsigned i = 0; kids && i < kids->length; i++) {
            const GumboNode *k = kids->data[i];
            if (k->type != GUMBO_NODE_ELEMENT && k->type != GUMBO_NODE_TEMPLATE)
                continue;
            if (top == cap) {
                cap *= 2;
                st = realloc(st, cap * sizeof *st);
                dp = realloc(dp, cap * sizeof *dp);
                if (!st || !dp)
                    die("out of memory", "");
            }
            st[top] = k;
            dp[top++] = d + 1;
        }
    }
    free(st);
    free(dp);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return deepest;
}

typedef struct scale_run {
    size_t len, out_len;
    uint64_t api, gumbo;
    long hwm_kib;
} scale_run;

/* Peak RSS of one extraction of d[0..n). */
static void peak_of(const char *d, size_t n, scale_run *sr)
{
    reset_peak();
    time_api(d, n, NULL, &sr->out_len);
    sr->hwm_kib = proc_kib("VmHWM");
    sr->len = n;
}

/* Times the two documents in turns (1 MB, 10 MB, 1 MB, ...), so that the
 * machine's noise over time falls on both alike; each run takes the 1 MB
 * page's median of SMALL_REPS passes, as its single pass is short enough
 * for one hiccup to move it. Medians over runs. */
#define SMALL_REPS 5
static void time_pair(const char *d1, size_t n1, const char *d10, size_t n10, size_t runs,
                      scale_run *r1, scale_run *r10)
{
    uint64_t *a1 = xmalloc(runs * sizeof *a1), *g1 = xmalloc(runs * sizeof *g1);
    uint64_t *a10 = xmalloc(runs * sizeof *a10), *g10 = xmalloc(runs * sizeof *g10);
    uint64_t rep[SMALL_REPS];
    size_t out;
    for (size_t r = 0; r < runs; r++) {
        for (int k = 0; k < SMALL_REPS; k++)
            rep[k] = time_api(d1, n1, NULL, &out);
        a1[r] = quantile(rep, SMALL_REPS, 0.5);
        a10[r] = time_api(d10, n10, NULL, &out);
        for (int k = 0; k < SMALL_REPS; k++)
            rep[k] = time_gumbo(d1, n1);
        g1[r] = quantile(rep, SMALL_REPS, 0.5);
        g10[r] = time_gumbo(d10, n10);
    }
    r1->api = quantile(a1, runs, 0.5);
    r1->gumbo = quantile(g1, runs, 0.5);
    r10->api = quantile(a10, runs, 0.5);
    r10->gumbo = quantile(g10, runs, 0.5);
    free(a1);
    free(g1);
    free(a10);
    free(g10);
}

/* Picks the first page that is UTF-8 already (so copies can be joined
 * as they are), 50-400 KB, has main content, and whose body repeated
 * three times nests no deeper than once: then the copies sit side by
 * side and only the body grows. */
static int bench_scale(pages *ps, size_t runs)
{
    const size_t one_mb = 1u << 20;
    for (size_t i = 0; i < ps->n; i++) {
        char *s;
        size_t len, olen = 0;
        if (read_file(ps->p[i].path, &s, &len))
            continue;
        dc_decoded dec;
        char err[200];
        const char *b = NULL, *gt = NULL, *e = NULL;
        int fit =
            len >= 50000 && len <= 400000 && !dc_decode(s, len, NULL, NULL, &dec, err, sizeof err);
        if (fit) {
            fit = dec.len == len && !memcmp(dec.data, s, len);
            free(dec.data);
        }
        if (fit) {
            b = find_ci(s, len, "<body");
            gt = b ? memchr(b, '>', len - (size_t)(b - s)) : NULL;
            e = gt ? rfind_ci(s, len, "</body") : NULL;
            fit = e && e > gt;
        }
        if (fit) {
            time_api(s, len, NULL, &olen);
            fit = olen >= 1000;
        }
        size_t head = 0, body = 0, tail_at = 0;
        if (fit) {
            head = (size_t)(gt + 1 - s);
            tail_at = (size_t)(e - s);
            body = tail_at - head;
            size_t n3;
            char *d3 = build_doc(s, head, body, tail_at, len, 3, &n3);
            fit = tree_depth(d3, n3) == tree_depth(s, len);
            free(d3);
        }
        if (!fit) {
            free(s);
            continue;
        }

        size_t copies = (one_mb - (len - body) + body - 1) / body;
        if (!copies)
            copies = 1;
        scale_run r1, r10;
        size_t n1, n10;
        char *d1 = build_doc(s, head, body, tail_at, len, copies, &n1);
        peak_of(d1, n1, &r1);
        char *d10 = build_doc(s, head, body, tail_at, len, 10 * copies, &n10);
        peak_of(d10, n10, &r10);
        time_pair(d1, n1, d10, n10, runs, &r1, &r10);
        free(d1);
        free(d10);

        printf("\nscaling: body of %s (%.0f KB, body %.0f KB) repeated in one document;"
               " median of %zu runs taken in turns\n",
               short_path(ps->p[i].path), (double)len / 1e3, (double)body / 1e3, runs);
        printf("  %-10s %7s %8s %10s %10s %10s %12s %10s\n", "page", "copies", "MB", "API ms",
               "ms/MB", "gumbo ms", "peak RSS MB", "RSS/input");
        const scale_run *rs[2] = {&r1, &r10};
        for (int k = 0; k < 2; k++)
            printf("  %-10s %7zu %8.2f %10.1f %10.1f %10.1f %12.1f %9.1fx\n",
                   k ? "~10 MB" : "~1 MB", k ? 10 * copies : copies, (double)rs[k]->len / 1e6,
                   ms(rs[k]->api), ms(rs[k]->api) / ((double)rs[k]->len / 1e6), ms(rs[k]->gumbo),
                   (double)rs[k]->hwm_kib / 1024.0,
                   (double)rs[k]->hwm_kib * 1024.0 / (double)rs[k]->len);
        double tr = (double)r10.api / (double)r1.api;
        printf("  time(10 MB)/time(1 MB) = %.2f for %.2fx the bytes (target <= 12: %s);"
               " gumbo alone %.2f\n",
               tr, (double)r10.len / (double)r1.len, tr <= 12 ? "met" : "NOT met",
               (double)r10.gumbo / (double)r1.gumbo);
        double mr = (double)r10.hwm_kib * 1024.0 / (double)r10.len;
        printf("  peak RSS of the whole process / input = %.1fx at 10 MB (target < 20x: %s);"
               " text out: %zu and %zu bytes\n",
               mr, mr < 20 ? "met" : "NOT met", r1.out_len, r10.out_len);
        free(s);
        return 0;
    }
    printf("\nscaling: no page fits (UTF-8, 50-400 KB, with content, body repeats flat)\n");
    return 1;
}

int main(int argc, char **argv)
{
    pages ps = {NULL, 0, 0};
    size_t runs = 5;
    int scale = 0, api_only = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strncmp(a, "--runs=", 7))
            runs = parse_runs(a + 7);
        else if (!strncmp(a, "--list=", 7))
            add_list(&ps, a + 7);
        else if (!strcmp(a, "--scale"))
            scale = 1;
        else if (!strcmp(a, "--api-only"))
            api_only = 1;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            printf("usage: bench [--scale | --api-only] [--runs=N] [--list=FILE] [PAGE...]\n");
            return 0;
        } else if (a[0] == '-' && a[1])
            die("unknown option ", a);
        else
            add_path(&ps, a);
    }
    if (!ps.n)
        die("no pages given (PAGE... or --list=FILE)", "");
    int st = scale      ? bench_scale(&ps, runs)
             : api_only ? bench_api(&ps, runs)
                        : bench_set(&ps, runs);
    fflush(stdout);
    pages_free(&ps);
    return st;
}
