/* SPDX-License-Identifier: MIT */
/*
 * A string pool: each distinct string gets a small id (1, 2, ...; 0 is
 * reserved for "no string"), stored once. Lookups by (pointer, length) need
 * no NUL terminator and allocate nothing when the string is known.
 */
#ifndef FLOWPATH_STRPOOL_H
#define FLOWPATH_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

struct strpool;

struct strpool *strpool_new(void);
void strpool_free(struct strpool *p); /* NULL ok */

/* The id of a string, adding it when new. len 0 gives id 0 ("none"). */
uint32_t strpool_intern(struct strpool *p, const char *s, size_t len);
/* The id of a string, or 0 when it is not in the pool. */
uint32_t strpool_find(const struct strpool *p, const char *s, size_t len);
/* The NUL-terminated string of an id ("" for 0); valid while p lives. */
const char *strpool_str(const struct strpool *p, uint32_t id);
/* Its length. */
size_t strpool_len(const struct strpool *p, uint32_t id);
/* Number of strings (ids run from 1 to this). */
uint32_t strpool_count(const struct strpool *p);

/* A 64-bit hash of bytes (also used by other hash tables). */
uint64_t hash_bytes(const void *data, size_t len, uint64_t seed);

#endif
