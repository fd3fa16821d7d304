/* SPDX-License-Identifier: MIT */
/*
 * Tests of the longest-prefix-match table: random prefix sets (IPv4, IPv6,
 * both at once) checked against a linear-scan oracle at random addresses
 * and at every prefix's edges, the build/rebuild/set life cycle, prefix
 * parsing, and AWS's published ip-ranges.json.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "prefix.h"

/* ---- deterministic random numbers (splitmix64) ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static unsigned rnd_below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* ---- addresses, independent of prefix.c ---- */

static int width(int family)
{
	return family == 4 ? 32 : 128;
}

static int bit_at(const struct fl_addr *a, int i)
{
	return (a->b[i / 8] >> (7 - i % 8)) & 1;
}

static void set_bit(struct fl_addr *a, int i, int v)
{
	uint8_t m = (uint8_t)(0x80u >> (i % 8));
	if (v)
		a->b[i / 8] |= m;
	else
		a->b[i / 8] &= (uint8_t)~m;
}

static struct fl_addr rand_addr(int family)
{
	struct fl_addr a;
	memset(&a, 0, sizeof(a));
	a.family = (uint8_t)family;
	for (int i = 0; i < width(family) / 8; i++)
		a.b[i] = (uint8_t)rnd();
	return a;
}

/* The first (last = 0) or last (last = 1) address of a/plen. */
static struct fl_addr edge(const struct fl_addr *a, int plen, int last)
{
	struct fl_addr r = *a;
	for (int i = plen; i < width(a->family); i++)
		set_bit(&r, i, last);
	return r;
}

/* a + 1 or a - 1, wrapping; *wrapped set when it wrapped. */
static struct fl_addr step(const struct fl_addr *a, int up, int *wrapped)
{
	struct fl_addr r = *a;
	int i = width(a->family) / 8 - 1;
	for (; i >= 0; i--) {
		uint8_t old = r.b[i];
		r.b[i] = (uint8_t)(up ? old + 1 : old - 1);
		if (up ? old != 0xff : old != 0)
			break;
	}
	*wrapped = i < 0;
	return r;
}

static int holds(const struct fl_addr *p, int plen, const struct fl_addr *x)
{
	if (p->family != x->family)
		return 0;
	int full = plen / 8, rest = plen % 8;
	if (memcmp(p->b, x->b, (size_t)full) != 0)
		return 0;
	if (!rest)
		return 1;
	uint8_t m = (uint8_t)(0xff00u >> rest);
	return ((p->b[full] ^ x->b[full]) & m) == 0;
}

/* ---- the oracle: a list scanned linearly ---- */

struct ent {
	struct fl_addr a; /* host bits cleared */
	int plen;
	uint32_t value;
};

struct oracle {
	struct ent *e;
	size_t n, cap;
};

static long oracle_find(const struct oracle *o, const struct fl_addr *a, int plen)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->e[i].plen == plen && holds(&o->e[i].a, plen, a) &&
		    o->e[i].a.family == a->family)
			return (long)i;
	return -1;
}

static int oracle_lookup(const struct oracle *o, const struct fl_addr *x, uint32_t *value,
			 int *plen)
{
	long best = -1;
	for (size_t i = 0; i < o->n; i++)
		if ((best < 0 || o->e[i].plen > o->e[best].plen) &&
		    holds(&o->e[i].a, o->e[i].plen, x))
			best = (long)i;
	if (best < 0)
		return 0;
	*value = o->e[best].value;
	*plen = o->e[best].plen;
	return 1;
}

/* Add to both; checks prefix_add's answer against the oracle's. */
static void add_both(struct prefix_table *t, struct oracle *o, const struct fl_addr *a,
		     int plen, uint32_t value)
{
	long i = oracle_find(o, a, plen);
	uint32_t existing = 0xdeadbeef;
	int rc = prefix_add(t, a, plen, value, &existing);
	if (i >= 0) {
		assert_int_equal(rc, 1);
		assert_int_equal(existing, o->e[i].value);
		return;
	}
	assert_int_equal(rc, 0);
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 64;
		o->e = realloc(o->e, o->cap * sizeof(*o->e));
		assert_non_null(o->e);
	}
	o->e[o->n].a = edge(a, plen, 0);
	o->e[o->n].plen = plen;
	o->e[o->n].value = value;
	o->n++;
}

