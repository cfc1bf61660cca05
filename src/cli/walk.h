/* -r/--recursive: the page files under a directory, in a fixed order. */
#ifndef DECLUTTER_CLI_WALK_H
#define DECLUTTER_CLI_WALK_H

#include <stddef.h>

typedef struct walk_entry {
    char *path;
    int err;          /* 0, or why path (a directory) could not be read */
} walk_entry;

typedef struct walk_list {
    walk_entry *v;
    size_t n;
    size_t cap;
} walk_list;

/* 1 when a file name counts as a page for -r: .html, .htm, .xhtml,
 * .warc, each optionally followed by .gz (any letter case). */
int walk_wanted(const char *name);

/*
 * Appends to out the regular files under dir whose names walk_wanted()
 * accepts, and an entry with err set for each directory that cannot be
 * read, sorted by path (byte order). Symbolic links to files are taken,
 * links to directories are not followed. dir itself may be a file.
 * Returns 0, or -1 when out of memory.
 */
int walk_dir(const char *dir, walk_list *out);

void walk_free(walk_list *l);

#endif
