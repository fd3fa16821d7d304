/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of line scanning (src/scan.c): lines split across chunks of
 * every small size, a last line without newline, over-long lines, headers
 * that change the layout, JSON-wrapped lines, failed inputs, and the
 * accounting identities that say no byte and no line was lost.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scan.h"
#include "testlib.h"

/* What the callbacks saw. */
struct seen {
	int nrec;
	uint64_t lines[64];
	uint64_t srcport[64];
	int ndiag;
	int codes[64];
	uint64_t diag_line[64];
	uint64_t diag_col[64];
	char first_msg[2048];
	char header_msg[512]; /* the first bad-header message */
	char last_msg[512];   /* the last message */
	int stop_after; /* abort after this many records; 0: never */
};

static int on_rec(void *ctx, const struct fl_record *rec, const struct scan_pos *pos)
{
	struct seen *s = ctx;
	if (s->nrec < 64) {
		s->lines[s->nrec] = pos->line;
		s->srcport[s->nrec] = fl_has(rec, FL_SRCPORT) ? rec->num[FL_SRCPORT] : 0;
	}
	s->nrec++;
	return s->stop_after && s->nrec >= s->stop_after;
}

static void on_diag(void *ctx, const struct diag *d)
{
	struct seen *s = ctx;
	if (s->ndiag == 0)
		snprintf(s->first_msg, sizeof(s->first_msg), "%s:%llu: %s", d->file,
			 (unsigned long long)d->line, d->msg);
	if (d->code == -FL_E_HEADER && !s->header_msg[0])
		snprintf(s->header_msg, sizeof(s->header_msg), "%s", d->msg);
	snprintf(s->last_msg, sizeof(s->last_msg), "%s", d->msg);
	if (s->ndiag < 64) {
		s->codes[s->ndiag] = d->code;
		s->diag_line[s->ndiag] = d->line;
		s->diag_col[s->ndiag] = d->column;
	}
	s->ndiag++;
}

/* The accounting identities every scan must satisfy. */
static void check_identity(const struct scan_stats *st)
{
	assert_int_equal(st->bytes_text, st->header_bytes + st->blank_bytes + st->flow_text_bytes +
						 st->nodata_text_bytes + st->malformed_bytes +
						 st->truncated_bytes);
	assert_int_equal(st->lines, st->header_lines + st->blank_lines + st->flows + st->nodata +
					    st->skipdata + st->malformed);
	uint64_t by = 0;
	for (int i = 0; i < FL_NERRORS; i++)
		by += st->malformed_by[i];
	assert_int_equal(by, st->malformed);
	assert_null(scan_stats_check(st));
}

/* scan_stats_check names the identity that fails. */
static void test_stats_check_names_the_identity(void **state)
{
	struct scan_stats st;
	(void)state;
	scan_stats_init(&st);
	assert_null(scan_stats_check(&st));
	st.lines = 1;
	assert_string_equal(scan_stats_check(&st), "lines do not add up");
	st.flows = 1;
	assert_null(scan_stats_check(&st));
	st.bytes_text = 10;
	assert_string_equal(scan_stats_check(&st), "text bytes do not add up");
	st.flow_text_bytes = 10;
	st.malformed_by[0] = 1;
	assert_string_equal(scan_stats_check(&st), "malformed lines by reason do not add up");
}

static void scan_mem(const char *text, size_t len, const struct scan_opts *o, struct seen *s,
		     struct scan_stats *st)
{
	memset(s, 0, sizeof(*s));
	scan_stats_init(st);
	assert_int_equal(scan_buffer("mem", text, len, o, on_rec, on_diag, s, st), 0);
	check_identity(st);
	assert_int_equal(st->bytes_text, len);
}

#define L(port) "2 123456789010 eni-1 10.0.0.1 10.0.0.2 " #port " 443 6 10 1000 1418530010 1418530070 ACCEPT OK"

static const char mixed[] =
	"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
	L(1) "\n"
	"\n"
	"  \t\r\n"
	L(2) "\r\n"
	"2 123456789010 eni-1 - - - - - - - 1431280876 1431280934 - NODATA\n"
	"2 123456789010 eni-1 - - - - - - - 1431280876 1431280934 - SKIPDATA\n"
	"2 123456789010 eni-1 10.0.0.1 10.0.0.2 99999 443 6 10 1000 1418530010 1418530070 ACCEPT OK\n"
	"Phony unsupported log format.\n"
	"{\"message\":\"" L(3) "\"}\n"
	"{\"nomessage\":1}\n"
	"srcport version\n"
	"4 2\n"
	"srcport srcport\n"
	"5 2\n"
	L(6);

static void check_mixed(const struct seen *s, const struct scan_stats *st)
{
	assert_int_equal(st->lines, 16);
	assert_int_equal(st->header_lines, 2);
	assert_int_equal(st->blank_lines, 2);
	assert_int_equal(st->flows, 4); /* ports 1 to 4 */
	assert_int_equal(st->nodata, 1);
	assert_int_equal(st->skipdata, 1);
	/* 99999, Phony, bad wrapper, the duplicate header, and "5 2" and
	 * L(6) under it: not read under the layout before it (whose two
	 * columns "5 2" would fit) */
	assert_int_equal(st->malformed, 6);
	assert_int_equal(st->malformed_by[FL_E_RANGE], 1);
	assert_int_equal(st->malformed_by[FL_E_WRAPPER], 1);
	assert_int_equal(st->malformed_by[FL_E_HEADER], 3);
	/* Phony has the wrong number of columns; that is the reason given,
	 * not the first column that does not parse */
	assert_int_equal(st->malformed_by[FL_E_FIELD_COUNT], 1);
	assert_int_equal(st->flow_bytes, 3000);
	assert_int_equal(st->flow_packets, 30);
	assert_int_equal(st->first_start, 1418530010);
	assert_int_equal(st->last_end, 1418530070);
	assert_int_equal(s->nrec, 6);
	assert_int_equal(s->srcport[0], 1);
	assert_int_equal(s->lines[0], 2);
	assert_int_equal(s->srcport[1], 2);
	assert_int_equal(s->lines[1], 5);
	assert_int_equal(s->srcport[4], 3);
	assert_int_equal(s->lines[4], 10);
	assert_int_equal(s->srcport[5], 4);
	assert_int_equal(s->lines[5], 13);
	assert_int_equal(s->ndiag, 6);
	assert_int_equal(s->codes[0], -FL_E_RANGE);
	assert_int_equal(s->diag_line[0], 8);
	assert_int_equal(s->diag_col[0], 6);
	assert_int_equal(s->diag_line[2], 11);
	assert_int_equal(s->codes[2], -FL_E_WRAPPER);
	assert_int_equal(s->codes[3], -FL_E_HEADER);
	assert_int_equal(s->codes[4], -FL_E_HEADER);
	assert_int_equal(s->diag_line[4], 15);
	assert_int_equal(s->codes[5], -FL_E_HEADER);
	assert_int_equal(s->diag_line[5], 16);
}