static void check_one(const struct prefix_table *t, const struct oracle *o,
		      const struct fl_addr *x)
{
	uint32_t v = 0, ov = 0;
	int pl = -1, opl = -1;
	int found = prefix_lookup(t, x, &v, &pl);
	int ofound = oracle_lookup(o, x, &ov, &opl);
	if (found != ofound || (found && (v != ov || pl != opl))) {
		char buf[64];
		fl_addr_format(x, buf, sizeof(buf));
		fail_msg("lookup %s: got %d/%u/%d, want %d/%u/%d", buf, found, v, pl, ofound,
			 ov, opl);
	}
	/* plen may be NULL. */
	uint32_t v2 = 0;
	assert_int_equal(prefix_lookup(t, x, &v2, NULL), found);
	if (found)
		assert_int_equal(v2, v);
}

/* Check at every prefix's first and last address and their neighbours, a
 * random address inside each, and nrand random addresses of each family. */
static void check_all(const struct prefix_table *t, const struct oracle *o, int nrand)
{
	for (size_t i = 0; i < o->n; i++) {
		const struct ent *e = &o->e[i];
		for (int last = 0; last <= 1; last++) {
			struct fl_addr x = edge(&e->a, e->plen, last);
			int wrapped;
			check_one(t, o, &x);
			struct fl_addr y = step(&x, last, &wrapped);
			if (!wrapped)
				check_one(t, o, &y);
		}
		struct fl_addr r = rand_addr(e->a.family);
		for (int b = 0; b < e->plen; b++)
			set_bit(&r, b, bit_at(&e->a, b));
		check_one(t, o, &r);
	}
	for (int i = 0; i < nrand; i++) {
		struct fl_addr x4 = rand_addr(4), x6 = rand_addr(6);
		check_one(t, o, &x4);
		check_one(t, o, &x6);
	}
	assert_int_equal(prefix_count(t), o->n);
}

/* A random prefix set: fresh prefixes, prefixes nested in earlier ones,
 * neighbours of earlier ones, and repeats with host bits set. */
static void fill_random(struct prefix_table *t, struct oracle *o, size_t n, int pct6)
{
	for (size_t k = 0; k < n; k++) {
		int family = (int)rnd_below(100) < pct6 ? 6 : 4;
		int w = width(family);
		unsigned kind = rnd_below(10);
		struct fl_addr a = rand_addr(family);
		int plen;
		long base = -1;
		if (o->n) {
			base = (long)rnd_below((unsigned)o->n);
			if (o->e[base].a.family != family)
				base = -1;
		}
		switch (kind) {
		case 0: /* the extremes */
			plen = rnd_below(2) ? 0 : w;
			break;
		case 1: case 2: case 3: case 4: /* nested in (or equal to) an earlier one */
			if (base < 0) {
				plen = (int)rnd_below((unsigned)w + 1);
				break;
			}
			plen = o->e[base].plen + (int)rnd_below((unsigned)(w - o->e[base].plen) + 1);
			for (int b = 0; b < o->e[base].plen; b++)
				set_bit(&a, b, bit_at(&o->e[base].a, b));
			break;
		case 5: /* a sibling of an earlier one, sharing all but its last bit */
			if (base < 0 || o->e[base].plen == 0) {
				plen = w;
				break;
			}
			plen = o->e[base].plen;
			a = o->e[base].a;
			set_bit(&a, plen - 1, !bit_at(&a, plen - 1));
			break;
		default: /* fresh, lengths around the common ones */
			plen = family == 4 ? 8 + (int)rnd_below(25)
					   : (int)(rnd_below(2) ? 24 + rnd_below(41)
								: 56 + rnd_below(73));
			break;
		}
		add_both(t, o, &a, plen, (uint32_t)rnd());
		/* Sometimes an earlier prefix again, with random host bits. */
		if (o->n && rnd_below(8) == 0) {
			const struct ent *e = &o->e[rnd_below((unsigned)o->n)];
			struct fl_addr d = rand_addr(e->a.family);
			for (int b = 0; b < e->plen; b++)
				set_bit(&d, b, bit_at(&e->a, b));
			add_both(t, o, &d, e->plen, (uint32_t)rnd()); /* a repeat */
		}
	}
}

