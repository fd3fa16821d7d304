/* SPDX-License-Identifier: MIT */
/* analyze, explain and topology check; see analyze.h. */
#include "analyze.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"
#include "table.h"
#include "topology_json.h"
#include "util.h"

int analyze_load_model(const char *const *paths, int npaths, const char *ip_ranges,
		       struct topo **out, struct diag *d)
{
	struct topo *t = topo_new();
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

/* traffic-path disagreements per VPC */
struct tp_count {
	uint64_t checked, disagree;
};

/*
 * A memo of recent decisions: records that agree on every field the
 * classifier reads (addresses, ids, direction, service codes, traffic-path,
 * action) land in the same aggregate row, so a hit skips the classifier and
 * the row lookup. Direct-mapped; a record whose key does not fit is simply
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

struct analyze_ctx {
	const struct topo *t;
	struct agg *agg;
	struct memo_slot *memo;
	uint64_t memo_hits, memo_misses;
	struct run_ui *ui;
	struct strpool *tp_vpcs;
	struct tp_count *tp;
	uint32_t ntp;
};

static void an_line_diag(void *ctx, const struct diag *d)
{
	struct analyze_ctx *ac = ctx;
	if (ac->ui && ac->ui->diag)
		ac->ui->diag(ac->ui->ctx, RUN_LINE, d);
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

static void count_traffic_path(struct analyze_ctx *ac, const struct agg_key *k, int agrees)
{
	const char *vpc = agg_str(ac->agg, k->s[AGG_VPC]);
	uint32_t id = strpool_intern(ac->tp_vpcs, vpc, strlen(vpc));
	if (id >= ac->ntp) {
		uint32_t n = id + 16;
		ac->tp = xrealloc(ac->tp, n * sizeof(*ac->tp));
		memset(ac->tp + ac->ntp, 0, (n - ac->ntp) * sizeof(*ac->tp));
		ac->ntp = n;
	}
	ac->tp[id].checked++;
	ac->tp[id].disagree += !agrees;
}

static int an_record(void *ctx, const struct fl_record *rec, const struct scan_pos *pos)
{
	struct analyze_ctx *ac = ctx;
	struct cls_result c;
	char key[MEMO_KEY];
	(void)pos;
	if (fl_has(rec, FL_LOG_STATUS) && rec->num[FL_LOG_STATUS] != FL_OK)
		return 0;
	uint64_t packets = fl_has(rec, FL_PACKETS) ? rec->num[FL_PACKETS] : 0;
	uint64_t bytes = fl_has(rec, FL_BYTES) ? rec->num[FL_BYTES] : 0;
	int64_t start = fl_has(rec, FL_START) ? (int64_t)rec->num[FL_START] : -1;
	int64_t end = fl_has(rec, FL_END) ? (int64_t)rec->num[FL_END] : -1;

	size_t klen = memo_key(rec, key);
	struct memo_slot *m = NULL;
	uint64_t h = 0;
	if (klen) {
		h = hash_bytes(key, klen, 0);
		m = &ac->memo[h & (MEMO_SLOTS - 1)];
		if (m->len == klen && m->hash == h && memcmp(m->key, key, klen) == 0) {
			ac->memo_hits++;
			agg_add_at(ac->agg, m->row, packets, bytes, start, end);
			if (m->tp_checked)
				count_traffic_path(ac, &agg_row_at(ac->agg, m->row)->k, m->tp_agrees);
			return 0;
		}
	}
	ac->memo_misses++;
	classify(ac->t, rec, &c, NULL);
	size_t row = agg_add(ac->agg, &c, packets, bytes, start, end);
	if (m) {
		m->hash = h;
		m->len = (uint16_t)klen;
		m->row = (uint32_t)row;
		m->tp_checked = (uint8_t)c.traffic_path_checked;
		m->tp_agrees = (uint8_t)c.traffic_path_agrees;
		memcpy(m->key, key, klen);
	}
	if (c.traffic_path_checked)
		count_traffic_path(ac, &agg_row_at(ac->agg, row)->k, c.traffic_path_agrees);
	return 0;
}

static const struct table_col path_cols[] = {
	{"account", COL_STR},        {"region", COL_STR},        {"vpc", COL_STR},
	{"subnet", COL_STR},         {"az", COL_STR},            {"vantage", COL_STR},
	{"side", COL_STR},           {"direction", COL_STR},     {"action", COL_STR},
	{"path", COL_STR},           {"service", COL_STR},       {"service_region", COL_STR},
	{"via", COL_STR},            {"remote_vpc", COL_STR},    {"remote_region", COL_STR},
	{"reason", COL_STR},         {"records", COL_U64},       {"packets", COL_U64},
	{"bytes", COL_U64},          {"first_start", COL_TIME},  {"last_end", COL_TIME},
};

int report_paths(FILE *out, enum out_format fmt, const struct agg *a)
{
	size_t n;
	const struct agg_row **rows = agg_sorted(a, &n);
	struct table *t = table_new(out, fmt, path_cols, (int)(sizeof(path_cols) / sizeof(path_cols[0])));
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
	return table_finish(t);
}

static void note(struct run_ui *ui, enum run_severity sev, const char *msg)
{
	struct diag d;
	diag_set(&d, 0, NULL, 0, "%s", msg);
	if (ui && ui->diag)
		ui->diag(ui->ctx, sev, &d);
}

int run_analyze(const struct options *o, FILE *out, struct run_ui *ui, struct run_result *r,
		struct diag *d)
{
	struct topo *t;
	struct walk_list files;
	struct scan_opts so;
	struct analyze_ctx ac;
	char msg[512];

	memset(r, 0, sizeof(*r));
	scan_stats_init(&r->stats);
	if (analyze_load_model(o->topologies, o->ntopologies, o->ip_ranges, &t, d) != 0)
		return ANALYZE_E_MODEL;
	if (!t->have_ranges)
		note(ui, RUN_NOTE,
		     "no --ip-ranges: AWS services are known only from the records' "
		     "pkt-src-aws-service / pkt-dst-aws-service fields");
	memset(&ac, 0, sizeof(ac));
	ac.t = t;
	ac.agg = agg_new();
	ac.memo = xcalloc(MEMO_SLOTS, sizeof(*ac.memo));
	ac.ui = ui;
	ac.tp_vpcs = strpool_new();

	walk_list_init(&files);
	run_scan_opts(o, &so);
	run_list_inputs(o, ui, &files, r);
	for (size_t i = 0; i < files.n; i++) {
		struct diag fd;
		diag_clear(&fd);
		int rc = scan_file(files.paths[i], &so, an_record, an_line_diag, &ac, &r->stats, &fd);
		if (rc < 0) {
			r->input_errors++;
			if (ui && ui->diag)
				ui->diag(ui->ctx, RUN_INPUT, &fd);
		}
	}
	walk_list_fini(&files);

	for (uint32_t id = 1; id <= strpool_count(ac.tp_vpcs); id++) {
		if (!ac.tp[id].disagree)
			continue;
		snprintf(msg, sizeof(msg),
			 "%s: traffic-path of %" PRIu64 " of %" PRIu64
			 " egress records disagrees with the topology (stale or incomplete snapshot?)",
			 strpool_str(ac.tp_vpcs, id)[0] ? strpool_str(ac.tp_vpcs, id) : "(no vpc)",
			 ac.tp[id].disagree, ac.tp[id].checked);
		note(ui, RUN_NOTE, msg);
	}

	enum out_format fmt = o->format;
	if (fmt == FMT_DEFAULT)
		fmt = isatty(fileno(out)) ? FMT_TABLE : FMT_CSV;
	if (report_paths(out, fmt, ac.agg) != 0)
		r->output_error = 1;
	agg_free(ac.agg);
	free(ac.memo);
	strpool_free(ac.tp_vpcs);
	free(ac.tp);
	topo_free(t);
	return r->output_error ? -1 : 0;
}

int run_explain(const struct options *o, FILE *out, struct diag *d)
{
	struct topo *t;
	struct fl_layout lay;
	struct fl_record rec;
	struct cls_result c;
	struct cls_trace tr;
	char err[128], line[1024];
	static const char spec[] = "interface-id subnet-id account-id srcaddr dstaddr";

	if (analyze_load_model(o->topologies, o->ntopologies, o->ip_ranges, &t, d) != 0)
		return ANALYZE_E_MODEL;
	fl_layout_from_spec(&lay, spec, strlen(spec), err, sizeof(err));
	snprintf(line, sizeof(line), "%s %s %s %s %s", o->eni ? o->eni : "-",
		 o->subnet ? o->subnet : "-", o->account ? o->account : "-", o->inputs[0],
		 o->ninputs > 1 ? o->inputs[1] : "-");
	int rc = fl_parse_line(&lay, line, strlen(line), &rec);
	if (rc < 0 || !fl_has(&rec, FL_SRCADDR) || !fl_has(&rec, FL_DSTADDR)) {
		diag_set(d, -2, NULL, 0, "SRC and DST must be IPv4 or IPv6 addresses");
		topo_free(t);
		return -2;
	}
	tr.n = 0;
	classify(t, &rec, &c, &tr);
	for (int i = 0; i < tr.n; i++)
		fprintf(out, "%2d. %s\n", i + 1, tr.step[i]);
	const char *action = "";
	fprintf(out, "=> vantage %s, direction %s, path %s%s%.*s%s%.*s%s%s%s\n",
		vantage_name(c.vantage), direction_name(c.direction), path_name(c.path),
		c.service.len ? ", service " : "", (int)c.service.len, c.service.p,
		c.via.len ? ", via " : "", (int)c.via.len, c.via.p, c.reason ? " (" : "",
		c.reason ? reason_name(c.reason) : "", c.reason ? ")" : action);
	topo_free(t);
	return 0;
}