static void test_mixed_buffer(void **state)
{
	(void)state;
	struct scan_opts o;
	struct seen s;
	struct scan_stats st;
	memset(&o, 0, sizeof(o));
	scan_mem(mixed, strlen(mixed), &o, &s, &st);
	check_mixed(&s, &st);
	assert_non_null(strstr(s.first_msg, "mem:8: number out of range in field 'srcport': '99999'"));
	assert_string_equal(s.header_msg, "bad header: column 2 names field 'srcport' again");
	assert_string_equal(s.last_msg, "bad header: a line under a header that was refused (above): not read "
					"under another layout, until the next header");
	/* the last line had no newline: its bytes count without one */
	assert_int_equal(st.malformed_bytes + st.flow_text_bytes + st.nodata_text_bytes +
				 st.header_bytes + st.blank_bytes,
			 strlen(mixed));
	/* so is a line under one that looks like a header once unwrapped */
	static const char wrapped[] = "srcport srcport\n{\"message\":\"version srcport\"}\n";
	scan_mem(wrapped, strlen(wrapped), &o, &s, &st);
	assert_int_equal(st.malformed_by[FL_E_HEADER], 2);
	assert_non_null(strstr(s.last_msg, "a line under a header that was refused"));
}

/* The same text through files, in chunks of every small size, text and
 * gzip, threaded and not: the same records and the same accounting. */
static void test_chunk_boundaries(void **state)
{
	(void)state;
	char *plain = tl_path(tl_dir, "mixed.log");
	char *gz = tl_path(tl_dir, "mixed.log.gz");
	tl_write_file(plain, mixed, strlen(mixed));
	tl_write_gzip(gz, mixed, strlen(mixed));
	const char *paths[] = {plain, gz};
	for (size_t chunk = 1; chunk <= 140; chunk += chunk < 20 ? 1 : 29) {
		for (int p = 0; p < 2; p++) {
			for (int t = 0; t < 2; t++) {
				struct scan_opts o;
				struct seen s;
				struct scan_stats st;
				struct diag d;
				memset(&o, 0, sizeof(o));
				memset(&s, 0, sizeof(s));
				o.input.chunk_size = chunk;
				o.input.threaded = t;
				scan_stats_init(&st);
				assert_int_equal(scan_file(paths[p], &o, on_rec, on_diag, &s, &st, &d), 0);
				check_identity(&st);
				assert_int_equal(st.bytes_text, strlen(mixed));
				check_mixed(&s, &st);
				assert_int_equal(st.files, 1);
				assert_int_equal(st.files_failed, 0);
			}
		}
	}
	free(plain);
	free(gz);
}

