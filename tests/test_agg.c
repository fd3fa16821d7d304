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
		cmocka_unit_test(test_merge_equals_whole),
		cmocka_unit_test(test_times_and_absent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
