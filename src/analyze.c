/* SPDX-License-Identifier: MIT */
/* analyze, explain and topology check; see analyze.h. */
#include "analyze.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "classify.h"
#include "fmt.h"
#include "pricing_csv.h"
#include "partial.h"
#include "prefix.h"
#include "recommend.h"
#include "report.h"
#include "runner.h"
#include "s3name.h"
#include "strpool.h"
#include "table.h"
#include "topology_json.h"
#include "util.h"

int analyze_load_model(const struct options *o, const char *const *paths, int npaths,
		       struct topo **out, struct diag *d)
{
	const char *ip_ranges = o->ip_ranges;
	struct topo *t = topo_new();
	t->max_file_bytes = (size_t)o->max_topology_bytes;
	t->max_ranges = (size_t)o->max_ranges;
	for (int i = 0; i < npaths; i++) {
		if (topo_load_path(t, paths[i], d) != 0) {
			topo_free(t);
			return ANALYZE_E_MODEL;
		}
	}
	if (ip_ranges && ipranges_load_path(t, ip_ranges, d) != 0) {
		topo_free(t);
		return ANALYZE_E_MODEL;
	}
	topo_finish(t);
	*out = t;
	return 0;
}


static void say(struct run_ui *ui, enum run_severity sev, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
static void note(struct run_ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(struct run_ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct run_ui *ui, enum run_severity sev, const char *fmt, va_list ap)
{
	struct diag d;
	diag_clear(&d);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	if (ui && ui->diag)
		ui->diag(ui->ctx, sev, &d);
}

/* A note (-q leaves it out). */
static void note(struct run_ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(ui, RUN_NOTE, fmt, ap);
	va_end(ap);
}

/* A warning: results that are not what they seem, said even with -q. */
static void warn(struct run_ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(ui, RUN_WARN, fmt, ap);
	va_end(ap);
}

/* --pricing with --emit partial: a partial holds bytes, not money, and
 * the merge that writes the reports prices them with its own --pricing
 * (its built-in table without one). */
static void pricing_unused(const struct options *o, struct run_ui *ui)
{
	if (o->pricing)
		warn(ui, "%s",
		     "--pricing does not change a partial, which holds bytes, not money: give it to "
		     "the merge that writes the reports (docs/cluster.md)");
}

/* The monthly figures' window against the flows counted, said, not
 * changed. A window given (--day, --since and --until) that the flows
 * cover less than half of: a day of which only some hours of logs were
 * read (not yet delivered, or a partial list) projects low. No window
 * given: the records' own span is the window, and one record with a
 * wrong clock (years off) stretches it and shrinks every monthly figure;
 * a span over 32 days (a month of logs and its edges) is said, with the
 * times that made it. */
static void window_span(struct run_ui *ui, const struct analysis *an)
{
	struct agg_val all;
	agg_total(an->core, &all);
	if (!all.records || all.first_start == INT64_MAX || all.last_end == INT64_MIN)
		return;
	char a[32], b[32];
	if (an->since == INT64_MIN && an->until == INT64_MAX) {
		if (all.last_end - all.first_start <= 32 * 86400)
			return;
		fmt_time(all.first_start, a, sizeof(a));
		fmt_time(all.last_end, b, sizeof(b));
		warn(ui,
		     "the flows counted span %.1f days (%s to %s), the window the monthly figures are "
		     "projected from: a record with a wrong clock? give --since and --until (or --day)",
		     (double)(all.last_end - all.first_start) / 86400, a, b);
		return;
	}
	if (an->since == INT64_MIN || an->until == INT64_MAX)
		return;
	int64_t s = all.first_start > an->since ? all.first_start : an->since;
	int64_t e = all.last_end < an->until ? all.last_end : an->until;
	int64_t w = an->until - an->since;
	if (e < s)
		e = s;
	if (2 * (e - s) >= w)
		return;
	fmt_time(s, a, sizeof(a));
	fmt_time(e, b, sizeof(b));
	warn(ui,
	     "the flows counted span only %.1f h (%s to %s) of the window's %.1f h: the monthly "
	     "figures project the whole window, so they are low if logs of the rest are missing",
	     (double)(e - s) / 3600, a, b, (double)w / 3600);
}

/* A flow log's time span: its inputs' first start to last end. */
struct log_span {
	char id[64];
	int64_t start, end;
};

static int cmp_log_span(const void *a, const void *b)
{
	return strcmp(((const struct log_span *)a)->id, ((const struct log_span *)b)->id);
}

/* The spans of the flow logs of an's inputs, by the S3 file names,
 * sorted by id; *n of them. The caller frees the array. */
static struct log_span *log_spans(const struct analysis *an, size_t *n)
{
	struct log_span *sp = xmalloc((an->ninputs ? an->ninputs : 1) * sizeof(*sp));
	size_t k = 0;
	for (size_t i = 0; i < an->ninputs; i++) {
		const struct input_row *r = &an->inputs[i];
		if (r->skipped || !s3name_flow_log(r->path, sp[k].id, sizeof(sp[k].id)))
			continue;
		sp[k].start = r->st.first_start;
		sp[k].end = r->st.last_end;
		k++;
	}
	qsort(sp, k, sizeof(*sp), cmp_log_span);
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m && strcmp(sp[m - 1].id, sp[i].id) == 0) {
			if (sp[i].start < sp[m - 1].start)
				sp[m - 1].start = sp[i].start;
			if (sp[i].end > sp[m - 1].end)
				sp[m - 1].end = sp[i].end;
		} else {
			sp[m++] = sp[i];
		}
	}
	*n = m;
	return sp;
}

/* Do the records of flow logs a and b overlap in time? Unknown spans
 * (no flow with times) are taken to. */
static int spans_overlap(const struct log_span *sp, size_t n, const char *a, const char *b)
{
	struct log_span ka, kb;
	snprintf(ka.id, sizeof(ka.id), "%s", a);
	snprintf(kb.id, sizeof(kb.id), "%s", b);
	const struct log_span *x = bsearch(&ka, sp, n, sizeof(*sp), cmp_log_span);
	const struct log_span *y = bsearch(&kb, sp, n, sizeof(*sp), cmp_log_span);
	if (!x || !y || x->start > x->end || y->start > y->end)
		return 1;
	/* one log ending in the second the other starts: a replacement */
	return (x->start > y->start ? x->start : y->start) < (x->end < y->end ? x->end : y->end);
}

/* Interfaces whose records came in two or more flow logs (by the S3 file
 * names) whose records overlap in time: each flow log delivers its own
 * copy of a record, so their flows count twice. A flow log replaced by
 * another (a new format is a new flow log) does not overlap. One warning
 * naming the first such interface (in byte order) and two of its logs. */
static void two_flow_logs(const struct analysis *an, struct run_ui *ui)
{
	size_t n, nspans, nifaces = 0;
	const char *first = NULL, *log1 = NULL, *log2 = NULL;
	const struct ktab *kt = an->eni_logs;
	const struct ktab_row **rows = ktab_sorted(kt, &n);
	struct log_span *sp = log_spans(an, &nspans);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && rows[j]->k.s[0] == rows[i]->k.s[0])
			j++;
		int found = 0;
		for (size_t a = i; a < j && !found; a++)
			for (size_t b = a + 1; b < j && !found; b++) {
				/* two logs, records of one action (or unknown) */
				int32_t xa = rows[a]->k.i[0], xb = rows[b]->k.i[0];
				if (rows[a]->k.s[1] == rows[b]->k.s[1] || (xa && xb && xa != xb) ||
				    !spans_overlap(sp, nspans, ktab_str(kt, rows[a]->k.s[1]),
						   ktab_str(kt, rows[b]->k.s[1])))
					continue;
				found = 1;
				if (nifaces == 0) {
					first = ktab_str(kt, rows[a]->k.s[0]);
					log1 = ktab_str(kt, rows[a]->k.s[1]);
					log2 = ktab_str(kt, rows[b]->k.s[1]);
				}
			}
		nifaces += (size_t)found;
		i = j;
	}
	if (nifaces)
		warn(ui,
		     "%zu interface%s in the records of two flow logs at once (%s: %s and %s%s): each "
		     "flow log delivers its own copy of a record, and flowpath counts every copy; "
		     "give the files of one flow log per interface (docs/behaviour.md)",
		     nifaces, nifaces > 1 ? "s are" : " is", first, log1, log2,
		     nifaces > 1 ? "; ..." : "");
	uint64_t adds;
	ktab_overflow(kt, &adds);
	if (adds)
		note(ui,
		     "more than %d pairs of interface and flow log: the two-flow-logs check is "
		     "incomplete (pairs met after the limit, a second log of an interface among them, "
		     "were not checked)",
		     ANALYSIS_ENI_LOGS_MAX);
	free(sp);
	free(rows);
}