static void test_long_lines(void **state)
{
	(void)state;
	enum { MAX = 100 };
	char longline[400], exact[MAX + 1], over[MAX + 2];
	memset(longline, 'x', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	/* a valid record padded with blanks to exactly MAX bytes */
	snprintf(exact, sizeof(exact), "%-*s", MAX, L(7));
	snprintf(over, sizeof(over), "%-*s", MAX + 1, L(8));
	size_t cap = 4096, n = 0;
	char *text = malloc(cap);
	n += (size_t)snprintf(text + n, cap - n, "%s\n%s\n%s\n%s\n%s\n%s", L(1), longline, exact, over,
			      L(2), longline);
	char *path = tl_path(tl_dir, "long.log");
	tl_write_file(path, text, n);
	for (size_t chunk = 0; chunk <= 64; chunk += 13) {
		struct scan_opts o;
		struct seen s;
		struct scan_stats st;
		struct diag d;
		memset(&o, 0, sizeof(o));
		memset(&s, 0, sizeof(s));
		o.max_line = MAX;
		o.input.chunk_size = chunk;
		scan_stats_init(&st);
		assert_int_equal(scan_file(path, &o, on_rec, on_diag, &s, &st, &d), 0);
		check_identity(&st);
		assert_int_equal(st.bytes_text, n);
		assert_int_equal(st.lines, 6);
		assert_int_equal(st.flows, 3);
		assert_int_equal(s.srcport[1], 7);
		assert_int_equal(st.malformed, 3);
		assert_int_equal(st.malformed_by[FL_E_TOO_LONG], 3);
		/* two long lines with newline, the over line with one, the last without */
		assert_int_equal(st.malformed_bytes, 2 * (sizeof(longline) - 1) + 1 + (MAX + 2));
		assert_int_equal(s.codes[0], -FL_E_TOO_LONG);
		assert_int_equal(s.diag_line[0], 2);
		assert_int_equal(s.diag_line[1], 4);
		assert_int_equal(s.diag_line[2], 6);
		assert_non_null(strstr(s.first_msg, "line too long: 400 bytes with its line end, over the limit of 100 without it"));
	}
	/* the same from memory */
	struct scan_opts o;
	struct seen s;
	struct scan_stats st;
	memset(&o, 0, sizeof(o));
	o.max_line = MAX;
	scan_mem(text, n, &o, &s, &st);
	assert_int_equal(st.malformed_by[FL_E_TOO_LONG], 3);
	assert_int_equal(st.flows, 3);
	free(path);
	free(text);
}

static void test_fields_option_and_abort(void **state)
{
	(void)state;
	struct fl_layout lay;
	char err[64];
	const char *sp = "srcport bytes log-status";
	assert_int_equal(fl_layout_from_spec(&lay, sp, strlen(sp), err, sizeof(err)), 0);
	const char *text = "1 10 OK\n2 20 NODATA\n3 30 OK\nsrcport\n4\n5\n";
	struct scan_opts o;
	struct seen s;
	struct scan_stats st;
	memset(&o, 0, sizeof(o));
	o.fields = &lay;
	scan_mem(text, strlen(text), &o, &s, &st);
	assert_int_equal(st.flows, 4); /* a layout without log-status: every record a flow */
	assert_int_equal(st.nodata, 1);
	assert_int_equal(st.header_lines, 1);
	assert_int_equal(st.flow_bytes, 40);
	assert_int_equal(s.srcport[4], 5);

	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	scan_stats_init(&st);
	assert_int_equal(scan_buffer("mem", text, strlen(text), &o, on_rec, NULL, &s, &st), SCAN_E_ABORTED);
	assert_int_equal(s.nrec, 2);
}

/* A wrong field count under version 2's default layout (no header, no
 * --fields) hints at --fields; under a header's layout it does not; the
 * vpc_only option turns a transit gateway flow log's records away. */
static void test_field_count_hint_and_vpc_only(void **state)
{
	(void)state;
	struct scan_opts o;
	struct seen s;
	struct scan_stats st;
	memset(&o, 0, sizeof(o));
	const char *v5 = L(1) " vpc-1 subnet-1\n";
	scan_mem(v5, strlen(v5), &o, &s, &st);
	assert_int_equal(st.malformed_by[FL_E_FIELD_COUNT], 1);
	assert_non_null(strstr(s.first_msg, "mem:1: wrong field count: 16 fields, more than the layout's 14 "
					    "(version 2's default format; a custom format without a header "
					    "line needs --fields)"));
	/* records written end to end on one line: 2 with a space between, 3
	 * glued (one's log-status to the next one's version) */
	const char *two = L(1) " " L(1) "\n";
	scan_mem(two, strlen(two), &o, &s, &st);
	assert_non_null(strstr(s.first_msg, "more than the layout's 14 fields; 28 fields: 2 records run together "
					    "without line ends, or a custom format without a header line (give "
					    "--fields)?"));
	const char *three = "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 100 1795600800 1795601400 ACCEPT OK"
			    "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 100 1795600800 1795601400 ACCEPT OK"
			    "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 100 1795600800 1795601400 ACCEPT OK\n";
	scan_mem(three, strlen(three), &o, &s, &st);
	assert_non_null(strstr(s.first_msg, "; 40 fields: a custom format without a header line (give --fields), "
					    "or 3 records run together without line ends?"));
	/* a version 5 record of all 27 fields without its header (a
	 * CloudWatch Logs export): --fields first */
	const char *v5all = "5 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 100 1795600800 1795601400 ACCEPT OK vpc-1 "
			    "subnet-1 i-1 19 IPv4 10.0.0.1 10.0.0.2 us-east-1 use1-az1 egress 1 - S3\n";
	scan_mem(v5all, strlen(v5all), &o, &s, &st);
	assert_non_null(strstr(s.first_msg, "; 27 fields: a custom format without a header line (give --fields), "
					    "or 2 records run together without line ends?"));
	/* a control character is named with its byte and field */
	const char *ctl = "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 100 1795600800 1795601400 ACC\001EPT OK\n";
	scan_mem(ctl, strlen(ctl), &o, &s, &st);
	assert_int_equal(st.malformed_by[FL_E_CONTROL], 1);
	assert_string_equal(s.first_msg, "mem:1: control character (byte 0x01) in field 'action'");
	const char *ctl2 = "2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 100 1795600800 1795601400 ACCEPT OK \003\n";
	scan_mem(ctl2, strlen(ctl2), &o, &s, &st);
	assert_string_equal(s.first_msg, "mem:1: control character (byte 0x03) after the layout's 14 fields");
	/* under a header's layout, records run together are the one guess */
	const char *hdr2 = "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
			   "packets bytes start end action log-status\n" L(1) " " L(1) "\n";
	scan_mem(hdr2, strlen(hdr2), &o, &s, &st);
	assert_non_null(strstr(s.first_msg, "; 28 fields: 2 records run together without line ends?"));
	const char *hdr = "version srcport\n2 1 3\n";
	scan_mem(hdr, strlen(hdr), &o, &s, &st);
	assert_string_equal(s.first_msg, "mem:2: wrong field count: 3 fields, more than the layout's 2");
	/* a header of the default format itself: no hint */
	const char *v2h = "version account-id interface-id srcaddr dstaddr srcport dstport protocol "
			  "packets bytes start end action log-status\n" L(1) " extra\n";
	scan_mem(v2h, strlen(v2h), &o, &s, &st);
	assert_string_equal(s.first_msg, "mem:2: wrong field count: 15 fields, more than the layout's 14");

	const char *tgw = "version tgw-src-vpc-id srcaddr dstaddr bytes\n"
			  "6 vpc-1 10.0.0.1 10.0.0.2 100\n6 vpc-1 10.0.0.1 10.0.0.2 100\n";
	scan_mem(tgw, strlen(tgw), &o, &s, &st);
	assert_int_equal(st.flows, 2); /* parse reads it */
	o.vpc_only = 1;
	scan_mem(tgw, strlen(tgw), &o, &s, &st);
	assert_int_equal(st.flows, 0);
	assert_int_equal(st.malformed_by[FL_E_FOREIGN], 2);
	assert_int_equal(s.ndiag, 1); /* one message, at the header */
	assert_non_null(strstr(s.first_msg, "mem:1: a transit gateway flow log's header (it names its "
					    "fields, tgw-...): its records are not counted as flows"));
	/* the same with two parse workers taking chunks of a few lines: one
	 * message still, at the header's line */
	char many[4096] = "";
	strcat(many, L(1) "\nversion tgw-id srcaddr dstaddr bytes\n");
	for (int i = 0; i < 60; i++)
		strcat(many, "6 tgw-1 10.0.0.1 10.0.0.2 100\n");
	o.parse_workers = 2;
	o.input.chunk_size = 64;
	memset(&s, 0, sizeof(s));
	scan_stats_init(&st);
	assert_int_equal(scan_buffer("mem", many, strlen(many), &o, on_rec, on_diag, &s, &st), 0);
	check_identity(&st);
	assert_int_equal(st.flows, 1);
	assert_int_equal(st.malformed_by[FL_E_FOREIGN], 60);
	assert_int_equal(s.ndiag, 1);
	assert_int_equal(s.diag_line[0], 2);
}

/* A gzip input cut short: the full lines before the cut are records, the
 * partial line is truncated bytes, the input counts as failed. */
static void test_failed_input(void **state)
{
	(void)state;
	size_t cap = 1 << 16, n = 0;
	char *text = malloc(cap);
	for (int i = 0; i < 200; i++)
		n += (size_t)snprintf(text + n, cap - n,
				      "2 123456789010 eni-1 10.0.0.1 10.0.0.2 %d 443 6 10 1000 1418530010 1418530070 ACCEPT OK\n",
				      i);
	unsigned char *gz;
	size_t gzlen = tl_gzip(text, n, &gz);
	char *path = tl_path(tl_dir, "cut.log.gz");
	tl_write_file(path, gz, gzlen - 6);
	struct scan_opts o;
	struct seen s;
	struct scan_stats st;
	struct diag d;
	memset(&o, 0, sizeof(o));
	memset(&s, 0, sizeof(s));
	scan_stats_init(&st);
	assert_int_equal(scan_file(path, &o, on_rec, on_diag, &s, &st, &d), INPUT_E_TRUNCATED);
	check_identity(&st);
	assert_int_equal(st.flows, 200); /* only the trailer was cut */
	assert_int_equal(st.files_failed, 1);
	assert_int_equal(st.bytes_read, gzlen - 6);
	assert_string_equal(d.file, path);

	/* cut in the middle: whatever was inflated is accounted for */
	tl_write_file(path, gz, gzlen / 2);
	for (size_t chunk = 0; chunk <= 100; chunk += 50) {
		memset(&s, 0, sizeof(s));
		scan_stats_init(&st);
		o.input.chunk_size = chunk;
		assert_int_equal(scan_file(path, &o, on_rec, on_diag, &s, &st, &d), INPUT_E_TRUNCATED);
		check_identity(&st);
		assert_true(st.flows < 200);
		assert_int_equal(st.flows + st.malformed, st.lines);
		assert_int_equal(st.malformed, 0);
		assert_int_equal(st.bytes_text, st.flow_text_bytes + st.truncated_bytes);
		assert_true(st.truncated_bytes < 100);
	}
	/* an input that cannot be opened */
	char *missing = tl_path(tl_dir, "missing.log");
	scan_stats_init(&st);
	assert_int_equal(scan_file(missing, &o, on_rec, on_diag, &s, &st, &d), INPUT_E_OPEN);
	assert_int_equal(st.files, 1);
	assert_int_equal(st.files_failed, 1);
	free(missing);
	free(gz);
	free(text);
	free(path);
}

/* What a scan with one or two workers saw, kept per worker (their record
 * callbacks may run at the same time) and compared as multisets. */
struct rec_key {
	uint64_t line, srcport, bytes;
	int ncols;
};

struct capture {
	struct rec_key *recs[2];
	size_t nrec[2], cap[2];
	struct diag *diags;
	size_t ndiag, dcap;
	int stop_after;
	_Atomic int total; /* records of both workers, for stop_after */
};

static int cap_rec(void *ctx, const struct fl_record *rec, const struct scan_pos *pos)
{
	struct capture *c = ctx;
	int w = pos->worker;
	assert_true(w == 0 || w == 1);
	if (c->nrec[w] == c->cap[w]) {
		c->cap[w] = c->cap[w] ? 2 * c->cap[w] : 256;
		c->recs[w] = realloc(c->recs[w], c->cap[w] * sizeof(*c->recs[w]));
	}
	struct rec_key *k = &c->recs[w][c->nrec[w]++];
	k->line = pos->line;
	k->srcport = fl_has(rec, FL_SRCPORT) ? rec->num[FL_SRCPORT] : UINT64_MAX;
	k->bytes = fl_has(rec, FL_BYTES) ? rec->num[FL_BYTES] : UINT64_MAX;
	k->ncols = pos->layout->ncols;
	int total = atomic_fetch_add_explicit(&c->total, 1, memory_order_relaxed) + 1;
	return c->stop_after && total >= c->stop_after;
}

static void cap_diag(void *ctx, const struct diag *d)
{
	struct capture *c = ctx;
	if (c->ndiag == c->dcap) {
		c->dcap = c->dcap ? 2 * c->dcap : 64;
		c->diags = realloc(c->diags, c->dcap * sizeof(*c->diags));
	}
	c->diags[c->ndiag++] = *d;
}

static int key_cmp(const void *a, const void *b)
{
	const struct rec_key *x = a, *y = b;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* All records of both workers, sorted by line (lines are unique). */
static size_t cap_sorted(struct capture *c, struct rec_key **out)
{
	size_t n = c->nrec[0] + c->nrec[1];
	struct rec_key *all = malloc((n ? n : 1) * sizeof(*all));
	if (c->nrec[0])
		memcpy(all, c->recs[0], c->nrec[0] * sizeof(*all));
	if (c->nrec[1])
		memcpy(all + c->nrec[0], c->recs[1], c->nrec[1] * sizeof(*all));
	qsort(all, n, sizeof(*all), key_cmp);
	*out = all;
	return n;
}

static void cap_free(struct capture *c)
{
	free(c->recs[0]);
	free(c->recs[1]);
	free(c->diags);
	memset(c, 0, sizeof(*c));
}

static void assert_stats_equal(const struct scan_stats *a, const struct scan_stats *b)
{
	assert_memory_equal(a, b, sizeof(*a));
}

/* One and two workers on the same input: the same counters to the byte,
 * the same records (as a multiset: each with its line number and layout),
 * the same diagnostics in the same order. */
static void compare_workers(const char *path, const char *text, size_t len,
			    const struct scan_opts *base, int want_rc, size_t *nrec_out)
{
	struct capture c[2];
	struct scan_stats st[2];
	int rc[2];
	for (int k = 0; k < 2; k++) {
		struct scan_opts o = *base;
		struct diag d;
		o.parse_workers = k + 1;
		o.small_file = 1; /* these small files too */
		memset(&c[k], 0, sizeof(c[k]));
		scan_stats_init(&st[k]);
		diag_clear(&d);
		rc[k] = path ? scan_file(path, &o, cap_rec, cap_diag, &c[k], &st[k], &d)
			     : scan_buffer("mem", text, len, &o, cap_rec, cap_diag, &c[k], &st[k]);
		check_identity(&st[k]);
	}
	assert_int_equal(rc[0], want_rc);
	assert_int_equal(rc[1], want_rc);
	assert_int_equal(c[0].nrec[1], 0); /* one worker: all worker 0's */
	assert_stats_equal(&st[0], &st[1]);
	struct rec_key *a, *b;
	size_t na = cap_sorted(&c[0], &a), nb = cap_sorted(&c[1], &b);
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].line, b[i].line);
		assert_true(a[i].srcport == b[i].srcport);
		assert_true(a[i].bytes == b[i].bytes);
		assert_int_equal(a[i].ncols, b[i].ncols);
	}
	assert_int_equal(c[0].ndiag, c[1].ndiag);
	for (size_t i = 0; i < c[0].ndiag; i++) {
		assert_int_equal(c[0].diags[i].code, c[1].diags[i].code);
		assert_int_equal(c[0].diags[i].line, c[1].diags[i].line);
		assert_int_equal(c[0].diags[i].column, c[1].diags[i].column);
		assert_string_equal(c[0].diags[i].file, c[1].diags[i].file);
		assert_string_equal(c[0].diags[i].msg, c[1].diags[i].msg);
		if (i)
			assert_true(c[1].diags[i].line > c[1].diags[i - 1].line);
	}
	if (nrec_out)
		*nrec_out = na;
	free(a);
	free(b);
	cap_free(&c[0]);
	cap_free(&c[1]);
}