static void run_random(int pct6)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 5, 8, 13, 30, 100, 400, 1000 };
	for (uint64_t seed = 1; seed <= 120; seed++) {
		rng_state = seed * 7919 + (uint64_t)pct6;
		size_t n = sizes[seed % (sizeof(sizes) / sizeof(sizes[0]))];
		struct prefix_table *t = prefix_new();
		struct oracle o = { 0 };
		fill_random(t, &o, n, pct6);
		prefix_build(t);
		check_all(t, &o, n > 400 ? 300 : 100);
		prefix_free(t);
		free(o.e);
	}
}

static void test_random_v4(void **state)
{
	(void)state;
	run_random(0);
}

static void test_random_v6(void **state)
{
	(void)state;
	run_random(100);
}

static void test_random_mixed(void **state)
{
	(void)state;
	run_random(50);
}

/* Many prefixes under one /0 and under one short prefix, so the bucket
 * array is built over a narrow span with deep nesting. */
static void test_dense_nesting(void **state)
{
	(void)state;
	for (int family = 4; family <= 6; family += 2) {
		rng_state = (uint64_t)family;
		struct prefix_table *t = prefix_new();
		struct oracle o = { 0 };
		struct fl_addr z = rand_addr(family);
		add_both(t, &o, &z, 0, 1);
		struct fl_addr base = rand_addr(family);
		int bl = family == 4 ? 20 : 100;
		add_both(t, &o, &base, bl, 2);
		for (int i = 0; i < 2000; i++) {
			struct fl_addr a = rand_addr(family);
			for (int b = 0; b < bl; b++)
				set_bit(&a, b, bit_at(&base, b));
			int plen = bl + (int)rnd_below((unsigned)(width(family) - bl) + 1);
			add_both(t, &o, &a, plen, (uint32_t)i + 3);
		}
		prefix_build(t);
		check_all(t, &o, 500);
		prefix_free(t);
		free(o.e);
	}
}

/* Clusters inside clusters at very different scales, so that the index
 * needs several levels; each family alone and both together. */
static void test_multiscale(void **state)
{
	(void)state;
	for (int round = 0; round < 30; round++) {
		rng_state = 1000 + (uint64_t)round;
		struct prefix_table *t = prefix_new();
		struct oracle o = { 0 };
		for (int family = 4; family <= 6; family += 2) {
			if (round % 3 == (family == 4 ? 1 : 2))
				continue;
			int w = width(family);
			struct fl_addr base = rand_addr(family);
			for (int i = 0; i < 600; i++) {
				/* Keep all but the last `free` bits of base. */
				int scales4[] = { 2, 5, 9, 14, 20, 27, 32 };
				int scales6[] = { 3, 8, 17, 30, 45, 64, 80, 100, 128 };
				int nfree = family == 4 ? scales4[rnd_below(7)] : scales6[rnd_below(9)];
				struct fl_addr a = rand_addr(family);
				for (int b = 0; b < w - nfree; b++)
					set_bit(&a, b, bit_at(&base, b));
				int plen = w - (int)rnd_below((unsigned)nfree / 2 + 1);
				add_both(t, &o, &a, plen, (uint32_t)rnd());
			}
		}
		prefix_build(t);
		check_all(t, &o, 200);
		prefix_free(t);
		free(o.e);
	}
}

static struct fl_addr addr(const char *s)
{
	struct fl_addr a;
	assert_int_equal(fl_addr_parse(s, strlen(s), &a), 0);
	return a;
}