/* Notes about what an analysis saw: traffic-path disagreements per VPC,
 * flows outside the window, talkers past their cap, interfaces missing
 * from the inventory (t may be NULL). */
static void analysis_notes(struct analysis *an, const struct topo *t, struct run_ui *ui, int merging)
{
	char why[256];
	if (analysis_check(an, why, sizeof(why)) != 0) {
		/* a bug in flowpath, not in the input: say so loudly */
		struct diag d;
		diag_set(&d, -1, NULL, 0, "internal accounting check failed: %s", why);
		if (ui && ui->diag)
			ui->diag(ui->ctx, RUN_INPUT, &d);
		an->input_errors++;
	}
	size_t n;
	const struct ktab_row **rows = ktab_sorted(an->tp, &n);
	for (size_t i = 0; i < n;) {
		uint64_t checked = 0, disagree = 0;
		size_t j = i;
		while (j < n && rows[j]->k.s[0] == rows[i]->k.s[0]) {
			checked += rows[j]->v.records;
			if (!rows[j]->k.i[0])
				disagree += rows[j]->v.records;
			j++;
		}
		const char *vpc = ktab_str(an->tp, rows[i]->k.s[0]);
		if (disagree)
			note(ui,
			     "%s: traffic-path of %" PRIu64 " of %" PRIu64
			     " egress records disagrees with the topology (stale or incomplete snapshot?)",
			     vpc[0] ? vpc : "(no vpc)", disagree, checked);
		i = j;
	}
	free(rows);
	if (an->outside_window && !merging)
		note(ui, "%" PRIu64 " flows ended outside --since/--until and were not counted",
		     an->outside_window);
	else if (an->outside_window)
		/* partials of adjacent windows read the same files at their
		 * edges: one's flows outside its window are another's */
		note(ui,
		     "%" PRIu64 " flows ended outside the window of the partial that read them and were "
		     "not counted by it (a partial of an adjacent window counts them if it read their "
		     "file too, not if it skipped it by its name: see its inputs report; files, lines "
		     "and their NODATA, SKIPDATA and malformed lines count once per partial that read "
		     "them)",
		     an->outside_window);
	/* in byte order, whichever worker met them first */
	char names[ANALYSIS_UNKNOWN_MAX * (FL_MAX_NAME + 2) + 8] = "";
	const char *sorted[ANALYSIS_UNKNOWN_MAX];
	for (int i = 0; i < an->nunknown_fields; i++) {
		int j = i;
		for (; j > 0 && strcmp(sorted[j - 1], an->unknown_fields[i]) > 0; j--)
			sorted[j] = sorted[j - 1];
		sorted[j] = an->unknown_fields[i];
	}
	for (int i = 0; i < an->nunknown_fields; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", i ? ", " : "",
			 sorted[i]);
	if (an->unknown_more)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), ", ...");
	int listed = 0;
	for (int i = 0; t && i < t->nenis && !listed; i++)
		listed = t->enis[i].listed;
	struct agg_val total;
	agg_total(an->core, &total);
	uint64_t counted = total.records;
	/* without NetworkInterfaces at all, the attachment ENIs are unknown too */
	if ((listed || t) && an->flows_unlisted && counted)
		note(ui,
		     "%" PRIu64 " flows (%.1f%%) come from interfaces %s does not list (such as %s): "
		     "%stheir subnet and direction come from their addresses%s; give every account's "
		     "describe-network-interfaces output, taken near the logs' time",
		     an->flows_unlisted, 100.0 * (double)an->flows_unlisted / (double)counted,
		     listed ? "NetworkInterfaces" : "the topology", an->unlisted_first,
		     listed ? "" : "it has no describe-network-interfaces output, so ",
		     listed ? ""
			    : ", and a transit gateway attachment's records count as a workload's "
			      "(docs/behaviour.md)");
	if (an->layout_without_eni && counted)
		warn(ui, "%s",
		     "the logs' layout has no interface-id: no record can be told to have been "
		     "captured on a NAT gateway's, endpoint's or transit gateway's interface, so "
		     "theirs count as workload traffic (a NAT gateway's bytes then count twice); add "
		     "interface-id to the flow log format");
	int64_t ws, we;
	if (counted && !analysis_window(an, &ws, &we))
		warn(ui, "%s",
		     "no flow counted has start and end times (the layout lacks them, or their "
		     "values are '-'): monthly "
		     "figures are projected from one second; give --since and --until");
	if (an->flows_without_bytes)
		warn(ui,
		     "%" PRIu64 " flows have no bytes column in their layout (the file's header, or "
		     "--fields): they count 0 bytes and no money%s%s%s",
		     an->flows_without_bytes, names[0] ? "; fields flowpath does not know: " : "",
		     names, names[0] ? " (a misspelt name?)" : "");
	else if (names[0])
		note(ui, "the logs' layout names fields flowpath does not know, read as ignored columns: %s",
		     names);
	two_flow_logs(an, ui);
	if (an->nat_private_bytes)
		note(ui,
		     "%.3f GB of NAT gateways' internet side (such as %s's) went to or came from private "
		     "addresses outside every VPC of the topology, in records without pkt-srcaddr and "
		     "pkt-dstaddr: "
		     "workloads of a VPC the topology lacks (a spoke reaching the NAT gateway through a "
		     "transit gateway or peering)? Their bytes then count as processed twice; give that "
		     "VPC's describe output, or the pkt-* fields (docs/behaviour.md). A NAT gateway that "
		     "itself reaches private networks is counted right",
		     (double)an->nat_private_bytes / 1e9, an->nat_private_first);
	const char *sat = scan_stats_saturated(&an->stats);
	if (sat)
		warn(ui, "%s", sat);
	for (int nat = 0; nat < 2; nat++) {
		uint64_t adds;
		const struct agg_val *other = ktab_overflow(nat ? an->nat_talkers : an->talkers, &adds);
		if (adds)
			note(ui, "%s: more than %zu keys%s (%s, path, service, direction and action; "
				 "--max-talkers); %" PRIu64 " records counted in "
				 "the (other) row; which keys got rows depends on the order records arrived "
				 "in, not on their bytes",
			     nat ? "nat-talkers" : "talkers", an->max_talkers,
			     merging ? " here, or than the limit of the runs that wrote the partials" : "",
			     nat ? "NAT gateway and workload" : "workload", other->records);
	}
	/* NAT traffic of VPCs whose region the topology does not give: the
	 * recommendations leave it out (recommend.c) */
	const char *first = NULL;
	int nvpcs = 0;
	for (size_t i = 0; i < agg_count(an->core); i++) {
		const struct agg_row *row = agg_row_at(an->core, i);
		const char *vpc = agg_str(an->core, row->k.s[AGG_VPC]);
		if (row->k.path != PATH_NAT_AWS || agg_str(an->core, row->k.s[AGG_REGION])[0] || !vpc[0])
			continue;
		if (!first) {
			first = vpc;
			nvpcs = 1;
		} else if (strcmp(vpc, first) != 0) {
			nvpcs = 2; /* "and other VPCs": no need to count them */
			break;
		}
	}
	if (nvpcs)
		note(ui, "%s%s: no region known (add describe-subnets output to the topology): its NAT "
			 "traffic to AWS services gets no endpoint recommendation",
		     first, nvpcs > 1 ? " and other VPCs" : "");
	/* flows whose subnet several VPCs of the same CIDRs could hold (in
	 * other regions or accounts): unknown, which no other line explains */
	uint64_t amb = 0;
	for (size_t i = 0; i < agg_count(an->core); i++) {
		const struct agg_row *row = agg_row_at(an->core, i);
		if (row->k.reason == REASON_AMBIGUOUS_SUBNET)
			amb += row->v.records;
	}
	if (amb && counted)
		warn(ui,
		     "%" PRIu64 " flow%s (%.1f%%) %s unknown (ambiguous-subnet): several VPCs have their "
		     "addresses' CIDRs, and nothing tells which holds them (the region of "
		     "the S3 file name or the region field, vpc-id or subnet-id, an interface that "
		     "NetworkInterfaces lists): keep the S3 file names, give every account's "
		     "describe-network-interfaces output, or log vpc-id (docs/behaviour.md, Candidate "
		     "VPCs)",
		     amb, amb > 1 ? "s" : "", 100.0 * (double)amb / (double)counted, amb > 1 ? "are" : "is");
	if (agg_limited(an->core))
		note(ui, "%" PRIu64 " flows counted in row-limit rows: more distinct rows than --max-rows "
			 "(%zu%s)",
		     agg_limited(an->core), an->max_rows,
		     merging ? " here, or the limit of the runs that wrote the partials" : "");
}