/* Runs of up to 150 bad lines (more than a worker's batch of 64
 * diagnostics) among good lines and headers, refused ones too, in chunks
 * of 64 to 2,063 bytes: two workers give what one does, and do not hang
 * (the caller's thread once waited for a wake-up after it had itself
 * moved the head, which the other worker, done and gone, never sent). */
static void test_two_workers_runs_of_bad_lines(void **state)
{
	(void)state;
	size_t cap = 1 << 20;
	char *text = malloc(cap);
	unsigned seed = 1;
#define RND() (seed = seed * 1103515245u + 12345u, seed >> 16)
	for (int it = 0; it < 150; it++) {
		size_t n = 0;
		int lines = (int)(RND() % 600) + 50;
		for (int i = 0; i < lines && n + 400 < cap; i++) {
			unsigned r = RND() % 100;
			if (r < 3)
				n += (size_t)snprintf(text + n, cap - n, "srcport bytes bytes\n");
			else if (r < 6)
				n += (size_t)snprintf(text + n, cap - n, "srcport bytes log-status\n");
			else if (r < 8)
				for (int k = (int)(RND() % 150), j = 0; j < k && n + 400 < cap; j++)
					n += (size_t)snprintf(text + n, cap - n, "bad line %d x\n", j);
			else
				n += (size_t)snprintf(text + n, cap - n, "%d %u OK\n", i % 65536, RND() % 1000);
		}
		struct scan_opts o;
		memset(&o, 0, sizeof(o));
		o.input.chunk_size = 64 + RND() % 2000;
		compare_workers(NULL, text, n, &o, 0, NULL);
	}
#undef RND
	free(text);
}

