/* SPDX-License-Identifier: MIT */
/* The partial aggregate format; see partial.h and docs/cluster.md. */
#include "partial.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "fmt.h"
#include "util.h"

#define MAGIC "#flowpath-partial"

/* ---- writing ---- */

static void put_str(FILE *f, const char *s)
{
	putc('\t', f);
	fmt_tsv_field(f, s, strlen(s));
}

static void put_u64(FILE *f, uint64_t v)
{
	fprintf(f, "\t%" PRIu64, v);
}

static void put_time(FILE *f, int64_t v)
{
	if (v == INT64_MAX || v == INT64_MIN)
		putc('\t', f);
	else
		fprintf(f, "\t%" PRId64, v);
}

static void put_val(FILE *f, const struct agg_val *v)
{
	put_u64(f, v->records);
	put_u64(f, v->packets);
	put_u64(f, v->bytes);
	put_time(f, v->first_start);
	put_time(f, v->last_end);
}

static const char *action_name(int a)
{
	const char *s = fl_enum_name(FL_ACTION, (uint64_t)a);
	return s ? s : "";
}

/* The scan_stats fields, in the order a partial lists them. */
#define STATS_FIELDS(X)                                                                   \
	X(files) X(files_failed) X(bytes_read) X(bytes_text) X(lines) X(header_lines)      \
	X(header_bytes) X(blank_lines) X(blank_bytes) X(flows) X(flow_text_bytes) X(nodata) \
	X(skipdata) X(nodata_text_bytes) X(malformed) X(malformed_bytes) X(truncated_bytes) \
	X(flow_bytes) X(flow_packets)

static void put_stats(FILE *f, const struct scan_stats *st)
{
#define PUT(name) put_u64(f, st->name);
	STATS_FIELDS(PUT)
#undef PUT
	for (int i = 1; i < FL_NERRORS; i++)
		put_u64(f, st->malformed_by[i]);
	put_time(f, st->first_start);
	put_time(f, st->last_end);
}

static void put_ktab(FILE *f, const char *tag, const struct ktab *kt, int nstr, int named)
{
	size_t n;
	const struct ktab_row **rows = ktab_sorted(kt, &n);
	for (size_t i = 0; i < n; i++) {
		const struct ktab_row *r = rows[i];
		fputs(tag, f);
		for (int j = 0; j < nstr; j++)
			put_str(f, ktab_str(kt, r->k.s[j]));
		if (named) {
			put_str(f, vantage_name(r->k.i[TL_VANTAGE]));
			put_str(f, path_name(r->k.i[TL_PATH]));
			put_str(f, direction_name(r->k.i[TL_DIRECTION]));
			put_str(f, action_name(r->k.i[TL_ACTION]));
		} else {
			fprintf(f, "\t%" PRId32, r->k.i[0]);
		}
		put_val(f, &r->v);
		putc('\n', f);
	}
	free(rows);
}

/* A ktab's overflow row, when it has one; returns how many adds it took. */
static uint64_t put_overflow(FILE *f, const char *tag, const struct ktab *kt)
{
	uint64_t adds;
	const struct agg_val *ov = ktab_overflow(kt, &adds);
	if (adds) {
		fputs(tag, f);
		put_u64(f, adds);
		put_val(f, ov);
		putc('\n', f);
	}
	return adds;
}

