/* SPDX-License-Identifier: MIT */
/* The core aggregate; see agg.h. */
#include "agg.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "strpool.h"
#include "util.h"

struct agg {
	struct strpool *pool;
	struct agg_row *rows;
	size_t n, cap;
	uint32_t *slots; /* row index + 1, 0 empty */
	size_t nslots;   /* power of two */
	/* the last string seen per column: consecutive records repeat them */
	uint32_t last_id[AGG_NSCOLS];
	size_t max_rows;  /* 0: no limit */
};

void agg_set_max_rows(struct agg *a, size_t max)
{
	a->max_rows = max;
}

uint64_t agg_limited(const struct agg *a)
{
	uint64_t n = 0;
	uint32_t limit = strpool_find(a->pool, "(row limit)", 11);
	for (size_t i = 0; limit && i < a->n; i++)
		if (a->rows[i].k.s[AGG_ACCOUNT] == limit)
			n += a->rows[i].v.records;
	return n;
}

void agg_total(const struct agg *a, struct agg_val *sum)
{
	agg_val_init(sum);
	for (size_t i = 0; i < a->n; i++)
		agg_val_add(sum, &a->rows[i].v);
}

struct agg *agg_new(void)
{
	struct agg *a = xcalloc(1, sizeof(*a));
	a->pool = strpool_new();
	a->nslots = 1024;
	a->slots = xcalloc(a->nslots, sizeof(*a->slots));
	return a;
}

void agg_free(struct agg *a)
{
	if (!a)
		return;
	strpool_free(a->pool);
	free(a->rows);
	free(a->slots);
	free(a);
}

size_t agg_count(const struct agg *a)
{
	return a->n;
}

size_t agg_strings(const struct agg *a)
{
	return strpool_count(a->pool);
}

const struct agg_row *agg_row_at(const struct agg *a, size_t idx)
{
	return &a->rows[idx];
}

const char *agg_str(const struct agg *a, uint32_t id)
{
	return strpool_str(a->pool, id);
}

static uint64_t key_hash(const struct agg_key *k)
{
	return hash_bytes(k, sizeof(*k), 0x5eed);
}

static void grow(struct agg *a)
{
	free(a->slots);
	a->nslots *= 2;
	a->slots = xcalloc(a->nslots, sizeof(*a->slots));
	size_t mask = a->nslots - 1;
	for (size_t r = 0; r < a->n; r++) {
		size_t i = (size_t)key_hash(&a->rows[r].k) & mask;
		while (a->slots[i])
			i = (i + 1) & mask;
		a->slots[i] = (uint32_t)(r + 1);
	}
}

static struct agg_val *find_or_add(struct agg *a, const struct agg_key *k);

/* The row-limit row of key `from`: its vantage, side, direction, action
 * and path, and whether it has a remote_vpc (the totals rule of appliance
 * and transit gateway rows depends on it), so that totals stay exact (at
 * most a few hundred such rows), with account "(row limit)" (and
 * remote_vpc, when it had one) and no other string, and reason row-limit
 * (or its own reason when that keeps it out of every total). */
static struct agg_val *limit_row(struct agg *a, const struct agg_key *from, int remote)
{
	struct agg_key k;
	memset(&k, 0, sizeof(k));
	k.s[AGG_ACCOUNT] = strpool_intern(a->pool, "(row limit)", 11);
	if (remote)
		k.s[AGG_REMOTE_VPC] = k.s[AGG_ACCOUNT];
	k.vantage = from->vantage;
	k.side = from->side;
	k.direction = from->direction;
	k.action = from->action;
	k.path = from->path;
	/* rows that no total counts stay out (row_outside_totals) */
	k.reason = reason_outside_totals(from->reason) ? from->reason : REASON_ROW_LIMIT;
	size_t max = a->max_rows;
	a->max_rows = 0; /* the row itself always fits */
	struct agg_val *v = find_or_add(a, &k);
	a->max_rows = max;
	return v;
}

static struct agg_val *find_or_add(struct agg *a, const struct agg_key *k)
{
	size_t mask = a->nslots - 1;
	size_t i = (size_t)key_hash(k) & mask;
	while (a->slots[i]) {
		struct agg_row *row = &a->rows[a->slots[i] - 1];
		if (memcmp(&row->k, k, sizeof(*k)) == 0)
			return &row->v;
		i = (i + 1) & mask;
	}
	if (a->max_rows && a->n >= a->max_rows)
		return limit_row(a, k, k->s[AGG_REMOTE_VPC] != 0);
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->rows = xrealloc(a->rows, a->cap * sizeof(*a->rows));
	}
	struct agg_row *row = &a->rows[a->n++];
	row->k = *k;
	agg_val_init(&row->v);
	a->slots[i] = (uint32_t)a->n;
	if (a->n * 2 > a->nslots)
		grow(a);
	return &row->v;
}

static uint32_t intern_col(struct agg *a, int col, const char *p, size_t len)
{
	uint32_t last = a->last_id[col];
	if (len == 0)
		return 0;
	if (last && strpool_len(a->pool, last) == len && memcmp(strpool_str(a->pool, last), p, len) == 0)
		return last;
	return a->last_id[col] = strpool_intern(a->pool, p, len);
}

/* The row of key k (its enums set) with strings p/len: at the row limit,
 * a string the pool lacks is in no row, so the record goes to the
 * row-limit row without interning it (the pool stays bounded with the
 * rows, whatever number of distinct ids the input holds). */
