/* SPDX-License-Identifier: MIT */
/* Keyed counter tables; see ktab.h. */
#include "ktab.h"

#include <stdlib.h>
#include <string.h>

#include "strpool.h"
#include "util.h"

struct ktab {
	struct strpool *pool;
	struct ktab_row *rows;
	size_t n, cap, max_rows;
	uint32_t *slots;
	size_t nslots;
	struct agg_val overflow;
	uint64_t overflow_adds;
	uint32_t last_id[KTAB_NSTR]; /* consecutive adds repeat their strings */
};

struct ktab *ktab_new(size_t max_rows)
{
	struct ktab *t = xcalloc(1, sizeof(*t));
	t->pool = strpool_new();
	t->max_rows = max_rows;
	t->nslots = 256;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	agg_val_init(&t->overflow);
	return t;
}

void ktab_set_max(struct ktab *t, size_t max_rows)
{
	t->max_rows = max_rows;
}

void ktab_free(struct ktab *t)
{
	if (!t)
		return;
	strpool_free(t->pool);
	free(t->rows);
	free(t->slots);
	free(t);
}

static uint64_t khash(const struct ktab_key *k)
{
	return hash_bytes(k, sizeof(*k), 0x7ab1e);
}

static void grow(struct ktab *t)
{
	free(t->slots);
	t->nslots *= 2;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	for (size_t r = 0; r < t->n; r++) {
		size_t i = (size_t)khash(&t->rows[r].k) & (t->nslots - 1);
		while (t->slots[i])
			i = (i + 1) & (t->nslots - 1);
		t->slots[i] = (uint32_t)(r + 1);
	}
}

static int overflow(struct ktab *t, const struct agg_val *v)
{
	agg_val_add(&t->overflow, v);
	t->overflow_adds++;
	return 1;
}

static int add_key(struct ktab *t, const struct ktab_key *k, const struct agg_val *v)
{
	size_t i = (size_t)khash(k) & (t->nslots - 1);
	while (t->slots[i]) {
		struct ktab_row *row = &t->rows[t->slots[i] - 1];
		if (memcmp(&row->k, k, sizeof(*k)) == 0) {
			agg_val_add(&row->v, v);
			return 0;
		}
		i = (i + 1) & (t->nslots - 1);
	}
	if (t->max_rows && t->n >= t->max_rows)
		return overflow(t, v);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = xrealloc(t->rows, t->cap * sizeof(*t->rows));
	}
	struct ktab_row *row = &t->rows[t->n++];
	row->k = *k;
	agg_val_init(&row->v);
	agg_val_add(&row->v, v);
	t->slots[i] = (uint32_t)t->n;
	if (t->n * 2 > t->nslots)
		grow(t);
	return 0;
}

int ktab_add(struct ktab *t, const struct sv s[KTAB_NSTR], const int32_t ints[KTAB_NINT],
	     const struct agg_val *v)
{
	struct ktab_key k;
	/* at the row limit, a string the pool lacks is in no row: the
	 * overflow row, without interning it (the pool stays bounded) */
	int full = t->max_rows && t->n >= t->max_rows;
	memset(&k, 0, sizeof(k));
	for (int j = 0; j < KTAB_NSTR; j++) {
		uint32_t last = t->last_id[j];
		if (s[j].len == 0)
			k.s[j] = 0;
		else if (last && strpool_len(t->pool, last) == s[j].len &&
			 memcmp(strpool_str(t->pool, last), s[j].p, s[j].len) == 0)
			k.s[j] = last;
		else if (full && (k.s[j] = strpool_find(t->pool, s[j].p, s[j].len)) == 0)
			return overflow(t, v);
		else if (!full)
			k.s[j] = t->last_id[j] = strpool_intern(t->pool, s[j].p, s[j].len);
	}
	memcpy(k.i, ints, sizeof(k.i));
	return add_key(t, &k, v);
}

void ktab_merge(struct ktab *dst, const struct ktab *src)
{
	for (size_t r = 0; r < src->n; r++) {
		const struct ktab_row *row = &src->rows[r];
		struct sv s[KTAB_NSTR];
		for (int j = 0; j < KTAB_NSTR; j++) {
			s[j].p = strpool_str(src->pool, row->k.s[j]);
			s[j].len = (uint32_t)strpool_len(src->pool, row->k.s[j]);
		}
		ktab_add(dst, s, row->k.i, &row->v);
	}
	agg_val_add(&dst->overflow, &src->overflow);
	dst->overflow_adds += src->overflow_adds;
}

void ktab_add_overflow(struct ktab *t, const struct agg_val *v, uint64_t adds)
{
	agg_val_add(&t->overflow, v);
	t->overflow_adds += adds;
}

size_t ktab_count(const struct ktab *t)
{
	return t->n;
}

size_t ktab_strings(const struct ktab *t)
{
	return strpool_count(t->pool);
}


const char *ktab_str(const struct ktab *t, uint32_t id)
{
	return strpool_str(t->pool, id);
}

const struct agg_val *ktab_overflow(const struct ktab *t, uint64_t *adds)
{
	if (adds)
		*adds = t->overflow_adds;
	return &t->overflow;
}

static const struct ktab *sort_tab; /* qsort has no context argument in C11 */

static int cmp_rows(const void *pa, const void *pb)
{
	const struct ktab_key *a = &(*(const struct ktab_row *const *)pa)->k;
	const struct ktab_key *b = &(*(const struct ktab_row *const *)pb)->k;
	for (int j = 0; j < KTAB_NSTR; j++) {
		if (a->s[j] == b->s[j])
			continue;
		int c = strcmp(strpool_str(sort_tab->pool, a->s[j]), strpool_str(sort_tab->pool, b->s[j]));
		if (c)
			return c;
	}
	for (int j = 0; j < KTAB_NINT; j++)
		if (a->i[j] != b->i[j])
			return a->i[j] < b->i[j] ? -1 : 1;
	return 0;
}

const struct ktab_row **ktab_sorted(const struct ktab *t, size_t *n)
{
	const struct ktab_row **v = xmalloc((t->n ? t->n : 1) * sizeof(*v));
	for (size_t i = 0; i < t->n; i++)
		v[i] = &t->rows[i];
	sort_tab = t;
	qsort(v, t->n, sizeof(*v), cmp_rows);
	sort_tab = NULL;
	*n = t->n;
	return v;
}
