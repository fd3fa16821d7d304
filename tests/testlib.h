/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the test programs: scratch directories, files written
 * and read whole, gzip data made with zlib (no binary fixtures), and
 * running the flowpath binary with its stdout, stderr and exit status
 * captured. Every helper fails the test (cmocka) or aborts on a system
 * error, so callers do not check results.
 */
#ifndef FLOWPATH_TESTLIB_H
#define FLOWPATH_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

/* A new empty directory under $TMPDIR (or /tmp); free() the result. */
char *tl_mkdtemp(void);
/* Remove a directory tree (symbolic links are not followed). */
void tl_rmtree(const char *dir);
/* A scratch directory for a test program: tl_dir_setup makes tl_dir and
 * tl_dir_teardown removes it (cmocka setup and teardown functions). */
extern char *tl_dir;
int tl_dir_setup(void **state);
int tl_dir_teardown(void **state);
/* dir + "/" + name, malloc'd. */
char *tl_path(const char *dir, const char *name);
/* Write n bytes to path (created or truncated). */
void tl_write_file(const char *path, const void *p, size_t n);
/* Read a whole file into a NUL-terminated malloc'd buffer; *n its size. */
char *tl_read_file(const char *path, size_t *n);

/* Compress p as one gzip member (zlib, level 6); *out malloc'd. */
size_t tl_gzip(const void *p, size_t n, unsigned char **out);
/* tl_gzip and write the result to path; returns the compressed size. */
size_t tl_write_gzip(const char *path, const void *p, size_t n);

struct tl_run {
	int status;   /* exit status, or 128 + signal */
	char *out;    /* stdout, NUL-terminated */
	size_t outlen;
	char *err;    /* stderr, NUL-terminated */
	size_t errlen;
};

/*
 * Run argv (argv[0] a path) with stdin from stdin_path (NULL: /dev/null)
 * and stdout to stdout_path (NULL: captured). Fills r; tl_run_free after.
 */
void tl_run(const char *const *argv, const char *stdin_path, const char *stdout_path,
	    struct tl_run *r);
void tl_run_free(struct tl_run *r);

/* The next number of a xorshift64 sequence kept in *state (not 0). */
uint64_t tl_xorshift(uint64_t *state);

/* Occurrences of needle in hay. */
size_t tl_count(const char *hay, const char *needle);

#endif