int partial_write(FILE *f, const struct analysis *an)
{
	size_t n, nel, nuntimed = 0;
	fprintf(f, "%s\t%d\n", MAGIC, PARTIAL_VERSION);
	fputs("window", f);
	put_time(f, an->since);
	put_time(f, an->until);
	putc('\n', f);
	fputs("counts", f);
	put_u64(f, an->input_errors);
	put_u64(f, an->outside_window);
	put_u64(f, an->outside_window_bytes);
	put_u64(f, an->flows_without_bytes);
	putc('\n', f);
	for (size_t i = 0; i < an->ninputs; i++) {
		const struct input_row *r = &an->inputs[i];
		fputs("input", f);
		put_str(f, r->path);
		put_u64(f, (uint64_t)r->skipped);
		put_str(f, r->error);
		put_stats(f, &r->st);
		putc('\n', f);
		/* version 6: the input's flows counted without an end time,
		 * or - when not known (read from an older partial) */
		if (r->untimed || !r->untimed_known) {
			fputs("untimed", f);
			if (r->untimed_known)
				put_u64(f, r->untimed);
			else
				put_str(f, "-");
			putc('\n', f);
			nuntimed++;
		}
	}
	const struct agg_row **rows = agg_sorted(an->core, &n);
	for (size_t i = 0; i < n; i++) {
		const struct agg_key *k = &rows[i]->k;
		fputs("core", f);
		for (int j = 0; j < AGG_NSCOLS; j++)
			put_str(f, agg_str(an->core, k->s[j]));
		put_str(f, vantage_name(k->vantage));
		put_str(f, side_name(k->side));
		put_str(f, direction_name(k->direction));
		put_str(f, action_name(k->action));
		put_str(f, path_name(k->path));
		put_str(f, reason_name(k->reason));
		put_val(f, &rows[i]->v);
		putc('\n', f);
	}
	free(rows);
	put_ktab(f, "timeline", an->timeline, 1, 1);
	put_ktab(f, "talker", an->talkers, TK_NSTR, 1);
	uint64_t adds = put_overflow(f, "talkers_overflow", an->talkers);
	/* version 8: the NAT gateways' talkers */
	put_ktab(f, "nat_talker", an->nat_talkers, NT_NSTR, 1);
	uint64_t nat_adds = put_overflow(f, "nat_talkers_overflow", an->nat_talkers);
	/* merged from a partial of version 7 or older, which had none */
	if (an->without_nat_talkers)
		fputs("no_nat_talkers\n", f);
	/* NAT gateways' internet-side bytes with private addresses outside
	 * the model (analyze's note) */
	if (an->nat_private_bytes) {
		fputs("nat_private", f);
		put_u64(f, an->nat_private_bytes);
		put_str(f, an->nat_private_first);
		putc('\n', f);
	}
	/* version 9: flows of interfaces the topology does not list, and
	 * the least such interface (analyze's note) */
	if (an->flows_unlisted) {
		fputs("unlisted", f);
		put_u64(f, an->flows_unlisted);
		put_str(f, an->unlisted_first);
		putc('\n', f);
	}
	put_ktab(f, "tp", an->tp, 1, 0);
	/* version 4: the interfaces' flow logs (the two-flow-logs check) */
	const struct ktab_row **el = ktab_sorted(an->eni_logs, &nel);
	for (size_t i = 0; i < nel; i++) {
		fputs("eni_log", f);
		put_str(f, ktab_str(an->eni_logs, el[i]->k.s[0]));
		put_str(f, ktab_str(an->eni_logs, el[i]->k.s[1]));
		put_str(f, action_name(el[i]->k.i[0]));
		putc('\n', f);
	}
	free(el);
	uint64_t el_over;
	ktab_overflow(an->eni_logs, &el_over);
	if (el_over)
		fprintf(f, "eni_logs_overflow\t%" PRIu64 "\n", el_over);
	/* the line count lets a reader tell a partial cut short */
	fprintf(f, "end\t%zu\n", 2 + an->ninputs + nuntimed + n + ktab_count(an->timeline) +
				      ktab_count(an->talkers) + (adds ? 1 : 0) + ktab_count(an->nat_talkers) +
				      (nat_adds ? 1 : 0) + (an->without_nat_talkers ? 1 : 0) +
				      (an->nat_private_bytes ? 1 : 0) + (an->flows_unlisted ? 1 : 0) +
				      ktab_count(an->tp) +
				      nel + (el_over ? 1 : 0));
	return ferror(f) ? -1 : 0;
}

/* ---- reading ---- */

#define MAX_FIELDS 64

struct rd {
	struct analysis *an;
	int version;
	const char *name;
	struct diag *d;
	uint64_t line;
	char *f[MAX_FIELDS];
	int nf;
};

static int bad(struct rd *r, const char *why, const char *what)
{
	diag_set(r->d, PARTIAL_E_LINE, r->name, r->line, "bad partial line: %s%s%s", why,
		 what ? " " : "", what ? what : "");
	return PARTIAL_E_LINE;
}