int analyze_load_prices(const char *pricing, struct prices **out, struct diag *d)
{
	struct prices *p = prices_new();
	if (pricing && pricing_load_path(p, pricing, d) != 0) {
		prices_free(p);
		return ANALYZE_E_MODEL;
	}
	*out = p;
	return 0;
}

int analyze_reports(const struct options *o, FILE *out, int *reports, enum out_format *fmt)
{
	char bad[64];
	int n;
	int tty = isatty(fileno(out));
	if (o->reports) {
		n = report_parse_list(o->reports, reports, NREPORTS, bad, sizeof(bad));
	} else if (o->format == FMT_HTML) {
		/* a page for people: what the money is, then where it goes */
		reports[0] = REPORT_SUMMARY;
		reports[1] = REPORT_RECOMMENDATIONS;
		reports[2] = REPORT_PATHS;
		n = 3;
	} else {
		reports[0] = tty ? REPORT_SUMMARY : REPORT_PATHS;
		n = 1;
	}
	*fmt = o->format != FMT_DEFAULT ? o->format : tty ? FMT_TABLE : FMT_CSV;
	return n;
}

/* The reports asked for, as a set: bit 1 << kind. */
static unsigned reports_asked(const struct options *o, FILE *out)
{
	int reports[NREPORTS];
	enum out_format fmt;
	unsigned set = 0;
	int n = analyze_reports(o, out, reports, &fmt);
	for (int i = 0; i < n; i++)
		set |= 1u << reports[i];
	return set;
}

#define ASKED(set, kind) (((set) >> (kind)) & 1u)

/* The notes and warnings said about the data before the reports are
 * written, kept for the summary for people as they pass on to the ui. */
#define KEPT_MAX 32
struct kept {
	struct run_ui *up;
	char *msg[KEPT_MAX];
	int n, more;
	/* most kept so far: the notes made before any file is read (the
	 * topology's, the list of inputs') take at most half, so that the
	 * data's own, made at the end, find room */
	int limit;
};

static void keep_diag(void *ctx, enum run_severity sev, const struct diag *d)
{
	struct kept *k = ctx;
	if (sev == RUN_NOTE || sev == RUN_WARN) {
		if (k->n < k->limit) {
			/* the file it names, as stderr shows it */
			char buf[sizeof(d->file) + sizeof(d->msg) + 64];
			k->msg[k->n++] = xstrdup(d->file[0] ? diag_format(d, buf, sizeof(buf)) : d->msg);
		} else {
			k->more++;
		}
	}
	if (k->up && k->up->diag)
		k->up->diag(k->up->ctx, sev, d);
}

/* Reports, or a partial aggregate with --emit partial. */
static int write_results(const struct options *o, FILE *out, const struct analysis *an,
			 const struct topo *t, const struct prices *prices, const struct kept *k)
{
	if (o->emit_partial)
		return partial_write(out, an);
	int reports[NREPORTS];
	enum out_format fmt;
	int nrep = analyze_reports(o, out, reports, &fmt);
	struct report_ctx rc = {an, t, prices, (const char *const *)k->msg, k->n, k->more};
	return report_write(out, fmt, reports, nrep, &rc);
}

/* Regions of the rows that the price table lacks, or lacks some figures
 * of (a --pricing file with a few of them), priced at us-east-1's: one
 * note naming the least few (byte order), so that the figures are not
 * taken for the region's own. */
static void unpriced_regions(struct run_ui *ui, const struct agg *a, const struct prices *prices)
{
	enum { KEEP = 4 };
	const char *least[KEEP];
	size_t n = 0, kept = 0;
	uint32_t seen[64];
	size_t nseen = 0;
	size_t nrows;
	const struct agg_row **rows = agg_sorted(a, &nrows); /* whatever the input order */
	for (size_t i = 0; i < nrows; i++) {
		uint32_t id = rows[i]->k.s[AGG_REGION];
		const char *reg = agg_str(a, id);
		double usd;
		size_t k = 0;
		while (k < nseen && seen[k] != id)
			k++;
		/* (the public IPv4 address price is the same everywhere: a
		 * region's CSV without it lacks nothing) */
		int item = 0;
		while (item < NPRICE_ITEMS && reg[0] &&
		       (item == PRICE_PUBLIC_IPV4_HOUR || prices_get(prices, reg, item, &usd)))
			item++;
		if (!reg[0] || k < nseen || item == NPRICE_ITEMS)
			continue;
		if (nseen == sizeof(seen) / sizeof(seen[0]))
			break; /* more than AWS has: names enough */
		seen[nseen++] = id;
		n++;
		/* keep the least KEEP names, in order */
		size_t at = kept;
		while (at > 0 && strcmp(least[at - 1], reg) > 0)
			at--;
		if (at < KEEP) {
			if (kept < KEEP)
				kept++;
			memmove(least + at + 1, least + at, (kept - 1 - at) * sizeof(*least));
			least[at] = reg;
		}
	}
	free(rows);
	if (!n)
		return;
	char names[256] = "";
	for (size_t j = 0; j < kept; j++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s", j ? ", " : "",
			 least[j]);
	note(ui, "no prices, or not all, for region%s %s%s: the missing figures are us-east-1's; "
		 "give that region's figures with --pricing (docs/prices.md)",
	     n > 1 ? "s" : "", names, n > kept ? ", ..." : "");
}

/* The end of analyze and merge: notes, the run's counts, the results;
 * frees an, t and prices. */
/* NAT gateways whose money comes from their own ENI's records while the
 * workload records through them show 10% more or more: the ENI's flow
 * logs miss part of the window, and the money understates (the summary
 * line and the reason say how far apart; this says it on stderr, once). */
static void nat_coverage(struct run_ui *ui, const struct analysis *an, const struct topo *t,
			 const struct prices *prices)
{
	if (!agg_count(an->core))
		return;
	struct rec_input in = {an->core, t, prices, 0, 0};
	analysis_window(an, &in.window_start, &in.window_end);
	struct recs recs;
	struct nat_costs nc;
	recommend(&in, &recs, &nc);
	int n = 0;
	const struct nat_cost *first = NULL;
	double first_gap = 0;
	for (size_t i = 0; i < nc.n; i++) {
		const struct nat_cost *x = &nc.v[i];
		if (!x->from_eni || x->eni_bytes <= x->other_vpc_bytes || !x->workload_bytes)
			continue;
		double gap = pct_apart(x->workload_bytes, x->eni_bytes - x->other_vpc_bytes);
		if (gap >= 10 && (!first || strcmp(x->nat, first->nat) < 0)) {
			first = x;
			first_gap = gap;
		}
		n += gap >= 10;
	}
	if (n)
		warn(ui,
		     "%s%s: the workload records through it show %.0f%% more bytes than its own ENI's "
		     "records, from which its cost and the recommendations are counted: its ENI's flow "
		     "logs may miss part of the window (compare the inputs report), and the money then "
		     "understates",
		     first->nat, n > 1 ? " and other NAT gateways" : "", first_gap);
	recs_free(&recs);
	nat_costs_free(&nc);
}

