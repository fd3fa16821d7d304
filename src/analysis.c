/* SPDX-License-Identifier: MIT */
/* One analysis's state; see analysis.h. */
#include "analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fmt.h"
#include "strpool.h"
#include "util.h"

/*
 * A memo of decisions. The classifier reads a record's ids and names, its
 * direction, service codes, traffic-path and action, and its addresses
 * only through lookups of the model: records that agree on the former and
 * whose addresses have the same classes (topo_addr_class), with
 * pkt-srcaddr/pkt-dstaddr equal to srcaddr/dstaddr alike, get the same
 * decision and land in the same core row. A hit skips the classifier and
 * the row lookup.
 *
 * An open-addressing table of key hashes and rows; the keys themselves
 * sit in one arena of words. It holds at most MEMO_MAX keys in at most
 * ARENA_MAX words and starts over empty when either is full, so its memory
 * stays bounded (about 5 MiB: 4 MiB of keys, 1 MiB of slots) on any
 * input; a record whose key does not fit is simply classified. The
 * generated estate of bench/ needs about 4,200 keys.
 */
#define MEMO_WORDS 20 /* a key of up to 160 bytes, zero-padded to whole words */
#define MEMO_MAX 32768
#define ARENA_MAX (1u << 19)
#define ACACHE_SLOTS 4096

struct memo_slot {
	uint64_t hash;
	uint32_t row; /* UINT32_MAX: empty */
	uint32_t at;  /* the key's first word in the arena */
};

/* A cache of IPv4 address classes: most records' addresses were seen
 * before. A slot holds the address and its class + 1 (0: empty). */
struct acache_slot {
	uint32_t addr, cls1;
};

/* Traffic-path checks of a core row, by whether they agreed: summed per
 * row, and folded into the tp table by analysis_merge. An array indexed by
 * row, as long as the highest row checked: bounded by the aggregate's row
 * limit, like the aggregate itself. */
struct tp_sum {
	struct agg_val v[2];
};

struct memo {
	const struct topo *t; /* the model the decisions were made with */
	struct acache_slot acache[ACACHE_SLOTS];
	struct memo_slot *slot;
	uint32_t nslots, n; /* a power of two; keys held */
	uint64_t *arena;    /* per key: a header word (words, tp bits), the key */
	size_t arena_n, arena_cap;
	struct tp_sum *tp;
	size_t tp_cap;
};

/* Fields of the key: text (in field order), numbers, addresses (in the
 * order of fl_record.addr). */
#define BIT(f) (UINT64_C(1) << (f))
static const uint64_t memo_text_mask = BIT(FL_INTERFACE_ID) | BIT(FL_ACCOUNT_ID) | BIT(FL_VPC_ID) |
				       BIT(FL_SUBNET_ID) | BIT(FL_REGION) |
				       BIT(FL_PKT_SRC_AWS_SERVICE) | BIT(FL_PKT_DST_AWS_SERVICE);
static const uint64_t memo_num_mask = BIT(FL_FLOW_DIRECTION) | BIT(FL_TRAFFIC_PATH) | BIT(FL_ACTION);
static const uint64_t memo_addr_mask = BIT(FL_SRCADDR) | BIT(FL_DSTADDR) | BIT(FL_PKT_SRCADDR) |
				       BIT(FL_PKT_DSTADDR);
static const enum fl_field memo_addr[] = {FL_SRCADDR, FL_DSTADDR, FL_PKT_SRCADDR, FL_PKT_DSTADDR};
#undef BIT

static void memo_free(struct memo *mm)
{
	if (!mm)
		return;
	free(mm->slot);
	free(mm->arena);
	free(mm->tp);
	free(mm);
}

/* n slots, all empty (row UINT32_MAX). */
static struct memo_slot *slots_new(uint32_t n)
{
	struct memo_slot *s = xmalloc(n * sizeof(*s));
	memset(s, 0xff, n * sizeof(*s));
	return s;
}

static struct memo *memo_new(const struct topo *t)
{
	struct memo *mm = xcalloc(1, sizeof(*mm));
	mm->t = t;
	mm->nslots = 1024;
	mm->slot = slots_new(mm->nslots);
	return mm;
}

/* The slot of key (words long, hashed to h): its own, or the empty one
 * where it would go; NULL after MEMO_PROBES slots (the record is then
 * simply classified), which bounds the work on inputs made to collide. */