/* Split a line (modified in place) at tabs, undoing the TSV escapes. */
static int split(struct rd *r, char *line)
{
	r->nf = 0;
	size_t len = strlen(line);
	if (!memchr(line, '\\', len)) {
		/* no escapes (nearly every line): cut at the tabs */
		char *p = line, *end = line + len;
		for (;;) {
			if (r->nf == MAX_FIELDS)
				return -1;
			r->f[r->nf++] = p;
			char *tab = memchr(p, '\t', (size_t)(end - p));
			if (!tab)
				return 0;
			*tab = '\0';
			p = tab + 1;
		}
	}
	char *p = line;
	for (;;) {
		if (r->nf == MAX_FIELDS)
			return -1;
		r->f[r->nf++] = p;
		char *o = p;
		while (*p && *p != '\t') {
			if (*p == '\\') {
				p++;
				switch (*p) {
				case 't':
					*o++ = '\t';
					break;
				case 'n':
					*o++ = '\n';
					break;
				case 'r':
					*o++ = '\r';
					break;
				case '\\':
					*o++ = '\\';
					break;
				default:
					return -1;
				}
				p++;
				continue;
			}
			*o++ = *p++;
		}
		int more = *p == '\t';
		*o = '\0';
		if (!more)
			return 0;
		p++;
	}
}

static int num(const char *s, uint64_t *v)
{
	return parse_u64(s, strlen(s), UINT64_MAX, v);
}

static int tval(const char *s, int64_t *v, int64_t none)
{
	uint64_t u;
	if (!*s) {
		*v = none;
		return 0;
	}
	int neg = *s == '-';
	if (parse_u64(s + neg, strlen(s + neg), INT64_MAX, &u))
		return -1;
	*v = neg ? -(int64_t)u : (int64_t)u;
	return 0;
}

/* A record of a count (not 0) and a name (not empty): the count added
 * to *count, and the least name (in byte order) kept in first, so that
 * notes name the same one whatever order partials came in. */
static int count_and_least(struct rd *r, const char *tag, uint64_t *count, char *first, size_t cap)
{
	uint64_t n;
	if (r->nf != 3 || num(r->f[1], &n) || !n || !r->f[2][0] || strlen(r->f[2]) >= cap)
		return bad(r, tag, NULL);
	*count = sat_add(*count, n);
	if (!first[0] || strcmp(r->f[2], first) < 0)
		snprintf(first, cap, "%s", r->f[2]);
	return 0;
}

static int get_val(struct rd *r, int at, struct agg_val *v)
{
	if (r->nf != at + 5 || num(r->f[at], &v->records) || num(r->f[at + 1], &v->packets) ||
	    num(r->f[at + 2], &v->bytes) || tval(r->f[at + 3], &v->first_start, INT64_MAX) ||
	    tval(r->f[at + 4], &v->last_end, INT64_MIN))
		return bad(r, "counters", NULL);
	return 0;
}

static int name_index(const char *s, const char *(*fn)(int), int n)
{
	/* rows repeat their names: try the last match of this table first */
	static _Thread_local struct {
		const char *(*fn)(int);
		int i;
	} last[8];
	unsigned h = (unsigned)((uintptr_t)fn >> 4) % 8;
	if (last[h].fn == fn && strcmp(fn(last[h].i), s) == 0)
		return last[h].i;
	for (int i = 0; i < n; i++) {
		if (strcmp(fn(i), s) == 0) {
			last[h].fn = fn;
			last[h].i = i;
			return i;
		}
	}
	return -1;
}

static const char *action_of(int i)
{
	return action_name(i);
}

/* vantage, path, direction, action names at f[at..at+3] into ints */
static int get_names(struct rd *r, int at, int32_t out[4])
{
	out[TL_VANTAGE] = name_index(r->f[at], vantage_name, NVANTAGES);
	out[TL_PATH] = name_index(r->f[at + 1], path_name, NPATHS);
	out[TL_DIRECTION] = name_index(r->f[at + 2], direction_name, NDIRS);
	out[TL_ACTION] = name_index(r->f[at + 3], action_of, 3);
	for (int i = 0; i < 4; i++)
		if (out[i] < 0)
			return bad(r, "unknown name", r->f[at + i]);
	return 0;
}

static int get_stats(struct rd *r, int at, struct scan_stats *st)
{
	int k = at;
	scan_stats_init(st);
#define GET(name)                                     \
	if (k >= r->nf || num(r->f[k++], &st->name)) \
		return bad(r, "input counters", NULL);
	STATS_FIELDS(GET)
#undef GET
	for (int i = 1; i < FL_NERRORS; i++)
		if (k >= r->nf || num(r->f[k++], &st->malformed_by[i]))
			return bad(r, "input counters", NULL);
	if (k + 2 != r->nf || tval(r->f[k], &st->first_start, INT64_MAX) ||
	    tval(r->f[k + 1], &st->last_end, INT64_MIN))
		return bad(r, "input counters", NULL);
	return 0;
}

