/* SPDX-License-Identifier: MIT */
/* Report rendering; see report.h and docs/reports.md. */
#include "report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fmt.h"
#include "recommend.h"
#include "table.h"
#include "util.h"

static const char *const report_names[NREPORTS] = {
	"summary", "paths", "recommendations", "talkers", "timeline", "inputs", "nat-talkers",
};

const char *report_name(int r)
{
	return r >= 0 && r < NREPORTS ? report_names[r] : "?";
}

int report_parse_list(const char *s, int *out, int max, char *bad, size_t badlen)
{
	int n = 0;
	while (*s) {
		size_t len = strcspn(s, ",");
		int k = -1;
		for (int r = 0; r < NREPORTS; r++)
			if (strlen(report_names[r]) == len && strncmp(report_names[r], s, len) == 0)
				k = r;
		if (k < 0) {
			snprintf(bad, badlen, "%.*s", (int)len, s);
			return -1;
		}
		int dup = 0;
		for (int i = 0; i < n; i++)
			dup |= out[i] == k;
		if (!dup && n < max)
			out[n++] = k;
		s += len;
		if (*s == ',')
			s++;
	}
	return n;
}


static const struct table_col path_cols[] = {
	{"account", COL_STR},       {"region", COL_STR},       {"vpc", COL_STR},
	{"subnet", COL_STR},        {"az", COL_STR},           {"vantage", COL_STR},
	{"side", COL_STR},          {"direction", COL_STR},    {"action", COL_STR},
	{"path", COL_STR},          {"service", COL_STR},      {"service_region", COL_STR},
	{"via", COL_STR},           {"remote_vpc", COL_STR},   {"remote_region", COL_STR},
	{"reason", COL_STR},        {"records", COL_U64},      {"packets", COL_U64},
	{"bytes", COL_U64},         {"first_start", COL_TIME}, {"last_end", COL_TIME},
};

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void write_paths(FILE *f, enum out_format fmt, const struct report_ctx *rc)
{
	const struct agg *a = rc->an->core;
	size_t n;
	const struct agg_row **rows = agg_sorted(a, &n);
	struct table *t = table_new(f, fmt, path_cols, NCOLS(path_cols));
	for (size_t i = 0; i < n; i++) {
		const struct agg_key *k = &rows[i]->k;
		const struct agg_val *v = &rows[i]->v;
		const char *action = fl_enum_name(FL_ACTION, k->action);
		table_cstr(t, agg_str(a, k->s[AGG_ACCOUNT]));
		table_cstr(t, agg_str(a, k->s[AGG_REGION]));
		table_cstr(t, agg_str(a, k->s[AGG_VPC]));
		table_cstr(t, agg_str(a, k->s[AGG_SUBNET]));
		table_cstr(t, agg_str(a, k->s[AGG_AZ]));
		table_cstr(t, vantage_name(k->vantage));
		table_cstr(t, side_name(k->side));
		table_cstr(t, direction_name(k->direction));
		table_cstr(t, action ? action : "");
		table_cstr(t, path_name(k->path));
		table_cstr(t, agg_str(a, k->s[AGG_SERVICE]));
		table_cstr(t, agg_str(a, k->s[AGG_SERVICE_REGION]));
		table_cstr(t, agg_str(a, k->s[AGG_VIA]));
		table_cstr(t, agg_str(a, k->s[AGG_REMOTE_VPC]));
		table_cstr(t, agg_str(a, k->s[AGG_REMOTE_REGION]));
		table_cstr(t, reason_name(k->reason));
		table_u64(t, v->records);
		table_u64(t, v->packets);
		table_u64(t, v->bytes);
		table_time(t, v->first_start);
		table_time(t, v->last_end);
		table_end_row(t);
	}
	free(rows);
	table_finish(t);
}

static const struct table_col rec_cols[] = {
	{"vpc", COL_STR},
	{"region", COL_STR},
	{"action", COL_STR},
	{"service", COL_STR},
	{"target", COL_STR},
	{"observed_bytes", COL_U64},
	{"window_seconds", COL_I64},
	{"monthly_gb", COL_REAL},
	{"current_monthly_usd", COL_MONEY},
	{"new_monthly_usd", COL_MONEY},
	{"monthly_savings_usd", COL_MONEY},
	{"confidence", COL_STR},
	{"reason", COL_TEXT},
	{"cost_source", COL_STR},
	{"account", COL_STR},
};

static int cmp_nat_cost(const void *a, const void *b)
{
	return strcmp(((const struct nat_cost *)a)->nat, ((const struct nat_cost *)b)->nat);
}

static void compute_recs(const struct report_ctx *rc, struct recs *r, struct nat_costs *nc)
{
	struct rec_input in;
	in.agg = rc->an->core;
	in.topo = rc->topo;
	in.prices = rc->prices;
	analysis_window(rc->an, &in.window_start, &in.window_end);
	recommend(&in, r, nc);
}

static void write_recs(FILE *f, enum out_format fmt, const struct report_ctx *rc)
{
	struct recs r;
	compute_recs(rc, &r, NULL);
	struct table *t = table_new(f, fmt, rec_cols, NCOLS(rec_cols));
	for (size_t i = 0; i < r.n; i++) {
		const struct rec_row *x = &r.rows[i];
		table_cstr(t, x->vpc);
		table_cstr(t, x->region);
		table_cstr(t, x->action);
		table_cstr(t, x->service);
		table_cstr(t, x->target);
		table_u64(t, x->observed_bytes);
		table_i64(t, x->window_seconds);
		table_money(t, x->monthly_gb);
		table_money(t, x->current_usd);
		table_money(t, x->new_usd);
		table_money(t, x->savings_usd);
		table_cstr(t, x->confidence);
		table_cstr(t, x->reason);
		table_cstr(t, x->cost_source);
		table_cstr(t, x->account);
		table_end_row(t);
	}
	table_finish(t);
	recs_free(&r);
}

