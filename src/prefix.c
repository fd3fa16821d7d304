/* SPDX-License-Identifier: MIT */
/*
 * Longest-prefix match; see prefix.h.
 *
 * Prefixes are kept in an array with a hash of (family, network, length)
 * for duplicate checks and prefix_set. prefix_build flattens each family's
 * nested prefixes into sorted, disjoint intervals that cover the whole
 * address space, each carrying the value and length of the longest prefix
 * over it (or "none"), so a lookup is one search for the last interval
 * start <= the address.
 *
 * That search goes through an index first. A node covers the interval
 * starts a..b of a run of intervals and splits [a, b) into equal buckets
 * (a power of two wide); each bucket knows the first interval it overlaps,
 * so the answer lies between that and the next bucket's. A bucket overlapping
 * more than LEAF_MAX intervals gets a child node over just its own starts,
 * so clustered sets (AWS's IPv6 ranges sit in a few /24s) are refined where
 * they are dense and nothing is spent on empty space. A child spans less
 * than its parent's bucket width, so there are at most 32 or 128 levels;
 * in practice one or two. The final step is a binary search of at most
 * LEAF_MAX starts.
 */
#include "prefix.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Addresses as 128-bit numbers; an IPv4 address is lo, with hi 0. */
struct u128 {
	uint64_t hi, lo;
};

struct pfx {
	struct u128 net; /* host bits cleared */
	uint32_t value;
	uint8_t plen;
	uint8_t family;
};

#define NO_OWNER UINT32_MAX
#define NO_LEN 255u
/* A bucket overlapping more intervals than this gets a child node. */
#define LEAF_MAX 8u
/* At most 2^MAX_BUCKET_BITS buckets per node. */
#define MAX_BUCKET_BITS 16u

/* An index node over the intervals first..last (see the top comment):
 * a = start of interval first + 1, b = start of interval last. An address
 * below a is in interval first, one at or above b in interval last; else
 * it is in bucket (x - a) >> shift, whose slot is slots[slot0 + bucket]. */
struct node {
	struct u128 a, b;
	uint32_t first, last;
	uint32_t slot0;
	uint32_t shift;
};

/* A bucket: lo is the interval holding its first address (so the next
 * slot's lo bounds the search); child, when not 0, the node refining it
 * (node 0, the root, is nobody's child). Each node's slots end with one
 * extra slot whose lo is the node's last. */
struct slot {
	uint32_t lo;
	uint32_t child;
};

/* An interval: its first address and the longest prefix over it. The
 * answer sits next to the key the search ends on: one cache line. */
struct rec4 {
	uint32_t start;
	uint32_t val;  /* value of the covering prefix */
	uint8_t len;   /* length of the covering prefix, or NO_LEN */
};

struct rec6 {
	struct u128 start;
	uint32_t val;
	uint8_t len;
};

/* One family's compiled intervals and their index. */
struct fam {
	uint32_t n;        /* intervals; 0 when the family has no prefixes */
	struct rec4 *r4;   /* IPv4 intervals, sorted */
	struct rec6 *r6;   /* IPv6 intervals, sorted */
	uint32_t *owner;   /* index in t->e of each interval's prefix, or NO_OWNER */
	struct node *node; /* the index; NULL when n <= LEAF_MAX + 1 */
	struct slot *slot;
	uint32_t nnode, nslot;
};

struct prefix_table {
	struct pfx *e;
	size_t n, cap;
	uint32_t *hash; /* open-addressing hash of e: index + 1, 0 empty */
	size_t nhash;   /* power of two, or 0 */
	int built;      /* f4 and f6 reflect every prefix in e */
	struct fam f4, f6;
};

static int u128_lt(struct u128 x, struct u128 y)
{
	return x.hi < y.hi || (x.hi == y.hi && x.lo < y.lo);
}

static int u128_eq(struct u128 x, struct u128 y)
{
	return x.hi == y.hi && x.lo == y.lo;
}

static struct u128 u128_sub(struct u128 x, struct u128 y)
{
	struct u128 r = { x.hi - y.hi - (x.lo < y.lo), x.lo - y.lo };
	return r;
}