static struct sv sv_of(const char *s)
{
	struct sv v = {s, (uint32_t)strlen(s)};
	return v;
}

static int read_line(struct rd *r, char *line, uint64_t *data_lines)
{
	struct analysis *an = r->an;
	struct agg_val v;
	if (split(r, line) != 0)
		return bad(r, "escape or field count", NULL);
	const char *tag = r->f[0];
	(*data_lines)++;
	if (strcmp(tag, "window") == 0) {
		int64_t s, e;
		if (r->nf != 3 || tval(r->f[1], &s, INT64_MIN) || tval(r->f[2], &e, INT64_MAX))
			return bad(r, "window", NULL);
		analysis_union_window(an, s, e);
		return 0;
	}
	if (strcmp(tag, "counts") == 0) {
		uint64_t ie, ow, owb, nb;
		if (r->nf != 5 || num(r->f[1], &ie) || num(r->f[2], &ow) || num(r->f[3], &owb) ||
		    num(r->f[4], &nb))
			return bad(r, "counts", NULL);
		an->input_errors += ie;
		an->outside_window += ow;
		an->outside_window_bytes = sat_add(an->outside_window_bytes, owb);
		an->flows_without_bytes += nb;
		return 0;
	}
	if (strcmp(tag, "untimed") == 0) {
		/* of the input record before it */
		uint64_t ut = 0;
		int known = r->nf != 2 || strcmp(r->f[1], "-") != 0;
		if (r->nf != 2 || (known && num(r->f[1], &ut)) || !an->ninputs)
			return bad(r, "untimed", NULL);
		an->inputs[an->ninputs - 1].untimed = ut;
		an->inputs[an->ninputs - 1].untimed_known = known;
		return 0;
	}
	if (strcmp(tag, "input") == 0) {
		struct scan_stats st;
		uint64_t skipped;
		if (r->nf < 4 || num(r->f[2], &skipped))
			return bad(r, "input", NULL);
		int rc = get_stats(r, 4, &st);
		if (rc)
			return rc;
		analysis_add_input(an, r->f[1], &st, r->f[3], (int)skipped);
		an->inputs[an->ninputs - 1].untimed_known = r->version >= 6;
		return 0;
	}
	if (strcmp(tag, "core") == 0) {
		const char *str[AGG_NSCOLS];
		uint8_t e[6];
		if (r->nf != 1 + AGG_NSCOLS + 6 + 5)
			return bad(r, "core row", NULL);
		for (int j = 0; j < AGG_NSCOLS; j++)
			str[j] = r->f[1 + j];
		int at = 1 + AGG_NSCOLS;
		int x[6] = {name_index(r->f[at], vantage_name, NVANTAGES),
			    name_index(r->f[at + 1], side_name, NSIDES),
			    name_index(r->f[at + 2], direction_name, NDIRS),
			    name_index(r->f[at + 3], action_of, 3),
			    name_index(r->f[at + 4], path_name, NPATHS),
			    name_index(r->f[at + 5], reason_name, NREASONS)};
		for (int j = 0; j < 6; j++) {
			if (x[j] < 0)
				return bad(r, "unknown name", r->f[at + j]);
			e[j] = (uint8_t)x[j];
		}
		int rc = get_val(r, at + 6, &v);
		if (rc)
			return rc;
		/* before version 5, an attachment's unknown peer was an empty
		 * remote_vpc too, which the totals read as outside the model */
		if (r->version < 5 && e[0] == VANTAGE_TGW && e[4] == PATH_TGW && !str[AGG_REMOTE_VPC][0])
			an->legacy_tgw_rows++;
		/* before version 6, a workload's ingress from an interface
		 * endpoint in another VPC had no side endpoint-eni, and counts
		 * in no total */
		if (r->version < 6 && e[0] == VANTAGE_WORKLOAD && (e[4] == PATH_TGW || e[4] == PATH_PEERING) &&
		    e[2] == DIR_INGRESS && str[AGG_REMOTE_VPC][0] && str[AGG_REMOTE_VPC][0] != '(')
			an->legacy_ingress_rows++;
		/* before version 7, a workload's NAT64 flow was classified by
		 * its IPv6 address: nat-internet, no side, no service */
		if (r->version < 7 && e[0] == VANTAGE_WORKLOAD && e[4] == PATH_NAT_INTERNET)
			an->legacy_nat_rows++;
		/* before version 8, a NAT gateway's vpc side had no
		 * nat_talker rows: the nat-talkers report lacks them */
		if (r->version < 8 && e[0] == VANTAGE_NAT && e[1] == SIDE_VPC)
			an->without_nat_talkers = 1;
		agg_add_row(an->core, str, e, &v);
		return 0;
	}
	/* version 8: the NAT gateways' talkers, as the talkers */
	int nat = r->version >= 8 &&
		  (strcmp(tag, "nat_talker") == 0 || strcmp(tag, "nat_talkers_overflow") == 0);
	if (nat)
		tag += 4;
	if (strcmp(tag, "timeline") == 0 || strcmp(tag, "talker") == 0) {
		int nstr = tag[1] == 'i' ? 1 : nat ? NT_NSTR : TK_NSTR;
		struct sv s[KTAB_NSTR];
		int32_t ints[KTAB_NINT];
		if (r->nf != 1 + nstr + 4 + 5)
			return bad(r, r->f[0], "row");
		for (int j = 0; j < KTAB_NSTR; j++)
			s[j] = sv_of(j < nstr ? r->f[1 + j] : "");
		int rc = get_names(r, 1 + nstr, ints);
		if (rc || (rc = get_val(r, 1 + nstr + 4, &v)) != 0)
			return rc;
		/* version 3 held every direction, and its readers applied the
		 * totals rule (without the remote, which now decides for some
		 * transit gateway rows): version 4 holds what the totals count */
		if (r->version == 3 && !path_in_totals(ints[TL_PATH], ints[TL_DIRECTION]))
			return 0;
		/* before version 6, a NAT gateway ENI's records of neither of
		 * its addresses (path unknown, the vantage's only unknown
		 * rows) were in the timeline; now in no total */
		if (r->version < 6 && ints[TL_VANTAGE] == VANTAGE_NAT && ints[TL_PATH] == PATH_UNKNOWN)
			return 0;
		ktab_add(tag[1] == 'i' ? an->timeline : nat ? an->nat_talkers : an->talkers, s, ints, &v);
		return 0;
	}
	if (strcmp(tag, "talkers_overflow") == 0) {
		uint64_t adds;
		if (r->nf != 7 || num(r->f[1], &adds))
			return bad(r, r->f[0], NULL);
		int rc = get_val(r, 2, &v);
		if (rc)
			return rc;
		ktab_add_overflow(nat ? an->nat_talkers : an->talkers, &v, adds);
		return 0;
	}
	if (r->version >= 8 && strcmp(tag, "nat_private") == 0)
		return count_and_least(r, tag, &an->nat_private_bytes, an->nat_private_first,
				       sizeof(an->nat_private_first));
	if (r->version >= 9 && strcmp(tag, "unlisted") == 0)
		return count_and_least(r, tag, &an->flows_unlisted, an->unlisted_first, sizeof(an->unlisted_first));
	if (r->version >= 8 && strcmp(tag, "no_nat_talkers") == 0) {
		if (r->nf != 1)
			return bad(r, tag, NULL);
		an->without_nat_talkers = 1;
		return 0;
	}
	if (strcmp(tag, "tp") == 0) {
		struct sv s[KTAB_NSTR];
		uint64_t agrees;
		if (r->nf != 8 || num(r->f[2], &agrees) || agrees > 1)
			return bad(r, "tp", NULL);
		for (int j = 0; j < KTAB_NSTR; j++)
			s[j] = sv_of(j == 0 ? r->f[1] : "");
		int32_t ints[KTAB_NINT] = {(int32_t)agrees, 0, 0, 0};
		int rc = get_val(r, 3, &v);
		if (rc)
			return rc;
		ktab_add(an->tp, s, ints, &v);
		return 0;
	}
	if (strcmp(tag, "eni_log") == 0) {
		struct sv s[KTAB_NSTR];
		int32_t ints[KTAB_NINT] = {0, 0, 0, 0};
		if (r->nf != 4 || !r->f[1][0] || !r->f[2][0] ||
		    (ints[0] = name_index(r->f[3], action_of, 3)) < 0)
			return bad(r, "eni_log", NULL);
		for (int j = 0; j < KTAB_NSTR; j++)
			s[j] = sv_of(j < 2 ? r->f[1 + j] : "");
		struct agg_val none;
		agg_val_init(&none);
		ktab_add(an->eni_logs, s, ints, &none);
		return 0;
	}
	if (strcmp(tag, "eni_logs_overflow") == 0) {
		uint64_t adds;
		if (r->nf != 2 || num(r->f[1], &adds))
			return bad(r, "eni_logs_overflow", NULL);
		struct agg_val none;
		agg_val_init(&none);
		ktab_add_overflow(an->eni_logs, &none, adds);
		return 0;
	}
	return bad(r, "unknown record type", tag);
}