/* Bytes per (vantage, path) under the totals rule, and the apart ones. */
struct path_totals {
	uint64_t bytes[NVANTAGES][NPATHS];
	uint64_t unknown_dir[NVANTAGES][NPATHS];
	int any[NVANTAGES];
	/* transit gateway vantage rows to outside every VPC counted: with
	 * centralized egress, an upload may count at two attachments */
	int tgw_outside;
};

static void totals(const struct agg *a, struct path_totals *pt)
{
	memset(pt, 0, sizeof(*pt));
	for (size_t i = 0; i < agg_count(a); i++) {
		const struct agg_row *r = agg_row_at(a, i);
		int v = r->k.vantage, p = r->k.path;
		/* bytes counted again elsewhere (row_outside_totals): of
		 * the NAT gateway, only the internet side, which AWS bills as
		 * processed (paths.md 5), counts */
		if (v >= NVANTAGES || p >= NPATHS || row_outside_totals(r->k.side, r->k.reason))
			continue;
		pt->any[v] = 1;
		int remote = agg_str(a, r->k.s[AGG_REMOTE_VPC])[0] != 0;
		if (row_in_totals(p, r->k.direction, remote, r->k.side)) {
			pt->bytes[v][p] = sat_add(pt->bytes[v][p], r->v.bytes);
			pt->tgw_outside |= v == VANTAGE_TGW && p == PATH_TGW && !remote;
		}
		else if (r->k.direction == DIR_UNKNOWN)
			pt->unknown_dir[v][p] = sat_add(pt->unknown_dir[v][p], r->v.bytes);
	}
}

static const struct table_col talker_cols[] = {
	{"account", COL_STR},  {"vpc", COL_STR},        {"interface_id", COL_STR},
	{"address", COL_STR},  {"instance_id", COL_STR}, {"path", COL_STR},
	{"service", COL_STR},  {"records", COL_U64},    {"packets", COL_U64},
	{"bytes", COL_U64},    {"share_of_path", COL_REAL},
};

struct talker {
	const struct ktab_row *row; /* first row of the group */
	struct agg_val v;
	size_t ord; /* its place in key order, for ties */
	const char *nat; /* nat-talkers: the NAT gateway */
	uint64_t total;  /* nat-talkers: the NAT gateway's bytes */
};

static int cmp_talkers(const void *pa, const void *pb)
{
	const struct talker *a = pa, *b = pb;
	if (a->row->k.i[TL_PATH] != b->row->k.i[TL_PATH])
		return strcmp(path_name(a->row->k.i[TL_PATH]), path_name(b->row->k.i[TL_PATH]));
	if (a->v.bytes != b->v.bytes)
		return a->v.bytes > b->v.bytes ? -1 : 1;
	return a->ord < b->ord ? -1 : a->ord > b->ord; /* qsort is not stable */
}

/* The rows of a talkers table with one key but for direction and action,
 * summed, in key order (the rows sorted, *rows for the caller to free). */
static struct talker *talker_groups(const struct ktab *kt, const struct ktab_row ***rows, size_t *ng)
{
	size_t n;
	*rows = ktab_sorted(kt, &n);
	struct talker *g = xmalloc((n ? n : 1) * sizeof(*g));
	*ng = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ktab_row *r = (*rows)[i];
		int same = *ng > 0 && memcmp(g[*ng - 1].row->k.s, r->k.s, sizeof(r->k.s)) == 0 &&
			   g[*ng - 1].row->k.i[TL_PATH] == r->k.i[TL_PATH];
		if (!same) {
			g[*ng].row = r;
			agg_val_init(&g[*ng].v);
			g[*ng].ord = *ng;
			(*ng)++;
		}
		agg_val_add(&g[*ng - 1].v, &r->v);
	}
	return g;
}

/* A talkers row's counters and share, which end it. */
static void talker_counts(struct table *t, const struct agg_val *v, double share)
{
	table_u64(t, v->records);
	table_u64(t, v->packets);
	table_u64(t, v->bytes);
	table_real(t, share);
	table_end_row(t);
}

/* The (other) row of a cut list: a name in the first column, then ncols
 * columns up to the counters. */
static void other_row(struct table *t, const struct ktab *kt, int nstr)
{
	uint64_t adds;
	const struct agg_val *ov = ktab_overflow(kt, &adds);
	if (!adds)
		return;
	table_cstr(t, "(other)");
	for (int c = 1; c < nstr; c++)
		table_cstr(t, "");
	talker_counts(t, ov, 0);
}

static void write_talkers(FILE *f, enum out_format fmt, const struct report_ctx *rc)
{
	const struct ktab *kt = rc->an->talkers;
	const struct ktab_row **rows;
	size_t ng;
	/* merge directions (and actions) of one workload, path and service
	 * (the talkers hold only what the totals rule counts) */
	struct talker *g = talker_groups(kt, &rows, &ng);
	uint64_t path_total[NPATHS] = {0};
	for (size_t i = 0; i < ng; i++) {
		int p = g[i].row->k.i[TL_PATH];
		if (p >= 0 && p < NPATHS)
			path_total[p] = sat_add(path_total[p], g[i].v.bytes);
	}
	/* a cut list (--max-talkers) holds part of each path: the shares are
	 * then of the workload vantage's totals, which are what the talkers
	 * would sum to (they hold what the totals rule counts) */
	uint64_t adds;
	ktab_overflow(kt, &adds);
	if (adds) {
		struct path_totals pt;
		totals(rc->an->core, &pt);
		memcpy(path_total, pt.bytes[VANTAGE_WORKLOAD], sizeof(path_total));
	}
	/* path, bytes descending, then the key order above */
	qsort(g, ng, sizeof(*g), cmp_talkers);
	struct table *t = table_new(f, fmt, talker_cols, NCOLS(talker_cols));
	for (size_t i = 0; i < ng; i++) {
		const struct ktab_row *r = g[i].row;
		int p = r->k.i[TL_PATH];
		table_cstr(t, ktab_str(kt, r->k.s[TK_ACCOUNT]));
		table_cstr(t, ktab_str(kt, r->k.s[TK_VPC]));
		table_cstr(t, ktab_str(kt, r->k.s[TK_INTERFACE]));
		table_cstr(t, ktab_str(kt, r->k.s[TK_ADDRESS]));
		table_cstr(t, ktab_str(kt, r->k.s[TK_INSTANCE]));
		table_cstr(t, path_name(p));
		table_cstr(t, ktab_str(kt, r->k.s[TK_SERVICE]));
		double tot = p >= 0 && p < NPATHS ? (double)path_total[p] : 0;
		talker_counts(t, &g[i].v, tot > 0 ? (double)g[i].v.bytes / tot : 0);
	}
	other_row(t, kt, 7);
	table_finish(t);
	free(g);
	free(rows);
}