static struct u128 u128_add1(struct u128 x)
{
	struct u128 r = { x.hi + (x.lo == UINT64_MAX), x.lo + 1 };
	return r;
}

/* Shifts by s < 128. */
static struct u128 u128_shr(struct u128 x, unsigned s)
{
	struct u128 r;
	if (s == 0)
		return x;
	if (s >= 64) {
		r.hi = 0;
		r.lo = x.hi >> (s - 64);
	} else {
		r.hi = x.hi >> s;
		r.lo = (x.lo >> s) | (x.hi << (64 - s));
	}
	return r;
}

static struct u128 u128_shl(struct u128 x, unsigned s)
{
	struct u128 r;
	if (s == 0)
		return x;
	if (s >= 64) {
		r.hi = x.lo << (s - 64);
		r.lo = 0;
	} else {
		r.hi = (x.hi << s) | (x.lo >> (64 - s));
		r.lo = x.lo << s;
	}
	return r;
}

static unsigned u128_bitlen(struct u128 x)
{
	if (x.hi)
		return 128u - (unsigned)__builtin_clzll(x.hi);
	if (x.lo)
		return 64u - (unsigned)__builtin_clzll(x.lo);
	return 0;
}

/* Big-endian loads; memcpy and a byte swap compile to one instruction
 * each, which a byte loop does not on the lookup path. */
static uint64_t load_be64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static uint32_t load_be32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

static struct u128 addr_key(const struct fl_addr *a)
{
	struct u128 k;
	if (a->family == 4) {
		k.hi = 0;
		k.lo = load_be32(a->b);
	} else {
		k.hi = load_be64(a->b);
		k.lo = load_be64(a->b + 8);
	}
	return k;
}

static int max_len(int family)
{
	return family == 4 ? 32 : family == 6 ? 128 : -1;
}

/* The host bits of a prefix of length plen (valid for its family). */
static struct u128 host_mask(int family, int plen)
{
	struct u128 m = { 0, 0 };
	if (family == 4) {
		m.lo = plen == 32 ? 0 : UINT64_C(0xffffffff) >> plen;
	} else if (plen >= 64) {
		m.lo = plen == 128 ? 0 : UINT64_MAX >> (plen - 64);
	} else {
		m.hi = UINT64_MAX >> plen;
		m.lo = UINT64_MAX;
	}
	return m;
}

static struct u128 net_of(struct u128 k, int family, int plen)
{
	struct u128 m = host_mask(family, plen);
	k.hi &= ~m.hi;
	k.lo &= ~m.lo;
	return k;
}

static int valid(const struct fl_addr *a, int plen)
{
	int max = max_len(a->family);
	return max >= 0 && plen >= 0 && plen <= max;
}

static size_t hash_of(struct u128 net, int family, int plen)
{
	uint64_t h = net.hi * UINT64_C(0x9e3779b97f4a7c15);
	h ^= (net.lo + ((uint64_t)family << 8) + (uint64_t)plen) *
	     UINT64_C(0xc2b2ae3d27d4eb4f);
	h ^= h >> 31;
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 29;
	return (size_t)h;
}

/* Index in t->e of the exact prefix, or -1. */
static long find(const struct prefix_table *t, struct u128 net, int family, int plen)
{
	if (!t->nhash)
		return -1;
	size_t mask = t->nhash - 1;
	for (size_t i = hash_of(net, family, plen) & mask;; i = (i + 1) & mask) {
		uint32_t s = t->hash[i];
		if (!s)
			return -1;
		const struct pfx *p = &t->e[s - 1];
		if (p->plen == plen && p->family == family && u128_eq(p->net, net))
			return (long)(s - 1);
	}
}

static void hash_insert(uint32_t *slot, size_t nslot, const struct pfx *p, uint32_t idx)
{
	size_t mask = nslot - 1;
	size_t i = hash_of(p->net, p->family, p->plen) & mask;
	while (slot[i])
		i = (i + 1) & mask;
	slot[i] = idx + 1;
}

