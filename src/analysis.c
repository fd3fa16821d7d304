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
 * A memo of recent decisions: records that agree on every field the
 * classifier reads (addresses, ids, direction, service codes, traffic-path,
 * action) land in the same core row, so a hit skips the classifier and the
 * row lookup. Direct-mapped; a record whose key does not fit is simply
 * classified.
 */
#define MEMO_SLOTS 8192
#define MEMO_KEY 232

struct memo_slot {
	uint64_t hash;
	uint32_t row;
	uint16_t len;
	uint8_t tp_checked, tp_agrees;
	char key[MEMO_KEY];
};

static const enum fl_field memo_fields[] = {
	FL_INTERFACE_ID, FL_ACCOUNT_ID, FL_VPC_ID, FL_SUBNET_ID, FL_REGION,
	FL_SRCADDR, FL_DSTADDR, FL_PKT_SRCADDR, FL_PKT_DSTADDR, FL_FLOW_DIRECTION,
	FL_PKT_SRC_AWS_SERVICE, FL_PKT_DST_AWS_SERVICE, FL_TRAFFIC_PATH, FL_ACTION,
};

struct analysis *analysis_new(void)
{
	struct analysis *a = xcalloc(1, sizeof(*a));
	a->core = agg_new();
	a->timeline = ktab_new(0);
	a->talkers = ktab_new(ANALYSIS_TALKERS_MAX);
	a->tp = ktab_new(0);
	scan_stats_init(&a->stats);
	a->since = INT64_MIN;
	a->until = INT64_MAX;
	a->want_secondary = 1;
	analysis_set_limits(a, 0, 0);
	return a;
}

void analysis_set_limits(struct analysis *a, size_t max_rows, size_t max_talkers)
{
	a->max_rows = max_rows ? max_rows : ANALYSIS_ROWS_MAX;
	a->max_talkers = max_talkers ? max_talkers : ANALYSIS_TALKERS_MAX;
	agg_set_max_rows(a->core, a->max_rows);
	ktab_set_max(a->talkers, a->max_talkers);
}

void analysis_free(struct analysis *a)
{
	if (!a)
		return;
	agg_free(a->core);
	ktab_free(a->timeline);
	ktab_free(a->talkers);
	ktab_free(a->tp);
	for (size_t i = 0; i < a->ninputs; i++)
		free(a->inputs[i].path);
	free(a->inputs);
	free(a->memo);
	free(a);
}

/* The memo key of a record: which classifier fields are present, then
 * their text. Returns its length, or 0 when it does not fit. */
static size_t memo_key(const struct fl_record *rec, char *key)
{
	uint64_t mask = 0;
	size_t o = sizeof(mask);
	for (size_t i = 0; i < sizeof(memo_fields) / sizeof(memo_fields[0]); i++) {
		enum fl_field f = memo_fields[i];
		if (!fl_has(rec, f))
			continue;
		mask |= UINT64_C(1) << f;
		size_t n = rec->text[f].len;
		if (o + n + 1 > MEMO_KEY)
			return 0;
		memcpy(key + o, rec->text[f].p, n);
		o += n;
		key[o++] = ' ';
	}
	memcpy(key, &mask, sizeof(mask));
	return o;
}

