/* SPDX-License-Identifier: MIT */
/*
 * Small helpers shared by every module: allocation that cannot fail (out of
 * memory aborts in one place), checked number parsing, and string views.
 */
#ifndef FLOWPATH_UTIL_H
#define FLOWPATH_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Allocate or abort with a message on stderr: the one place out of memory
 * is handled. xfree(NULL) is allowed, as free(NULL). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A view of bytes owned by someone else; not NUL-terminated. */
struct strview {
	const char *p;
	size_t len;
};

/*
 * Parse a whole string as an unsigned decimal number no larger than max.
 * Returns 0 and stores the value, or -1 on an empty string, a character
 * that is not a digit, or a value above max (no partial results).
 */
int parse_u64(const char *s, size_t len, uint64_t max, uint64_t *out);


/* a + b, or UINT64_MAX when the sum does not fit: byte and packet counts
 * saturate rather than wrap (records may each hold 2^64 - 1) */
static inline uint64_t sat_add(uint64_t a, uint64_t b)
{
	uint64_t s;
	return __builtin_add_overflow(a, b, &s) ? UINT64_MAX : s;
}

/* How far x is from base, in percent of base (base > 0): the NAT gateway's
 * workload records against its own ENI's (paths.md 5). */
static inline double pct_apart(uint64_t x, uint64_t base)
{
	return 100.0 * ((double)x - (double)base) / (double)base;
}

#endif
