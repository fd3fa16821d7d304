/* SPDX-License-Identifier: MIT */
/*
 * The core aggregate (shared/spec/paths.md section 6): a hash table keyed
 * by the 16 key columns, with 64-bit counters and the time span. Strings of
 * the key are interned in the aggregate's own pool, so an aggregate owns
 * everything it holds and two aggregates merge by value.
 */
#ifndef FLOWPATH_AGG_H
#define FLOWPATH_AGG_H

#include <stddef.h>
#include <stdint.h>

#include "classify.h"

/* The string columns of the key, in report order. */
enum agg_scol {
	AGG_ACCOUNT, AGG_REGION, AGG_VPC, AGG_SUBNET, AGG_AZ, AGG_SERVICE,
	AGG_SERVICE_REGION, AGG_VIA, AGG_REMOTE_VPC, AGG_REMOTE_REGION, AGG_NSCOLS
};

struct agg_key {
	uint32_t s[AGG_NSCOLS]; /* pool ids */
	uint8_t vantage, side, direction, action, path, reason;
	uint8_t pad[2];
};

struct agg_val {
	uint64_t records, packets, bytes;
	int64_t first_start; /* INT64_MAX when no record had a start */
	int64_t last_end;    /* INT64_MIN when no record had an end */
};

/* Empty counters: zero, with an empty time span. */
void agg_val_init(struct agg_val *v);
/* Add x into v: counters add, the time span widens. */
void agg_val_add(struct agg_val *v, const struct agg_val *x);

struct agg_row {
	struct agg_key k;
	struct agg_val v;
};

struct agg;

struct agg *agg_new(void);
void agg_free(struct agg *a); /* NULL ok */

/* Add one classified flow. start/end < 0 mean absent. Returns the index
 * of its row, stable for the aggregate's life (for agg_add_at). */
size_t agg_add(struct agg *a, const struct cls_result *c, uint64_t packets, uint64_t bytes,
	       int64_t start, int64_t end);

/* Add one more flow to row idx (as returned by agg_add). */
void agg_add_at(struct agg *a, size_t idx, uint64_t packets, uint64_t bytes, int64_t start,
		int64_t end);

/* Add a row given by strings (partial aggregates, merges). */
void agg_add_row(struct agg *a, const char *const str[AGG_NSCOLS], const uint8_t enums[6],
		 const struct agg_val *v);

/* Add every row of src into dst (counters add, times take min/max). */
void agg_merge(struct agg *dst, const struct agg *src);

/*
 * Keep at most max distinct rows (0: no limit). Past it, flows of new keys
 * are added to a row-limit row: reason row-limit, account "(row limit)",
 * no other string, and the key's vantage, side, direction, action and
 * path, so that totals (by path, under the totals rule) stay exact while
 * memory stays bounded (a few hundred such rows at most); which keys made
 * it in then depends on the order of the input.
 */
void agg_set_max_rows(struct agg *a, size_t max);
/* Flows added to the row-limit row. */
uint64_t agg_limited(const struct agg *a);
/* All rows added up (records, packets and bytes capped at 2^64 - 1; the
 * time span of every row). */
void agg_total(const struct agg *a, struct agg_val *sum);

size_t agg_count(const struct agg *a);
/* Distinct strings its rows hold (bounded with the rows under a limit). */
size_t agg_strings(const struct agg *a);
/* Row idx (0 <= idx < agg_count); valid until the aggregate changes. */
const struct agg_row *agg_row_at(const struct agg *a, size_t idx);
const char *agg_str(const struct agg *a, uint32_t id);

/*
 * The rows in the deterministic report order (key columns compared in the
 * order of the paths report, strings byte-wise, enumerations by their
 * names). Returns an array of n pointers that the caller frees (free());
 * the rows stay valid until the aggregate changes.
 */
const struct agg_row **agg_sorted(const struct agg *a, size_t *n);

#endif