/* The talkers report asked for, with no workload record to list, while
 * NAT gateways' records name their workloads: say which report does.
 * The nat-talkers report asked for, whose rows all lack a service: say
 * which fields would name it. */
static void talkers_notes(const struct options *o, FILE *out, struct run_ui *ui,
			  const struct analysis *an)
{
	unsigned asked = reports_asked(o, out);
	size_t nrows;
	const struct ktab_row **rows = ktab_sorted(an->nat_talkers, &nrows);
	size_t unattributed = 0;
	for (size_t i = 0; i < nrows; i++)
		unattributed += rows[i]->k.i[TL_PATH] == PATH_NAT_UNATTRIBUTED;
	free(rows);
	if (ASKED(asked, REPORT_NAT_TALKERS) && nrows && unattributed == nrows)
		note(ui, "%s", "nat-talkers: the NAT gateways' records lack pkt-srcaddr and pkt-dstaddr, so "
			       "no row names the service or the internet (nat-unattributed): add the pkt-* "
			       "fields to the flow logs' format");
	uint64_t adds;
	ktab_overflow(an->talkers, &adds);
	if (!ASKED(asked, REPORT_TALKERS) || ktab_count(an->talkers) || adds)
		return;
	for (size_t i = 0; i < agg_count(an->core); i++) {
		const struct agg_row *row = agg_row_at(an->core, i);
		if (row->k.vantage == VANTAGE_NAT && row->k.side == SIDE_VPC) {
			note(ui, "%s", "talkers: no workload's own interface records; the NAT gateways' "
				       "records name the workloads behind them: --report nat-talkers");
			return;
		}
	}
}

static void kept_free(struct kept *k)
{
	for (int i = 0; i < k->n; i++)
		free(k->msg[i]);
	k->n = 0;
}

/* The reports of a run, whose notes so far k holds (and keeps adding to). */
static int finish(const struct options *o, FILE *out, struct kept *kp, struct run_result *r,
		  struct analysis *an, struct topo *t, struct prices *prices)
{
	struct kept k = *kp;
	k.limit = KEPT_MAX;
	struct run_ui kui = {keep_diag, NULL, NULL, &k};
	analysis_notes(an, t, &kui, o->cmd == CMD_MERGE);
	/* a shard's partial holds part of the window by design: the merge
	 * that writes the reports says it */
	if (!o->emit_partial) {
		window_span(&kui, an);
		nat_coverage(&kui, an, t, prices);
		talkers_notes(o, out, &kui, an);
	}
	unpriced_regions(&kui, an->core, prices);
	r->stats = an->stats;
	r->outside_window = an->outside_window;
	r->files_skipped = report_files_skipped(an);
	r->input_errors = an->input_errors;
	if (write_results(o, out, an, t, prices, &k) != 0)
		r->output_error = 1;
	kept_free(&k);
	analysis_free(an);
	prices_free(prices);
	topo_free(t);
	return r->output_error ? -1 : 0;
}

/* Files whose S3 name gives a region where the topology has no VPC: their
 * records are not matched against other regions' VPCs (CIDRs are reused
 * across regions), so most are of unknown path. One warning, when the
 * topology knows any region. */
static void foreign_regions(struct run_ui *ui, const struct topo *t, const struct runner_list *l)
{
	/* a VPC of unknown region could be any file's */
	for (int v = 0; v < t->nvpcs; v++)
		if (!t->vpcs[v].region_s)
			return;
	if (!t->nvpcs)
		return;
	size_t n = 0, first = 0;
	char region[64], first_region[64] = "";
	for (size_t i = 0; i < l->n; i++) {
		if (l->f[i].skipped || !s3name_region(l->f[i].path, region, sizeof(region)))
			continue;
		uint32_t id = strpool_find(t->pool, region, strlen(region));
		int known = 0;
		for (int v = 0; id && v < t->nvpcs && !known; v++)
			known = t->vpcs[v].region_s == id;
		if (known)
			continue;
		if (n++ == 0) {
			first = i;
			snprintf(first_region, sizeof(first_region), "%s", region);
		}
	}
	if (n)
		warn(ui,
		     "%zu input file%s of a region where the topology has no VPC (%s: %s%s): %s records "
		     "match no other region's VPC, and most have no subnet (path unknown); add that "
		     "region's describe output",
		     n, n > 1 ? "s are" : " is", first_region, l->f[first].path, n > 1 ? ", ..." : "",
		     n > 1 ? "their" : "its");
}

int run_analyze(const struct options *o, FILE *out, struct run_ui *ui, struct run_result *r,
		struct diag *d)
{
	struct topo *t;
	struct prices *prices;
	struct analysis *an;