/* The mixed text (headers, blank lines, JSON, bad lines, a last line
 * without newline) through two workers, from memory and from files, text
 * and gzip, in chunks of every small size. */
static void test_two_workers_mixed(void **state)
{
	(void)state;
	char *plain = tl_path(tl_dir, "mixed2.log");
	char *gz = tl_path(tl_dir, "mixed2.log.gz");
	tl_write_file(plain, mixed, strlen(mixed));
	tl_write_gzip(gz, mixed, strlen(mixed));
	for (size_t chunk = 1; chunk <= 300; chunk += chunk < 24 ? 1 : 37) {
		struct scan_opts o;
		size_t nrec;
		memset(&o, 0, sizeof(o));
		o.input.chunk_size = chunk;
		compare_workers(NULL, mixed, strlen(mixed), &o, 0, &nrec);
		assert_int_equal(nrec, 6);
		compare_workers(plain, NULL, 0, &o, 0, NULL);
		compare_workers(gz, NULL, 0, &o, 0, NULL);
	}
	free(plain);
	free(gz);
}

/* A UTF-8 byte order mark before the first line (Windows tools write
 * one) is read past, by one worker and two, from memory, text and gzip:
 * the header after it sets the layout. Only there: later on, it is a
 * bad line like any. */
static void test_byte_order_mark(void **state)
{
	(void)state;
	char text[8192];
	size_t len = (size_t)snprintf(text, sizeof(text), "\xEF\xBB\xBFsrcport bytes interface-id\n");
	for (int i = 0; i < 120; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%d %d eni-%d\n", 1000 + i, i, i);
	char *plain = tl_path(tl_dir, "bom.log");
	char *gz = tl_path(tl_dir, "bom.log.gz");
	tl_write_file(plain, text, len);
	tl_write_gzip(gz, text, len);
	for (size_t chunk = 0; chunk <= 400; chunk += 100) {
		struct scan_opts o;
		size_t nrec;
		memset(&o, 0, sizeof(o));
		o.input.chunk_size = chunk;
		compare_workers(NULL, text, len, &o, 0, &nrec);
		assert_int_equal(nrec, 120);
		compare_workers(plain, NULL, 0, &o, 0, &nrec);
		assert_int_equal(nrec, 120);
		compare_workers(gz, NULL, 0, &o, 0, &nrec);
		assert_int_equal(nrec, 120);
	}
	struct seen s;
	struct scan_stats st;
	struct scan_opts o;
	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	scan_stats_init(&st);
	static const char later[] = "srcport bytes\n1 2\n\xEF\xBB\xBF"
				     "3 4\n";
	scan_buffer("later", later, sizeof(later) - 1, &o, on_rec, on_diag, &s, &st);
	check_identity(&st);
	assert_int_equal(s.nrec, 1);
	assert_int_equal(st.malformed, 1);
	assert_int_equal(s.diag_line[0], 3);
	/* named, as a terminal shows it as nothing */
	assert_non_null(strstr(s.first_msg, "bad number in field 'srcport'"));
	assert_non_null(strstr(s.first_msg, "(it starts with a byte order mark, U+FEFF"));
	/* the mark counts toward --max-line: a header that fits only without
	 * it is too long, for two workers as for one (the next chunk's
	 * layout had come from it) */
	static const char tight[] = "\xEF\xBB\xBFsrcport bytes\n1 2\n3 4\n5 6\n7 8\n";
	for (size_t chunk = 1; chunk <= 40; chunk += 13) {
		memset(&o, 0, sizeof(o));
		o.max_line = 15; /* "srcport bytes" is 13 bytes, 16 with the mark */
		o.input.chunk_size = chunk;
		size_t nrec;
		compare_workers(NULL, tight, sizeof(tight) - 1, &o, 0, &nrec);
		assert_int_equal(nrec, 0);
	}
	/* after an over-long first line the mark is on line 2, where it is
	 * not read past: the header there is a bad line, for two workers as
	 * for one (a chunk holding only the long line is left out) */
	char after[4096];
	size_t an = 0;
	memset(after, 'x', 300);
	an = 300;
	an += (size_t)snprintf(after + an, sizeof(after) - an, "\n\xEF\xBB\xBFsrcport bytes\n");
	for (int i = 0; i < 200; i++)
		an += (size_t)snprintf(after + an, sizeof(after) - an, "1 2\n");
	for (size_t chunk = 60; chunk <= 200; chunk += 70) {
		memset(&o, 0, sizeof(o));
		o.max_line = 64;
		o.input.chunk_size = chunk;
		size_t nrec;
		compare_workers(NULL, after, an, &o, 0, &nrec);
		assert_int_equal(nrec, 0);
	}
	free(plain);
	free(gz);
}

/* A CloudWatch Logs subscription envelope (many records in logEvents) is
 * a bad wrapper whose message names it; another bad wrapper's does not. */
static void test_envelope_named(void **state)
{
	(void)state;
	static const char text[] =
		"{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"message\":\"x\"}]}\n"
		"{\"msg\":\"2 1 eni-1 1.1.1.1 2.2.2.2 1 2 6 1 1 1 2 ACCEPT OK\"}\n";
	struct seen s;
	struct scan_stats st;
	struct scan_opts o;
	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	scan_stats_init(&st);
	scan_buffer("env", text, sizeof(text) - 1, &o, on_rec, on_diag, &s, &st);
	check_identity(&st);
	assert_int_equal(st.malformed_by[FL_E_WRAPPER], 2);
	assert_non_null(strstr(s.first_msg, "env:1: bad JSON wrapper: a CloudWatch Logs subscription "
					     "envelope (logEvents)"));
	memset(&s, 0, sizeof(s));
	scan_stats_init(&st);
	scan_buffer("env", strchr(text, '\n') + 1, strlen(strchr(text, '\n') + 1), &o, on_rec, on_diag, &s,
		    &st);
	assert_null(strstr(s.first_msg, "logEvents"));
	assert_non_null(strstr(s.first_msg, "bad JSON wrapper"));
}

/* A CloudWatch Logs export to S3 puts each event's time before its
 * message: read past, by one worker and two, its bytes counted with the
 * record. A wrapped JSON message after it is read too; a time with a
 * wrong shape stays part of the line, which is then malformed. */
static void test_export_stamps(void **state)
{
	(void)state;
	char text[32768];
	size_t len = 0;
	for (int i = 0; i < 150; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"2026-11-26T00:%02d:%02d.000Z 2 123456789012 eni-%d 10.0.0.%d "
					"52.216.8.9 %d 443 6 1 %d 1764115200 1764115260 ACCEPT OK\n",
					i / 60, i % 60, i, i % 250, 1000 + i, 100 + i);
	struct scan_opts o;
	size_t nrec;
	memset(&o, 0, sizeof(o));
	o.input.chunk_size = 300;
	compare_workers(NULL, text, len, &o, 0, &nrec);
	assert_int_equal(nrec, 150);

	static const char stamped[] =
		"2026-11-26T00:00:05.000Z 2 1 eni-1 1.1.1.1 2.2.2.2 7 2 6 1 10 1 2 ACCEPT OK\n"
		"2026-11-26T00:00:06Z {\"message\":\"2 1 eni-1 1.1.1.1 2.2.2.2 8 2 6 1 20 1 2 ACCEPT OK\"}\n"
		"2026-11-26 00:00:07Z 2 1 eni-1 1.1.1.1 2.2.2.2 9 2 6 1 40 1 2 ACCEPT OK\n"
		"2026-11-26T00:00:08Z \n"
		"2026-11-26T00:00:09.5Z  \t\r\n";
	struct seen s;
	struct scan_stats st;
	memset(&s, 0, sizeof(s));
	memset(&o, 0, sizeof(o));
	scan_stats_init(&st);
	scan_buffer("cwx", stamped, sizeof(stamped) - 1, &o, on_rec, on_diag, &s, &st);
	check_identity(&st);
	assert_int_equal(s.nrec, 2);
	assert_int_equal(s.srcport[0], 7);
	assert_int_equal(s.srcport[1], 8);
	assert_int_equal(st.flow_bytes, 30);
	assert_int_equal(st.malformed, 1);
	assert_int_equal(s.diag_line[0], 3);
	assert_int_equal(st.flow_text_bytes, strchr(strchr(stamped, '\n') + 1, '\n') + 1 - stamped);
	/* an event with no message is a blank line */
	assert_int_equal(st.blank_lines, 2);
}

/* A large input with a header every few hundred lines (layouts of
 * different column counts and orders, as in concatenated objects), bad
 * lines, over-long lines and blank lines spread through it, read in chunks
 * that end anywhere: with two workers every record must be parsed with the
 * layout in effect at its line and every diagnostic must name its line. */
static void test_two_workers_headers_midstream(void **state)
{
	(void)state;
	size_t cap = 4 << 20, n = 0;
	char *text = malloc(cap);
	unsigned seed = 7;
	int layout = 0;
	for (int i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		unsigned r = (seed >> 16) % 1000;
		if (i % 337 == 0 || r < 3) {
			/* the fourth is refused (a field named twice): its lines
			 * are malformed, whatever layout came before */
			layout = (int)((seed >> 8) % 4);
			static const char *hdr[] = {
				"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
				"srcport bytes log-status",
				"bytes action srcport srcaddr dstaddr flow-direction traffic-path",
				"srcport bytes bytes"};
			n += (size_t)snprintf(text + n, cap - n, "%s\n", hdr[layout]);
			continue;
		}
		if (r < 8) {
			n += (size_t)snprintf(text + n, cap - n, "garbage line %d\n", i);
			continue;
		}
		if (r < 10) {
			n += (size_t)snprintf(text + n, cap - n, " \t\n");
			continue;
		}
		if (r < 12) {
			for (int k = 0; k < 150 + (int)(r * 37 % 200); k++)
				text[n++] = 'x';
			text[n++] = '\n';
			continue;
		}
		if (r < 14) {
			n += (size_t)snprintf(text + n, cap - n, "{\"message\":\"%d 5 OK\"}\n", i % 65536);
			continue;
		}
		switch (layout) {
		case 0:
			n += (size_t)snprintf(text + n, cap - n,
					      "2 123456789010 eni-1 10.0.%u.1 2600:1f18::%x %d 443 6 10 %u 1418530010 1418530070 %s %s\n",
					      r % 256, r, i % 65536, r * 1000 + 7, r & 1 ? "ACCEPT" : "REJECT",
					      r % 50 == 0 ? "NODATA" : "OK");
			break;
		case 1:
			n += (size_t)snprintf(text + n, cap - n, "%d %u OK\n", i % 65536, r);
			break;
		case 2:
			n += (size_t)snprintf(text + n, cap - n, "%u ACCEPT %d 10.1.0.%u ::1 egress %u\n", r, i % 65536,
					      r % 256, r % 8);
			break;
		default:
			n += (size_t)snprintf(text + n, cap - n, "%d %u OK\n", i % 65536, r);
		}
	}
	text[n++] = '5'; /* a last line without newline */
	char *plain = tl_path(tl_dir, "big.log");
	char *gz = tl_path(tl_dir, "big.log.gz");
	tl_write_file(plain, text, n);
	tl_write_gzip(gz, text, n);
	static const size_t chunks[] = {0, 100, 4096, 65536};
	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		struct scan_opts o;
		memset(&o, 0, sizeof(o));
		o.max_line = 200;
		o.input.chunk_size = chunks[i];
		compare_workers(NULL, text, n, &o, 0, NULL);
		compare_workers(plain, NULL, 0, &o, 0, NULL);
		compare_workers(gz, NULL, 0, &o, 0, NULL);
	}
	free(plain);
	free(gz);
	free(text);
}