int partial_read_buffer(struct analysis *an, const char *name, const char *buf, size_t len,
			struct diag *d)
{
	struct rd r;
	memset(&r, 0, sizeof(r));
	r.an = an;
	r.name = name;
	r.d = d;
	const char *p = buf, *end = buf + len;
	uint64_t data_lines = 0;
	int saw_end = 0, rc = 0;
	char *line = NULL;
	size_t cap = 0;
	if (len == 0)
		return diag_set(d, PARTIAL_E_VERSION, name, 0,
				"empty file: not a flowpath partial aggregate");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		r.line++;
		if (n + 1 > cap) {
			cap = n + 1;
			line = xrealloc(line, cap);
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : end;
		if (n && memchr(line, '\0', n)) {
			rc = bad(&r, "NUL byte", NULL);
			break;
		}
		if (r.line == 1) {
			/* version 3 is version 4 without the eni_log records, and
			 * with timeline and talker rows the totals do not count;
			 * version 4 is version 5 with an attachment's unknown peer
			 * as an empty remote_vpc; version 5 is version 6 without
			 * side endpoint-eni (such rows have no side) */
			r.version = 0;
			for (int ver = PARTIAL_VERSION_MIN; ver <= PARTIAL_VERSION; ver++) {
				char want[64];
				snprintf(want, sizeof(want), "%s\t%d", MAGIC, ver);
				if (strcmp(line, want) == 0)
					r.version = ver;
			}
			if (!r.version) {
				if (strncmp(line, MAGIC "\t", sizeof(MAGIC)) == 0)
					rc = diag_set(d, PARTIAL_E_VERSION, name, 1,
						      "partial format version %s; this flowpath reads versions "
						      "%d to %d",
						      line + sizeof(MAGIC), PARTIAL_VERSION_MIN, PARTIAL_VERSION);
				else
					rc = diag_set(d, PARTIAL_E_VERSION, name, 1,
						      "not a flowpath partial aggregate");
				break;
			}
			continue;
		}
		if (saw_end) {
			rc = bad(&r, "data after the end line", NULL);
			break;
		}
		if (strncmp(line, "end\t", 4) == 0) {
			uint64_t want;
			if (num(line + 4, &want) || want != data_lines) {
				rc = diag_set(d, PARTIAL_E_TRUNCATED, name, r.line,
					      "the end line counts %s data lines, the file has %" PRIu64,
					      line + 4, data_lines);
				break;
			}
			saw_end = 1;
			continue;
		}
		if ((rc = read_line(&r, line, &data_lines)) != 0)
			break;
	}
	free(line);
	if (rc == 0 && !saw_end)
		rc = diag_set(d, PARTIAL_E_TRUNCATED, name, r.line,
			      "no end line: the partial is cut short");
	return rc;
}

int partial_read_path(struct analysis *an, const char *path, struct diag *d)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	const char *name = f == stdin ? "<stdin>" : path;
	if (!f)
		return diag_set(d, PARTIAL_E_OPEN, path, 0, "cannot open: %s", strerror(errno));
	size_t cap = 1 << 16, n = 0, got;
	char *buf = xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	int err = ferror(f) ? (errno ? errno : EIO) : 0;
	if (f != stdin)
		fclose(f);
	int rc = err ? diag_set(d, PARTIAL_E_OPEN, name, 0, "read error: %s", strerror(err))
		     : partial_read_buffer(an, name, buf, n, d);
	free(buf);
	return rc;
}