	memset(r, 0, sizeof(*r));
	scan_stats_init(&r->stats);
	if (o->have_fields && o->fields.foreign)
		return diag_set(d, ANALYZE_E_MODEL, "--fields", 0,
				"names transit gateway flow log fields (tgw-...), whose records "
				"analyze does not count (docs/behaviour.md); parse converts them");
	if (analyze_load_model(o, o->topologies, o->ntopologies, &t, d) != 0)
		return ANALYZE_E_MODEL;
	if (analyze_load_prices(o->pricing, &prices, d) != 0) {
		topo_free(t);
		return ANALYZE_E_MODEL;
	}
	/* the notes and warnings about the data, from here on, are kept for
	 * the summary too (finish) */
	struct kept k = {ui, {NULL}, 0, 0, KEPT_MAX / 2};
	struct run_ui kui = {keep_diag, NULL, NULL, &k};
	if (!t->have_ranges)
		note(&kui, "no --ip-ranges: AWS services are known only from the records' "
			 "pkt-src-aws-service / pkt-dst-aws-service fields");
	uint32_t nat1;
	int nmissing = topo_missing_nats(t, &nat1);
	if (nmissing > 0)
		note(&kui, "topology: routes target %d NAT gateway%s it lacks (%s%s; describe-nat-gateways or "
			 "describe-network-interfaces output?): their own ENIs' records count as workloads'",
		     nmissing, nmissing > 1 ? "s" : "", strpool_str(t->pool, nat1), nmissing > 1 ? ", ..." : "");
	/* routes to prefix lists whose CIDRs the topology lacks match
	 * nothing: their traffic follows other routes (a wrong path) */
	int npl = 0;
	const char *pl1 = NULL;
	for (int i = 0; i < t->nrtables; i++)
		for (int ro = 0; ro < t->rtables[i].nroutes; ro++)
			if (t->rtables[i].routes[ro].unresolved && !npl++)
				pl1 = strpool_str(t->pool, t->rtables[i].routes[ro].pl_s);
	if (npl > 0)
		note(&kui, "topology: %d route%s to prefix lists without CIDRs (%s%s): the traffic they "
			 "carry is taken to follow other routes; give the lists' entries (topology check "
			 "says how)",
		     npl, npl > 1 ? "s" : "", pl1, npl > 1 ? ", ..." : "");
	if (t->truncated)
		note(&kui, "topology: %d describe output%s a NextToken (%s%s): one page of several "
			 "(--max-items); objects on pages not given are missing: give every page, or the "
			 "whole output (without --max-items)",
		     t->truncated, t->truncated > 1 ? "s hold" : " holds",
		     t->truncated_first, t->truncated > 1 ? ", ..." : "");
	if (t->unread)
		note(&kui, "topology: %d file%s in its directories %s not read (%s%s): only *.json "
			 "files holding describe output of the kinds flowpath reads are (docs/behaviour.md; "
			 "a gzipped one: gunzip it)",
		     t->unread, t->unread > 1 ? "s" : "", t->unread > 1 ? "were" : "was", t->unread_first,
		     t->unread > 1 ? ", ..." : "");
	if (t->unread_entries)
		note(&kui, "topology: %s%s %s get-managed-prefix-list-entries output, which names no prefix "
			 "list: name the file by the list's id, pl- and 8 or 17 hexadecimal digits "
			 "(pl-63a5400a.json), or add %s Entries to the list's "
			 "element of PrefixLists (README, The topology)",
		     t->entries_first, t->unread_entries > 1 ? " and others" : "",
		     t->unread_entries > 1 ? "are" : "is", t->unread_entries > 1 ? "their" : "its");
	if (t->nvpcs == 0)
		warn(&kui, "%s",
		     "topology: no VPC, and no subnet to imply one (empty describe output, as a "
		     "command run in another region or account than the logs' gives): no record can "
		     "be placed, every path is unknown");
	if (t->duplicate_objects > 0)
		warn(&kui, "topology: %" PRIu64 " route table%s described twice with other routes or "
			 "associations (%s%s): the first read is kept (files in the order given, each "
			 "directory in byte order); an older snapshot beside a newer one?",
		     t->duplicate_objects, t->duplicate_objects > 1 ? "s are" : " is",
		     strpool_str(t->pool, t->duplicate_first_s), t->duplicate_objects > 1 ? ", ..." : "");
	if (t->implied_subnets > 0) {
		const struct t_subnet *s = &t->subnets[t->nsubnets - t->implied_subnets];
		warn(&kui, "topology: %d subnet%s (%s%s) named by network interfaces but not described "
			 "(a page of describe-subnets output missing?): %s no CIDRs, so only %s "
			 "interfaces' own addresses are placed in %s",
		     t->implied_subnets, t->implied_subnets > 1 ? "s" : "", strpool_str(t->pool, s->id_s),
		     t->implied_subnets > 1 ? ", ..." : "", t->implied_subnets > 1 ? "they have" : "it has",
		     t->implied_subnets > 1 ? "their" : "its", t->implied_subnets > 1 ? "them" : "it");
	}
	if (t->implied_vpcs > 0) {
		const struct t_vpc *v = &t->vpcs[t->nvpcs - t->implied_vpcs];
		note(&kui, "topology: %d VPC%s (%s%s) named by subnets but not described (no describe-vpcs "
			 "output?): CIDRs taken from route tables' local routes or the subnets",
		     t->implied_vpcs, t->implied_vpcs > 1 ? "s" : "", strpool_str(t->pool, v->id_s),
		     t->implied_vpcs > 1 ? ", ..." : "");
	}
	int no_rt = 0, first_no_rt = -1;
	for (int i = 0; i < t->nsubnets; i++)
		/* a subnet described twice (two files) counts once */
		if (topo_index_of(t, t->subnets[i].id_s, OBJ_SUBNET) == i &&
		    topo_rtable_of_subnet(t, i) < 0 && no_rt++ == 0)
			first_no_rt = i;
	if (no_rt > 0)
		note(&kui, "topology: %d subnet%s no route table (%s of %s%s; describe-route-tables "
			 "output missing?): %s flows are unknown (no-route-table)",
		     no_rt, no_rt > 1 ? "s have" : " has", strpool_str(t->pool, t->subnets[first_no_rt].id_s),
		     strpool_str(t->pool, t->subnets[first_no_rt].vpc_s), no_rt > 1 ? ", ..." : "",
		     no_rt > 1 ? "their" : "its");
	an = analysis_new();
	analysis_set_limits(an, (size_t)o->max_rows, (size_t)o->max_talkers);
	analysis_union_window(an, o->since, o->until);
	if (o->emit_partial) {
		an->want_secondary = WANT_ALL;
		pricing_unused(o, &kui);
	} else {
		unsigned asked = reports_asked(o, out);
		an->want_secondary = (ASKED(asked, REPORT_TALKERS) ? WANT_TALKERS : 0) |
				     (ASKED(asked, REPORT_TIMELINE) ? WANT_TIMELINE : 0) |
				     (ASKED(asked, REPORT_NAT_TALKERS) ? WANT_NAT_TALKERS : 0);
	}

	struct runner_list list;
	if (runner_list_build(o, &kui, &list, d) != 0) {
		/* a configuration error, like the model's: -o stays untouched */
		runner_list_free(&list);
		kept_free(&k);
		analysis_free(an);
		topo_free(t);
		prices_free(prices);
		return ANALYZE_E_MODEL;
	}
	an->input_errors = list.input_errors;
	foreign_regions(&kui, t, &list);
	size_t nread = 0, nother = 0, first_other = 0, nunlisted = 0;
	for (size_t i = 0; i < list.n; i++) {
		nread += !list.f[i].skipped;
		nunlisted += list.f[i].skipped == RUNNER_UNLISTED;
		if (list.f[i].skipped == RUNNER_SKIP_SERVICE && !nother++)
			first_other = i;
	}
	if (nother) {
		char svc[64];
		s3name_other_service(list.f[first_other].path, svc, sizeof(svc));
		note(&kui,
		     "%zu file%s by %s AWS name%s (such as %s: %s), and %s not read",
		     nother, nother > 1 ? "s are not VPC flow logs" : " is not a VPC flow log",
		     nother > 1 ? "their" : "its", nother > 1 ? "s" : "", list.f[first_other].path, svc,
		     nother > 1 ? "are" : "is");
	}
	/* a nightly job over a day whose logs never arrived (the paths that
	 * could not be listed are no files, and their errors say so) */
	size_t nlisted = list.n - nunlisted;
	if (nread == 0 && nother == nlisted && nlisted)
		warn(&kui, "%s", "no input file is a VPC flow log by its name: nothing was read, the "
			       "reports are empty");
	else if (nread == 0 && nlisted)
		warn(&kui, "%s",
		     "every input file lies outside the window (by its S3 name): nothing was read, the "
		     "reports are empty");
	else if (nread == 0 && o->shard_n && !nunlisted)
		warn(&kui, "shard %u/%u holds no input file: its output is empty", (unsigned)o->shard_i,
		     (unsigned)o->shard_n);
	else if (nread == 0)
		/* paths that could not be listed: their errors say why, and
		 * main whether -o was left as it was */
		warn(&kui, "no input file was found%s", nunlisted ? "" : ": the reports are empty");
	if (runner_analyze(o, t, &list, ui, an) != 0)
		note(ui, "could not start every worker thread: fewer ran");
	/* files were read (the one before midnight, say, or only NODATA
	 * records), but no flow was counted: as good as no logs (when none
	 * could be read at all, their errors and main say so) */
	if (nread > 0 && an->stats.flows == an->outside_window &&
	    (an->stats.files_failed < an->stats.files || an->stats.lines > 0))
		warn(&kui, "%zu file%s read (%" PRIu64 " flow%s%s): no flow was counted, the reports are empty",
		     nread, nread == 1 ? " was" : "s were", an->stats.flows, an->stats.flows == 1 ? "" : "s",
		     o->since != INT64_MIN || o->until != INT64_MAX ? ", none inside the window" : "");
	runner_list_free(&list);
	return finish(o, out, &k, r, an, t, prices);
}

/* The inputs read by the partials merged so far: a partial holding an
 * input already merged, over an overlapping window, would count its flows
 * twice (the same partial given twice, or a tree merge's result next to
 * one of its parts). Days merged into a month may share the files that
 * span midnight: their windows do not overlap. */
struct merged {
	struct strpool *paths;
	uint32_t *head; /* per path id: its first reader + 1 (0: none) */
	size_t nhead;
	struct {
		int part;
		uint32_t next; /* + 1 */
		int untimed;   /* in a window, it counted flows without an end */
	} *reader;
	size_t nreader;
	struct merged_win {
		int64_t since, until;
		int used; /* merged */
	} *win; /* per partial */
};

static int cmp_win(const void *a, const void *b)
{
	const struct merged_win *x = a, *y = b;
	return x->since < y->since ? -1 : x->since > y->since;
}

/* Seconds between the merged partials' windows that none of them covers
 * (0 when any has no window: the span is then open anyway). */
static int64_t merged_gaps(struct merged *m, int n)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (!m->win[i].used)
			continue;
		if (m->win[i].since == INT64_MIN || m->win[i].until == INT64_MAX)
			return 0;
		m->win[k++] = m->win[i];
	}
	qsort(m->win, (size_t)k, sizeof(*m->win), cmp_win);
	int64_t gaps = 0, end = k ? m->win[0].until : 0;
	for (int i = 1; i < k; i++) {
		if (m->win[i].since > end)
			gaps += m->win[i].since - end;
		if (m->win[i].until > end)
			end = m->win[i].until;
	}
	return gaps;
}