/* Over-long lines across chunks, last line over-long without newline, and
 * more bad lines in one chunk than a worker keeps before it must wait for
 * the caller's thread to deliver them. */
static void test_two_workers_long_and_many_diags(void **state)
{
	(void)state;
	enum { MAX = 100 };
	size_t cap = 1 << 20, n = 0;
	char *text = malloc(cap);
	for (int i = 0; i < 3000; i++) {
		if (i % 500 == 17) {
			for (int k = 0; k < 1000; k++)
				text[n++] = 'y';
			text[n++] = '\n';
		} else if (i % 3) {
			n += (size_t)snprintf(text + n, cap - n, "bad %d\n", i);
		} else {
			n += (size_t)snprintf(text + n, cap - n, "%s\n", L(9));
		}
	}
	for (int k = 0; k < 700; k++)
		text[n++] = 'z';
	for (size_t chunk = 0; chunk <= 300; chunk += 60) {
		struct scan_opts o;
		memset(&o, 0, sizeof(o));
		o.max_line = MAX;
		o.input.chunk_size = chunk;
		compare_workers(NULL, text, n, &o, 0, NULL);
	}
	char *gz = tl_path(tl_dir, "many.log.gz");
	tl_write_gzip(gz, text, n);
	struct scan_opts o;
	memset(&o, 0, sizeof(o));
	o.max_line = MAX;
	compare_workers(gz, NULL, 0, &o, 0, NULL);
	free(gz);
	free(text);
}

