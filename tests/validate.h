/* Output checks shared by the pathological suite and the fuzz target:
 * strict UTF-8 and a JSON syntax check. Neither recurses, so hostile
 * output cannot overflow the test's stack either. */
#ifndef DC_VALIDATE_H
#define DC_VALIDATE_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* 1 when s[0..n) is UTF-8 without overlong forms, surrogates or values
 * above U+10FFFF. */
static inline int valid_utf8(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            k = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else {
            return 0;
        }
        if (i + k >= n)
            return 0;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t j = 2; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k + 1;
    }
    return 1;
}

static inline size_t json_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* Past the JSON string at s[i] == '"', or 0 when it is malformed. */
static inline size_t json_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            return i + 1;
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            if (++i >= n)
                return 0;
            if (s[i] == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (i + k >= n || !strchr("0123456789abcdefABCDEF", s[i + k]) || !s[i + k])
                        return 0;
                i += 4;
            } else if (!strchr("\"\\/bfnrt", s[i]) || !s[i]) {
                return 0;
            }
        }
    }
    return 0;
}

static inline size_t json_number(const char *s, size_t n, size_t i)
{
    size_t st = i;
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0')
        i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9')
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    else
        return 0;
    if (i < n && s[i] == '.') {
        size_t d = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return 0;
    }
    return i > st ? i : 0;
}

/* 1 when s[0..n) is exactly one JSON value, with optional whitespace
 * around it. */
static inline int valid_json(const char *s, size_t n)
{
    char stack[256]; /* open containers; deeper output is rejected */
    size_t sp = 0, i = json_ws(s, n, 0);
    for (;;) {
        /* a value */
        if (i >= n)
            return 0;
        if (s[i] == '{' || s[i] == '[') {
            if (sp == sizeof stack)
                return 0;
            stack[sp++] = s[i];
            i = json_ws(s, n, i + 1);
            if (i < n && s[i] == (stack[sp - 1] == '{' ? '}' : ']')) {
                sp--;
                i++;
                goto after_value;
            }
            if (stack[sp - 1] == '{')
                goto key;
            continue;
        }
        if (s[i] == '"')
            i = json_string(s, n, i);
        else if (n - i >= 4 && memcmp(s + i, "true", 4) == 0)
            i += 4;
        else if (n - i >= 5 && memcmp(s + i, "false", 5) == 0)
            i += 5;
        else if (n - i >= 4 && memcmp(s + i, "null", 4) == 0)
            i += 4;
        else
            i = json_number(s, n, i);
        if (!i)
            return 0;
    after_value:
        for (;;) {
            i = json_ws(s, n, i);
            if (!sp)
                return i == n;
            if (i >= n)
                return 0;
            char close = stack[sp - 1] == '{' ? '}' : ']';
            if (s[i] == close) {
                sp--;
                i++;
                continue;
            }
            if (s[i] != ',')
                return 0;
            i = json_ws(s, n, i + 1);
            if (stack[sp - 1] == '{')
                goto key;
            break;
        }
        continue;
    key:
        if (i >= n || s[i] != '"' || !(i = json_string(s, n, i)))
            return 0;
        i = json_ws(s, n, i);
        if (i >= n || s[i] != ':')
            return 0;
        i = json_ws(s, n, i + 1);
    }
}

#endif