static const struct table_col nat_talker_cols[] = {
	{"nat_gateway", COL_STR},  {"account", COL_STR},        {"vpc", COL_STR},
	{"workload_vpc", COL_STR}, {"subnet", COL_STR},         {"address", COL_STR},
	{"interface_id", COL_STR}, {"instance_id", COL_STR},    {"path", COL_STR},
	{"service", COL_STR},      {"service_region", COL_STR}, {"records", COL_U64},
	{"packets", COL_U64},      {"bytes", COL_U64},          {"share_of_nat", COL_REAL},
};

static int cmp_nat_talkers(const void *pa, const void *pb)
{
	const struct talker *a = pa, *b = pb;
	int c = strcmp(a->nat, b->nat);
	if (c)
		return c;
	if (a->v.bytes != b->v.bytes)
		return a->v.bytes > b->v.bytes ? -1 : 1;
	return a->ord < b->ord ? -1 : a->ord > b->ord;
}

/* The workloads behind each NAT gateway, from its ENI's vpc side. */
static void write_nat_talkers(FILE *f, enum out_format fmt, const struct report_ctx *rc)
{
	const struct ktab *kt = rc->an->nat_talkers;
	const struct ktab_row **rows;
	size_t ng;
	struct talker *g = talker_groups(kt, &rows, &ng);
	/* the shares are of each NAT gateway's rows, or (a cut list) of
	 * its vpc side's bytes in the core aggregate */
	uint64_t adds;
	ktab_overflow(kt, &adds);
	for (size_t i = 0; i < ng; i++)
		g[i].nat = ktab_str(kt, g[i].row->k.s[NT_NAT]);
	qsort(g, ng, sizeof(*g), cmp_nat_talkers);
	for (size_t i = 0, end; i < ng; i = end) {
		uint64_t total = 0;
		for (end = i; end < ng && strcmp(g[end].nat, g[i].nat) == 0; end++)
			total = sat_add(total, g[end].v.bytes);
		/* a cut list: of the core aggregate's vpc side of the NAT
		 * gateway, or of the kept rows when more (past --max-rows, the
		 * core's row-limit rows name no NAT gateway) */
		if (adds) {
			uint64_t kept = total;
			total = 0;
			for (size_t j = 0; j < agg_count(rc->an->core); j++) {
				const struct agg_row *a = agg_row_at(rc->an->core, j);
				if (a->k.vantage == VANTAGE_NAT && a->k.side == SIDE_VPC && a->k.action != FL_REJECT &&
				    strcmp(agg_str(rc->an->core, a->k.s[AGG_VIA]), g[i].nat) == 0)
					total = sat_add(total, a->v.bytes);
			}
			if (kept > total)
				total = kept;
		}
		for (size_t j = i; j < end; j++)
			g[j].total = total;
	}
	struct table *t = table_new(f, fmt, nat_talker_cols, NCOLS(nat_talker_cols));
	for (size_t i = 0; i < ng; i++) {
		const struct ktab_row *r = g[i].row;
		for (int c = NT_NAT; c <= NT_INSTANCE; c++)
			table_cstr(t, ktab_str(kt, r->k.s[c]));
		table_cstr(t, path_name(r->k.i[TL_PATH]));
		table_cstr(t, ktab_str(kt, r->k.s[NT_SERVICE]));
		table_cstr(t, ktab_str(kt, r->k.s[NT_SERVICE_REGION]));
		talker_counts(t, &g[i].v, g[i].total > 0 ? (double)g[i].v.bytes / (double)g[i].total : 0);
	}
	other_row(t, kt, 11);
	table_finish(t);
	free(g);
	free(rows);
}

static const struct table_col timeline_cols[] = {
	{"hour", COL_STR},    {"vantage", COL_STR}, {"path", COL_STR},
	{"records", COL_U64}, {"packets", COL_U64}, {"bytes", COL_U64},
};

static void write_timeline(FILE *f, enum out_format fmt, const struct report_ctx *rc)
{
	const struct ktab *kt = rc->an->timeline;
	size_t n;
	const struct ktab_row **rows = ktab_sorted(kt, &n);
	struct table *t = table_new(f, fmt, timeline_cols, NCOLS(timeline_cols));
	/* rows are sorted by hour, then vantage, path, direction, action:
	 * sum the rows of one (hour, vantage, path) (the timeline holds only
	 * what the totals rule counts) */
	for (size_t i = 0; i < n;) {
		const struct ktab_row *r = rows[i];
		struct agg_val v;
		size_t j = i;
		agg_val_init(&v);
		while (j < n && rows[j]->k.s[0] == r->k.s[0] && rows[j]->k.i[TL_VANTAGE] == r->k.i[TL_VANTAGE] &&
		       rows[j]->k.i[TL_PATH] == r->k.i[TL_PATH]) {
			agg_val_add(&v, &rows[j]->v);
			j++;
		}
		if (v.records) {
			table_cstr(t, ktab_str(kt, r->k.s[0]));
			table_cstr(t, vantage_name(r->k.i[TL_VANTAGE]));
			table_cstr(t, path_name(r->k.i[TL_PATH]));
			table_u64(t, v.records);
			table_u64(t, v.packets);
			table_u64(t, v.bytes);
			table_end_row(t);
		}
		i = j;
	}
	table_finish(t);
	free(rows);
}