/* A gzip cut short and a callback that stops the scan, with two workers. */
static void test_two_workers_failure_and_abort(void **state)
{
	(void)state;
	size_t cap = 1 << 20, n = 0;
	char *text = malloc(cap);
	for (int i = 0; i < 5000; i++)
		n += (size_t)snprintf(text + n, cap - n,
				      "2 123456789010 eni-1 10.0.0.1 10.0.0.2 %d 443 6 10 1000 1418530010 1418530070 ACCEPT OK\n",
				      i);
	unsigned char *gz;
	size_t gzlen = tl_gzip(text, n, &gz);
	char *path = tl_path(tl_dir, "cut2.log.gz");
	tl_write_file(path, gz, gzlen / 2);
	for (size_t chunk = 0; chunk <= 5000; chunk += 2500) {
		struct scan_opts o;
		memset(&o, 0, sizeof(o));
		o.input.chunk_size = chunk;
		compare_workers(path, NULL, 0, &o, INPUT_E_TRUNCATED, NULL);
	}
	/* not gzip at all, and missing */
	char *bad = tl_path(tl_dir, "bad2.log.gz");
	tl_write_file(bad, "hello\n", 6);
	struct scan_opts o;
	memset(&o, 0, sizeof(o));
	compare_workers(bad, NULL, 0, &o, INPUT_E_NOT_GZIP, NULL);
	/* stop after some records: the scan says so and ends soon */
	struct capture c;
	struct scan_stats st;
	struct diag d;
	memset(&c, 0, sizeof(c));
	c.stop_after = 100;
	o.parse_workers = 2;
	o.input.chunk_size = 4096;
	scan_stats_init(&st);
	assert_int_equal(scan_buffer("mem", text, n, &o, cap_rec, cap_diag, &c, &st), SCAN_E_ABORTED);
	assert_true(c.nrec[0] + c.nrec[1] >= 100);
	assert_true(c.nrec[0] + c.nrec[1] < 5000);
	cap_free(&c);
	c.stop_after = 10;
	scan_stats_init(&st);
	tl_write_gzip(path, text, n);
	assert_int_equal(scan_file(path, &o, cap_rec, cap_diag, &c, &st, &d), SCAN_E_ABORTED);
	assert_true(c.nrec[0] + c.nrec[1] < 5000);
	cap_free(&c);
	free(bad);
	free(path);
	free(gz);
	free(text);
}

