/* Reading WARC files (WARC/1.0 and 1.1), plain, gzip-compressed per
 * record (concatenated gzip members) or as a whole. A damaged record
 * is reported and the reader picks up again at the next record. */
#ifndef DECLUTTER_CLI_WARC_H
#define DECLUTTER_CLI_WARC_H

#include <stddef.h>

typedef struct warc_reader warc_reader;

typedef enum warc_event {
    WARC_RECORD = 0,  /* a record; see warc_record */
    WARC_BAD,         /* a damaged record or stray data; error says why */
    WARC_END,         /* no more records */
    WARC_IO           /* reading failed; error says why */
} warc_event;

/* Everything borrowed from the reader, valid until the next call. */
typedef struct warc_record {
    unsigned long number;        /* 1-based position in the file */
    unsigned long long offset;   /* in the decompressed stream */
    const char *type;            /* WARC-Type, "" when absent */
    const char *target_uri;      /* WARC-Target-URI, or NULL */
    const char *record_id;       /* WARC-Record-ID, or NULL */
    const char *date;            /* WARC-Date, or NULL */
    const char *content_type;    /* Content-Type, or NULL */
    const char *block;           /* the record's block */
    size_t block_len;
    int oversized;               /* block longer than the limit: block
                                    holds only its first bytes */
    const char *error;           /* WARC_BAD, WARC_IO */
} warc_record;

/* Reads from fd (not closed by the reader). Blocks longer than limit
 * bytes (0 = no limit) are skipped rather than held in memory. NULL when
 * out of memory. */
warc_reader *warc_open(int fd, size_t limit);
warc_event warc_next(warc_reader *r, warc_record *rec);
void warc_close(warc_reader *r);

/* 1 when the regular file path starts like a WARC file, plain or gzip. */
int warc_sniff(const char *path);

#endif
