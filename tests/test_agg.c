/* SPDX-License-Identifier: MIT */
/*
 * The core aggregate: counters and time spans add up, merging any split of
 * the input gives the same rows as one aggregate over all of it, and the
 * sorted order does not depend on insertion order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "agg.h"
#include "ktab.h"
#include "testlib.h"

static uint64_t rng = 88172645463325252ULL;

static const char *const vpcs[] = {"vpc-a", "vpc-b", "vpc-c"};
static const char *const svcs[] = {"", "S3", "DYNAMODB", "EC2"};

struct item {
	struct cls_result c;
	uint64_t packets, bytes;
	int64_t start, end;
};

static void make(struct item *it)
{
	memset(it, 0, sizeof(*it));
	const char *v = vpcs[tl_xorshift(&rng) % 3], *s = svcs[tl_xorshift(&rng) % 4];
	it->c.vpc = (struct sv){v, (uint32_t)strlen(v)};
	it->c.service = (struct sv){s, (uint32_t)strlen(s)};
	it->c.account = (struct sv){"111111111111", 12};
	it->c.vantage = (enum vantage)(tl_xorshift(&rng) % NVANTAGES);
	it->c.direction = (enum direction)(tl_xorshift(&rng) % NDIRS);
	it->c.path = (enum path)(tl_xorshift(&rng) % NPATHS);
	it->c.action = 1 + (int)(tl_xorshift(&rng) % 2);
	it->packets = tl_xorshift(&rng) % 1000;
	it->bytes = tl_xorshift(&rng) % 1000000;
	it->start = 1700000000 + (int64_t)(tl_xorshift(&rng) % 86400);
	it->end = it->start + (int64_t)(tl_xorshift(&rng) % 600);
}

/* Render the sorted rows to text for comparison. */
static char *render(const struct agg *a)
{
	size_t n, cap = 1 << 20, o = 0;
	const struct agg_row **rows = agg_sorted(a, &n);
	char *buf = malloc(cap);
	for (size_t i = 0; i < n; i++) {
		const struct agg_row *r = rows[i];
		o += (size_t)snprintf(buf + o, cap - o, "%s|%s|%s|%d|%d|%d|%d|%llu|%llu|%llu|%lld|%lld\n",
				      agg_str(a, r->k.s[AGG_ACCOUNT]), agg_str(a, r->k.s[AGG_VPC]),
				      agg_str(a, r->k.s[AGG_SERVICE]), r->k.vantage, r->k.direction,
				      r->k.path, r->k.action, (unsigned long long)r->v.records,
				      (unsigned long long)r->v.packets, (unsigned long long)r->v.bytes,
				      (long long)r->v.first_start, (long long)r->v.last_end);
		assert_true(o < cap);
	}
	free(rows);
	return buf;
}

/* Under a row limit, records of ids no row holds go to the limit's row
 * without their strings kept: 100,000 distinct accounts (and VPCs, and
 * talkers' interfaces) cost no more memory than a few (a nightly run over
 * an organisation's logs holds --max-rows rows, not its ids). */