/* What tells two partials' inputs apart: an AWS object name
 * (s3name_object), the same wherever the object was copied to and however
 * its path was spelt; else the path without leading "./". The standard
 * input has none (NULL): each read of it is its own stream. */
static const char *input_key(const char *path, char *buf, size_t len)
{
	if (strcmp(path, "-") == 0)
		return NULL;
	if (s3name_object(path, buf, len))
		return buf;
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	return path;
}

static int merged_check(const struct merged *m, const struct options *o, int i,
			const struct analysis *one, struct diag *d)
{
	for (size_t k = 0; k < one->ninputs; k++) {
		const struct input_row *in = &one->inputs[k];
		char kb[256];
		const char *key = input_key(in->path, kb, sizeof(kb));
		if (in->skipped || !key)
			continue;
		uint32_t id = strpool_find(m->paths, key, strlen(key));
		for (uint32_t e = id && id < m->nhead ? m->head[id] : 0; e; e = m->reader[e - 1].next) {
			int j = m->reader[e - 1].part;
			if (one->since < m->win[j].until && m->win[j].since < one->until)
				return diag_set(d, ANALYZE_E_MODEL, o->inputs[i], 0,
						"input %s was read by %s too, over an overlapping "
						"window: its flows would count twice; nothing merged",
						in->path, o->inputs[j]);
		}
	}
	return 0;
}

/* n partials (the first named) written by an older flowpath hold what,
 * which the current format tells better. */
static void warn_older(struct run_ui *ui, int n, const char *first, const char *what)
{
	if (n)
		warn(ui,
		     "%d partial%s (%s%s) written by an older flowpath hold%s %s; analyze their logs "
		     "again for partials of format version %d",
		     n, n > 1 ? "s" : "", first, n > 1 ? " and others" : "", n > 1 ? "" : "s", what,
		     PARTIAL_VERSION);
}

/* Was a partial written with a window (--day, --since or --until)? */
static int has_window(const struct analysis *one)
{
	return one->since != INT64_MIN || one->until != INT64_MAX;
}

static void merged_add(struct merged *m, int i, const struct analysis *one)
{
	int untimed_rows = -1; /* a core row of untimed flows only: found when needed */
	m->win[i].since = one->since;
	m->win[i].until = one->until;
	m->win[i].used = 1;
	for (size_t k = 0; k < one->ninputs; k++) {
		const struct input_row *in = &one->inputs[k];
		char kb[256];
		const char *key = input_key(in->path, kb, sizeof(kb));
		if (in->skipped || !key)
			continue;
		uint32_t id = strpool_intern(m->paths, key, strlen(key));
		if (id >= m->nhead) {
			size_t n = m->nhead ? m->nhead : 256;
			while (n <= id)
				n *= 2;
			m->head = xrealloc(m->head, n * sizeof(*m->head));
			memset(m->head + m->nhead, 0, (n - m->nhead) * sizeof(*m->head));
			m->nhead = n;
		}
		m->reader = xrealloc(m->reader, (m->nreader + 1) * sizeof(*m->reader));
		m->reader[m->nreader].part = i;
		/* the partial has a window and counted flows of the input
		 * without an end (no window places them: any other would count
		 * them too); before version 6 the partial does not say whose,
		 * unless no flow of the input had an end */
		if (!in->untimed_known && untimed_rows < 0) {
			untimed_rows = 0;
			for (size_t r = 0; r < agg_count(one->core) && !untimed_rows; r++)
				untimed_rows = agg_row_at(one->core, r)->v.last_end == INT64_MIN;
		}
		m->reader[m->nreader].untimed =
			has_window(one) && (in->untimed_known ? in->untimed > 0
							      : in->st.flows && (in->st.last_end == INT64_MIN ||
										 untimed_rows > 0));
		m->reader[m->nreader].next = m->head[id];
		m->head[id] = (uint32_t)++m->nreader;
	}
}

int run_merge(const struct options *o, FILE *out, struct run_ui *ui, struct run_result *r,
	      struct diag *d)
{
	struct topo *t = NULL;
	struct prices *prices;

	memset(r, 0, sizeof(*r));
	scan_stats_init(&r->stats);
	if (o->ntopologies &&
	    analyze_load_model(o, o->topologies, o->ntopologies, &t, d) != 0)
		return ANALYZE_E_MODEL;
	if (analyze_load_prices(o->pricing, &prices, d) != 0) {
		topo_free(t);
		return ANALYZE_E_MODEL;
	}
	/* the notes and warnings about the data are kept for the summary too */
	struct kept k = {ui, {NULL}, 0, 0, KEPT_MAX / 2};
	struct run_ui kui = {keep_diag, NULL, NULL, &k};
	struct analysis *an = analysis_new();
	analysis_set_limits(an, (size_t)o->max_rows, (size_t)o->max_talkers);
	struct merged m = {strpool_new(), NULL, 0, NULL, 0, NULL};
	m.win = xcalloc((size_t)o->ninputs + 1, sizeof(*m.win));
	uint64_t bad = 0;
	int refused = 0;
	int windowed = 0, open = 0; /* partials with a window and without one */
	int legacy = 0; /* partials of version 4 or older with attachment rows of no remote */
	const char *legacy_first = NULL;
	int legacy5 = 0; /* partials of version 5 or older with ingress rows from other VPCs */
	const char *legacy5_first = NULL;
	int legacy6 = 0; /* partials of version 6 or older with NAT rows, NAT64 routed */
	const char *legacy6_first = NULL;
	for (int i = 0; i < o->ninputs && !refused; i++) {
		/* read into a scratch analysis: a corrupt partial adds nothing */
		struct analysis *one = analysis_new();
		analysis_set_limits(one, SIZE_MAX, SIZE_MAX); /* the merge applies the limits */
		struct diag pd;
		diag_clear(&pd);
		if (partial_read_path(one, o->inputs[i], &pd) != 0) {
			bad++;
			if (ui && ui->diag)
				ui->diag(ui->ctx, RUN_INPUT, &pd);
		} else if (merged_check(&m, o, i, one, d) != 0) {
			/* which of the two to keep is not for the merge to guess,
			 * and keeping either would depend on the order given */
			refused = 1;
		} else {
			if (one->legacy_tgw_rows && !legacy++)
				legacy_first = o->inputs[i];
			if (one->legacy_ingress_rows && !legacy5++)
				legacy5_first = o->inputs[i];
			if (one->legacy_nat_rows && t && t->nat64_routes && !legacy6++)
				legacy6_first = o->inputs[i];
			merged_add(&m, i, one);
			windowed += has_window(one);
			open += !has_window(one);
			analysis_union_window(an, one->since, one->until);
			analysis_merge(an, one);
		}
		analysis_free(one);
	}
	warn_older(&kui, legacy, legacy_first,
		   "transit gateway attachment rows without a remote VPC, which count both directions "
		   "in the transit-gateway vantage's total: a flow between two VPCs logged without "
		   "pkt-srcaddr/pkt-dstaddr may count twice there");
	warn_older(&kui, legacy5, legacy5_first,
		   "transit gateway or peering rows received from other VPCs, which count in no "
		   "total: those from an interface endpoint in another VPC (a hub) are then missing "
		   "from the totals and the transit gateway advice");
	warn_older(&kui, legacy6, legacy6_first,
		   "workload rows through a NAT gateway classified before NAT64 was: a flow to "
		   "64:ff9b::/96 is there nat-internet, whatever the service of the IPv4 address it "
		   "embeds, and the gateway endpoint rows count it as savable");
	if (windowed && open)
		warn(&kui,
		     "some partials have a window (--day, --since or --until) and some do not (%d and "
		     "%d): the merged window is then the records' span, and the monthly figures are "
		     "projected over it (docs/cluster.md: give every run the same window)",
		     windowed, open);
	/* inputs read by two or more partials with a window that counted
	 * flows without an end time (merged_add) */
	size_t twice = 0;
	for (size_t id = 0; id < m.nhead; id++) {
		int n = 0;
		for (uint32_t e = m.head[id]; e; e = m.reader[e - 1].next)
			n += m.reader[e - 1].untimed;
		twice += n > 1;
	}
	if (twice)
		warn(&kui,
		     "%zu input%s read by several partials with a window that counted flows without "
		     "an end time (a layout without end, or '-'), which no window places: each counted "
		     "all it read, so such flows of those inputs may count more than once",
		     twice, twice > 1 ? "s were" : " was");
	int64_t gaps = refused ? 0 : merged_gaps(&m, o->ninputs);
	if (gaps > 0)
		warn(&kui,
		     "the partials' windows leave %.1f hours uncovered between them: monthly figures "
		     "are projected over the whole span, gaps included, and so understate",
		     (double)gaps / 3600.0);
	strpool_free(m.paths);
	free(m.head);
	free(m.reader);
	free(m.win);
	if (refused) {
		kept_free(&k);
		analysis_free(an);
		topo_free(t);
		prices_free(prices);
		return ANALYZE_E_MODEL;
	}
	/* the partials' runs named their failed inputs on their own stderr:
	 * this run names one (the least path) and how many, as analyze would */
	const struct input_row *first_bad = NULL;
	for (size_t i = 0; i < an->ninputs; i++) {
		const struct input_row *x = &an->inputs[i];
		int c = first_bad ? strcmp(x->path, first_bad->path) : -1;
		if ((x->skipped == INPUT_UNLISTED || (!x->skipped && x->error[0])) &&
		    (c < 0 || (c == 0 && strcmp(x->error, first_bad->error) < 0)))
			first_bad = x;
	}
	if (first_bad && an->input_errors)
		warn(&kui,
		     "the partials hold %" PRIu64 " input error%s of their runs, such as %s: %s (the inputs "
		     "report lists them)",
		     an->input_errors, an->input_errors > 1 ? "s" : "", first_bad->path, first_bad->error);
	an->input_errors += bad;
	if (o->emit_partial) {
		pricing_unused(o, &kui);
	} else {
		unsigned asked = reports_asked(o, out);
		if ((ASKED(asked, REPORT_RECOMMENDATIONS) || ASKED(asked, REPORT_SUMMARY)) && !t)
			note(&kui, "no --topology: the recommendations have no route tables, NAT "
				 "gateways or existing endpoints to go on; give merge the shards' "
				 "topology (docs/cluster.md)");
		if (ASKED(asked, REPORT_NAT_TALKERS) && an->without_nat_talkers)
			note(&kui, "some partials are of format 7 or older, which holds no nat-talkers rows: "
				 "their records are missing from that report (the other reports have them)");
	}
	return finish(o, out, &k, r, an, t, prices);
}