static struct agg_val *row_of(struct agg *a, struct agg_key *k, const char *const p[AGG_NSCOLS],
			      const size_t len[AGG_NSCOLS])
{
	int full = a->max_rows && a->n >= a->max_rows;
	for (int i = 0; i < AGG_NSCOLS; i++) {
		if (!full)
			k->s[i] = intern_col(a, i, p[i], len[i]);
		else if (len[i] == 0)
			k->s[i] = 0;
		else if ((k->s[i] = strpool_find(a->pool, p[i], len[i])) == 0)
			return limit_row(a, k, len[AGG_REMOTE_VPC] != 0);
	}
	return find_or_add(a, k);
}

void agg_val_init(struct agg_val *v)
{
	memset(v, 0, sizeof(*v));
	v->first_start = INT64_MAX;
	v->last_end = INT64_MIN;
}

void agg_val_add(struct agg_val *v, const struct agg_val *x)
{
	v->records = sat_add(v->records, x->records);
	v->packets = sat_add(v->packets, x->packets);
	v->bytes = sat_add(v->bytes, x->bytes);
	if (x->first_start < v->first_start)
		v->first_start = x->first_start;
	if (x->last_end > v->last_end)
		v->last_end = x->last_end;
}

void agg_add_at(struct agg *a, size_t idx, uint64_t packets, uint64_t bytes, int64_t start,
		int64_t end)
{
	struct agg_val x = {1, packets, bytes, start >= 0 ? start : INT64_MAX,
			    end >= 0 ? end : INT64_MIN};
	agg_val_add(&a->rows[idx].v, &x);
}

size_t agg_add(struct agg *a, const struct cls_result *c, uint64_t packets, uint64_t bytes,
	       int64_t start, int64_t end)
{
	struct agg_key k;
	const struct sv *cols[AGG_NSCOLS] = {
		&c->account, &c->region, &c->vpc, &c->subnet, &c->az, &c->service,
		&c->service_region, &c->via, &c->remote_vpc, &c->remote_region,
	};
	const char *p[AGG_NSCOLS];
	size_t len[AGG_NSCOLS];
	for (int i = 0; i < AGG_NSCOLS; i++) {
		p[i] = cols[i]->p;
		len[i] = cols[i]->len;
	}
	memset(&k, 0, sizeof(k));
	k.vantage = (uint8_t)c->vantage;
	k.side = (uint8_t)c->side;
	k.direction = (uint8_t)c->direction;
	k.action = (uint8_t)c->action;
	k.path = (uint8_t)c->path;
	k.reason = (uint8_t)c->reason;
	struct agg_val *v = row_of(a, &k, p, len);
	size_t idx = (size_t)((struct agg_row *)((char *)v - offsetof(struct agg_row, v)) - a->rows);
	agg_add_at(a, idx, packets, bytes, start, end);
	return idx;
}

void agg_add_row(struct agg *a, const char *const str[AGG_NSCOLS], const uint8_t enums[6],
		 const struct agg_val *v)
{
	struct agg_key k;
	size_t len[AGG_NSCOLS];
	for (int i = 0; i < AGG_NSCOLS; i++)
		len[i] = strlen(str[i]);
	memset(&k, 0, sizeof(k));
	k.vantage = enums[0];
	k.side = enums[1];
	k.direction = enums[2];
	k.action = enums[3];
	k.path = enums[4];
	k.reason = enums[5];
	agg_val_add(row_of(a, &k, str, len), v);
}

void agg_merge(struct agg *dst, const struct agg *src)
{
	for (size_t r = 0; r < src->n; r++) {
		const struct agg_row *row = &src->rows[r];
		const char *str[AGG_NSCOLS];
		uint8_t e[6] = {row->k.vantage, row->k.side, row->k.direction,
				row->k.action, row->k.path, row->k.reason};
		for (int i = 0; i < AGG_NSCOLS; i++)
			str[i] = strpool_str(src->pool, row->k.s[i]);
		agg_add_row(dst, str, e, &row->v);
	}
}

static const struct agg *sort_agg; /* qsort has no context argument in C11 */

static const char *action_text(int a)
{
	const char *s = fl_enum_name(FL_ACTION, (uint64_t)a);
	return s ? s : "";
}

static int cmp_rows(const void *pa, const void *pb)
{
	const struct agg_key *a = &(*(const struct agg_row *const *)pa)->k;
	const struct agg_key *b = &(*(const struct agg_row *const *)pb)->k;
	const struct strpool *p = sort_agg->pool;
	int c;
#define SCMP(col)                                                                         \
	if (a->s[col] != b->s[col] &&                                                     \
	    (c = strcmp(strpool_str(p, a->s[col]), strpool_str(p, b->s[col]))) != 0)      \
		return c;
#define NCMP(fn, f)                                                                       \
	if (a->f != b->f && (c = strcmp(fn(a->f), fn(b->f))) != 0)                        \
		return c;
	SCMP(AGG_ACCOUNT)
	SCMP(AGG_REGION)
	SCMP(AGG_VPC)
	SCMP(AGG_SUBNET)
	SCMP(AGG_AZ)
	NCMP(vantage_name, vantage)
	NCMP(side_name, side)
	NCMP(direction_name, direction)
	NCMP(action_text, action)
	NCMP(path_name, path)
	SCMP(AGG_SERVICE)
	SCMP(AGG_SERVICE_REGION)
	SCMP(AGG_VIA)
	SCMP(AGG_REMOTE_VPC)
	SCMP(AGG_REMOTE_REGION)
	NCMP(reason_name, reason)
#undef SCMP
#undef NCMP
	return 0;
}

const struct agg_row **agg_sorted(const struct agg *a, size_t *n)
{
	const struct agg_row **v = xmalloc((a->n ? a->n : 1) * sizeof(*v));
	for (size_t i = 0; i < a->n; i++)
		v[i] = &a->rows[i];
	sort_agg = a;
	qsort(v, a->n, sizeof(*v), cmp_rows);
	sort_agg = NULL;
	*n = a->n;
	return v;
}