/* A gzip member that ends cleanly and then trailing garbage: the last
 * line of its text, without newline, is whole, as at a clean end (a
 * record), with either backend, one worker or two, with the reader thread
 * or without. The member cut in its trailer instead leaves that line
 * truncated. */
static void test_trailing_garbage_last_line(void **state)
{
	(void)state;
	static const char text[] =
		"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets "
		"bytes start end action log-status\n"
		"2 1 eni-1 10.0.1.5 1.1.1.1 1 2 6 1 100 1795600800 1795601400 ACCEPT OK\n"
		"2 1 eni-1 10.0.1.5 1.1.1.1 3 4 6 1 100 1795600800 1795601400 ACCEPT OK";
	static const enum input_backend backends[] = {INPUT_BACKEND_ZLIB, INPUT_BACKEND_ISAL};
	static const size_t chunks[] = {0, 16, 50};
	size_t len = strlen(text), last = strlen(strrchr(text, '\n') + 1);
	unsigned char *gz;
	size_t gzlen = tl_gzip(text, len, &gz);
	unsigned char *junk = malloc(gzlen + 4);
	memcpy(junk, gz, gzlen);
	memcpy(junk + gzlen, "JUNK", 4);
	char *path = tl_path(tl_dir, "junk.log.gz");
	for (int cut = 0; cut < 2; cut++) {
		if (cut)
			tl_write_file(path, gz, gzlen - 4);
		else
			tl_write_file(path, junk, gzlen + 4);
		int want = cut ? INPUT_E_TRUNCATED : INPUT_E_TRAILING;
		for (size_t b = 0; b < 2; b++) {
			if (!input_have_backend(backends[b]))
				continue;
			for (size_t c = 0; c < 3; c++) {
				for (int t = 0; t < 2; t++) {
					struct scan_opts o;
					struct seen s;
					struct scan_stats st;
					struct diag d;
					size_t nrec;
					memset(&o, 0, sizeof(o));
					memset(&s, 0, sizeof(s));
					o.input.backend = backends[b];
					o.input.chunk_size = chunks[c];
					o.input.threaded = t;
					o.small_file = 1;
					scan_stats_init(&st);
					assert_int_equal(scan_file(path, &o, on_rec, on_diag, &s, &st, &d), want);
					check_identity(&st);
					assert_int_equal(st.files_failed, 1);
					assert_int_equal(st.bytes_text, len);
					assert_int_equal(st.flows, 2 - cut);
					assert_int_equal(st.truncated_bytes, cut ? last : 0);
					assert_int_equal(st.malformed, 0);
					compare_workers(path, NULL, 0, &o, want, &nrec);
					assert_int_equal(nrec, 2 - cut);
				}
			}
		}
	}
	free(path);
	free(junk);
	free(gz);
}

static void test_stats_add(void **state)
{
	(void)state;
	struct scan_stats a, b;
	scan_stats_init(&a);
	scan_stats_init(&b);
	assert_int_equal(a.first_start, INT64_MAX);
	assert_int_equal(a.last_end, INT64_MIN);
	b.files = 2;
	b.lines = 5;
	b.malformed_by[FL_E_ENUM] = 3;
	b.first_start = 100;
	b.last_end = 200;
	scan_stats_add(&a, &b);
	b.first_start = 50;
	b.last_end = 150;
	scan_stats_add(&a, &b);
	assert_int_equal(a.files, 4);
	assert_int_equal(a.lines, 10);
	assert_int_equal(a.malformed_by[FL_E_ENUM], 6);
	assert_int_equal(a.first_start, 50);
	assert_int_equal(a.last_end, 200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_check_names_the_identity),
		cmocka_unit_test(test_mixed_buffer),
		cmocka_unit_test(test_chunk_boundaries),
		cmocka_unit_test(test_byte_order_mark),
		cmocka_unit_test(test_envelope_named),
		cmocka_unit_test(test_export_stamps),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_fields_option_and_abort),
		cmocka_unit_test(test_field_count_hint_and_vpc_only),
		cmocka_unit_test(test_failed_input),
		cmocka_unit_test(test_stats_add),
		cmocka_unit_test(test_two_workers_mixed),
		cmocka_unit_test(test_two_workers_runs_of_bad_lines),
		cmocka_unit_test(test_two_workers_headers_midstream),
		cmocka_unit_test(test_two_workers_long_and_many_diags),
		cmocka_unit_test(test_two_workers_failure_and_abort),
		cmocka_unit_test(test_trailing_garbage_last_line),
	};
	return cmocka_run_group_tests(tests, tl_dir_setup, tl_dir_teardown);
}