/* The source of a flow explained from DST alone: the first address of
 * the --eni interface, else the first host address AWS gives out in the
 * --subnet (the fifth of its first CIDR, the first four being AWS's). */
static const char *explain_source(const struct topo *t, const struct options *o, int family,
				  char *buf, size_t len)
{
	int idx;
	if (o->eni && topo_find(t, o->eni, strlen(o->eni), &idx) == OBJ_ENI)
		for (int i = 0; i < t->enis[idx].naddrs; i++)
			if (t->enis[idx].addrs[i].family == family) {
				fl_addr_format(&t->enis[idx].addrs[i], buf, len);
				return "the first address of the interface in DST's family";
			}
	if (o->subnet && topo_find(t, o->subnet, strlen(o->subnet), &idx) == OBJ_SUBNET)
		for (int i = 0; i < t->subnets[idx].ncidrs; i++)
			if (t->subnets[idx].cidrs[i].a.family == family) {
				struct fl_addr a = t->subnets[idx].cidrs[i].a;
				int host = family == 4 ? 3 : 15;
				a.b[host] = (uint8_t)(a.b[host] + 4);
				fl_addr_format(&a, buf, len);
				return "the first address AWS gives out in the subnet";
			}
	return NULL;
}

/* With SRC given and no --eni: the interface of the topology whose
 * address SRC is (NetworkInterfaces, or a NAT gateway's address), among
 * those of the --account, --subnet, --vpc and --region when given
 * (the flow as the source's own flow log records it). Returns how many
 * hold it; *found is set when exactly one does. */
static int explain_source_eni(const struct topo *t, const struct options *o, int subnet,
			      const struct fl_addr *src, int *found)
{
	int n = 0;
	*found = -1;
	for (int i = 0; i < t->nenis; i++) {
		const struct t_eni *e = &t->enis[i];
		/* NetworkInterfaces' addresses, and NAT gateways' own
		 * (NatGatewayAddresses); a transit gateway or Gateway Load
		 * Balancer ENI's too: AWS logs its records with its own
		 * address as an end when the format has no pkt-* fields */
		if (subnet >= 0 && e->subnet != subnet)
			continue;
		if (o->account) {
			uint32_t own = e->owner_s ? e->owner_s : e->vpc >= 0 ? t->vpcs[e->vpc].owner_s : 0;
			if (!own || strcmp(strpool_str(t->pool, own), o->account) != 0)
				continue;
		}
		/* --vpc and --region, the record's vpc-id and region: an
		 * interface of another VPC or region is not the one */
		if (o->vpc && (e->vpc < 0 || strcmp(strpool_str(t->pool, t->vpcs[e->vpc].id_s), o->vpc) != 0))
			continue;
		if (o->region && e->vpc >= 0 && t->vpcs[e->vpc].region_s &&
		    strcmp(strpool_str(t->pool, t->vpcs[e->vpc].region_s), o->region) != 0)
			continue;
		/* its addresses and delegated prefixes (a pod's address) */
		if (topo_eni_holds(e, src)) {
			/* an id described twice is one interface */
			if (n == 0)
				*found = i;
			if (n == 0 || t->enis[*found].id_s != e->id_s)
				n++;
		}
	}
	if (n != 1)
		*found = -1;
	return n;
}

