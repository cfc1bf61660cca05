/* Small helpers shared by the CLI's modules: a growable byte buffer and
 * JSON string output. The CLI uses only the public library API, so it
 * keeps its own buffer type. */
#ifndef DECLUTTER_CLI_UTIL_H
#define DECLUTTER_CLI_UTIL_H

#include <stddef.h>

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* Bytes p[0..len), NUL-terminated once anything was added. After a
 * failed allocation oom is set and later additions do nothing. */
typedef struct sbuf {
    char *p;
    size_t len;
    size_t cap;
    int oom;
} sbuf;

#define SBUF_INIT {NULL, 0, 0, 0}

/* Room for extra more bytes plus a NUL; 0 on success. */
int sb_reserve(sbuf *b, size_t extra);
void sb_add(sbuf *b, const void *p, size_t n);
void sb_adds(sbuf *b, const char *s);
void sb_addc(sbuf *b, char c);
PRINTF_LIKE(2, 3)
void sb_printf(sbuf *b, const char *fmt, ...);
void sb_free(sbuf *b);
/* Hands the bytes over (never NULL unless oom) and empties b. */
char *sb_detach(sbuf *b);

/* Appends s[0..n) as a quoted JSON string. Invalid UTF-8 becomes
 * U+FFFD, so the output is valid JSON whatever the bytes. */
void sb_json_str(sbuf *b, const char *s, size_t n);

/* A malloc'ed copy of s with each invalid UTF-8 byte replaced by
 * U+FFFD; NULL when out of memory. */
char *utf8_clean(const char *s);

/* Monotonic seconds. */
double now_seconds(void);

/* malloc'ed copy of s[0..n) with a NUL; NULL when out of memory. */
char *mem_strdup(const char *s, size_t n);

/* ASCII case-insensitive comparisons (locale-independent). */
int ascii_ncaseeq(const char *a, const char *b, size_t n);
int ascii_has_suffix(const char *s, const char *suffix);

#endif