static void test_limit_keeps_no_new_strings(void **state)
{
	enum { N = 100000, MAX = 10 };
	struct agg *a = agg_new(), *b = agg_new();
	struct ktab *t = ktab_new(MAX);
	(void)state;
	agg_set_max_rows(a, MAX);
	agg_set_max_rows(b, MAX);
	uint64_t total = 0;
	for (int i = 0; i < N; i++) {
		char acct[16], vpc[32];
		snprintf(acct, sizeof(acct), "%012d", i);
		snprintf(vpc, sizeof(vpc), "vpc-%017d", i);
		struct cls_result c;
		memset(&c, 0, sizeof(c));
		c.account = (struct sv){acct, 12};
		c.vpc = (struct sv){vpc, (uint32_t)strlen(vpc)};
		c.remote_vpc = (struct sv){i % 2 ? vpc : "", i % 2 ? (uint32_t)strlen(vpc) : 0};
		c.path = PATH_TGW;
		c.direction = DIR_EGRESS;
		agg_add(a, &c, 1, (uint64_t)i, 0, 60);
		const char *str[AGG_NSCOLS] = {acct, "", vpc, "", "", "", "", "", "", ""};
		const uint8_t enums[6] = {0, 0, DIR_EGRESS, 0, PATH_TGW, 0};
		struct agg_val v;
		agg_val_init(&v);
		v.records = 1;
		v.bytes = (uint64_t)i;
		agg_add_row(b, str, enums, &v);
		struct sv s[KTAB_NSTR];
		for (int j = 0; j < KTAB_NSTR; j++)
			s[j] = (struct sv){"", 0};
		s[0] = c.vpc;
		const int32_t ints[KTAB_NINT] = {0, 0, 0, 0};
		ktab_add(t, s, ints, &v);
		total += (uint64_t)i;
	}
	/* MAX rows and the limit's rows (with and without a remote VPC) */
	assert_true(agg_count(a) <= MAX + 2);
	assert_true(agg_strings(a) <= 3 * MAX + 2);
	assert_true(agg_strings(b) <= 2 * MAX + 2);
	assert_true(ktab_strings(t) <= MAX);
	struct agg_val sum;
	agg_total(a, &sum);
	assert_int_equal(sum.bytes, total);
	assert_int_equal(sum.records, N);
	assert_int_equal(agg_limited(a), N - MAX);
	agg_total(b, &sum);
	assert_int_equal(sum.bytes, total);
	/* the limit's rows keep whether the remote was in a VPC */
	size_t with_remote = 0;
	for (size_t i = 0; i < agg_count(a); i++) {
		const struct agg_row *r = agg_row_at(a, i);
		if (r->k.reason == REASON_ROW_LIMIT && agg_str(a, r->k.s[AGG_REMOTE_VPC])[0])
			with_remote += r->v.records;
	}
	assert_int_equal(with_remote, (N - MAX) / 2);
	uint64_t adds;
	ktab_overflow(t, &adds);
	assert_int_equal(adds, N - MAX);
	ktab_free(t);
	agg_free(a);
	agg_free(b);
}

static void test_merge_equals_whole(void **state)
{
	enum { N = 20000 };
	struct item *items = malloc(N * sizeof(*items));
	uint64_t total = 0;
	(void)state;
	for (int i = 0; i < N; i++) {
		make(&items[i]);
		total += items[i].bytes;
	}
	struct agg *whole = agg_new();
	for (int i = 0; i < N; i++)
		agg_add(whole, &items[i].c, items[i].packets, items[i].bytes, items[i].start, items[i].end);
	char *want = render(whole);

	/* identity: bytes over all rows = bytes added */
	size_t n;
	const struct agg_row **rows = agg_sorted(whole, &n);
	uint64_t sum = 0, recs = 0;
	for (size_t i = 0; i < n; i++) {
		sum += rows[i]->v.bytes;
		recs += rows[i]->v.records;
	}
	free(rows);
	assert_int_equal(sum, total);
	assert_int_equal(recs, N);

	for (int split = 0; split < 5; split++) {
		int parts = 2 + split;
		struct agg **p = calloc((size_t)parts, sizeof(*p));
		for (int k = 0; k < parts; k++)
			p[k] = agg_new();
		for (int i = 0; i < N; i++) {
			int k = (int)(tl_xorshift(&rng) % (uint64_t)parts);
			agg_add(p[k], &items[i].c, items[i].packets, items[i].bytes, items[i].start,
				items[i].end);
		}
		struct agg *m = agg_new();
		for (int k = parts - 1; k >= 0; k--)
			agg_merge(m, p[k]);
		char *got = render(m);
		assert_string_equal(got, want);
		free(got);
		agg_free(m);
		for (int k = 0; k < parts; k++)
			agg_free(p[k]);
		free(p);
	}
	free(want);
	agg_free(whole);
	free(items);
}

static void test_times_and_absent(void **state)
{
	struct cls_result c;
	(void)state;
	memset(&c, 0, sizeof(c));
	struct agg *a = agg_new();
	agg_add(a, &c, 1, 10, -1, -1);
	agg_add(a, &c, 2, 20, 500, 900);
	agg_add(a, &c, 3, 30, 100, 400);
	size_t n;
	const struct agg_row **rows = agg_sorted(a, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0]->v.records, 3);
	assert_int_equal(rows[0]->v.packets, 6);
	assert_int_equal(rows[0]->v.bytes, 60);
	assert_int_equal(rows[0]->v.first_start, 100);
	assert_int_equal(rows[0]->v.last_end, 900);
	free(rows);
	agg_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_keeps_no_new_strings),
		cmocka_unit_test(test_merge_equals_whole),
		cmocka_unit_test(test_times_and_absent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