static void hash_grow(struct prefix_table *t)
{
	size_t n = t->nhash ? t->nhash * 2 : 16;
	uint32_t *s = xcalloc(n, sizeof(*s));
	for (size_t i = 0; i < t->n; i++)
		hash_insert(s, n, &t->e[i], (uint32_t)i);
	free(t->hash);
	t->hash = s;
	t->nhash = n;
}

static void fam_free(struct fam *f)
{
	free(f->r4);
	free(f->r6);
	free(f->owner);
	free(f->node);
	free(f->slot);
	memset(f, 0, sizeof(*f));
}

struct prefix_table *prefix_new(void)
{
	return xcalloc(1, sizeof(struct prefix_table));
}

void prefix_free(struct prefix_table *t)
{
	if (!t)
		return;
	fam_free(&t->f4);
	fam_free(&t->f6);
	free(t->e);
	free(t->hash);
	free(t);
}

int prefix_add(struct prefix_table *t, const struct fl_addr *addr, int plen,
	       uint32_t value, uint32_t *existing)
{
	if (!valid(addr, plen))
		return PREFIX_E_LEN;
	struct u128 net = net_of(addr_key(addr), addr->family, plen);
	long i = find(t, net, addr->family, plen);
	if (i >= 0) {
		if (existing)
			*existing = t->e[i].value;
		return 1;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->e = xrealloc(t->e, t->cap * sizeof(*t->e));
	}
	struct pfx *p = &t->e[t->n];
	p->net = net;
	p->value = value;
	p->plen = (uint8_t)plen;
	p->family = addr->family;
	/* Keep the hash at most half full. */
	if ((t->n + 1) * 2 > t->nhash)
		hash_grow(t);
	hash_insert(t->hash, t->nhash, p, (uint32_t)t->n);
	t->n++;
	t->built = 0;
	return 0;
}

/* Last interval in [l, r] whose start is <= x; start[l] <= x is known. */
static uint32_t search4(const struct rec4 *s, uint32_t l, uint32_t r, uint32_t x)
{
	uint32_t base = l, n = r - l + 1;
	while (n > 1) {
		uint32_t half = n / 2;
		base = s[base + half].start <= x ? base + half : base;
		n -= half;
	}
	return base;
}

static uint32_t search6(const struct rec6 *s, uint32_t l, uint32_t r, uint64_t xh,
			uint64_t xl)
{
	uint32_t base = l, n = r - l + 1;
	while (n > 1) {
		uint32_t half = n / 2;
		const struct u128 *m = &s[base + half].start;
		/* Bitwise, not short-circuit: no branch to mispredict. */
		int le = (m->hi < xh) | ((m->hi == xh) & (m->lo <= xl));
		base = le ? base + half : base;
		n -= half;
	}
	return base;
}

static uint32_t locate4(const struct fam *f, uint32_t x)
{
	if (!f->node)
		return search4(f->r4, 0, f->n - 1, x);
	const struct node *nd = f->node;
	for (;;) {
		uint32_t a = (uint32_t)nd->a.lo;
		if (x < a)
			return nd->first;
		if (x >= (uint32_t)nd->b.lo)
			return nd->last;
		const struct slot *sl = &f->slot[nd->slot0 + ((x - a) >> nd->shift)];
		if (!sl->child)
			return search4(f->r4, sl->lo, sl[1].lo, x);
		nd = &f->node[sl->child];
	}
}

static uint32_t locate6(const struct fam *f, struct u128 x)
{
	if (!f->node)
		return search6(f->r6, 0, f->n - 1, x.hi, x.lo);
	const struct node *nd = f->node;
	for (;;) {
		if (u128_lt(x, nd->a))
			return nd->first;
		if (!u128_lt(x, nd->b))
			return nd->last;
		uint32_t j = (uint32_t)u128_shr(u128_sub(x, nd->a), nd->shift).lo;
		const struct slot *sl = &f->slot[nd->slot0 + j];
		if (!sl->child)
			return search6(f->r6, sl->lo, sl[1].lo, x.hi, x.lo);
		nd = &f->node[sl->child];
	}
}

