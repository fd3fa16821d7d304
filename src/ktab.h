/* SPDX-License-Identifier: MIT */
/*
 * A keyed counter table for the secondary reports (timeline, talkers): a
 * key of up to KTAB_NSTR strings and KTAB_NINT small integers, the same
 * counters as the core aggregate. Its size can be capped: past the cap, new
 * keys are added to one overflow row and counted, so memory stays bounded
 * and nothing is lost from the totals.
 */
#ifndef FLOWPATH_KTAB_H
#define FLOWPATH_KTAB_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"

#define KTAB_NSTR 10
#define KTAB_NINT 4

struct ktab_key {
	uint32_t s[KTAB_NSTR]; /* string ids in the table's pool, 0 = empty */
	int32_t i[KTAB_NINT];
};

struct ktab_row {
	struct ktab_key k;
	struct agg_val v;
};

struct ktab;

/* A table holding at most max_rows keys (0: no cap). */
struct ktab *ktab_new(size_t max_rows);
void ktab_free(struct ktab *t); /* NULL ok */
/* Change the cap (0: none); keys already in stay. */
void ktab_set_max(struct ktab *t, size_t max_rows);

/* Add v under the key (strings as views, len 0 = empty). Returns 0, or 1
 * when the key was new and the cap sent it to the overflow row. */
int ktab_add(struct ktab *t, const struct sv s[KTAB_NSTR], const int32_t ints[KTAB_NINT],
	     const struct agg_val *v);
/* Add every row of src (and its overflow) to dst. */
void ktab_merge(struct ktab *dst, const struct ktab *src);

/* Add to the overflow row directly (reading partial aggregates). */
void ktab_add_overflow(struct ktab *t, const struct agg_val *v, uint64_t adds);

size_t ktab_count(const struct ktab *t);
/* Distinct strings its rows hold (bounded with the rows under a limit). */
size_t ktab_strings(const struct ktab *t);
const char *ktab_str(const struct ktab *t, uint32_t id);
/* The overflow row's counters and how many adds went there. */
const struct agg_val *ktab_overflow(const struct ktab *t, uint64_t *adds);

/* Rows sorted by their strings (byte-wise, in key order) then integers.
 * The caller frees the array. */
const struct ktab_row **ktab_sorted(const struct ktab *t, size_t *n);

#endif