static const struct table_col input_cols[] = {
	{"file", COL_STR},        {"status", COL_STR},       {"error", COL_STR},
	{"lines", COL_U64},       {"header_lines", COL_U64}, {"flows", COL_U64},
	{"nodata", COL_U64},      {"skipdata", COL_U64},     {"malformed", COL_U64},
	{"malformed_reasons", COL_STR}, {"bytes_read", COL_U64}, {"text_bytes", COL_U64},
	{"flow_bytes", COL_U64},  {"first_start", COL_TIME}, {"last_end", COL_TIME},
	/* added later: the rest of the line and text byte accounting */
	{"blank_lines", COL_U64}, {"header_text_bytes", COL_U64}, {"blank_text_bytes", COL_U64},
	{"flow_text_bytes", COL_U64}, {"nodata_text_bytes", COL_U64},
	{"malformed_text_bytes", COL_U64}, {"truncated_text_bytes", COL_U64},
};

struct by_path {
	const char *path;
	const struct input_row *row;
	size_t idx;
};

#define CMP3(x, y) (((x) > (y)) - ((x) < (y)))

/* By path; rows of one path (partials of several windows) by what they
 * hold, so that their order does not follow the partials' order. */
static int cmp_by_path(const void *pa, const void *pb)
{
	const struct by_path *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);
	if (c)
		return c;
	const struct input_row *x = a->row, *y = b->row;
	if ((c = CMP3(x->skipped, y->skipped)) || (c = strcmp(x->error, y->error)) ||
	    (c = CMP3(x->st.lines, y->st.lines)) || (c = CMP3(x->st.flows, y->st.flows)) ||
	    (c = CMP3(x->st.malformed, y->st.malformed)) || (c = CMP3(x->st.bytes_read, y->st.bytes_read)) ||
	    (c = CMP3(x->st.bytes_text, y->st.bytes_text)) || (c = CMP3(x->st.flow_bytes, y->st.flow_bytes)) ||
	    (c = CMP3(x->st.first_start, y->st.first_start)) || (c = CMP3(x->st.last_end, y->st.last_end)) ||
	    (c = CMP3(x->st.nodata, y->st.nodata)) || (c = CMP3(x->st.skipdata, y->st.skipdata)) ||
	    (c = CMP3(x->st.header_lines, y->st.header_lines)) ||
	    (c = CMP3(x->st.blank_lines, y->st.blank_lines)) ||
	    (c = memcmp(x->st.malformed_by, y->st.malformed_by, sizeof(x->st.malformed_by))))
		return c;
	return CMP3(a->idx, b->idx);
}

/* The inputs' rows by path, so that the order depends neither on the
 * order of the arguments nor on how the work was split (partials,
 * shards). Free with free(). */
static struct by_path *inputs_by_path(const struct analysis *an)
{
	struct by_path *order = xmalloc((an->ninputs ? an->ninputs : 1) * sizeof(*order));
	for (size_t i = 0; i < an->ninputs; i++) {
		order[i].path = an->inputs[i].path;
		order[i].row = &an->inputs[i];
		order[i].idx = i;
	}
	qsort(order, an->ninputs, sizeof(*order), cmp_by_path);
	return order;
}

/* Partials of different windows (days merged into a month) each list
 * every file, most of them skipped: a skipped row (order[oi]) is left out
 * when the file was read by another partial, or already listed as
 * skipped. */
static int skipped_row_left_out(const struct analysis *an, const struct by_path *order, size_t oi)
{
	const struct input_row *r = &an->inputs[order[oi].idx];
	if (!r->skipped || r->skipped == INPUT_UNLISTED)
		return 0;
	int other = oi > 0 && strcmp(order[oi - 1].path, r->path) == 0;
	for (size_t oj = oi + 1; !other && oj < an->ninputs && strcmp(order[oj].path, r->path) == 0; oj++)
		other = !an->inputs[order[oj].idx].skipped;
	return other;
}

size_t report_files_skipped(const struct analysis *an)
{
	struct by_path *order = inputs_by_path(an);
	size_t n = 0;
	for (size_t oi = 0; oi < an->ninputs; oi++) {
		const struct input_row *r = &an->inputs[order[oi].idx];
		n += r->skipped && r->skipped != INPUT_UNLISTED && !skipped_row_left_out(an, order, oi);
	}
	free(order);
	return n;
}

static void write_inputs(FILE *f, enum out_format fmt, const struct report_ctx *rc)
{
	const struct analysis *an = rc->an;
	struct table *t = table_new(f, fmt, input_cols, NCOLS(input_cols));
	struct by_path *order = inputs_by_path(an);
	for (size_t oi = 0; oi < an->ninputs; oi++) {
		const struct input_row *r = &an->inputs[order[oi].idx];
		const struct scan_stats *st = &r->st;
		char reasons[512] = "";
		int unlisted = r->skipped == INPUT_UNLISTED;
		if (skipped_row_left_out(an, order, oi))
			continue;
		for (int e = 1; e < FL_NERRORS; e++) {
			if (!st->malformed_by[e])
				continue;
			size_t o = strlen(reasons);
			snprintf(reasons + o, sizeof(reasons) - o, "%s%s=%" PRIu64, o ? ";" : "",
				 fl_error_key(e), st->malformed_by[e]);
		}
		table_cstr(t, r->path);
		table_cstr(t, unlisted	      ? "error"
			      : r->skipped    ? "skipped"
			      : r->error[0]   ? "error"
			      : st->malformed ? "partial"
					      : "ok");
		table_cstr(t, r->error);
		table_u64(t, st->lines);
		table_u64(t, st->header_lines);
		table_u64(t, st->flows);
		table_u64(t, st->nodata);
		table_u64(t, st->skipdata);
		table_u64(t, st->malformed);
		table_cstr(t, reasons);
		table_u64(t, st->bytes_read);
		table_u64(t, st->bytes_text);
		table_u64(t, st->flow_bytes);
		table_time(t, st->flows ? st->first_start : INT64_MAX);
		table_time(t, st->flows ? st->last_end : INT64_MIN);
		table_u64(t, st->blank_lines);
		table_u64(t, st->header_bytes);
		table_u64(t, st->blank_bytes);
		table_u64(t, st->flow_text_bytes);
		table_u64(t, st->nodata_text_bytes);
		table_u64(t, st->malformed_bytes);
		table_u64(t, st->truncated_bytes);
		table_end_row(t);
	}
	free(order);
	table_finish(t);
}