static uint32_t locate(const struct fam *f, int family, struct u128 x)
{
	return family == 4 ? locate4(f, (uint32_t)x.lo) : locate6(f, x);
}

int prefix_set(struct prefix_table *t, const struct fl_addr *addr, int plen,
	       uint32_t value)
{
	if (!valid(addr, plen))
		return PREFIX_E_LEN;
	int family = addr->family;
	struct u128 net = net_of(addr_key(addr), family, plen);
	long i = find(t, net, family, plen);
	if (i < 0)
		return PREFIX_E_NOTFOUND;
	t->e[i].value = value;
	if (!t->built)
		return 0;
	/* Patch the intervals this prefix owns; they all lie within it. */
	const struct fam *f = family == 4 ? &t->f4 : &t->f6;
	struct u128 m = host_mask(family, plen);
	struct u128 end = { net.hi | m.hi, net.lo | m.lo };
	for (uint32_t j = locate(f, family, net); j < f->n; j++) {
		struct u128 s = family == 4 ? (struct u128){ 0, f->r4[j].start } : f->r6[j].start;
		if (u128_lt(end, s))
			break;
		if (f->owner[j] != (uint32_t)i)
			continue;
		if (family == 4)
			f->r4[j].val = value;
		else
			f->r6[j].val = value;
	}
	return 0;
}

/* Build-time scratch: a prefix as its first and last address. */
struct span {
	struct u128 lo, hi;
	uint32_t idx;
	uint8_t plen;
};

static int span_cmp(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;
	if (!u128_eq(a->lo, b->lo))
		return u128_lt(a->lo, b->lo) ? -1 : 1;
	return (a->plen > b->plen) - (a->plen < b->plen);
}

struct flat {
	struct u128 *start;
	uint32_t *owner;
	uint32_t n;
};

/* Append an interval starting at pos, merging with the one before when they
 * end up with the same owner. */
static void emit(struct flat *o, struct u128 pos, uint32_t owner)
{
	if (o->n && u128_eq(o->start[o->n - 1], pos)) {
		o->owner[o->n - 1] = owner;
		if (o->n > 1 && o->owner[o->n - 2] == owner)
			o->n--;
		return;
	}
	if (o->n && o->owner[o->n - 1] == owner)
		return;
	o->start[o->n] = pos;
	o->owner[o->n] = owner;
	o->n++;
}

/* Add the node over intervals first..last (last > first + 1) of the
 * starts st, and its children; returns its index. */
static uint32_t index_node(struct fam *f, const struct u128 *st, uint32_t first,
			   uint32_t last, uint32_t *cap_node, uint32_t *cap_slot)
{
	struct node nd;
	nd.a = st[first + 1];
	nd.b = st[last];
	nd.first = first;
	nd.last = last;
	/* About two buckets per interval, rounded up to a power of two. */
	unsigned bits = 1;
	while (bits < MAX_BUCKET_BITS && (UINT32_C(1) << bits) < 2 * (last - first))
		bits++;
	struct u128 range = u128_sub(nd.b, nd.a);
	unsigned len = u128_bitlen(range);
	nd.shift = len > bits ? len - bits : 0;
	uint32_t nb = (uint32_t)u128_shr(range, nd.shift).lo + 1;
	nd.slot0 = f->nslot;

	if (f->nnode == *cap_node) {
		*cap_node *= 2;
		f->node = xrealloc(f->node, *cap_node * sizeof(*f->node));
	}
	uint32_t me = f->nnode++;
	f->node[me] = nd;
	while (f->nslot + nb + 1 > *cap_slot) {
		*cap_slot *= 2;
		f->slot = xrealloc(f->slot, *cap_slot * sizeof(*f->slot));
	}
	f->nslot += nb + 1;

	/* Interval first + 1 starts at a, bucket 0's first address. */
	uint32_t iv = first + 1;
	for (uint32_t j = 0; j < nb; j++) {
		struct u128 off = u128_shl((struct u128){ 0, j }, nd.shift);
		struct u128 addr = { nd.a.hi + off.hi + (nd.a.lo + off.lo < nd.a.lo),
				     nd.a.lo + off.lo };
		while (iv < last && !u128_lt(addr, st[iv + 1]))
			iv++;
		f->slot[nd.slot0 + j] = (struct slot){ iv, 0 };
	}
	f->slot[nd.slot0 + nb] = (struct slot){ last, 0 };
	for (uint32_t j = 0; j < nb; j++) {
		uint32_t lo = f->slot[nd.slot0 + j].lo, hi = f->slot[nd.slot0 + j + 1].lo;
		if (hi - lo + 1 > LEAF_MAX && hi > lo + 1) {
			uint32_t c = index_node(f, st, lo, hi, cap_node, cap_slot);
			f->slot[nd.slot0 + j].child = c;
		}
	}
	return me;
}