#define MEMO_PROBES 64
static inline __attribute__((always_inline)) struct memo_slot *
memo_find(const struct memo *mm, uint64_t h, const uint64_t *key, size_t words)
{
	uint32_t mask = mm->nslots - 1;
	uint32_t i = (uint32_t)h & mask;
	for (int probe = 0; probe < MEMO_PROBES; probe++, i = (i + 1) & mask) {
		struct memo_slot *m = &mm->slot[i];
		if (m->row == UINT32_MAX)
			return m;
		if (m->hash != h)
			continue;
		const uint64_t *k = mm->arena + m->at;
		if ((k[0] & 0xff) != words)
			continue;
		if (memcmp(k + 1, key, words * 8) == 0)
			return m;
	}
	return NULL;
}

static void memo_grow(struct memo *mm)
{
	struct memo_slot *old = mm->slot;
	uint32_t n = mm->nslots;
	mm->nslots *= 2;
	mm->slot = slots_new(mm->nslots);
	for (uint32_t i = 0; i < n; i++) {
		if (old[i].row == UINT32_MAX)
			continue;
		uint32_t j = (uint32_t)old[i].hash & (mm->nslots - 1);
		while (mm->slot[j].row != UINT32_MAX)
			j = (j + 1) & (mm->nslots - 1);
		mm->slot[j] = old[i];
	}
	free(old);
}

/* Remember key's decision; m is where memo_find left off. */
static void memo_put(struct memo *mm, struct memo_slot *m, uint64_t h, const uint64_t *key,
		     size_t words, uint32_t row, int tp_checked, int tp_agrees, int unlisted,
		     int private_outside, uint32_t instance_s)
{
	if (mm->n >= MEMO_MAX || mm->arena_n + words + 1 > ARENA_MAX) {
		/* full: start over (the decisions are only a cache) */
		memset(mm->slot, 0xff, mm->nslots * sizeof(*mm->slot));
		mm->n = 0;
		mm->arena_n = 0;
		m = memo_find(mm, h, key, words);
	} else if (2 * (mm->n + 1) > mm->nslots) {
		memo_grow(mm);
		m = memo_find(mm, h, key, words);
	}
	if (!m)
		return;
	if (mm->arena_n + words + 1 > mm->arena_cap) {
		/* powers of two up to ARENA_MAX, which the test above keeps to */
		mm->arena_cap = mm->arena_cap ? 2 * mm->arena_cap : 4096;
		mm->arena = xrealloc(mm->arena, mm->arena_cap * sizeof(*mm->arena));
	}
	uint64_t *k = mm->arena + mm->arena_n;
	k[0] = words | (uint64_t)(tp_checked ? 1 : 0) << 8 | (uint64_t)(tp_agrees ? 1 : 0) << 9 |
	       (uint64_t)(unlisted ? 1 : 0) << 10 | (uint64_t)(private_outside ? 1 : 0) << 11 |
	       (uint64_t)instance_s << 32;
	memcpy(k + 1, key, words * 8);
	m->hash = h;
	m->row = row;
	m->at = (uint32_t)mm->arena_n;
	mm->arena_n += words + 1;
	mm->n++;
}

/* Add a traffic-path check of core row `row` to its sums. */
static void tp_note(struct memo *mm, size_t row, int agrees, const struct agg_val *v)
{
	if (row >= mm->tp_cap) {
		size_t cap = mm->tp_cap ? mm->tp_cap : 256;
		while (cap <= row)
			cap *= 2;
		mm->tp = xrealloc(mm->tp, cap * sizeof(*mm->tp));
		for (size_t i = mm->tp_cap; i < cap; i++) {
			agg_val_init(&mm->tp[i].v[0]);
			agg_val_init(&mm->tp[i].v[1]);
		}
		mm->tp_cap = cap;
	}
	agg_val_add(&mm->tp[row].v[agrees ? 1 : 0], v);
}

static struct sv cstr_sv(const char *s)
{
	struct sv v = {s, (uint32_t)strlen(s)};
	return v;
}

/* Fold the traffic-path sums of src's rows into dst's tp table: one row
 * per VPC and outcome. */
static void tp_fold(struct analysis *dst, const struct analysis *src)
{
	const struct memo *mm = src->memo;
	if (!mm)
		return;
	for (size_t r = 0; r < mm->tp_cap && r < agg_count(src->core); r++)
		for (int k = 0; k < 2; k++) {
			if (mm->tp[r].v[k].records == 0)
				continue;
			struct sv s[KTAB_NSTR];
			int32_t ti[KTAB_NINT] = {k, 0, 0, 0};
			for (int j = 0; j < KTAB_NSTR; j++)
				s[j] = cstr_sv("");
			s[0] = cstr_sv(agg_str(src->core, agg_row_at(src->core, r)->k.s[AGG_VPC]));
			ktab_add(dst->tp, s, ti, &mm->tp[r].v[k]);
		}
}