static const struct table_col metric_cols[] = {
	{"metric", COL_STR}, {"value", COL_STR}, {"unit", COL_STR},
};

static void metric(struct table *t, const char *name, const char *value, const char *unit)
{
	table_cstr(t, name);
	table_cstr(t, value);
	table_cstr(t, unit);
	table_end_row(t);
}

static void metric_u64(struct table *t, const char *name, uint64_t v, const char *unit)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	metric(t, name, buf, unit);
}

/* Money as printed, to `decimals` places: sums of printed figures are
 * summed from these, so that they add up to the figures shown. */
static double usd_printed(double v, int decimals)
{
	char buf[48];
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	return strtod(buf, NULL);
}

static void metric_usd(struct table *t, const char *name, double v)
{
	char buf[48];
	snprintf(buf, sizeof(buf), "%.4f", v);
	metric(t, name, buf, "usd_per_month");
}

static double gib(uint64_t b)
{
	return (double)b / GIB;
}

/* Per-GB charges the workload vantage's paths show beyond the NAT
 * gateways': transit gateway processing (the bytes its attachments send
 * into it, the transit-gateway rows under the totals rule) and transfer
 * between regions (peering and transit gateway rows whose remote VPC is
 * in another region: egress records at the sending region's rate, and
 * the ingress records of side endpoint-eni, whose far end has no
 * workload records, at the remote region's; and AWS service traffic,
 * through a NAT gateway, an internet gateway or an interface endpoint,
 * to a service region other than the VPC's and not GLOBAL: uploads at
 * the VPC region's rate, downloads at the service region's, as the
 * cross-region-service-traffic row prices them). Accepted traffic; bytes
 * summed per paying region first (a row without a region pays
 * us-east-1's processing, as prices.md says of unknown regions, and no
 * transfer), then priced in region order, so that any split of the work
 * gives the same figures; monthly. */
struct transfer_costs {
	double tgw_gb, tgw_usd, xr_gb, xr_usd;
};

struct region_bytes {
	const char *region;
	uint64_t tgw, xr;
};

static struct region_bytes *region_slot(struct region_bytes **v, size_t *n, const char *region)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].region, region) == 0)
			return &(*v)[i];
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n] = (struct region_bytes){region, 0, 0};
	return &(*v)[(*n)++];
}

static int cmp_region_bytes(const void *pa, const void *pb)
{
	return strcmp(((const struct region_bytes *)pa)->region, ((const struct region_bytes *)pb)->region);
}

