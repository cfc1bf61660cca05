#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int walk_wanted(const char *name)
{
    static const char *const ext[] = {".html", ".htm", ".xhtml", ".warc"};
    size_t n = strlen(name);
    char base[16];

    if (ascii_has_suffix(name, ".gz"))
        n -= 3;
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t m = strlen(ext[i]);

        if (n > m) {
            memcpy(base, name + n - m, m);
            if (ascii_ncaseeq(base, ext[i], m))
                return 1;
        }
    }
    return 0;
}

static int add(walk_list *l, const char *path, int err)
{
    char *p;

    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        walk_entry *nv = realloc(l->v, ncap * sizeof *nv);

        if (nv == NULL)
            return -1;
        l->v = nv;
        l->cap = ncap;
    }
    p = mem_strdup(path, strlen(path));
    if (p == NULL)
        return -1;
    l->v[l->n].path = p;
    l->v[l->n].err = err;
    l->n++;
    return 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const walk_entry *)a)->path, ((const walk_entry *)b)->path);
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *p = malloc(dl + (size_t)slash + nl + 1);

    if (p != NULL) {
        memcpy(p, dir, dl);
        if (slash)
            p[dl] = '/';
        memcpy(p + dl + (size_t)slash, name, nl + 1);
    }
    return p;
}

int walk_dir(const char *dir, walk_list *out)
{
    char **stack = NULL;
    size_t depth = 0, cap = 0, first = out->n;
    struct stat st;
    int rc = 0;

    if (stat(dir, &st) != 0)
        return add(out, dir, errno);
    if (!S_ISDIR(st.st_mode))
        return add(out, dir, 0);
    /* Directories still to read; an explicit stack, not recursion. */
    stack = malloc(sizeof *stack);
    if (stack == NULL || (stack[0] = mem_strdup(dir, strlen(dir))) == NULL) {
        free(stack);
        return -1;
    }
    depth = cap = 1;
    while (depth > 0 && rc == 0) {
        char *cur = stack[--depth];
        DIR *d = opendir(cur);
        struct dirent *e;

        if (d == NULL) {
            rc = add(out, cur, errno);
            free(cur);
            continue;
        }
        while (rc == 0 && (e = readdir(d)) != NULL) {
            char *p;

            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            p = join(cur, e->d_name);
            if (p == NULL) {
                rc = -1;
                break;
            }
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                if (depth == cap) {
                    char **ns = realloc(stack, cap * 2 * sizeof *ns);

                    if (ns == NULL) {
                        free(p);
                        rc = -1;
                        break;
                    }
                    stack = ns;
                    cap *= 2;
                }
                stack[depth++] = p;
                continue;
            }
            if (walk_wanted(e->d_name) && stat(p, &st) == 0
                && S_ISREG(st.st_mode))
                rc = add(out, p, 0);
            free(p);
        }
        closedir(d);
        free(cur);
    }
    while (depth > 0)
        free(stack[--depth]);
    free(stack);
    qsort(out->v + first, out->n - first, sizeof *out->v, by_path);
    return rc;
}

void walk_free(walk_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].path);
    free(l->v);
    memset(l, 0, sizeof *l);
}