struct analysis *analysis_new(void)
{
	struct analysis *a = xcalloc(1, sizeof(*a));
	a->core = agg_new();
	a->timeline = ktab_new(0);
	a->talkers = ktab_new(ANALYSIS_TALKERS_MAX);
	a->nat_talkers = ktab_new(ANALYSIS_TALKERS_MAX);
	a->tp = ktab_new(0);
	a->eni_logs = ktab_new(ANALYSIS_ENI_LOGS_MAX);
	scan_stats_init(&a->stats);
	a->since = INT64_MIN;
	a->until = INT64_MAX;
	a->want_secondary = WANT_ALL;
	analysis_set_limits(a, 0, 0);
	return a;
}

void analysis_set_limits(struct analysis *a, size_t max_rows, size_t max_talkers)
{
	a->max_rows = max_rows ? max_rows : ANALYSIS_ROWS_MAX;
	a->max_talkers = max_talkers ? max_talkers : ANALYSIS_TALKERS_MAX;
	agg_set_max_rows(a->core, a->max_rows);
	ktab_set_max(a->talkers, a->max_talkers);
	ktab_set_max(a->nat_talkers, a->max_talkers);
}

void analysis_free(struct analysis *a)
{
	if (!a)
		return;
	agg_free(a->core);
	ktab_free(a->timeline);
	ktab_free(a->talkers);
	ktab_free(a->nat_talkers);
	ktab_free(a->tp);
	ktab_free(a->eni_logs);
	for (size_t i = 0; i < a->ninputs; i++)
		free(a->inputs[i].path);
	free(a->inputs);
	strpool_free(a->unlisted);
	memo_free(a->memo);
	free(a);
}

/* Copy n bytes without a call for the short fields of a key: overlapping
 * loads, never outside [src, src + n). */