static void transfer_costs(const struct report_ctx *rc, int64_t window, struct transfer_costs *tc)
{
	const struct agg *a = rc->an->core;
	struct region_bytes *v = NULL;
	size_t n = 0;
	memset(tc, 0, sizeof(*tc));
	for (size_t i = 0; i < agg_count(a); i++) {
		const struct agg_row *r = agg_row_at(a, i);
		int p = r->k.path;
		int service = p == PATH_NAT_AWS || p == PATH_IGW_AWS || p == PATH_INTERFACE_ENDPOINT;
		if (r->k.vantage != VANTAGE_WORKLOAD || r->k.action == FL_REJECT ||
		    (p != PATH_TGW && p != PATH_PEERING && !service) || row_outside_totals(r->k.side, r->k.reason))
			continue;
		const char *region = agg_str(a, r->k.s[AGG_REGION]);
		if (service) {
			const char *sregion = agg_str(a, r->k.s[AGG_SERVICE_REGION]);
			const char *payer = r->k.direction == DIR_EGRESS ? region
					    : r->k.direction == DIR_INGRESS ? sregion
									    : NULL;
			if (payer && region[0] && sregion[0] && strcmp(sregion, "GLOBAL") != 0 &&
			    strcmp(region, sregion) != 0) {
				struct region_bytes *x = region_slot(&v, &n, payer);
				x->xr = sat_add(x->xr, r->v.bytes);
			}
			continue;
		}
		const char *remote = agg_str(a, r->k.s[AGG_REMOTE_VPC]);
		const char *rregion = agg_str(a, r->k.s[AGG_REMOTE_REGION]);
		if (p == PATH_TGW && row_in_totals(p, r->k.direction, remote[0] != 0, r->k.side)) {
			struct region_bytes *x = region_slot(&v, &n, region);
			x->tgw = sat_add(x->tgw, r->v.bytes);
		}
		if (!region[0] || !rregion[0] || strcmp(region, rregion) == 0)
			continue;
		/* the sending region pays */
		const char *payer = r->k.direction == DIR_EGRESS ? region
				    : r->k.direction == DIR_INGRESS && r->k.side == SIDE_ENDPOINT_ENI ? rregion
												 : NULL;
		if (payer) {
			struct region_bytes *x = region_slot(&v, &n, payer);
			x->xr = sat_add(x->xr, r->v.bytes);
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_region_bytes);
	for (size_t i = 0; i < n; i++) {
		const char *region = v[i].region[0] ? v[i].region : NULL;
		double tgw = monthly_gb(v[i].tgw, window), xr = monthly_gb(v[i].xr, window);
		tc->tgw_gb += tgw;
		tc->tgw_usd += tgw * prices_for(rc->prices, region, PRICE_TGW_GB, NULL);
		tc->xr_gb += xr;
		tc->xr_usd += xr * prices_for(rc->prices, region, PRICE_INTER_REGION_GB, NULL);
	}
	free(v);
}

/* What workloads of other VPCs sent to outside every VPC through a
 * transit gateway attached to vpc (workload records, under the totals
 * rule): centralized egress, which a NAT gateway of vpc would carry. */
static uint64_t tgw_egress_to(const struct report_ctx *rc, const char *vpc)
{
	const struct topo *t = rc->topo;
	const struct agg *a = rc->an->core;
	uint64_t sum = 0;
	if (!t)
		return 0;
	uint32_t v = strpool_find(t->pool, vpc, strlen(vpc));
	for (size_t i = 0; v && i < agg_count(a); i++) {
		const struct agg_row *r = agg_row_at(a, i);
		const char *via = agg_str(a, r->k.s[AGG_VIA]);
		if (r->k.vantage != VANTAGE_WORKLOAD || r->k.path != PATH_TGW || r->k.action == FL_REJECT ||
		    agg_str(a, r->k.s[AGG_REMOTE_VPC])[0] || strcmp(agg_str(a, r->k.s[AGG_VPC]), vpc) == 0 ||
		    !row_in_totals(r->k.path, r->k.direction, 0, r->k.side))
			continue;
		uint32_t g = strpool_find(t->pool, via, strlen(via));
		if (g && topo_tgw_attached(t, g, v))
			sum = sat_add(sum, r->v.bytes);
	}
	return sum;
}

/* recs_here: the same output holds the recommendations report, after
 * the summary (1) or before it (2), which the text then points to
 * instead of --report recommendations. */
static void write_summary(FILE *f, enum out_format fmt, const struct report_ctx *rc, int recs_here)
{
	const struct analysis *an = rc->an;
	const struct scan_stats *st = &an->stats;
	int64_t ws, we;
	struct recs r;
	struct nat_costs nc;
	struct path_totals pt;
	char t0[32], t1[32];

	int known = analysis_window(an, &ws, &we);
	compute_recs(rc, &r, &nc);
	/* NAT gateways by id, in every format (the index by id is not
	 * needed past here) */
	if (nc.n > 1)
		qsort(nc.v, nc.n, sizeof(*nc.v), cmp_nat_cost);
	totals(an->core, &pt);
	/* the flows counted: every row's (what was read minus what the window
	 * left out, summed as the rows are, so capped sums agree) */
	struct agg_val all;
	agg_total(an->core, &all);
	uint64_t counted = all.records, counted_bytes = all.bytes;
	double nat_total = 0, savings = 0, nat_table = 0, savings_table = 0;
	for (size_t i = 0; i < nc.n; i++)
		nat_total += usd_printed(nc.v[i].processing_usd + nc.v[i].hourly_usd, 4);
	/* the table prints each NAT gateway's processing and hours to cents */
	for (size_t i = 0; i < nc.n; i++)
		nat_table += usd_printed(nc.v[i].processing_usd, 2) + usd_printed(nc.v[i].hourly_usd, 2);
	for (size_t i = 0; i < r.n; i++)
		if (r.rows[i].savings_usd > 0) {
			savings += usd_printed(r.rows[i].savings_usd, 4);
			/* the table prints each saving to cents */
			savings_table += usd_printed(r.rows[i].savings_usd, 2);
		}
	t0[0] = t1[0] = '\0';
	if (known) {
		fmt_time(ws, t0, sizeof(t0));
		fmt_time(we, t1, sizeof(t1));
	}
	int low = we - ws < 3600;
	struct transfer_costs tc;
	transfer_costs(rc, we - ws, &tc);

	if (fmt != FMT_TABLE) {
		struct table *t = table_new(f, fmt, metric_cols, NCOLS(metric_cols));
		char name[96];
		metric(t, "window_start", t0, "time");
		metric(t, "window_end", t1, "time");
		metric_u64(t, "window_seconds", known ? (uint64_t)(we - ws) : 0, "seconds");
		metric(t, "confidence", low ? "low" : "high", "");
		metric_u64(t, "files", st->files, "files");
		metric_u64(t, "input_errors", an->input_errors, "files");
		metric_u64(t, "files_skipped", report_files_skipped(an), "files");
		metric_u64(t, "lines", st->lines, "lines");
		/* counted, not read: a file skipped by its name and one read
		 * and left out by the window give the same figure */
		metric_u64(t, "flows", counted, "records");
		metric_u64(t, "nodata", st->nodata, "records");
		metric_u64(t, "skipdata", st->skipdata, "records");
		metric_u64(t, "malformed", st->malformed, "lines");
		metric_u64(t, "flow_bytes", counted_bytes, "bytes");
		metric_u64(t, "flows_outside_window", an->outside_window, "records");
		metric_u64(t, "flow_bytes_outside_window", an->outside_window_bytes, "bytes");
		for (int v = 0; v < NVANTAGES; v++)
			for (int p = 0; p < NPATHS; p++) {
				if (pt.bytes[v][p]) {
					snprintf(name, sizeof(name), "bytes.%s.%s", vantage_name(v), path_name(p));
					metric_u64(t, name, pt.bytes[v][p], "bytes");
				}
				if (pt.unknown_dir[v][p]) {
					snprintf(name, sizeof(name), "bytes_direction_unknown.%s.%s", vantage_name(v),
						 path_name(p));
					metric_u64(t, name, pt.unknown_dir[v][p], "bytes");
				}
			}
		for (size_t i = 0; i < nc.n; i++) {
			snprintf(name, sizeof(name), "nat_monthly_usd.%s", nc.v[i].nat);
			metric_usd(t, name, nc.v[i].processing_usd + nc.v[i].hourly_usd);
		}
		metric_usd(t, "nat_monthly_usd", nat_total);
		metric_usd(t, "savings_monthly_usd", savings);
		metric_u64(t, "recommendations", r.n, "rows");
		metric_usd(t, "tgw_processing_monthly_usd", tc.tgw_usd);
		metric_usd(t, "inter_region_monthly_usd", tc.xr_usd);
		table_finish(t);
		recs_free(&r);
		nat_costs_free(&nc);
		return;
	}

	fprintf(f, "flowpath summary\n\n");
	if (known)
		fprintf(f, "Window     %s to %s (%.1f hours; a month is %.2f times it)%s\n", t0, t1,
			(double)(we - ws) / 3600.0, 2629800.0 / (double)(we - ws > 0 ? we - ws : 1),
			low ? "  LOW CONFIDENCE: under an hour" : "");
	else
		fprintf(f, "Window     none: no flow with start and end times was counted, and "
			   "--since/--until did not give both ends\n");
	char skipped[64] = "";
	size_t nskipped = report_files_skipped(an);
	if (nskipped)
		snprintf(skipped, sizeof(skipped), " (%zu more skipped by their names)", nskipped);
	fprintf(f, "Inputs     %" PRIu64 " files%s, %" PRIu64 " flows, %" PRIu64 " NODATA/SKIPDATA, %" PRIu64
		   " malformed lines, %" PRIu64 " input errors\n",
		st->files, skipped, counted, st->nodata + st->skipdata, st->malformed,
		an->input_errors);
	if (an->outside_window)
		fprintf(f, "Outside    %" PRIu64 " flows (%.3f GB) end outside the window: not counted\n",
			an->outside_window, gib(an->outside_window_bytes));
	/* (a merge without --topology has no model to say) */
	if (rc->topo && !rc->topo->have_ranges)
		fprintf(f, "Services   known only from the records' pkt-*-aws-service fields (no --ip-ranges):\n"
			   "           other traffic to AWS services counts as internet traffic, and no\n"
			   "           endpoint saving is found for it\n");
	int vantages = 0;
	for (int v = 0; v < NVANTAGES; v++)
		vantages += pt.any[v] != 0;
	if (vantages > 1)
		fprintf(f, "\nEach vantage below is what one kind of interface logged: a flow through a NAT\n"
			   "gateway shows in the workload's vantage and again in the NAT gateway's, so\n"
			   "add paths within a vantage, never across them.\n");
	for (int v = 0; v < NVANTAGES; v++) {
		if (!pt.any[v])
			continue;
		fprintf(f, "\nBytes by path, %s vantage (GB observed, GB/month projected)\n", vantage_name(v));
		for (int p = 0; p < NPATHS; p++) {
			if (!pt.bytes[v][p] && !pt.unknown_dir[v][p])
				continue;
			fprintf(f, "  %-24s %12.3f %14.3f\n", path_name(p), gib(pt.bytes[v][p]),
				monthly_gb(pt.bytes[v][p], we - ws));
			if (pt.unknown_dir[v][p])
				fprintf(f, "  %-24s %12.3f %14.3f  (direction unknown: add NetworkInterfaces to the "
					   "topology)\n",
					"", gib(pt.unknown_dir[v][p]), monthly_gb(pt.unknown_dir[v][p], we - ws));
		}
		if (v == VANTAGE_TGW && pt.tgw_outside)
			fprintf(f, "  (traffic to outside every VPC, as through another VPC's NAT gateway: an\n"
				   "  upload logged by the sender's attachment and the egress VPC's counts at\n"
				   "  both; the workload vantage counts it once)\n");
	}
	fprintf(f, "\nNAT gateways now (per month; hours include their public IPv4 addresses)\n");
	if (!nc.n)
		fprintf(f, "  none seen\n");
	for (size_t i = 0; i < nc.n; i++) {
		const struct nat_cost *x = &nc.v[i];
		/* paths.md 5: when both exist, how far apart they are */
		char apart[256] = "";
		/* against the ENI's bytes less those of other VPCs' workloads,
		 * which this VPC's workload records never hold */
		if (x->from_eni && x->eni_bytes > x->other_vpc_bytes && x->workload_bytes) {
			double gap = pct_apart(x->workload_bytes, x->eni_bytes - x->other_vpc_bytes);
			if (gap >= 5 || gap <= -5)
				snprintf(apart, sizeof(apart), "; the workload records show %.0f%% %s", gap < 0 ? -gap : gap,
					 gap < 0 ? "less" : "more");
		}
		if (x->other_vpc_bytes && x->from_eni)
			snprintf(apart + strlen(apart), sizeof(apart) - strlen(apart),
				 "; part from other VPCs");
		if (x->moved_bytes)
			snprintf(apart + strlen(apart), sizeof(apart) - strlen(apart),
				 "; less %.2f GB/month another's ENI records show", monthly_gb(x->moved_bytes, we - ws));
		/* an idle one whose VPC's transit gateway attachments logged
		 * traffic to outside every VPC (centralized egress): its
		 * ENI's records are likely what is missing */
		if (x->idle) {
			uint64_t via_tgw = tgw_egress_to(rc, x->vpc);
			if (via_tgw)
				snprintf(apart + strlen(apart), sizeof(apart) - strlen(apart),
					 "; but other VPCs' workloads sent %.2f GB/month to outside every VPC "
					 "through a transit gateway attached to its VPC",
					 monthly_gb(via_tgw, we - ws));
		}
		fprintf(f, "  %-24s %10.2f GB/month  $%10.2f processing + $%8.2f hours  (%s%s%s)\n",
			x->nat, x->monthly_gb, x->processing_usd, x->hourly_usd,
			x->idle                    ? "no record went through it: idle, or its ENI's records are missing"
			: !x->from_eni             ? "from workload records"
			: x->workload_only_bytes ? "from its own ENI's and, for what they lack, the workload records"
						 : "from its own ENI's records",
			apart, x->gone ? "; deleted or failed in the topology: no hours" : "");
	}
	fprintf(f, "  %-24s $%.2f\n", "total", nat_table);
	if (tc.tgw_usd > 0 || tc.xr_usd > 0) {
		fprintf(f, "\nOther per-GB charges the workload records show (per month)\n");
		if (tc.tgw_usd > 0)
			fprintf(f, "  %-24s %10.2f GB/month  $%10.2f  (what the workloads send into a transit "
				   "gateway)\n",
				"transit gateway", tc.tgw_gb, tc.tgw_usd);
		if (tc.xr_usd > 0)
			fprintf(f, "  %-24s %10.2f GB/month  $%10.2f  (peering and transit gateway traffic "
				   "sent to VPCs in other regions, AWS service traffic to and from other "
				   "regions)\n",
				"between regions", tc.xr_gb, tc.xr_usd);
	}
	fprintf(f, "\nNot in the figures above: data transfer out to the internet, interface endpoints' own\n"
		   "hours and per-GB charges, traffic across AZs (between workloads, over peering, to a\n"
		   "NAT gateway in another AZ) (docs/reports.md); some recommendations below price a\n"
		   "part of them.\n");
	fprintf(f, "\nSavings available: up to $%.2f per month (the recommendations' sum; they "
		   "may overlap)\n",
		savings_table);
	/* those that save money, best first (the rows are sorted so) */
	int shown = 0;
	for (size_t i = 0; i < r.n && shown < 5; i++) {
		const struct rec_row *x = &r.rows[i];
		if (x->savings_usd <= 0)
			break;
		if (shown == 0)
			fprintf(f, "\nTop recommendations\n");
		fprintf(f, "  %d. %s%s%s%s%s in %s: $%.2f/month\n", ++shown, x->action, x->service[0] ? " " : "",
			x->service, x->target[0] ? " " : "", x->target, x->vpc, x->savings_usd);
		table_wrap(f, "     ", "     ", x->reason);
	}
	const char *where = recs_here == 1   ? "in the recommendations below"
			    : recs_here == 2 ? "in the recommendations above"
					     : "in --report recommendations";
	if (!shown && r.n)
		fprintf(f, "\nNo recommendation saves money now: %zu (for resilience, or that tell what "
			   "would) %s\n", r.n, where);
	else if (r.n > (size_t)shown)
		fprintf(f, "\n%zu more %s\n", r.n - (size_t)shown, where);
	if (rc->nnotes)
		fprintf(f, "\nNotes on this run's data (on stderr too; there -q leaves out the notes, not the "
			   "warnings)\n");
	for (int i = 0; i < rc->nnotes; i++)
		table_wrap(f, "  - ", "    ", rc->notes[i]);
	if (rc->notes_more)
		fprintf(f, "  - and %d more: see stderr\n", rc->notes_more);
	recs_free(&r);
	nat_costs_free(&nc);
}

/* The page around the reports of --format html: one file, no script, no
 * outside resource, nothing that changes from run to run. */
static void html_start(FILE *f, const int *reports, int n, const struct report_ctx *rc)
{
	int64_t ws, we;
	char t0[32] = "no window", t1[32] = "no window";
	if (analysis_window(rc->an, &ws, &we)) {
		fmt_time(ws, t0, sizeof(t0));
		fmt_time(we, t1, sizeof(t1));
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", f);
	fprintf(f, "<title>flowpath: %s to %s</title>\n", t0, t1);
	fputs("<style>\n"
	      "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}\n"
	      "table{border-collapse:collapse;font-size:13px;margin-bottom:1em}\n"
	      "th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}\n"
	      "th{background:#eee;position:sticky;top:0}\n"
	      "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	      "tbody tr:nth-child(even){background:#f7f7f7}\n"
	      "pre{background:#f7f7f7;padding:1em;overflow-x:auto;white-space:pre-wrap}\n"
	      "nav a{margin-right:1em}\n"
	      "</style>\n</head>\n<body>\n", f);
	fprintf(f, "<h1>flowpath: %s to %s</h1>\n<nav>", t0, t1);
	for (int i = 0; i < n; i++)
		fprintf(f, "<a href=\"#%s\">%s</a>", report_name(reports[i]), report_name(reports[i]));
	fputs("</nav>\n<main>\n", f);
}

/* The summary for people (the table format's text) on a page. */
static void html_summary(FILE *f, const struct report_ctx *rc, int recs_here)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m) {
		/* out of memory for the text: the metrics, as a table */
		write_summary(f, FMT_HTML, rc, recs_here);
		return;
	}
	write_summary(m, FMT_TABLE, rc, recs_here);
	fclose(m);
	fputs("<pre>", f);
	fmt_html_text(f, text, len);
	fputs("</pre>\n", f);
	free(text);
}

int report_write(FILE *f, enum out_format fmt, const int *reports, int n, const struct report_ctx *rc)
{
	if (fmt == FMT_JSON)
		fputc('{', f);
	if (fmt == FMT_HTML)
		html_start(f, reports, n, rc);
	for (int i = 0; i < n; i++) {
		if (fmt == FMT_JSON)
			fprintf(f, "%s\"%s\":", i ? ",\n" : "", report_name(reports[i]));
		else if (fmt == FMT_HTML)
			fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n", report_name(reports[i]),
				report_name(reports[i]));
		else if (i > 0 && fmt != FMT_JSONL)
			fputc('\n', f);
		switch (reports[i]) {
		case REPORT_SUMMARY: {
			/* the recommendations report in this output: 1 after
			 * the summary, 2 before it */
			int recs_here = 0;
			for (int j = 0; j < n; j++)
				if (reports[j] == REPORT_RECOMMENDATIONS)
					recs_here = j > i ? 1 : 2;
			if (fmt == FMT_HTML)
				html_summary(f, rc, recs_here);
			else
				write_summary(f, fmt, rc, recs_here);
			break;
		}
		case REPORT_PATHS:
			write_paths(f, fmt, rc);
			break;
		case REPORT_RECOMMENDATIONS:
			write_recs(f, fmt, rc);
			break;
		case REPORT_TALKERS:
			write_talkers(f, fmt, rc);
			break;
		case REPORT_TIMELINE:
			write_timeline(f, fmt, rc);
			break;
		case REPORT_INPUTS:
			write_inputs(f, fmt, rc);
			break;
		case REPORT_NAT_TALKERS:
			write_nat_talkers(f, fmt, rc);
			break;
		}
		if (fmt == FMT_HTML)
			fputs("</section>\n", f);
	}
	if (fmt == FMT_JSON)
		fputs("}\n", f);
	if (fmt == FMT_HTML)
		fputs("</main>\n</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}