static void fam_build(struct prefix_table *t, struct fam *f, int family)
{
	fam_free(f);
	size_t m = 0;
	for (size_t i = 0; i < t->n; i++)
		m += t->e[i].family == family;
	if (!m)
		return;

	struct span *sp = xmalloc(m * sizeof(*sp));
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct pfx *p = &t->e[i];
		if (p->family != family)
			continue;
		struct u128 hm = host_mask(family, p->plen);
		sp[k].lo = p->net;
		sp[k].hi = (struct u128){ p->net.hi | hm.hi, p->net.lo | hm.lo };
		sp[k].idx = (uint32_t)i;
		sp[k].plen = p->plen;
		k++;
	}
	qsort(sp, m, sizeof(*sp), span_cmp);

	/* Sweep in address order with a stack of the prefixes open at the
	 * sweep point; distinct prefixes are disjoint or nested, so the stack
	 * is a chain of containers and its top is the longest match. Each
	 * prefix opens one interval and closes at most one: <= 2m + 1. */
	struct flat o;
	o.start = xmalloc((2 * m + 1) * sizeof(*o.start));
	o.owner = xmalloc((2 * m + 1) * sizeof(*o.owner));
	o.n = 0;
	struct span *stack[129];
	int depth = 0;
	emit(&o, (struct u128){ 0, 0 }, NO_OWNER);
	for (size_t i = 0; i < m; i++) {
		while (depth && u128_lt(stack[depth - 1]->hi, sp[i].lo)) {
			struct u128 next = u128_add1(stack[depth - 1]->hi);
			depth--;
			emit(&o, next, depth ? stack[depth - 1]->idx : NO_OWNER);
		}
		emit(&o, sp[i].lo, sp[i].idx);
		stack[depth++] = &sp[i];
	}
	struct u128 top = host_mask(family, 0);
	while (depth && !u128_eq(stack[depth - 1]->hi, top)) {
		struct u128 next = u128_add1(stack[depth - 1]->hi);
		depth--;
		emit(&o, next, depth ? stack[depth - 1]->idx : NO_OWNER);
	}
	free(sp);

	uint32_t n = o.n;
	f->owner = xmalloc(n * sizeof(*f->owner));
	if (family == 4)
		f->r4 = xmalloc(n * sizeof(*f->r4));
	else
		f->r6 = xmalloc(n * sizeof(*f->r6));
	for (uint32_t i = 0; i < n; i++) {
		uint32_t w = o.owner[i];
		uint32_t val = w == NO_OWNER ? 0 : t->e[w].value;
		uint8_t len = (uint8_t)(w == NO_OWNER ? NO_LEN : t->e[w].plen);
		f->owner[i] = w;
		if (family == 4)
			f->r4[i] = (struct rec4){ (uint32_t)o.start[i].lo, val, len };
		else
			f->r6[i] = (struct rec6){ o.start[i], val, len };
	}
	f->n = n;
	if (n > LEAF_MAX + 1) {
		uint32_t cap_node = 16, cap_slot = 4 * n;
		f->node = xmalloc(cap_node * sizeof(*f->node));
		f->slot = xmalloc(cap_slot * sizeof(*f->slot));
		index_node(f, o.start, 0, n - 1, &cap_node, &cap_slot);
		/* Give back the slack of the doubling. */
		f->node = xrealloc(f->node, f->nnode * sizeof(*f->node));
		f->slot = xrealloc(f->slot, f->nslot * sizeof(*f->slot));
	}
	free(o.start);
	free(o.owner);
}