int run_explain(const struct options *o, FILE *out, struct diag *d)
{
	struct topo *t;
	struct fl_layout lay;
	struct fl_record rec;
	struct cls_result c;
	struct cls_trace tr;
	char err[128], line[1024];
	/* the record's fields: the first SHOWN are always shown, the rest
	 * when given */
	static const char *const field[12] = {
		"interface-id",        "subnet-id", "account-id", "srcaddr",     "dstaddr",
		"flow-direction",      "pkt-dst-aws-service",    "pkt-src-aws-service",
		"region",              "vpc-id",    "pkt-srcaddr", "pkt-dstaddr"};
	enum { SHOWN = 8 };

	/* SRC DST, or DST alone with the source found from --eni or --subnet */
	const char *addr[2] = {o->ninputs > 1 ? o->inputs[0] : NULL, o->inputs[o->ninputs - 1]};
	/* and the record's packet addresses, of any family (NAT64's legs) */
	const char *pkt[2] = {o->pkt_src, o->pkt_dst};
	static const char *const what[4] = {"SRC", "DST", "--pkt-src:", "--pkt-dst:"};
	struct fl_addr a[4] = {{0}};
	for (int i = 0; i < 4; i++) {
		const char *s = i < 2 ? addr[i] : pkt[i - 2];
		int plen;
		if (s && (strchr(s, '/') || prefix_parse(s, strlen(s), &a[i], &plen) != 0)) {
			diag_set(d, -2, NULL, 0, "%s '%s' is not an IPv4 or IPv6 address", what[i], s);
			return -2;
		}
	}
	/* each address as the steps write it (an IPv6 one in its short,
	 * lowercase form), whatever form it was given in */
	char canon[4][64];
	for (int i = 0; i < 4; i++) {
		const char **s = i < 2 ? &addr[i] : &pkt[i - 2];
		if (*s) {
			fl_addr_format(&a[i], canon[i], sizeof(canon[i]));
			*s = canon[i];
		}
	}
	int family = a[1].family; /* DST's */
	if (addr[0] && a[0].family != family) {
		diag_set(d, -2, NULL, 0, "SRC %s and DST %s are not of one address family", addr[0],
			 addr[1]);
		return -2;
	}
	if (analyze_load_model(o, o->topologies, o->ntopologies, &t, d) != 0)
		return ANALYZE_E_MODEL;
	int idx, sub = -1;
	/* with SRC, a subnet the topology lacks is the record's subnet-id
	 * alone (analyze routes it by a table that names it); with DST
	 * alone the flow starts in it, so it needs its CIDRs */
	int subnet_known = !o->subnet || topo_find(t, o->subnet, strlen(o->subnet), &sub) == OBJ_SUBNET;
	if (!subnet_known && !addr[0]) {
		diag_set(d, -2, NULL, 0, "--subnet: %s is not a subnet of the topology", o->subnet);
		topo_free(t);
		return -2;
	}
	char src[64];
	const char *src_is = NULL;
	if (!addr[0] && o->eni && topo_find(t, o->eni, strlen(o->eni), &idx) == OBJ_ENI &&
	    (t->enis[idx].role == ROLE_TGW || t->enis[idx].forwards)) {
		/* its own address is neither end of the flows it carries */
		diag_set(d, -2, NULL, 0,
			 "--eni %s is a %s ENI, which forwards other hosts' flows: give SRC and DST",
			 o->eni, t->enis[idx].role == ROLE_TGW ? "transit gateway attachment"
							      : "Gateway Load Balancer (endpoint)");
		topo_free(t);
		return -2;
	}
	if (!addr[0]) {
		if (!(src_is = explain_source(t, o, family, src, sizeof(src)))) {
			if (o->eni && !o->subnet)
				diag_set(d, -2, NULL, 0,
					 "with DST alone, --eni must name an interface of the topology "
					 "(NetworkInterfaces) with an address of DST's family, and %s "
					 "is not one: give SRC too, or --subnet",
					 o->eni);
			else
				diag_set(d, -2, NULL, 0, "%s",
					 "with DST alone, give --eni (an interface of the topology with an "
					 "address of DST's family) or --subnet (with a CIDR of that family): "
					 "the flow starts there");
			topo_free(t);
			return -2;
		}
		addr[0] = src;
	}
	/* SRC without --eni: the interface that holds it, when one does */
	const char *eni = o->eni;
	char eni_is[192] = "";
	if (!eni && !src_is && !subnet_known) {
		snprintf(eni_is, sizeof(eni_is),
			 "subnet: %s is not in the topology: the record's subnet-id alone, no interface taken",
			 o->subnet);
	} else if (!eni && !src_is) {
		int e;
		int n = explain_source_eni(t, o, sub, &a[0], &e);
		if (e >= 0) {
			eni = strpool_str(t->pool, t->enis[e].id_s);
			snprintf(eni_is, sizeof(eni_is), "interface: %s holds SRC %s (%s)", eni, addr[0],
				 t->enis[e].listed ? "NetworkInterfaces" : "NatGatewayAddresses");
		} else if (n > 1) {
			snprintf(eni_is, sizeof(eni_is),
				 "interface: SRC %s is an address of %d interfaces; none taken "
				 "(give --eni, or --account, --subnet, --vpc or --region to tell them apart)",
				 addr[0], n);
		} else if (!o->subnet && (!o->direction || strcmp(o->direction, "-") == 0) &&
			   topo_vpc_of_addr(t, &a[0]) == -1 &&
			   explain_source_eni(t, o, -1, &a[1], &e) == 1) {
			/* none holds SRC, which is outside every VPC: the flow
			 * as the interface holding DST logs it (an inbound
			 * flow, a reply from a service) */
			eni = strpool_str(t->pool, t->enis[e].id_s);
			snprintf(eni_is, sizeof(eni_is),
				 "interface: %s holds DST %s (%s); no interface holds SRC",
				 eni, addr[1], t->enis[e].listed ? "NetworkInterfaces" : "NatGatewayAddresses");
		}
	} else if (o->eni && strcmp(o->eni, "-") == 0) {
		snprintf(eni_is, sizeof(eni_is), "interface: none (--eni -: a record without interface-id)%s%s%s",
			 subnet_known ? "" : "; subnet ", subnet_known ? "" : o->subnet,
			 subnet_known ? "" : " is not in the topology: the record's subnet-id alone");
	} else if (o->eni) {
		snprintf(eni_is, sizeof(eni_is), "interface: %s (--eni)", o->eni);
	}
	/* --subnet: the flow starts there, so it leaves the source */
	const char *dir = o->direction ? o->direction : o->subnet && subnet_known ? "egress" : "-";
	/* the record's values, in field's order ("-" for absent), and the
	 * layout and line they make */
	const char *v[12] = {eni,     o->subnet,       o->account,     addr[0], addr[1], dir,
			     o->dst_service, o->src_service, o->region, o->vpc, pkt[0],  pkt[1]};
	char spec[256];
	size_t sn = 0, ln = 0;
	for (int i = 0; i < 12; i++) {
		v[i] = v[i] ? v[i] : "-";
		/* spec has room for the names; a line too long is refused */
		sn += (size_t)snprintf(spec + sn, sizeof(spec) - sn, "%s%s", i ? " " : "", field[i]);
		if (ln < sizeof(line))
			ln += (size_t)snprintf(line + ln, sizeof(line) - ln, "%s%s", i ? " " : "", v[i]);
	}
	fl_layout_from_spec(&lay, spec, strlen(spec), err, sizeof(err));
	int rc = ln < sizeof(line) ? fl_parse_line(&lay, line, strlen(line), &rec) : -1;
	if (rc < 0 || !fl_has(&rec, FL_SRCADDR) || !fl_has(&rec, FL_DSTADDR)) {
		diag_set(d, -2, NULL, 0, "%s",
			 "--eni, --subnet, --account, --dst-service, --src-service, --region or --vpc is not "
			 "a valid value");
		topo_free(t);
		return -2;
	}
	if (src_is)
		fprintf(out, " 0. source: %s, %s\n", addr[0], src_is);
	else if (eni_is[0])
		fprintf(out, " 0. %s\n", eni_is);
	/* what the steps below call the record's fields */
	fputs("    the flow as a record: ", out);
	for (int i = 0; i < 12; i++)
		if (i < SHOWN || strcmp(v[i], "-") != 0)
			fprintf(out, "%s%s %s", i ? ", " : "", field[i], v[i]);
	fprintf(out, "%s\n",
		o->subnet && subnet_known && !o->direction ? " (the flow leaves the source in --subnet)" : "");
	tr.n = 0;
	classify(t, &rec, &c, &tr);
	for (int i = 0; i < tr.n; i++)
		fprintf(out, "%2d. %s\n", i + 1, tr.step[i]);
	const char *action = "";
	/* the remote end's VPC and region (peering, transit gateway), and
	 * the service's region, as the paths report's columns hold them */
	char svc[160] = "", remote[192] = "";
	if (c.service.len)
		snprintf(svc, sizeof(svc), ", service %.*s%s%.*s%s", (int)c.service.len, c.service.p,
			 c.service_region.len ? " (" : "", (int)c.service_region.len, c.service_region.p,
			 c.service_region.len ? ")" : "");
	if (c.remote_vpc.len || c.remote_region.len)
		snprintf(remote, sizeof(remote), ", remote %.*s%s%.*s%s", (int)c.remote_vpc.len, c.remote_vpc.p,
			 c.remote_vpc.len && c.remote_region.len ? " (" : "", (int)c.remote_region.len,
			 c.remote_region.p, c.remote_vpc.len && c.remote_region.len ? ")" : "");
	fprintf(out, "=> vantage %s%s%s, direction %s, path %s%s%s%.*s%s%s%s%s\n",
		vantage_name(c.vantage), c.side ? ", side " : "", c.side ? side_name(c.side) : "",
		direction_name(c.direction), path_name(c.path), svc,
		c.via.len ? ", via " : "", (int)c.via.len, c.via.p, c.reason ? " (" : "",
		c.reason ? reason_name(c.reason) : "", c.reason ? ")" : action, remote);
	topo_free(t);
	return 0;
}