static void add_text(struct prefix_table *t, const char *s, uint32_t value)
{
	struct fl_addr a;
	int plen;
	assert_int_equal(prefix_parse(s, strlen(s), &a, &plen), 0);
	assert_int_equal(prefix_add(t, &a, plen, value, NULL), 0);
}

static int look(const struct prefix_table *t, const char *s, uint32_t *v, int *plen)
{
	struct fl_addr a = addr(s);
	return prefix_lookup(t, &a, v, plen);
}

static void test_families_apart(void **state)
{
	(void)state;
	struct prefix_table *t = prefix_new();
	add_text(t, "0.0.0.0/0", 4);
	add_text(t, "10.0.0.0/8", 10);
	prefix_build(t);
	uint32_t v;
	int plen;
	assert_int_equal(look(t, "::", &v, &plen), 0);
	assert_int_equal(look(t, "::ffff:10.0.0.1", &v, &plen), 0);
	assert_int_equal(look(t, "::a00:1", &v, &plen), 0);
	assert_int_equal(look(t, "10.1.2.3", &v, &plen), 1);
	assert_int_equal(v, 10);
	assert_int_equal(plen, 8);
	prefix_free(t);

	t = prefix_new();
	add_text(t, "::/0", 6);
	prefix_build(t);
	assert_int_equal(look(t, "0.0.0.0", &v, &plen), 0);
	assert_int_equal(look(t, "255.255.255.255", &v, &plen), 0);
	assert_int_equal(look(t, "ffff::1", &v, &plen), 1);
	assert_int_equal(v, 6);
	assert_int_equal(plen, 0);
	/* Neither family 0 nor an unknown family matches anything. */
	struct fl_addr bad;
	memset(&bad, 0, sizeof(bad));
	assert_int_equal(prefix_lookup(t, &bad, &v, &plen), 0);
	bad.family = 5;
	assert_int_equal(prefix_lookup(t, &bad, &v, &plen), 0);
	prefix_free(t);
}