static inline void copy_short(char *dst, const char *src, size_t n)
{
	uint64_t w0, w1, w2, w3;
	uint32_t v0, v1;
	if (n >= 16 && n <= 32) {
		memcpy(&w0, src, 8);
		memcpy(&w1, src + 8, 8);
		memcpy(&w2, src + n - 16, 8);
		memcpy(&w3, src + n - 8, 8);
		memcpy(dst, &w0, 8);
		memcpy(dst + 8, &w1, 8);
		memcpy(dst + n - 16, &w2, 8);
		memcpy(dst + n - 8, &w3, 8);
	} else if (n >= 8 && n < 16) {
		memcpy(&w0, src, 8);
		memcpy(&w1, src + n - 8, 8);
		memcpy(dst, &w0, 8);
		memcpy(dst + n - 8, &w1, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(&v0, src, 4);
		memcpy(&v1, src + n - 4, 4);
		memcpy(dst, &v0, 4);
		memcpy(dst + n - 4, &v1, 4);
	} else if (n < 4) {
		for (size_t i = 0; i < n; i++)
			dst[i] = src[i];
	} else {
		memcpy(dst, src, n);
	}
}

static uint32_t addr_class(struct memo *mm, const struct topo *t, const struct fl_addr *a)
{
	if (a->family != 4)
		return topo_addr_class(t, a);
	uint32_t x;
	memcpy(&x, a->b, 4);
	struct acache_slot *s = &mm->acache[((x * 0x9e3779b1u) >> 20) & (ACACHE_SLOTS - 1)];
	if (s->cls1 && s->addr == x)
		return s->cls1 - 1;
	uint32_t c = topo_addr_class(t, a);
	s->addr = x;
	s->cls1 = c + 1;
	return c;
}

/* The memo key of a record, in whole words (the last one zero-padded):
 * which key fields are present, with the number of the record's flow log
 * above them (so that each flow log's interfaces miss once: the
 * eni_logs check); the text fields, each after its length, and the flow
 * log's region when the record has no region field; the numbers; each
 * address's family and class, and whether pkt-srcaddr and pkt-dstaddr
 * are srcaddr and dstaddr. Returns its length in words, or 0 when it
 * does not fit. */
static size_t memo_key(struct memo *mm, const struct topo *t, const struct fl_record *rec,
		       uint32_t source_no, const char *region, uint64_t *kw)
{
	char *key = (char *)kw;
	const size_t cap = MEMO_WORDS * 8;
	uint64_t mask = rec->present & (memo_text_mask | memo_num_mask | memo_addr_mask);
	size_t o = sizeof(mask);
	for (uint64_t m = mask & memo_text_mask; m; m &= m - 1) {
		int f = __builtin_ctzll(m);
		size_t n = rec->text[f].len;
		if (o + n + 1 > cap)
			return 0;
		key[o++] = (char)n;
		copy_short(key + o, rec->text[f].p, n);
		o += n;
	}
	/* the flow log's region, which a record without its own decides by
	 * (classify_in_region), after the texts and marked by the version's
	 * bit (no key field) */
	if (!(mask & (UINT64_C(1) << FL_REGION)) && region[0]) {
		size_t n = strlen(region);
		if (o + n + 1 > cap)
			return 0;
		mask |= UINT64_C(1) << FL_VERSION;
		key[o++] = (char)n;
		memcpy(key + o, region, n);
		o += n;
	}
	/* the rest: at most 3 x 9 + 4 x 5 + 1 bytes */
	if (o + 48 > cap)
		return 0;
	for (uint64_t m = mask & memo_num_mask; m; m &= m - 1) {
		uint64_t v = rec->num[__builtin_ctzll(m)];
		if (v < 255) {
			key[o++] = (char)v;
		} else {
			key[o++] = (char)255;
			memcpy(key + o, &v, 8);
			o += 8;
		}
	}
	uint32_t cls[4] = {0, 0, 0, 0};
	uint8_t same = 0;
	for (size_t i = 0; i < 4; i++) {
		if (!fl_has(rec, memo_addr[i]))
			continue;
		const struct fl_addr *a = &rec->addr[i];
		/* pkt-srcaddr is most often srcaddr: one lookup for both */
		if (i >= 2 && fl_has(rec, memo_addr[i - 2]) && fl_addr_eq(a, &rec->addr[i - 2])) {
			same |= (uint8_t)(1u << i);
			cls[i] = cls[i - 2];
		} else {
			cls[i] = addr_class(mm, t, a);
		}
		key[o++] = (char)a->family;
		memcpy(key + o, &cls[i], 4);
		o += 4;
	}
	key[o++] = (char)same;
	_Static_assert(FL_TRAFFIC_PATH < 32 && FL_PKT_DST_AWS_SERVICE < 32 && FL_PKT_DSTADDR < 32,
		       "the key's fields fit below the source number");
	mask |= (uint64_t)source_no << 32;
	memcpy(key, &mask, sizeof(mask));
	size_t words = (o + 7) / 8;
	uint64_t zero = 0;
	memcpy(key + o, &zero, 8); /* the key buffer has a word to spare */
	return words;
}

/* The hash of a key: its first four words (which fields, the interface
 * and the start of the account) and its last three (numbers, address
 * classes). The words between (the rest of the ids) mostly follow the
 * interface; keys that differ only there share a hash and are told apart
 * by the comparison, within memo_find's bound. */
static uint64_t hash_key(const uint64_t *w, size_t n)
{
	uint64_t a = 0x9e3779b97f4a7c15ULL ^ n, b = 0xcbf29ce484222325ULL;
	size_t i = 0, j = n > 7 ? n - 3 : 4;
	for (; i < 4 && i < n; i++)
		a = (a ^ w[i]) * 0xff51afd7ed558ccdULL;
	for (; j < n; j++)
		b = (b ^ w[j]) * 0xc4ceb9fe1a85ec53ULL;
	uint64_t h = a ^ (b >> 29) ^ (b << 35);
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	return h;
}

static struct sv field_sv(const struct fl_record *r, enum fl_field f)
{
	struct sv v = {"", 0};
	if (fl_has(r, f)) {
		v.p = r->text[f].p;
		v.len = r->text[f].len;
	}
	return v;
}

/* The workload of a NAT gateway ENI's vpc-side record: the address that
 * is not the NAT gateway's, and the interface of the topology holding it
 * (in the NAT gateway's VPC, else in the one VPC that holds it). */
static void nat_talker(struct analysis *a, const struct topo *t, const struct fl_record *rec,
		       const struct agg_key *k, const struct agg_val *v)
{
	struct sv s[KTAB_NSTR];
	int32_t ints[KTAB_NINT] = {k->vantage, k->path, k->direction, k->action};
	struct cls_result c;
	int e, vpc = -1;
	uint32_t u;
	char addr[64] = "";

	for (int j = 0; j < KTAB_NSTR; j++)
		s[j] = cstr_sv("");
	if (!fl_has(rec, FL_SRCADDR) || !fl_has(rec, FL_DSTADDR))
		return; /* not the vpc side: it holds both */
	/* what the NAT gateway processed: not what a network ACL rejected */
	if (k->action == FL_REJECT)
		return;
	/* a row past --max-rows keeps no strings: the record's own
	 * classification does (only such records pay for it) */
	if (k->reason == REASON_ROW_LIMIT) {
		classify_in_region(t, rec, a->source_region, &c, NULL);
		s[NT_NAT] = c.via;
		s[NT_ACCOUNT] = c.account;
		s[NT_VPC] = c.vpc;
		s[NT_SUBNET] = c.subnet;
		s[NT_SERVICE] = c.service;
		s[NT_SERVICE_REGION] = c.service_region;
		ints[TL_PATH] = c.path;
	} else {
		s[NT_NAT] = cstr_sv(agg_str(a->core, k->s[AGG_VIA]));
		s[NT_ACCOUNT] = cstr_sv(agg_str(a->core, k->s[AGG_ACCOUNT]));
		s[NT_VPC] = cstr_sv(agg_str(a->core, k->s[AGG_VPC]));
		s[NT_SUBNET] = cstr_sv(agg_str(a->core, k->s[AGG_SUBNET]));
		s[NT_SERVICE] = cstr_sv(agg_str(a->core, k->s[AGG_SERVICE]));
		s[NT_SERVICE_REGION] = cstr_sv(agg_str(a->core, k->s[AGG_SERVICE_REGION]));
	}
	const struct fl_addr *wl = fl_addr(rec, FL_SRCADDR);
	if (fl_has(rec, FL_INTERFACE_ID) &&
	    topo_find(t, rec->text[FL_INTERFACE_ID].p, rec->text[FL_INTERFACE_ID].len, &e) == OBJ_ENI &&
	    topo_eni_holds(&t->enis[e], wl))
		wl = fl_addr(rec, FL_DSTADDR);
	fl_addr_format(wl, addr, sizeof(addr));
	s[NT_ADDRESS] = cstr_sv(addr);
	int at;
	if (s[NT_VPC].len && topo_find(t, s[NT_VPC].p, s[NT_VPC].len, &at) == OBJ_VPC)
		vpc = !t->vpcs[at].ncidrs || topo_vpc_holds(t, at, wl) ? at : topo_vpc_of_addr(t, wl);
	else
		vpc = topo_vpc_of_addr(t, wl);
	if (vpc >= 0) {
		s[NT_WORKLOAD_VPC] = cstr_sv(strpool_str(t->pool, t->vpcs[vpc].id_s));
		/* a workload of another VPC (centralized egress): its subnet
		 * there, which the NAT gateway's row does not name */
		if (!s[NT_SUBNET].len && t->vpcs[vpc].subnet_lpm &&
		    prefix_lookup(t->vpcs[vpc].subnet_lpm, wl, &u, NULL))
			s[NT_SUBNET] = cstr_sv(strpool_str(t->pool, t->subnets[u].id_s));
	}
	if (vpc >= 0 && t->vpcs[vpc].eni_lpm && prefix_lookup(t->vpcs[vpc].eni_lpm, wl, &u, NULL)) {
		s[NT_INTERFACE] = cstr_sv(strpool_str(t->pool, t->enis[u].id_s));
		if (t->enis[u].instance_s)
			s[NT_INSTANCE] = cstr_sv(strpool_str(t->pool, t->enis[u].instance_s));
	}
	ktab_add(a->nat_talkers, s, ints, v);
}

/* Timeline, talkers and traffic-path checks from the record's core row. */
static void secondary(struct analysis *a, const struct topo *t, const struct fl_record *rec,
		      size_t row_at, int tp_checked, int tp_agrees, uint32_t instance_s,
		      const struct agg_val *v)
{
	if (tp_checked)
		tp_note(a->memo, row_at, tp_agrees, v);
	if (!a->want_secondary)
		return;
	const struct agg_key *k = &agg_row_at(a->core, row_at)->k;
	/* the NAT gateway's vpc side, which no total counts: its workloads */
	if (k->vantage == VANTAGE_NAT && k->side == SIDE_VPC && (a->want_secondary & WANT_NAT_TALKERS))
		nat_talker(a, t, rec, k, v);
	/* bytes counted again elsewhere: the timeline and talkers leave
	 * them out (docs/reports.md) */
	if (row_outside_totals(k->side, k->reason))
		return;
	/* the timeline and talkers hold what the totals count: the rule
	 * depends on the remote for appliance and transit gateway paths,
	 * which their keys do not hold, so it is applied here */
	if (!row_in_totals(k->path, k->direction, agg_str(a->core, k->s[AGG_REMOTE_VPC])[0] != 0, k->side))
		return;
	int32_t ints[KTAB_NINT] = {k->vantage, k->path, k->direction, k->action};
	struct sv s[KTAB_NSTR];
	char hour[32] = "";
	memset(s, 0, sizeof(s));
	for (int j = 0; j < KTAB_NSTR; j++)
		s[j].p = "";
	if (a->want_secondary & WANT_TIMELINE) {
		if (v->last_end != INT64_MIN) {
			fmt_time(v->last_end - v->last_end % 3600, hour, sizeof(hour));
			s[0] = cstr_sv(hour);
		}
		ktab_add(a->timeline, s, ints, v);
	}

	/* talkers hold only what the totals rule counts (docs/reports.md):
	 * the rest would only swell the (other) row past --max-talkers */
	if (k->vantage == VANTAGE_WORKLOAD && (a->want_secondary & WANT_TALKERS)) {
		char addr[64];
		const struct fl_addr *local =
			k->direction == DIR_INGRESS ? fl_addr(rec, FL_DSTADDR) : fl_addr(rec, FL_SRCADDR);
		fl_addr_format(local, addr, sizeof(addr));
		for (int j = 0; j < KTAB_NSTR; j++)
			s[j] = cstr_sv("");
		s[TK_ACCOUNT] = cstr_sv(agg_str(a->core, k->s[AGG_ACCOUNT]));
		s[TK_VPC] = cstr_sv(agg_str(a->core, k->s[AGG_VPC]));
		s[TK_INTERFACE] = field_sv(rec, FL_INTERFACE_ID);
		s[TK_ADDRESS] = cstr_sv(fl_has(rec, FL_SRCADDR) && fl_has(rec, FL_DSTADDR) ? addr : "");
		s[TK_SERVICE] = cstr_sv(agg_str(a->core, k->s[AGG_SERVICE]));
		/* a core row past --max-rows keeps none of these: the record's
		 * own classification does (only such records pay for it) */
		struct cls_result c;
		if (k->reason == REASON_ROW_LIMIT) {
			classify_in_region(t, rec, a->source_region, &c, NULL);
			s[TK_ACCOUNT] = c.account;
			s[TK_VPC] = c.vpc;
			s[TK_SERVICE] = c.service;
		}
		s[TK_INSTANCE] = field_sv(rec, FL_INSTANCE_ID);
		/* the record does not say (version 2): the inventory's
		 * attachment does, so one workload is one row */
		if (!fl_has(rec, FL_INSTANCE_ID) && instance_s)
			s[TK_INSTANCE] = cstr_sv(strpool_str(t->pool, instance_s));
		ktab_add(a->talkers, s, ints, v);
	}
}

/* A record of a NAT gateway's internet side with a private address
 * outside the model (cls_result.private_outside): its bytes, and the
 * least such NAT gateway (whatever order the records came in). */
static void nat_private_add(struct analysis *a, const char *nat, size_t len, uint64_t bytes)
{
	a->nat_private_bytes = sat_add(a->nat_private_bytes, bytes);
	char name[sizeof(a->nat_private_first)];
	snprintf(name, sizeof(name), "%.*s", (int)(len < 63 ? len : 63), nat);
	if (!a->nat_private_first[0] || strcmp(name, a->nat_private_first) < 0)
		snprintf(a->nat_private_first, sizeof(a->nat_private_first), "%s", name);
}

/* Keep the least unlisted interface id (in byte order): the note then
 * names the same one whatever order workers and merges met them in. */
static void unlisted_keep(struct analysis *a, const char *name)
{
	if (!a->unlisted_first[0] || strcmp(name, a->unlisted_first) < 0)
		snprintf(a->unlisted_first, sizeof(a->unlisted_first), "%s", name);
}

int analysis_add_record(struct analysis *a, const struct topo *t, const struct fl_record *rec)
{
	struct cls_result c;
	uint64_t key[MEMO_WORDS + 1];
	if (fl_has(rec, FL_LOG_STATUS) && rec->num[FL_LOG_STATUS] != FL_OK)
		return 0;
	int64_t start = fl_has(rec, FL_START) ? (int64_t)rec->num[FL_START] : -1;
	int64_t end = fl_has(rec, FL_END) ? (int64_t)rec->num[FL_END] : -1;
	if (end >= 0 && (end < a->since || end >= a->until)) {
		a->outside_window++;
		a->outside_window_bytes = sat_add(a->outside_window_bytes,
						  fl_has(rec, FL_BYTES) ? rec->num[FL_BYTES] : 0);
		return 0;
	}
	struct agg_val v = {1, fl_has(rec, FL_PACKETS) ? rec->num[FL_PACKETS] : 0,
			    fl_has(rec, FL_BYTES) ? rec->num[FL_BYTES] : 0,
			    start >= 0 ? start : INT64_MAX, end >= 0 ? end : INT64_MIN};

	/* made on the first record: merges and partial readers never need it */
	if (!a->memo || ((struct memo *)a->memo)->t != t) {
		if (a->memo) {
			/* a new model: keep the checks counted so far */
			tp_fold(a, a);
			memo_free(a->memo);
		}
		a->memo = memo_new(t);
	}
	struct memo *mm = a->memo;
	size_t words = memo_key(mm, t, rec, a->source_no, a->source_region, key);
	struct memo_slot *m = NULL;
	uint64_t h = 0;
	if (words) {
		h = hash_key(key, words);
		m = memo_find(mm, h, key, words);
		if (m && m->row != UINT32_MAX) {
			uint64_t hdr = mm->arena[m->at];
			agg_add_at(a->core, m->row, v.packets, v.bytes, start, end);
			a->flows_unlisted += (hdr >> 10) & 1;
			if ((hdr >> 11) & 1) {
				const char *via = agg_str(a->core, agg_row_at(a->core, m->row)->k.s[AGG_VIA]);
				nat_private_add(a, via, strlen(via), v.bytes);
			}
			secondary(a, t, rec, m->row, (int)(hdr >> 8) & 1, (int)(hdr >> 9) & 1,
				  (uint32_t)(hdr >> 32), &v);
			return 1;
		}
	}
	classify_in_region(t, rec, a->source_region, &c, NULL);
	size_t row = agg_add(a->core, &c, v.packets, v.bytes, start, end);
	/* the interface's instance (the memo key holds the interface, so the
	 * key's hits share it) */
	uint32_t inst = 0;
	int e, unlisted = 0;
	if (fl_has(rec, FL_INTERFACE_ID)) {
		const struct fl_str *id = &rec->text[FL_INTERFACE_ID];
		if (topo_find(t, id->p, id->len, &e) == OBJ_ENI) {
			inst = t->enis[e].instance_s;
		} else {
			/* not in the inventory (nor known as a gateway's or an
			 * endpoint's): the run notes how many flows */
			unlisted = 1;
			char name[sizeof(a->unlisted_first)];
			snprintf(name, sizeof(name), "%.*s", (int)(id->len < 63 ? id->len : 63), id->p);
			unlisted_keep(a, name);
		}
	}
	a->flows_unlisted += (uint64_t)unlisted;
	if (c.private_outside)
		nat_private_add(a, c.via.p, c.via.len, v.bytes);
	/* a miss is each (interface, flow log, action)'s first record, as
	 * the key holds them: note it (a log of rejected traffic only beside
	 * one of accepted traffic only delivers no copies) */
	if (a->source[0] && fl_has(rec, FL_INTERFACE_ID)) {
		struct sv s[KTAB_NSTR];
		int32_t ints[KTAB_NINT] = {fl_has(rec, FL_ACTION) ? (int32_t)rec->num[FL_ACTION] : 0, 0, 0, 0};
		memset(s, 0, sizeof(s));
		for (int j = 0; j < KTAB_NSTR; j++)
			s[j].p = "";
		s[0] = field_sv(rec, FL_INTERFACE_ID);
		s[1] = cstr_sv(a->source);
		struct agg_val none;
		agg_val_init(&none);
		ktab_add(a->eni_logs, s, ints, &none);
	}
	if (m)
		memo_put(mm, m, h, key, words, (uint32_t)row, c.traffic_path_checked,
			 c.traffic_path_agrees, unlisted, c.private_outside, inst);
	secondary(a, t, rec, row, c.traffic_path_checked, c.traffic_path_agrees, inst, &v);
	return 1;
}

void analysis_set_source(struct analysis *a, const char *flow_log, const char *region)
{
	snprintf(a->source, sizeof(a->source), "%s", flow_log ? flow_log : "");
	/* the name's region whatever its flow log id looks like (the
	 * two-flow-logs check needs an id of AWS's form; the region does not) */
	snprintf(a->source_region, sizeof(a->source_region), "%s", region ? region : "");
	/* a number for the memo key: FNV-1a, never 0 for a named flow log
	 * (two ids of one number would only hide their pairs from the check;
	 * the key holds the region itself) */
	uint32_t h = 2166136261u;
	for (const char *p = a->source; *p; p++)
		h = (h ^ (uint8_t)*p) * 16777619u;
	a->source_no = a->source[0] ? (h ? h : 1) : 0;
}

static void unknown_add(struct analysis *a, const char *name)
{
	for (int i = 0; i < a->nunknown_fields; i++)
		if (strcmp(a->unknown_fields[i], name) == 0)
			return;
	if (a->nunknown_fields < ANALYSIS_UNKNOWN_MAX)
		snprintf(a->unknown_fields[a->nunknown_fields++], FL_MAX_NAME, "%s", name);
	else
		a->unknown_more = 1;
}

void analysis_note_layout(struct analysis *a, const struct fl_layout *lay)
{
	for (int i = 0; i < lay->nignored; i++)
		unknown_add(a, lay->ignored[lay->ignored_col[i]]);
	if (!(lay->fields & (UINT64_C(1) << FL_INTERFACE_ID)))
		a->layout_without_eni = 1;
}

void analysis_add_input(struct analysis *a, const char *path, const struct scan_stats *st,
			const char *error, int skipped)
{
	a->inputs = xrealloc(a->inputs, (a->ninputs + 1) * sizeof(*a->inputs));
	struct input_row *r = &a->inputs[a->ninputs++];
	memset(r, 0, sizeof(*r));
	r->path = xstrdup(path);
	r->st = *st;
	snprintf(r->error, sizeof(r->error), "%s", error ? error : "");
	r->skipped = skipped;
	scan_stats_add(&a->stats, st);
	if (skipped == INPUT_UNLISTED) {
		if (!a->unlisted)
			a->unlisted = strpool_new();
		strpool_intern(a->unlisted, path, strlen(path));
	}
}

void analysis_merge(struct analysis *dst, const struct analysis *src)
{
	agg_merge(dst->core, src->core);
	tp_fold(dst, src);
	ktab_merge(dst->timeline, src->timeline);
	ktab_merge(dst->talkers, src->talkers);
	ktab_merge(dst->nat_talkers, src->nat_talkers);
	dst->without_nat_talkers |= src->without_nat_talkers;
	ktab_merge(dst->tp, src->tp);
	ktab_merge(dst->eni_logs, src->eni_logs);
	dst->input_errors += src->input_errors;
	for (size_t i = 0; i < src->ninputs; i++) {
		const struct input_row *r = &src->inputs[i];
		/* a path that could not be listed, in two partials (two days'
		 * runs naming it): one row and one input error, as one run
		 * over both gives */
		if (r->skipped == INPUT_UNLISTED && dst->unlisted &&
		    strpool_find(dst->unlisted, r->path, strlen(r->path))) {
			if (dst->input_errors)
				dst->input_errors--;
			continue;
		}
		analysis_add_input(dst, r->path, &r->st, r->error, r->skipped);
		dst->inputs[dst->ninputs - 1].untimed = r->untimed;
		dst->inputs[dst->ninputs - 1].untimed_known = r->untimed_known;
	}
	dst->outside_window += src->outside_window;
	dst->outside_window_bytes = sat_add(dst->outside_window_bytes, src->outside_window_bytes);
	dst->flows_without_bytes += src->flows_without_bytes;
	dst->flows_unlisted += src->flows_unlisted;
	if (src->unlisted_first[0])
		unlisted_keep(dst, src->unlisted_first);
	if (src->nat_private_bytes)
		nat_private_add(dst, src->nat_private_first, strlen(src->nat_private_first),
				src->nat_private_bytes);
	for (int i = 0; i < src->nunknown_fields; i++)
		unknown_add(dst, src->unknown_fields[i]);
	dst->unknown_more |= src->unknown_more;
	dst->layout_without_eni |= src->layout_without_eni;
}

static int stats_check(const struct scan_stats *st, const char *what, char *why, size_t len)
{
	const char *bad = scan_stats_check(st);
	if (!bad)
		return 0;
	snprintf(why, len, "%s: %s", what, bad);
	return -1;
}

int analysis_check(const struct analysis *a, char *why, size_t len)
{
	if (stats_check(&a->stats, "totals", why, len))
		return -1;
	for (size_t i = 0; i < a->ninputs; i++)
		if (stats_check(&a->inputs[i].st, a->inputs[i].path, why, len))
			return -1;
	struct agg_val all;
	agg_total(a->core, &all);
	uint64_t bytes = sat_add(all.bytes, a->outside_window_bytes);
	uint64_t records = sat_add(all.records, a->outside_window);
	if (bytes != a->stats.flow_bytes || records != a->stats.flows) {
		snprintf(why, len,
			 "the aggregate holds %llu flows and %llu bytes, the inputs %llu flows and %llu bytes",
			 (unsigned long long)records, (unsigned long long)bytes,
			 (unsigned long long)a->stats.flows, (unsigned long long)a->stats.flow_bytes);
		return -1;
	}
	return 0;
}

void analysis_union_window(struct analysis *a, int64_t since, int64_t until)
{
	if (!a->window_seen) {
		a->since = since;
		a->until = until;
		a->window_seen = 1;
		return;
	}
	/* no window anywhere means none: INT64_MIN and INT64_MAX absorb */
	if (since < a->since)
		a->since = since;
	if (until > a->until)
		a->until = until;
}

int analysis_window(const struct analysis *a, int64_t *start, int64_t *end)
{
	int known = 1;
	int64_t s = a->since, e = a->until;
	if (s == INT64_MIN || e == INT64_MAX) {
		/* first start to last end of the flows counted in the core */
		struct agg_val all;
		agg_total(a->core, &all);
		if (s == INT64_MIN)
			s = all.first_start;
		if (e == INT64_MAX)
			e = all.last_end;
	}
	if (s == INT64_MAX || e == INT64_MIN) {
		s = e = 0;
		known = 0;
	}
	/* flows that all start and end in one second: a window of 0 s, as
	 * the records say (monthly_gb projects it as one second) */
	if (e < s)
		e = s;
	*start = s;
	*end = e;
	return known;
}
