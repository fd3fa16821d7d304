/* SPDX-License-Identifier: MIT */
/*
 * Longest-prefix match over IPv4 and IPv6 prefixes: AWS service ranges,
 * subnets, route tables and interface addresses all go through one table
 * type. Prefixes are added, then the table is compiled once; a compiled
 * table answers a lookup with a walk down a small bucket index and a binary
 * search of a handful of entries of a flat sorted array, without
 * allocating. IPv4 and IPv6 prefixes live in the same table but never match
 * each other's addresses (an IPv4-mapped IPv6 address is an IPv6 address
 * here).
 *
 * A compiled table is read-only for lookups: any number of threads may call
 * prefix_lookup on it at once. Adding, setting, building and freeing need
 * the caller's exclusive access.
 */
#ifndef FLOWPATH_PREFIX_H
#define FLOWPATH_PREFIX_H

#include <stddef.h>
#include <stdint.h>

#include "flowlog.h"

/* Error codes (negative). */
#define PREFIX_E_LEN (-1)      /* bad prefix length or address family */
#define PREFIX_E_NOTFOUND (-2) /* no such exact prefix in the table */

struct prefix_table;

/* A new, empty table. Never NULL (out of memory aborts). Free it with
 * prefix_free. */
struct prefix_table *prefix_new(void);

/* Free a table and everything it holds. t may be NULL. */
void prefix_free(struct prefix_table *t);

/*
 * Add the prefix addr/plen (family 4: plen 0..32; family 6: plen 0..128)
 * with a caller-chosen value. Host bits of addr beyond plen are ignored.
 * Returns:
 *   0               added;
 *   1               that exact prefix (after masking) is already present:
 *                   nothing changes, and *existing, when existing is not
 *                   NULL, gets the value it holds;
 *   PREFIX_E_LEN    plen out of range or a family other than 4 or 6.
 * Adding to a table that was already built is allowed: the table becomes
 * unbuilt (lookups stay correct but slow, see prefix_lookup) until the next
 * prefix_build. addr is not kept.
 */
int prefix_add(struct prefix_table *t, const struct fl_addr *addr, int plen,
	       uint32_t value, uint32_t *existing);

/*
 * Replace the value of the exact prefix addr/plen (host bits ignored). Works
 * on a built table too, which stays built (the compiled copy is patched).
 * Returns 0, PREFIX_E_NOTFOUND when that exact prefix was never added, or
 * PREFIX_E_LEN for a bad plen or family.
 */
int prefix_set(struct prefix_table *t, const struct fl_addr *addr, int plen,
	       uint32_t value);

/*
 * Compile the table for fast lookups. Call it after the adds; calling it
 * again after more adds rebuilds it, and with nothing changed does nothing.
 * Memory is proportional to the number of prefixes (about 1.5 MB in all
 * for the ~11,000 distinct prefixes of AWS's ip-ranges.json).
 */
void prefix_build(struct prefix_table *t);

/*
 * Longest-prefix match for addr. Returns 1 and sets *value (and *plen when
 * plen is not NULL) to the value and length of the longest prefix that
 * holds addr; returns 0, leaving them untouched, when no prefix holds it or
 * addr's family is neither 4 nor 6. value must not be NULL.
 * On a built table this takes a few memory reads (a bounded number,
 * independent of the table's size) and no allocation. On a table that was
 * never built, or got adds after its last build, the answer is still right
 * but found by a linear scan: build before the hot path.
 */
int prefix_lookup(const struct prefix_table *t, const struct fl_addr *addr,
		  uint32_t *value, int *plen);

/* Number of distinct prefixes in the table (both families). */
size_t prefix_count(const struct prefix_table *t);

/*
 * Parse a prefix of len bytes (not NUL-terminated): "10.0.0.0/16",
 * "2600:1f18::/36", or a bare address, which is a /32 or /128. No spaces;
 * the length is decimal, at most 32 for IPv4 and 128 for IPv6. Host bits set
 * beyond the length ("10.0.0.1/16") are accepted and cleared in *addr.
 * Returns 0 and fills *addr and *plen, or -1 on bad text (both untouched).
 */
int prefix_parse(const char *s, size_t len, struct fl_addr *addr, int *plen);

/*
 * Nonzero when the prefix a/alen holds the address x (same family, and the
 * first alen bits equal). Host bits of a are ignored. 0 for a family
 * mismatch, a family other than 4 or 6, or an alen out of range.
 */
int prefix_contains(const struct fl_addr *a, int alen, const struct fl_addr *x);

#endif
