/* SPDX-License-Identifier: MIT */
/*
 * The input reader: the only module that knows gzip. It opens a file (or
 * stdin), tells gzip from text by the magic bytes, inflates gzip (all
 * members of a concatenated file) with ISA-L or zlib, and hands the text out
 * in large chunks. With a reader thread, inflating runs ahead into a ring of
 * chunks while the caller parses the previous ones.
 */
#ifndef FLOWPATH_INPUT_H
#define FLOWPATH_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum input_error {
	INPUT_E_OPEN = -1,      /* the file could not be opened */
	INPUT_E_READ = -2,      /* a read failed */
	INPUT_E_TRUNCATED = -3, /* gzip data ends before its end marker */
	INPUT_E_CRC = -4,       /* gzip checksum or length mismatch */
	INPUT_E_NOT_GZIP = -5,  /* named .gz but not gzip data */
	INPUT_E_CORRUPT = -6,   /* invalid deflate data or gzip header */
	INPUT_E_TRAILING = -7,  /* bytes after the last gzip member (which
				 * ended cleanly: the text before is whole) */
	INPUT_E_EMPTY = -8,     /* the input has no bytes at all */
	INPUT_E_ISDIR = -9,     /* a directory where a file was expected */
	INPUT_E_THREAD = -10,   /* the reader thread could not start */
	INPUT_E_FORMAT = -11,   /* a file format that is not text (Parquet) */
};

enum input_backend { INPUT_BACKEND_DEFAULT = 0, INPUT_BACKEND_ZLIB, INPUT_BACKEND_ISAL };

struct input_opts {
	enum input_backend backend; /* DEFAULT: ISA-L when built with it */
	size_t chunk_size;          /* bytes of text per chunk; 0: 1 MiB */
	int nchunks;                /* chunks in the ring; 0: 4 */
	int threaded;               /* inflate in a reader thread */
};

struct input;

/* Name of the backend a DEFAULT choice uses: "isal" or "zlib". */
const char *input_default_backend(void);

/* Nonzero when this build has the backend. */
int input_have_backend(enum input_backend b);

/*
 * Open path ("-" is standard input). Returns 0 with *out set, or a negative
 * enum input_error with d filled (file name and reason). Detection of gzip
 * and all reading happen later, in input_next.
 */
int input_open(struct input **out, const char *path, const struct input_opts *o,
	       struct diag *d);

/*
 * The next chunk of text. Returns 1 with *p and *n set (valid until the next
 * call or input_free), 0 at the clean end of the input, or a negative enum
 * input_error with d filled. After an error every further call returns the
 * same error. Chunks end anywhere, also inside a line.
 */
int input_next(struct input *in, const char **p, size_t *n, struct diag *d);

/*
 * Without a reader thread (threaded 0): inflate or copy the next text
 * straight into the caller's buf (cap > 0 bytes), so that a caller that cuts
 * lines itself needs no second copy. Returns 1 with *n == cap (more may
 * follow), 0 at the clean end (*n bytes, maybe 0, were the last), or a
 * negative enum input_error with d filled (the *n bytes before the error are
 * good text). After the end or an error every call returns the same.
 * Do not mix with input_next on one input.
 */
int input_read(struct input *in, char *buf, size_t cap, size_t *n, struct diag *d);

/* Bytes read from the file so far (compressed bytes for gzip). */
uint64_t input_bytes_read(const struct input *in);
/* Nonzero once the input has been seen to be gzip. */
int input_is_gzip(const struct input *in);
/* Gzip members started so far. */
uint64_t input_members(const struct input *in);

/* Stop the reader thread, close the file, free everything. NULL is fine. */
void input_free(struct input *in);

/* Does path end in ".gz" (a name that promises gzip data)? */
int input_gz_name(const char *path);

/* Short text of an error code ("truncated gzip"). */
const char *input_strerror(int code);

#endif