static struct sv cstr_sv(const char *s)
{
	struct sv v = {s, (uint32_t)strlen(s)};
	return v;
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

static void traffic_path_check(struct analysis *a, const struct agg_row *row, int agrees,
			       const struct agg_val *v)
{
	struct sv s[KTAB_NSTR];
	int32_t ti[KTAB_NINT] = {agrees, 0, 0, 0};
	for (int j = 0; j < KTAB_NSTR; j++)
		s[j] = cstr_sv("");
	s[0] = cstr_sv(agg_str(a->core, row->k.s[AGG_VPC]));
	ktab_add(a->tp, s, ti, v);
}

/* Timeline, talkers and traffic-path checks from the record's core row. */
static void secondary(struct analysis *a, const struct fl_record *rec, const struct agg_row *row,
		      int tp_checked, int tp_agrees, const struct agg_val *v)
{
	if (!a->want_secondary) {
		if (tp_checked)
			traffic_path_check(a, row, tp_agrees, v);
		return;
	}
	const struct agg_key *k = &row->k;
	int32_t ints[KTAB_NINT] = {k->vantage, k->path, k->direction, k->action};
	struct sv s[KTAB_NSTR];
	char hour[32] = "";
	memset(s, 0, sizeof(s));
	for (int j = 0; j < KTAB_NSTR; j++)
		s[j].p = "";
	if (v->last_end != INT64_MIN) {
		fmt_time(v->last_end - v->last_end % 3600, hour, sizeof(hour));
		s[0] = cstr_sv(hour);
	}
	ktab_add(a->timeline, s, ints, v);

	if (k->vantage == VANTAGE_WORKLOAD) {
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
		s[TK_INSTANCE] = field_sv(rec, FL_INSTANCE_ID);
		ktab_add(a->talkers, s, ints, v);
	}
	if (tp_checked)
		traffic_path_check(a, row, tp_agrees, v);
}

void analysis_add_record(struct analysis *a, const struct topo *t, const struct fl_record *rec)
{
	struct cls_result c;
	char key[MEMO_KEY];
	if (fl_has(rec, FL_LOG_STATUS) && rec->num[FL_LOG_STATUS] != FL_OK)
		return;
	int64_t start = fl_has(rec, FL_START) ? (int64_t)rec->num[FL_START] : -1;
	int64_t end = fl_has(rec, FL_END) ? (int64_t)rec->num[FL_END] : -1;
	if (end >= 0 && (end < a->since || end >= a->until)) {
		a->outside_window++;
		a->outside_window_bytes += fl_has(rec, FL_BYTES) ? rec->num[FL_BYTES] : 0;
		return;
	}
	struct agg_val v = {1, fl_has(rec, FL_PACKETS) ? rec->num[FL_PACKETS] : 0,
			    fl_has(rec, FL_BYTES) ? rec->num[FL_BYTES] : 0,
			    start >= 0 ? start : INT64_MAX, end >= 0 ? end : INT64_MIN};

	/* made on the first record: merges and partial readers never need it */
	if (!a->memo)
		a->memo = xcalloc(MEMO_SLOTS, sizeof(struct memo_slot));
	struct memo_slot *memo = a->memo;
	size_t klen = memo_key(rec, key);
	struct memo_slot *m = NULL;
	uint64_t h = 0;
	if (klen) {
		h = hash_bytes(key, klen, 0);
		m = &memo[h & (MEMO_SLOTS - 1)];
		if (m->len == klen && m->hash == h && memcmp(m->key, key, klen) == 0) {
			agg_add_at(a->core, m->row, v.packets, v.bytes, start, end);
			secondary(a, rec, agg_row_at(a->core, m->row), m->tp_checked, m->tp_agrees, &v);
			return;
		}
	}
	classify(t, rec, &c, NULL);
	size_t row = agg_add(a->core, &c, v.packets, v.bytes, start, end);
	if (m) {
		m->hash = h;
		m->len = (uint16_t)klen;
		m->row = (uint32_t)row;
		m->tp_checked = (uint8_t)c.traffic_path_checked;
		m->tp_agrees = (uint8_t)c.traffic_path_agrees;
		memcpy(m->key, key, klen);
	}
	secondary(a, rec, agg_row_at(a->core, row), c.traffic_path_checked, c.traffic_path_agrees, &v);
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
}

void analysis_merge(struct analysis *dst, const struct analysis *src)
{
	agg_merge(dst->core, src->core);
	ktab_merge(dst->timeline, src->timeline);
	ktab_merge(dst->talkers, src->talkers);
	ktab_merge(dst->tp, src->tp);
	for (size_t i = 0; i < src->ninputs; i++) {
		const struct input_row *r = &src->inputs[i];
		analysis_add_input(dst, r->path, &r->st, r->error, r->skipped);
	}
	dst->input_errors += src->input_errors;
	dst->outside_window += src->outside_window;
	dst->outside_window_bytes += src->outside_window_bytes;
}

static int stats_check(const struct scan_stats *st, const char *what, char *why, size_t len)
{
	uint64_t by = 0;
	for (int i = 0; i < FL_NERRORS; i++)
		by += st->malformed_by[i];
	if (st->lines != st->header_lines + st->blank_lines + st->flows + st->nodata + st->skipdata +
				 st->malformed) {
		snprintf(why, len, "%s: lines do not add up", what);
		return -1;
	}
	if (st->bytes_text != st->header_bytes + st->blank_bytes + st->flow_text_bytes +
				      st->nodata_text_bytes + st->malformed_bytes + st->truncated_bytes) {
		snprintf(why, len, "%s: text bytes do not add up", what);
		return -1;
	}
	if (by != st->malformed) {
		snprintf(why, len, "%s: malformed lines by reason do not add up", what);
		return -1;
	}
	return 0;
}

int analysis_check(const struct analysis *a, char *why, size_t len)
{
	if (stats_check(&a->stats, "totals", why, len))
		return -1;
	for (size_t i = 0; i < a->ninputs; i++)
		if (stats_check(&a->inputs[i].st, a->inputs[i].path, why, len))
			return -1;
	uint64_t bytes = a->outside_window_bytes, records = a->outside_window;
	for (size_t i = 0; i < agg_count(a->core); i++) {
		bytes += agg_row_at(a->core, i)->v.bytes;
		records += agg_row_at(a->core, i)->v.records;
	}
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

void analysis_window(const struct analysis *a, int64_t *start, int64_t *end)
{
	int64_t s = a->since, e = a->until;
	if (s == INT64_MIN || e == INT64_MAX) {
		/* first start to last end of the flows counted in the core */
		int64_t fs = INT64_MAX, le = INT64_MIN;
		for (size_t i = 0; i < agg_count(a->core); i++) {
			const struct agg_row *r = agg_row_at(a->core, i);
			if (r->v.first_start < fs)
				fs = r->v.first_start;
			if (r->v.last_end > le)
				le = r->v.last_end;
		}
		if (s == INT64_MIN)
			s = fs;
		if (e == INT64_MAX)
			e = le;
	}
	if (s == INT64_MAX || e == INT64_MIN) {
		s = 0;
		e = 1;
	}
	if (e <= s)
		e = s + 1;
	*start = s;
	*end = e;
}