static void test_extremes(void **state)
{
	(void)state;
	struct prefix_table *t = prefix_new();
	uint32_t v;
	int plen;
	/* An empty table, built or not. */
	assert_int_equal(look(t, "1.2.3.4", &v, &plen), 0);
	prefix_build(t);
	assert_int_equal(look(t, "1.2.3.4", &v, &plen), 0);
	assert_int_equal(look(t, "::1", &v, &plen), 0);
	assert_int_equal(prefix_count(t), 0);

	add_text(t, "255.255.255.255/32", 1);
	add_text(t, "0.0.0.0/32", 2);
	add_text(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", 3);
	add_text(t, "::/128", 4);
	add_text(t, "ffff:ffff:ffff:ffff::/64", 5);
	prefix_build(t);
	assert_int_equal(look(t, "255.255.255.255", &v, &plen), 1);
	assert_int_equal(v, 1);
	assert_int_equal(look(t, "255.255.255.254", &v, &plen), 0);
	assert_int_equal(look(t, "0.0.0.0", &v, &plen), 1);
	assert_int_equal(v, 2);
	assert_int_equal(look(t, "0.0.0.1", &v, &plen), 0);
	assert_int_equal(look(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", &v, &plen), 1);
	assert_int_equal(v, 3);
	assert_int_equal(plen, 128);
	assert_int_equal(look(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", &v, &plen), 1);
	assert_int_equal(v, 5);
	assert_int_equal(plen, 64);
	assert_int_equal(look(t, "ffff:ffff:ffff:fffe:ffff:ffff:ffff:ffff", &v, &plen), 0);
	assert_int_equal(look(t, "::", &v, &plen), 1);
	assert_int_equal(v, 4);
	assert_int_equal(look(t, "::1", &v, &plen), 0);
	prefix_free(t);
	prefix_free(NULL);
}

static void test_add_errors(void **state)
{
	(void)state;
	struct prefix_table *t = prefix_new();
	struct fl_addr a4 = addr("10.0.0.0"), a6 = addr("2600::");
	assert_int_equal(prefix_add(t, &a4, -1, 1, NULL), PREFIX_E_LEN);
	assert_int_equal(prefix_add(t, &a4, 33, 1, NULL), PREFIX_E_LEN);
	assert_int_equal(prefix_add(t, &a6, 129, 1, NULL), PREFIX_E_LEN);
	assert_int_equal(prefix_add(t, &a6, -5, 1, NULL), PREFIX_E_LEN);
	struct fl_addr bad = a4;
	bad.family = 0;
	assert_int_equal(prefix_add(t, &bad, 8, 1, NULL), PREFIX_E_LEN);
	bad.family = 5;
	assert_int_equal(prefix_add(t, &bad, 8, 1, NULL), PREFIX_E_LEN);
	assert_int_equal(prefix_set(t, &bad, 8, 1), PREFIX_E_LEN);
	assert_int_equal(prefix_set(t, &a4, 33, 1), PREFIX_E_LEN);
	assert_int_equal(prefix_count(t), 0);

	/* Duplicates: host bits are masked before comparing; the first value
	 * stays; the same bits in the other family are another prefix. */
	assert_int_equal(prefix_add(t, &a4, 8, 7, NULL), 0);
	struct fl_addr h = addr("10.200.3.4");
	uint32_t ex = 0;
	assert_int_equal(prefix_add(t, &h, 8, 9, &ex), 1);
	assert_int_equal(ex, 7);
	assert_int_equal(prefix_add(t, &h, 8, 9, NULL), 1);
	assert_int_equal(prefix_add(t, &h, 9, 9, NULL), 0);
	struct fl_addr m6 = addr("a00::");
	assert_int_equal(prefix_add(t, &m6, 8, 11, NULL), 0);
	assert_int_equal(prefix_count(t), 3);
	prefix_build(t);
	uint32_t v;
	int plen;
	assert_int_equal(look(t, "10.1.0.0", &v, &plen), 1);
	assert_int_equal(v, 7);
	assert_int_equal(look(t, "10.200.0.0", &v, &plen), 1);
	assert_int_equal(v, 9);
	assert_int_equal(plen, 9);
	assert_int_equal(look(t, "a00::", &v, &plen), 1);
	assert_int_equal(v, 11);
	prefix_free(t);
}

/* Lookups before a build, adds after it, rebuilds and set: always the
 * oracle's answer. */
static void test_lifecycle(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 20; seed++) {
		rng_state = seed;
		struct prefix_table *t = prefix_new();
		struct oracle o = { 0 };
		fill_random(t, &o, 60, 40);
		check_all(t, &o, 50); /* never built: the slow path */
		prefix_build(t);
		prefix_build(t); /* nothing changed */
		check_all(t, &o, 50);
		fill_random(t, &o, 60, 40); /* adds after the build */
		check_all(t, &o, 50);
		prefix_build(t);
		check_all(t, &o, 50);

		/* Set on a built table, then on an unbuilt one. */
		for (int round = 0; round < 2; round++) {
			for (int k = 0; k < 40; k++) {
				struct ent *e = &o.e[rnd_below((unsigned)o.n)];
				e->value = (uint32_t)rnd();
				struct fl_addr a = rand_addr(e->a.family);
				for (int b = 0; b < e->plen; b++)
					set_bit(&a, b, bit_at(&e->a, b));
				assert_int_equal(prefix_set(t, &a, e->plen, e->value), 0);
			}
			check_all(t, &o, 50);
			struct fl_addr x = rand_addr(4);
			if (oracle_find(&o, &x, 32) < 0)
				assert_int_equal(prefix_set(t, &x, 32, 1), PREFIX_E_NOTFOUND);
			x = rand_addr(6);
			if (oracle_find(&o, &x, 128) < 0)
				assert_int_equal(prefix_set(t, &x, 128, 1), PREFIX_E_NOTFOUND);
			fill_random(t, &o, 10, 40);
		}
		prefix_build(t);
		check_all(t, &o, 50);
		prefix_free(t);
		free(o.e);
	}
}

/* prefix_set on a prefix split into many pieces by nested ones. */
static void test_set_split(void **state)
{
	(void)state;
	struct prefix_table *t = prefix_new();
	add_text(t, "10.0.0.0/8", 1);
	add_text(t, "10.1.0.0/16", 2);
	add_text(t, "10.3.0.0/16", 3);
	add_text(t, "10.3.4.0/24", 4);
	add_text(t, "0.0.0.0/0", 5);
	prefix_build(t);
	struct fl_addr a = addr("10.9.9.9");
	assert_int_equal(prefix_set(t, &a, 8, 100), 0);
	uint32_t v;
	int plen;
	const char *in8[] = { "10.0.0.0", "10.2.0.0", "10.2.255.255", "10.4.0.0",
			      "10.255.255.255" };
	for (size_t i = 0; i < sizeof(in8) / sizeof(in8[0]); i++) {
		assert_int_equal(look(t, in8[i], &v, &plen), 1);
		assert_int_equal(v, 100);
		assert_int_equal(plen, 8);
	}
	assert_int_equal(look(t, "10.3.4.1", &v, &plen), 1);
	assert_int_equal(v, 4);
	assert_int_equal(look(t, "10.1.0.0", &v, &plen), 1);
	assert_int_equal(v, 2);
	assert_int_equal(look(t, "11.0.0.0", &v, &plen), 1);
	assert_int_equal(v, 5);
	assert_int_equal(look(t, "9.255.255.255", &v, &plen), 1);
	assert_int_equal(v, 5);
	prefix_free(t);
}

static void parse_ok(const char *s, const char *want_addr, int want_plen)
{
	struct fl_addr a, w = addr(want_addr);
	int plen;
	if (prefix_parse(s, strlen(s), &a, &plen) != 0)
		fail_msg("prefix_parse(\"%s\") failed", s);
	assert_int_equal(plen, want_plen);
	assert_int_equal(a.family, w.family);
	assert_memory_equal(a.b, w.b, w.family == 4 ? 4 : 16);
}

static void test_parse(void **state)
{
	(void)state;
	parse_ok("10.0.0.0/16", "10.0.0.0", 16);
	parse_ok("2600:1f18::/36", "2600:1f18::", 36);
	parse_ok("1.2.3.4", "1.2.3.4", 32);
	parse_ok("2600::1", "2600::1", 128);
	parse_ok("0.0.0.0/0", "0.0.0.0", 0);
	parse_ok("::/0", "::", 0);
	parse_ok("1.2.3.4/32", "1.2.3.4", 32);
	parse_ok("ffff::ffff/128", "ffff::ffff", 128);
	/* Host bits are cleared. */
	parse_ok("10.1.2.3/16", "10.1.0.0", 16);
	parse_ok("255.255.255.255/0", "0.0.0.0", 0);
	parse_ok("10.255.255.255/9", "10.128.0.0", 9);
	parse_ok("2600:1f18:ffff::1/36", "2600:1f18:f000::", 36);
	parse_ok("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/65",
		 "ffff:ffff:ffff:ffff:8000::", 65);
	parse_ok("::ffff:1.2.3.4/120", "::ffff:1.2.3.0", 120);

	const char *bad[] = {
		"", "/", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8",
		"10.0.0.0/ 8", "10.0.0.0 /8", " 10.0.0.0/8", "10.0.0.0/8 ", "10.0.0.0/8/8",
		"10.0.0.0/8x", "10.0.0.0/x", "10.0.0/8", "10.0.0.256/8", "::/129",
		"2600::/1280", "::/1000", "2600:::1/64", "2600::g/64", "10.0.0.0/4294967304",
		"10.0.0.0/99999999999999999999999", "hello", "10.0.0.0\n", "1.2.3.4/0x8",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct fl_addr a;
		memset(&a, 0xab, sizeof(a));
		int plen = -7;
		if (prefix_parse(bad[i], strlen(bad[i]), &a, &plen) != -1)
			fail_msg("prefix_parse(\"%s\") accepted", bad[i]);
		assert_int_equal(plen, -7);
		assert_int_equal(a.family, 0xab);
	}
	/* The length bound: only len bytes are read. */
	struct fl_addr a;
	int plen;
	assert_int_equal(prefix_parse("10.0.0.0/16junk", 11, &a, &plen), 0);
	assert_int_equal(plen, 16);
	assert_int_equal(prefix_parse("10.0.0.0/16", 10, &a, &plen), 0);
	assert_int_equal(plen, 1);
	assert_int_equal(prefix_parse("10.0.0.0/16", 9, &a, &plen), -1);
}

static void test_contains(void **state)
{
	(void)state;
	struct fl_addr p = addr("10.1.0.0"), p6 = addr("2600:1f18::");
	struct fl_addr in = addr("10.1.255.255"), out = addr("10.2.0.0");
	struct fl_addr in6 = addr("2600:1f18:fff::1"), out6 = addr("2600:1f19::");
	assert_true(prefix_contains(&p, 16, &in));
	assert_false(prefix_contains(&p, 16, &out));
	assert_true(prefix_contains(&p, 14, &out));
	assert_true(prefix_contains(&p, 0, &out));
	assert_true(prefix_contains(&in, 16, &p)); /* host bits of a ignored */
	assert_false(prefix_contains(&p, 32, &in));
	assert_true(prefix_contains(&p, 32, &p));
	assert_false(prefix_contains(&p, 33, &p));
	assert_false(prefix_contains(&p, -1, &p));
	assert_true(prefix_contains(&p6, 36, &in6));
	assert_false(prefix_contains(&p6, 36, &out6));
	assert_true(prefix_contains(&p6, 0, &out6));
	assert_false(prefix_contains(&p6, 129, &p6));
	assert_true(prefix_contains(&p6, 128, &p6));
	/* Never across families, not even at /0. */
	assert_false(prefix_contains(&p, 0, &p6));
	assert_false(prefix_contains(&p6, 0, &p));

	/* Random: agrees with the bitwise definition. */
	rng_state = 99;
	for (int i = 0; i < 20000; i++) {
		int family = rnd_below(2) ? 4 : 6;
		struct fl_addr a = rand_addr(family), x = rand_addr(family);
		int alen = (int)rnd_below((unsigned)width(family) + 1);
		for (int b = 0; b < alen; b++)
			if (rnd_below(16))
				set_bit(&x, b, bit_at(&a, b));
		assert_int_equal(prefix_contains(&a, alen, &x), holds(&a, alen, &x));
	}
}

#ifndef IP_RANGES_JSON
#define IP_RANGES_JSON "../shared/data/ip-ranges.json"
#endif

struct jpfx {
	struct fl_addr a; /* host bits cleared by prefix_parse */
	int plen;
	uint32_t idx;     /* position in the file: the value added */
};

static int jpfx_cmp(const void *pa, const void *pb)
{
	const struct jpfx *a = pa, *b = pb;
	if (a->a.family != b->a.family)
		return a->a.family < b->a.family ? -1 : 1;
	int c = memcmp(a->a.b, b->a.b, 16);
	if (c)
		return c;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Read both prefix arrays of ip-ranges.json; AWS lists a prefix once per
 * service, so the same prefix comes many times. Returns the count. */
static size_t read_ranges(json_t *root, struct jpfx **out)
{
	static const char *const arrays[2][2] = {
		{ "prefixes", "ip_prefix" }, { "ipv6_prefixes", "ipv6_prefix" }
	};
	size_t n = 0;
	*out = NULL;
	for (int k = 0; k < 2; k++) {
		json_t *arr = json_object_get(root, arrays[k][0]);
		assert_true(json_is_array(arr));
		*out = realloc(*out, (n + json_array_size(arr)) * sizeof(**out));
		assert_non_null(*out);
		size_t i;
		json_t *item;
		json_array_foreach(arr, i, item) {
			const char *s = json_string_value(json_object_get(item, arrays[k][1]));
			assert_non_null(s);
			struct jpfx *p = &(*out)[n];
			assert_int_equal(prefix_parse(s, strlen(s), &p->a, &p->plen), 0);
			assert_int_equal(p->a.family, k ? 6 : 4);
			p->idx = (uint32_t)n;
			n++;
		}
	}
	return n;
}

static void test_ip_ranges(void **state)
{
	(void)state;
	json_error_t err;
	json_t *root = json_load_file(IP_RANGES_JSON, 0, &err);
	if (!root) {
		print_message("skipping: %s: %s\n", IP_RANGES_JSON, err.text);
		skip();
	}
	struct jpfx *all;
	size_t n = read_ranges(root, &all);
	json_decref(root);
	assert_true(n > 1000);

	/* The oracle holds the first occurrence of each prefix; first[i] says
	 * which entry that is for every line of the file. */
	struct jpfx *sorted = malloc(n * sizeof(*sorted));
	uint32_t *first = malloc(n * sizeof(*first));
	assert_non_null(sorted);
	assert_non_null(first);
	memcpy(sorted, all, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), jpfx_cmp);
	struct oracle o = { 0 };
	o.e = malloc(n * sizeof(*o.e));
	assert_non_null(o.e);
	for (size_t i = 0; i < n; i++) {
		const struct jpfx *p = &sorted[i];
		if (i == 0 || p->plen != p[-1].plen || p->a.family != p[-1].a.family ||
		    memcmp(p->a.b, p[-1].a.b, 16) != 0) {
			o.e[o.n].a = p->a;
			o.e[o.n].plen = p->plen;
			o.e[o.n].value = p->idx;
			o.n++;
		}
		first[p->idx] = o.e[o.n - 1].value;
	}

	struct prefix_table *t = prefix_new();
	for (size_t i = 0; i < n; i++) {
		uint32_t ex = 0;
		int rc = prefix_add(t, &all[i].a, all[i].plen, (uint32_t)i, &ex);
		if (first[i] == i) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, 1);
			assert_int_equal(ex, first[i]);
		}
	}
	free(all);
	free(sorted);
	free(first);
	prefix_build(t);
	assert_int_equal(prefix_count(t), o.n);

	rng_state = 2024;
	/* Edges of a sample of the prefixes (the oracle is a linear scan). */
	for (int k = 0; k < 400; k++) {
		const struct ent *e = &o.e[rnd_below((unsigned)o.n)];
		for (int last = 0; last <= 1; last++) {
			int wrapped;
			struct fl_addr x = edge(&e->a, e->plen, last);
			check_one(t, &o, &x);
			struct fl_addr y = step(&x, last, &wrapped);
			check_one(t, &o, &y);
		}
	}
	/* Random addresses, and random addresses inside AWS's /8s and /16s of
	 * IPv6 so that most of them hit something. */
	for (int k = 0; k < 500; k++) {
		struct fl_addr x4 = rand_addr(4), x6 = rand_addr(6);
		check_one(t, &o, &x4);
		check_one(t, &o, &x6);
		const struct ent *e = &o.e[rnd_below((unsigned)o.n)];
		struct fl_addr r = rand_addr(e->a.family);
		int keep = e->a.family == 4 ? 8 : 24;
		for (int b = 0; b < keep; b++)
			set_bit(&r, b, bit_at(&e->a, b));
		check_one(t, &o, &r);
	}
	/* Known answers. */
	uint32_t v;
	int plen;
	assert_int_equal(look(t, "127.0.0.1", &v, &plen), 0);
	assert_int_equal(look(t, "::1", &v, &plen), 0);
	prefix_free(t);
	free(o.e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_v4),
		cmocka_unit_test(test_random_v6),
		cmocka_unit_test(test_random_mixed),
		cmocka_unit_test(test_dense_nesting),
		cmocka_unit_test(test_multiscale),
		cmocka_unit_test(test_families_apart),
		cmocka_unit_test(test_extremes),
		cmocka_unit_test(test_add_errors),
		cmocka_unit_test(test_lifecycle),
		cmocka_unit_test(test_set_split),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_contains),
		cmocka_unit_test(test_ip_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