void prefix_build(struct prefix_table *t)
{
	if (t->built)
		return;
	fam_build(t, &t->f4, 4);
	fam_build(t, &t->f6, 6);
	t->built = 1;
}

/* Lookup in a table changed since its last build: a linear scan, kept out
 * of line so that it does not weigh on the compiled path. */
__attribute__((noinline, cold)) static int
lookup_slow(const struct prefix_table *t, const struct fl_addr *addr, uint32_t *value,
	    int *plen)
{
	int family = addr->family;
	struct u128 key = addr_key(addr);
	long best = -1;
	for (size_t i = 0; i < t->n; i++) {
		const struct pfx *p = &t->e[i];
		if (p->family == family && (best < 0 || p->plen > t->e[best].plen) &&
		    u128_eq(net_of(key, family, p->plen), p->net))
			best = (long)i;
	}
	if (best < 0)
		return 0;
	*value = t->e[best].value;
	if (plen)
		*plen = t->e[best].plen;
	return 1;
}

int prefix_lookup(const struct prefix_table *t, const struct fl_addr *addr,
		  uint32_t *value, int *plen)
{
	const struct fam *f;
	uint32_t val;
	uint8_t len;
	if (!t->built) {
		if (addr->family != 4 && addr->family != 6)
			return 0;
		return lookup_slow(t, addr, value, plen);
	}
	if (addr->family == 4) {
		f = &t->f4;
		if (!f->n)
			return 0;
		const struct rec4 *r = &f->r4[locate4(f, load_be32(addr->b))];
		val = r->val;
		len = r->len;
	} else if (addr->family == 6) {
		f = &t->f6;
		if (!f->n)
			return 0;
		struct u128 x = { load_be64(addr->b), load_be64(addr->b + 8) };
		const struct rec6 *r = &f->r6[locate6(f, x)];
		val = r->val;
		len = r->len;
	} else {
		return 0;
	}
	if (len == NO_LEN)
		return 0;
	*value = val;
	if (plen)
		*plen = len;
	return 1;
}

size_t prefix_count(const struct prefix_table *t)
{
	return t->n;
}

int prefix_parse(const char *s, size_t len, struct fl_addr *addr, int *plen)
{
	const char *slash = memchr(s, '/', len);
	size_t alen = slash ? (size_t)(slash - s) : len;
	struct fl_addr a;
	if (fl_addr_parse(s, alen, &a) != 0)
		return -1;
	int max = max_len(a.family);
	uint64_t n = (uint64_t)max;
	if (slash) {
		size_t nlen = len - alen - 1;
		/* parse_u64 takes digits only: no sign, space or empty text. */
		if (nlen > 3 || parse_u64(slash + 1, nlen, (uint64_t)max, &n) != 0)
			return -1;
	}
	struct u128 m = host_mask(a.family, (int)n);
	if (a.family == 4) {
		uint32_t v = load_be32(a.b) & ~(uint32_t)m.lo;
		a.b[0] = (uint8_t)(v >> 24);
		a.b[1] = (uint8_t)(v >> 16);
		a.b[2] = (uint8_t)(v >> 8);
		a.b[3] = (uint8_t)v;
	} else {
		for (int i = 0; i < 8; i++) {
			a.b[i] &= (uint8_t)~(m.hi >> (56 - 8 * i));
			a.b[8 + i] &= (uint8_t)~(m.lo >> (56 - 8 * i));
		}
	}
	*addr = a;
	*plen = (int)n;
	return 0;
}

int prefix_contains(const struct fl_addr *a, int alen, const struct fl_addr *x)
{
	if (!valid(a, alen) || a->family != x->family)
		return 0;
	return u128_eq(net_of(addr_key(a), a->family, alen),
		       net_of(addr_key(x), x->family, alen));
}
