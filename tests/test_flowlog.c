/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the flow-log parser (parsers/flowlog.c): layouts from the
 * default format, from --fields in its three spellings and from header
 * lines; every field kind; every error reason; blanks, CRLF, "-" values,
 * IPv4/IPv6, 64-bit limits and the JSON message wrapper.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "flowlog.h"
#include "testlib.h"

#define V2_HEADER                                                                          \
	"version account-id interface-id srcaddr dstaddr srcport dstport protocol packets " \
	"bytes start end action log-status"
#define V2_LINE                                                                            \
	"2 012345678901 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 " \
	"1418530010 1418530070 ACCEPT OK"

static struct fl_layout lay_v2;

static int parse(const struct fl_layout *lay, const char *line, struct fl_record *rec)
{
	return fl_parse_line(lay, line, strlen(line), rec);
}

static void spec(struct fl_layout *lay, const char *s)
{
	char err[128] = "";
	int rc = fl_layout_from_spec(lay, s, strlen(s), err, sizeof(err));
	if (rc != 0)
		fail_msg("spec '%s': %s", s, err);
}

static int spec_err(const char *s, char *err, size_t errlen)
{
	struct fl_layout lay;
	return fl_layout_from_spec(&lay, s, strlen(s), err, errlen);
}

static void assert_text(const struct fl_record *r, enum fl_field f, const char *want)
{
	assert_true(fl_has(r, f));
	assert_int_equal(r->text[f].len, strlen(want));
	assert_memory_equal(r->text[f].p, want, strlen(want));
}

static void test_field_table(void **state)
{
	(void)state;
	/* names are unique, lowercase-hyphen, versions ascend within the table */
	for (int f = 0; f < FL_NFIELDS; f++) {
		assert_non_null(fl_fields[f].name);
		for (int g = f + 1; g < FL_NFIELDS; g++)
			assert_string_not_equal(fl_fields[f].name, fl_fields[g].name);
		assert_in_range(fl_fields[f].version, 2, 10);
	}
	assert_true(FL_NFIELDS <= 64); /* fits the present bitmask */
	assert_int_equal(fl_fields[FL_BYTES].max, UINT64_MAX);
	assert_int_equal(fl_fields[FL_SRCPORT].max, 65535);
	assert_int_equal(fl_fields[FL_SRCADDR].kind, FK_ADDR);
	assert_int_equal(fl_fields[FL_ACTION].kind, FK_ENUM);
	assert_int_equal(fl_fields[FL_ACCOUNT_ID].kind, FK_STR);
	assert_string_equal(fl_enum_name(FL_ACTION, FL_REJECT), "REJECT");
	assert_string_equal(fl_enum_name(FL_LOG_STATUS, FL_SKIPDATA), "SKIPDATA");
	assert_string_equal(fl_enum_name(FL_TYPE, FL_EFA), "EFA");
	assert_string_equal(fl_enum_name(FL_FLOW_DIRECTION, FL_EGRESS), "egress");
	assert_string_equal(fl_enum_name(FL_SUBLOCATION_TYPE, FL_LOCALZONE), "localzone");
	assert_null(fl_enum_name(FL_ACTION, 0));
	assert_null(fl_enum_name(FL_ACTION, 3));
	assert_null(fl_enum_name(FL_SRCPORT, 1));
	assert_int_equal(fl_addr_slot(FL_PKT_DSTADDR), 3);
	assert_int_equal(fl_addr_slot(FL_BYTES), -1);
}

static void test_error_texts(void **state)
{
	(void)state;
	for (int i = 1; i < FL_NERRORS; i++) {
		assert_string_not_equal(fl_strerror(i), "unknown");
		assert_string_equal(fl_strerror(i), fl_strerror(-i));
		for (int j = i + 1; j < FL_NERRORS; j++) {
			assert_string_not_equal(fl_strerror(i), fl_strerror(j));
			assert_string_not_equal(fl_error_key(i), fl_error_key(j));
		}
		for (const char *k = fl_error_key(i); *k; k++)
			assert_true((*k >= 'a' && *k <= 'z') || *k == '_');
	}
	assert_string_equal(fl_strerror(FL_E_TOO_LONG), "line too long");
	assert_string_equal(fl_error_key(FL_E_NUMBER), "bad_number");
	assert_string_equal(fl_strerror(FL_NERRORS), "unknown");
	assert_string_equal(fl_error_key(1000), "unknown");
}

static void test_default_layout(void **state)
{
	(void)state;
	struct fl_layout a;
	spec(&a, V2_HEADER);
	assert_int_equal(lay_v2.ncols, 14);
	assert_int_equal(a.ncols, 14);
	assert_memory_equal(a.col, lay_v2.col, sizeof(a.col[0]) * 14);
	assert_int_equal(a.fields, lay_v2.fields);
	assert_int_equal(lay_v2.pos[FL_LOG_STATUS], 13);
	assert_int_equal(lay_v2.pos[FL_VPC_ID], -1);
}

static void test_v2_line(void **state)
{
	(void)state;
	struct fl_record r;
	assert_int_equal(parse(&lay_v2, V2_LINE, &r), 0);
	assert_int_equal(r.ncols, 14);
	assert_int_equal(r.err_col, -1);
	assert_int_equal(r.num[FL_VERSION], 2);
	assert_text(&r, FL_ACCOUNT_ID, "012345678901"); /* leading zero kept */
	assert_text(&r, FL_INTERFACE_ID, "eni-1235b8ca123456789");
	const struct fl_addr *s = fl_addr(&r, FL_SRCADDR), *d = fl_addr(&r, FL_DSTADDR);
	assert_int_equal(s->family, 4);
	assert_memory_equal(s->b, "\xac\x1f\x10\x8b", 4);
	assert_memory_equal(d->b, "\xac\x1f\x10\x15", 4);
	assert_int_equal(r.num[FL_SRCPORT], 20641);
	assert_int_equal(r.num[FL_DSTPORT], 22);
	assert_int_equal(r.num[FL_PROTOCOL], 6);
	assert_int_equal(r.num[FL_PACKETS], 20);
	assert_int_equal(r.num[FL_BYTES], 4249);
	assert_int_equal(r.num[FL_START], 1418530010);
	assert_int_equal(r.num[FL_END], 1418530070);
	assert_int_equal(r.num[FL_ACTION], FL_ACCEPT);
	assert_int_equal(r.num[FL_LOG_STATUS], FL_OK);
	assert_int_equal(r.present, lay_v2.fields);
	assert_int_equal(r.text[FL_SRCADDR].len, strlen("172.31.16.139"));
}

/* Every known field in one layout, each with a value of its kind. */
static void test_every_field(void **state)
{
	(void)state;
	char specbuf[2048] = "", line[4096] = "";
	char val[FL_NFIELDS][64];
	for (int f = 0; f < FL_NFIELDS; f++) {
		strcat(specbuf, fl_fields[f].name);
		strcat(specbuf, " ");
		switch (fl_fields[f].kind) {
		case FK_UINT:
			snprintf(val[f], sizeof(val[f]), "%d", 100 + f);
			break;
		case FK_STR:
			snprintf(val[f], sizeof(val[f]), "s-%s", fl_fields[f].name);
			break;
		case FK_ADDR:
			snprintf(val[f], sizeof(val[f]), f == FL_DSTADDR ? "2001:db8::%d" : "10.0.0.%d", f);
			break;
		case FK_ENUM:
			snprintf(val[f], sizeof(val[f]), "%s", fl_enum_name((enum fl_field)f, 2));
			break;
		}
		strcat(line, val[f]);
		strcat(line, " ");
	}
	struct fl_layout lay;
	struct fl_record r;
	spec(&lay, specbuf);
	assert_int_equal(lay.ncols, FL_NFIELDS);
	assert_int_equal(parse(&lay, line, &r), 0);
	for (int f = 0; f < FL_NFIELDS; f++) {
		assert_true(fl_has(&r, (enum fl_field)f));
		assert_int_equal(r.text[f].len, strlen(val[f]));
		assert_memory_equal(r.text[f].p, val[f], strlen(val[f]));
		switch (fl_fields[f].kind) {
		case FK_UINT:
			assert_int_equal(r.num[f], 100 + f);
			break;
		case FK_ENUM:
			assert_int_equal(r.num[f], 2);
			break;
		case FK_ADDR: {
			char buf[64];
			fl_addr_format(fl_addr(&r, (enum fl_field)f), buf, sizeof(buf));
			assert_string_equal(buf, val[f]);
			assert_int_equal(fl_addr(&r, (enum fl_field)f)->family, f == FL_DSTADDR ? 6 : 4);
			break;
		}
		case FK_STR:
			break;
		}
	}
	/* every enum value of every enum field, and one beyond */
	for (int f = 0; f < FL_NFIELDS; f++) {
		if (fl_fields[f].kind != FK_ENUM)
			continue;
		char one[64];
		snprintf(one, sizeof(one), "%s", fl_fields[f].name);
		spec(&lay, one);
		uint64_t v;
		for (v = 1; fl_enum_name((enum fl_field)f, v); v++) {
			assert_int_equal(parse(&lay, fl_enum_name((enum fl_field)f, v), &r), 0);
			assert_int_equal(r.num[f], v);
		}
		assert_true(v >= 3);
	}
}

static void test_dash_values(void **state)
{
	(void)state;
	struct fl_record r;
	const char *nodata = "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA";
	assert_int_equal(parse(&lay_v2, nodata, &r), 0);
	assert_false(fl_has(&r, FL_SRCADDR));
	assert_false(fl_has(&r, FL_BYTES));
	assert_false(fl_has(&r, FL_ACTION));
	assert_true(fl_has(&r, FL_START));
	assert_int_equal(r.num[FL_LOG_STATUS], FL_NODATA);
	/* a "-" in every column, strings included */
	const char *all = "- - - - - - - - - - - - - -";
	assert_int_equal(parse(&lay_v2, all, &r), 0);
	assert_int_equal(r.present, 0);
	/* "--" is not "-" */
	struct fl_layout lay;
	spec(&lay, "srcport account-id");
	assert_int_equal(parse(&lay, "-- --", &r), -FL_E_NUMBER);
	assert_int_equal(parse(&lay, "1 --", &r), 0);
	assert_text(&r, FL_ACCOUNT_ID, "--");
}

static void test_blanks_and_crlf(void **state)
{
	(void)state;
	struct fl_record r;
	const char *variants[] = {
		V2_LINE "\r",
		V2_LINE " \r",
		"  " V2_LINE "\t \r",
		/* one line, spread over two source lines */
		("2\t012345678901  eni-1235b8ca123456789 \t 172.31.16.139 172.31.16.21 20641 22 6 20 "
		 "4249 1418530010 1418530070 ACCEPT\t\tOK"),
	};
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		assert_int_equal(parse(&lay_v2, variants[i], &r), 0);
		assert_int_equal(r.ncols, 14);
		assert_text(&r, FL_ACCOUNT_ID, "012345678901");
		assert_int_equal(r.num[FL_LOG_STATUS], FL_OK);
		assert_int_equal(r.text[FL_LOG_STATUS].len, 2);
	}
	/* a CR inside the line is a control character, not a separator */
	assert_int_equal(parse(&lay_v2, "2\r012345678901 eni-1 1.2.3.4 1.2.3.4 1 2 6 1 1 1 2 ACCEPT OK", &r),
			 -FL_E_CONTROL);
	assert_int_equal(r.err_col, 0);
}

/* The tokenizing rules, byte by byte: runs of spaces and tabs separate
 * columns, any other byte <= ' ' is a control character that makes the
 * line malformed (at the column it is in or starts), trailing CR and
 * blanks are dropped. Fills col[] and returns 0 or -FL_E_*. */
static int ref_tokens(const char *line, size_t len, int ncols, struct fl_str *col, int *ncol_out,
		      int *err_col)
{
	const unsigned char *q = (const unsigned char *)line;
	int c = 0;
	*err_col = -1;
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	size_t i = 0;
	while (i < len) {
		while (i < len && (q[i] == ' ' || q[i] == '\t'))
			i++;
		if (i == len)
			break;
		size_t s = i;
		while (i < len && q[i] > ' ')
			i++;
		if (i < len && q[i] != ' ' && q[i] != '\t') {
			*err_col = c < ncols ? c : -1;
			return -FL_E_CONTROL;
		}
		if (c >= ncols) {
			*ncol_out = c + 1;
			return -FL_E_FIELD_COUNT;
		}
		col[c].p = line + s;
		col[c].len = (uint32_t)(i - s);
		c++;
	}
	*ncol_out = c;
	return c == ncols ? 0 : -FL_E_FIELD_COUNT;
}

/* fl_parse_line finds separators eight bytes at a time (portable) or 64
 * (vector): on random lines of blanks, tabs, control characters, CRs and
 * high bytes, of up to 400 bytes and 40 columns, both must agree with the
 * byte-by-byte rules. */
static void tokens_match_bytewise_rules(void)
{
	static const char alphabet[] = {'a', 'b', '7', '-', ' ', ' ', ' ', '\t', '\r', '\x01',
					'\x1f', '\x7f', (char)0x80, (char)0xff, '!', ' '};
	static struct fl_record rec;
	struct fl_str ref[FL_MAX_COLUMNS];
	char header[8 * FL_MAX_COLUMNS], line[400];
	unsigned x = 2024;

	for (int trial = 0; trial < 20000; trial++) {
		x = x * 1103515245u + 12345u;
		int ncols = 1 + (int)((x >> 16) % 40);
		size_t o = 0;
		for (int k = 0; k < ncols; k++)
			o += (size_t)snprintf(header + o, sizeof(header) - o, "%sxcol%d", k ? " " : "", k);
		struct fl_layout lay;
		assert_int_equal(fl_layout_from_header(&lay, header, o), 0);
		x = x * 1103515245u + 12345u;
		size_t len = (x >> 16) % sizeof(line);
		/* mostly tokens and single spaces, so that many lines are good */
		int rare = (x >> 8) & 1;
		for (size_t k = 0; k < len; k++) {
			x = x * 1103515245u + 12345u;
			unsigned r = x >> 16;
			line[k] = rare ? alphabet[r % sizeof(alphabet)] : (r % 5 == 0 ? ' ' : 'a' + (char)(r % 26));
		}
		int rn = 0, rerr = -1;
		int want = ref_tokens(line, len, lay.ncols, ref, &rn, &rerr);
		/* an exact-size copy: AddressSanitizer sees any read past it */
		char *copy = malloc(len ? len : 1);
		memcpy(copy, line, len);
		int got = fl_parse_line(&lay, copy, len, &rec);
		assert_int_equal(got, want);
		if (want == -FL_E_CONTROL)
			assert_int_equal(rec.err_col, rerr);
		if (want == -FL_E_FIELD_COUNT || want == 0)
			assert_int_equal(rec.ncols, rn);
		if (want == 0)
			for (int k = 0; k < rn; k++) {
				assert_int_equal(rec.col[k].p - copy, ref[k].p - line);
				assert_int_equal(rec.col[k].len, ref[k].len);
			}
		free(copy);
	}
}

static void test_tokens_match_bytewise_rules(void **state)
{
	(void)state;
	assert_int_equal(fl_simd_select(FL_SIMD_OFF), FL_SIMD_OFF);
	tokens_match_bytewise_rules();
	if (fl_simd_select(FL_SIMD_AUTO) == FL_SIMD_OFF)
		print_message("no vector parser on this CPU: portable parser only\n");
	tokens_match_bytewise_rules();
}

/* The vector parser keeps token edges as 16-bit offsets: a line longer
 * than 65,535 bytes (possible with --max-line raised) must still give
 * each column's text, with either parser. */
static void test_line_over_64k(void **state)
{
	(void)state;
	static const char spec[] = "srcport xwide xlast";
	struct fl_layout lay;
	char err[128];
	assert_int_equal(fl_layout_from_spec(&lay, spec, strlen(spec), err, sizeof(err)), 0);
	size_t wide = 70000, len = 4 + wide + 5;
	char *line = malloc(len);
	memcpy(line, "443 ", 4);
	memset(line + 4, 'w', wide);
	memcpy(line + 4 + wide, " tail", 5);
	static struct fl_record rec;
	for (int simd = 0; simd < 2; simd++) {
		fl_simd_select(simd ? FL_SIMD_AUTO : FL_SIMD_OFF);
		assert_int_equal(fl_parse_line(&lay, line, len, &rec), 0);
		assert_int_equal(rec.num[FL_SRCPORT], 443);
		assert_true(rec.col[1].p == line + 4);
		assert_int_equal(rec.col[1].len, wide);
		assert_true(rec.col[2].p == line + 4 + wide + 1);
		assert_int_equal(rec.col[2].len, 4);
	}
	free(line);
}

/* A random value for a column of kind k: mostly good, sometimes "-",
 * sometimes just wrong (a digit too many, a stray letter, a part over 255,
 * an IPv6 address, leading zeros). */
static size_t random_value(enum fl_kind k, enum fl_field f, uint64_t *x, char *o, size_t cap)
{
	uint64_t r = tl_xorshift(x);
	if (r % 23 == 0)
		return (size_t)snprintf(o, cap, "-");
	switch (k) {
	case FK_UINT: {
		if (r % 5) { /* in range, of any length up to the field's largest */
			uint64_t mx = fl_fields[f].max, v = tl_xorshift(x);
			v >>= (r >> 8) % 64;
			return (size_t)snprintf(o, cap, "%llu",
						(unsigned long long)(mx == UINT64_MAX ? v : v % (mx + 1)));
		}
		int digits = 1 + (int)((r >> 8) % 22);
		size_t n = 0;
		for (int i = 0; i < digits; i++)
			o[n++] = (char)('0' + tl_xorshift(x) % 10);
		if (r % 31 == 1)
			o[(r >> 20) % n] = "x:.+"[(r >> 30) % 4];
		o[n] = '\0';
		return n;
	}
	case FK_ADDR: {
		if (r % 7 == 1)
			return (size_t)snprintf(o, cap, "2001:db8::%x:%x", (unsigned)(r >> 12) & 0xffff,
						(unsigned)(r >> 40) & 0xffff);
		unsigned p[4];
		for (int i = 0; i < 4; i++)
			p[i] = (unsigned)(tl_xorshift(x) % (r % 11 == 2 ? 400 : 256));
		if (r % 13 == 3)
			return (size_t)snprintf(o, cap, "%03u.%u.%02u.%u", p[0], p[1], p[2], p[3]);
		if (r % 17 == 4)
			return (size_t)snprintf(o, cap, "%u.%u.%u", p[0], p[1], p[2]);
		return (size_t)snprintf(o, cap, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	}
	case FK_ENUM: {
		const char *name = fl_enum_name(f, 1 + (r >> 8) % 3);
		size_t n = (size_t)snprintf(o, cap, "%s", name && r % 29 ? name : "BOGUS");
		if (r % 17 == 2 && n > 1) { /* a near miss: one byte short, over or off */
			int how = (int)((r >> 24) % 3);
			if (how == 0)
				o[--n] = '\0';
			else if (how == 1)
				o[n++] = 'X', o[n] = '\0';
			else
				o[(r >> 32) % n] ^= 0x20;
		}
		return n;
	}
	case FK_STR:
		break;
	}
	if (r % 9 == 0) { /* a token longer than a 64-byte block */
		size_t n = 65 + (size_t)(r >> 16) % 140;
		memset(o, 'a', n);
		o[n] = '\0';
		return n;
	}
	return (size_t)snprintf(o, cap, "s%llx", (unsigned long long)(r >> 20));
}

/* Two results of one line: the same fields, and the same text for each
 * ignored column of a good line and for the column a bad value is in (the
 * only columns whose col[] the parsers promise). */
static void assert_same_record(int rc, const struct fl_record *a, const struct fl_record *b,
			       const struct fl_layout *lay)
{
	assert_int_equal(a->ncols, b->ncols);
	assert_int_equal(a->err_col, b->err_col);
	assert_int_equal(a->present, b->present);
	for (int k = 0; rc == 0 && k < lay->nignored; k++) {
		int c = lay->ignored_col[k];
		assert_ptr_equal(a->col[c].p, b->col[c].p);
		assert_int_equal(a->col[c].len, b->col[c].len);
	}
	if (a->err_col >= 0 && rc != -FL_E_CONTROL) {
		assert_ptr_equal(a->col[a->err_col].p, b->col[a->err_col].p);
		assert_int_equal(a->col[a->err_col].len, b->col[a->err_col].len);
	}
	for (int f = 0; f < FL_NFIELDS; f++) {
		if (!fl_has(a, (enum fl_field)f))
			continue;
		assert_ptr_equal(a->text[f].p, b->text[f].p);
		assert_int_equal(a->text[f].len, b->text[f].len);
		if (fl_fields[f].kind == FK_UINT || fl_fields[f].kind == FK_ENUM)
			assert_true(a->num[f] == b->num[f]);
		if (fl_fields[f].kind == FK_ADDR) {
			const struct fl_addr *x = fl_addr(a, (enum fl_field)f), *y = fl_addr(b, (enum fl_field)f);
			assert_int_equal(x->family, y->family);
			assert_memory_equal(x->b, y->b, 16);
		}
	}
}

/* Parse a line with the portable parser and with the one fl_simd_select
 * picks (the vector one where the CPU has it): both must return the same. */
static int parse_both(const struct fl_layout *lay, const char *p, size_t len)
{
	static struct fl_record ra, rb;
	fl_simd_select(FL_SIMD_OFF);
	int a = fl_parse_line(lay, p, len, &ra);
	fl_simd_select(FL_SIMD_AUTO);
	int b = fl_parse_line(lay, p, len, &rb);
	assert_int_equal(a, b);
	assert_same_record(a, &ra, &rb, lay);
	return a;
}

/* The vector parser against the portable one, field by field, on 50,000
 * records of every field in shuffled orders, with good and bad values of
 * every kind: numbers of 1 to 22 digits, addresses with leading zeros,
 * parts over 255 and IPv6, enums, "-". */
static void test_vector_matches_portable(void **state)
{
	uint64_t x = 77;
	char line[8192];
	int good = 0;
	(void)state;
	if (fl_simd_select(FL_SIMD_AUTO) == FL_SIMD_OFF)
		skip();
	for (int trial = 0; trial < 50000; trial++) {
		struct fl_layout lay;
		int order[FL_NFIELDS], nf = 0;
		uint64_t r = tl_xorshift(&x);
		/* every field, or the first 14 (v2), in a shuffled order */
		int want = r % 2 ? FL_NFIELDS : FL_LOG_STATUS + 1;
		for (int f = 0; f < want; f++)
			order[nf++] = f;
		for (int i = nf - 1; i > 0; i--) {
			int j = (int)(tl_xorshift(&x) % (uint64_t)(i + 1)), t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		char spec_text[2048];
		size_t o = 0, n = 0;
		for (int i = 0; i < nf; i++)
			o += (size_t)snprintf(spec_text + o, sizeof(spec_text) - o, "%s ",
					      fl_fields[order[i]].name);
		spec(&lay, spec_text);
		/* srcaddr and dstaddr first, so that pkt-srcaddr and
		 * pkt-dstaddr can often be the same text, as in real logs */
		char base[2][256];
		for (int s = 0; s < 2; s++)
			random_value(FK_ADDR, s ? FL_DSTADDR : FL_SRCADDR, &x, base[s], sizeof(base[s]));
		for (int i = 0; i < nf; i++) {
			enum fl_field f = (enum fl_field)order[i];
			int slot = fl_fields[f].kind == FK_ADDR ? fl_addr_slot(f) : -1;
			if (slot >= 0 && (slot < 2 || tl_xorshift(&x) % 2))
				n += (size_t)snprintf(line + n, sizeof(line) - n, "%s", base[slot % 2]);
			else
				n += random_value(fl_fields[f].kind, f, &x, line + n, sizeof(line) - n - 256);
			line[n++] = (r >> (i % 60)) & 1 ? ' ' : '\t';
		}
		n -= (r >> 61) & 1; /* sometimes no trailing blank */
		char *copy = malloc(n);
		memcpy(copy, line, n);
		good += parse_both(&lay, copy, n) == 0;
		free(copy);
	}
	/* both good and bad lines were made */
	print_message("%d of 50000 lines good\n", good);
	assert_true(good > 5000 && good < 45000);
}

/* Lines flush against unreadable pages, at the end of a page and at the
 * start of the next: the vector parser's loads reach past the line only
 * masked (which never fault), and AddressSanitizer does not see masked
 * loads, so only a guard page checks them. Both parsers must agree. */
static void test_lines_at_guard_pages(void **state)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *base = mmap(NULL, (size_t)pg * 3, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	(void)state;
	assert_true(base != MAP_FAILED);
	assert_int_equal(mprotect(base, (size_t)pg, PROT_NONE), 0);
	assert_int_equal(mprotect(base + 2 * pg, (size_t)pg, PROT_NONE), 0);
	char *page = base + pg;
	uint64_t x = 11;
	char line[512];
	for (int trial = 0; trial < 4000; trial++) {
		/* v2 lines with values of every length, some cut short */
		int n = snprintf(line, sizeof(line), "2 %llu eni-%llx %u.%u.%u.%u %u.%u.%u.%u %u %u 6 %llu %llu %llu %llu %s OK",
				 (unsigned long long)(tl_xorshift(&x) % 1000000000000ULL),
				 (unsigned long long)tl_xorshift(&x), (unsigned)(tl_xorshift(&x) % 256),
				 (unsigned)(tl_xorshift(&x) % 256), (unsigned)(tl_xorshift(&x) % 256),
				 (unsigned)(tl_xorshift(&x) % 256), (unsigned)(tl_xorshift(&x) % 256),
				 (unsigned)(tl_xorshift(&x) % 256), (unsigned)(tl_xorshift(&x) % 256),
				 (unsigned)(tl_xorshift(&x) % 256), (unsigned)(tl_xorshift(&x) % 65536),
				 (unsigned)(tl_xorshift(&x) % 65536),
				 (unsigned long long)(tl_xorshift(&x) >> (tl_xorshift(&x) % 64)),
				 (unsigned long long)(tl_xorshift(&x) >> (tl_xorshift(&x) % 64)),
				 (unsigned long long)(tl_xorshift(&x) % 2000000000),
				 (unsigned long long)(tl_xorshift(&x) % 2000000000),
				 tl_xorshift(&x) % 2 ? "ACCEPT" : "REJECT");
		size_t len = (size_t)n - (size_t)(tl_xorshift(&x) % 4 == 0 ? tl_xorshift(&x) % (uint64_t)n : 0);
		for (int at = 0; at < 2; at++) {
			char *p = at ? page : page + pg - len; /* page start, or page end */
			memcpy(p, line, len);
			parse_both(&lay_v2, p, len);
			uint32_t pos[4];
			assert_int_equal(fl_newlines(p, len, pos, 4), 0);
		}
	}
	munmap(base, (size_t)pg * 3);
}

/* fl_newlines, both ways, against a byte loop: buffers of 0 to 700 bytes
 * with newlines at random, every cap from 0 to past the count. */
static void test_newlines(void **state)
{
	uint32_t pos[40], want[700];
	char buf[700];
	uint64_t x = 5;
	(void)state;
	for (int trial = 0; trial < 3000; trial++) {
		size_t n = (size_t)(tl_xorshift(&x) % sizeof(buf)), count = 0;
		unsigned density = 2 + (unsigned)(tl_xorshift(&x) % 60);
		for (size_t i = 0; i < n; i++) {
			buf[i] = tl_xorshift(&x) % density == 0 ? '\n' : 'a';
			if (buf[i] == '\n')
				want[count++] = (uint32_t)i;
		}
		char *copy = malloc(n ? n : 1); /* exact size: ASan sees overreads */
		memcpy(copy, buf, n);
		for (int mode = 0; mode < 2; mode++) {
			fl_simd_select(mode ? FL_SIMD_AUTO : FL_SIMD_OFF);
			size_t cap = (size_t)(tl_xorshift(&x) % 41);
			size_t got = fl_newlines(copy, n, pos, cap);
			assert_int_equal(got, count < cap ? count : cap);
			for (size_t i = 0; i < got; i++)
				assert_int_equal(pos[i], want[i]);
		}
		free(copy);
	}
	fl_simd_select(FL_SIMD_AUTO);
}

static void test_field_count(void **state)
{
	(void)state;
	struct fl_record r;
	assert_int_equal(parse(&lay_v2, "2 123 eni-1 1.2.3.4", &r), -FL_E_FIELD_COUNT);
	assert_int_equal(r.ncols, 4);
	assert_int_equal(parse(&lay_v2, V2_LINE " extra", &r), -FL_E_FIELD_COUNT);
	assert_int_equal(r.ncols, 15);
	assert_int_equal(parse(&lay_v2, "", &r), -FL_E_FIELD_COUNT);
	assert_int_equal(parse(&lay_v2, " \t\r", &r), -FL_E_FIELD_COUNT);
	assert_int_equal(r.ncols, 0);
	/* the count is the reason even when an earlier column is bad too */
	assert_int_equal(parse(&lay_v2, "Phony unsupported log format.", &r), -FL_E_FIELD_COUNT);
	assert_int_equal(r.ncols, 4);
	assert_int_equal(r.err_col, -1);
	assert_int_equal(parse(&lay_v2, "x " V2_LINE, &r), -FL_E_FIELD_COUNT);
	assert_int_equal(r.ncols, 15);
	assert_int_equal(parse(&lay_v2, "2 1 eni-1 1.2.3.4 1.2.3.4 1 2 6 1 1 1 2 ACCEPT NOSUCH", &r), -FL_E_ENUM);
	assert_int_equal(r.err_col, 13);
}

struct bad_case {
	const char *spec;
	const char *line;
	int rc;
	int col;
};

static void test_error_reasons(void **state)
{
	(void)state;
	static const struct bad_case cases[] = {
		/* numbers */
		{"srcport", "12a", -FL_E_NUMBER, 0},
		{"srcport", "+1", -FL_E_NUMBER, 0},
		{"srcport", "1.5", -FL_E_NUMBER, 0},
		{"srcaddr srcport", "1.2.3.4 0x10", -FL_E_NUMBER, 1},
		{"srcport", "65536", -FL_E_RANGE, 0},
		{"srcport", "99999999999999999999999", -FL_E_RANGE, 0},
		{"srcport", "99999999999999999999999x", -FL_E_NUMBER, 0},
		{"protocol", "256", -FL_E_RANGE, 0},
		{"tcp-flags", "65536", -FL_E_RANGE, 0},
		{"traffic-path", "256", -FL_E_RANGE, 0},
		{"version", "4294967296", -FL_E_RANGE, 0},
		{"start", "9223372036854775808", -FL_E_RANGE, 0},
		{"bytes", "18446744073709551616", -FL_E_RANGE, 0},
		{"packets", "18446744073709551616", -FL_E_RANGE, 0},
		{"bytes", "118446744073709551615", -FL_E_RANGE, 0},
		/* addresses */
		{"srcaddr", "256.1.1.1", -FL_E_ADDRESS, 0},
		{"srcaddr", "1.2.3", -FL_E_ADDRESS, 0},
		{"srcaddr", "1.2.3.4.5", -FL_E_ADDRESS, 0},
		{"srcaddr", "1..2.3", -FL_E_ADDRESS, 0},
		{"srcaddr", "1.2.3.4/24", -FL_E_ADDRESS, 0},
		{"dstaddr", "2001:db8::g", -FL_E_ADDRESS, 0},
		{"dstaddr", "2001:db8:::1", -FL_E_ADDRESS, 0},
		{"pkt-srcaddr", "eni-123", -FL_E_ADDRESS, 0},
		{"srcport pkt-dstaddr", "1 1:2:3:4:5:6:7:8:9", -FL_E_ADDRESS, 1},
		/* enumerations are case-sensitive */
		{"action", "accept", -FL_E_ENUM, 0},
		{"action", "DROP", -FL_E_ENUM, 0},
		{"log-status", "OKAY", -FL_E_ENUM, 0},
		{"type", "ipv4", -FL_E_ENUM, 0},
		{"flow-direction", "Ingress", -FL_E_ENUM, 0},
		{"sublocation-type", "region", -FL_E_ENUM, 0},
		/* control characters */
		{"account-id", "12\x01" "3", -FL_E_CONTROL, 0},
		{"srcport account-id", "1 \x1b[0m", -FL_E_CONTROL, 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fl_layout lay;
		struct fl_record r;
		spec(&lay, cases[i].spec);
		int rc = parse(&lay, cases[i].line, &r);
		if (rc != cases[i].rc || r.err_col != cases[i].col)
			fail_msg("'%s' as '%s': rc %d col %d, want %d col %d", cases[i].line,
				 cases[i].spec, rc, r.err_col, cases[i].rc, cases[i].col);
	}
	/* a NUL byte inside the range */
	struct fl_record r;
	struct fl_layout lay;
	spec(&lay, "account-id srcport");
	assert_int_equal(fl_parse_line(&lay, "12\0003 4", 6, &r), -FL_E_CONTROL);
	/* an ignored column is never checked */
	spec(&lay, "future-field srcport");
	assert_int_equal(parse(&lay, "whatever 80", &r), 0);
	assert_int_equal(r.num[FL_SRCPORT], 80);
}

static void test_u64_limits(void **state)
{
	(void)state;
	struct fl_layout lay;
	struct fl_record r;
	spec(&lay, "packets bytes start");
	assert_int_equal(parse(&lay, "18446744073709551615 18446744073709551615 253402300799", &r), 0);
	assert_true(r.num[FL_PACKETS] == UINT64_MAX);
	assert_true(r.num[FL_BYTES] == UINT64_MAX);
	assert_true(r.num[FL_START] == 253402300799u);
	/* times end with year 9999 (and never reach INT64_MAX, "no --until") */
	assert_int_equal(parse(&lay, "1 1 253402300800", &r), -FL_E_RANGE);
	assert_int_equal(parse(&lay, "1 1 9223372036854775807", &r), -FL_E_RANGE);
	assert_int_equal(r.err_col, 2);
	assert_int_equal(parse(&lay, "0 00000000000000000000000018446744073709551615 0", &r), 0);
	assert_true(r.num[FL_BYTES] == UINT64_MAX);
	assert_int_equal(parse(&lay, "1 18446744073709551616 1", &r), -FL_E_RANGE);
	assert_int_equal(r.err_col, 1);
	assert_int_equal(parse(&lay, "18446744073709551620 1 1", &r), -FL_E_RANGE);
	assert_int_equal(r.err_col, 0);
	spec(&lay, "srcport dstport protocol");
	assert_int_equal(parse(&lay, "65535 0 255", &r), 0);
	assert_int_equal(r.num[FL_SRCPORT], 65535);
	assert_int_equal(r.num[FL_PROTOCOL], 255);
}

static void test_addresses(void **state)
{
	(void)state;
	struct fl_addr a;
	char buf[64];
	static const struct {
		const char *in, *out;
		int family;
	} ok[] = {
		{"0.0.0.0", "0.0.0.0", 4},
		{"255.255.255.255", "255.255.255.255", 4},
		{"2a02:cf40::", "2a02:cf40::", 6},
		{"2001:DB8:0:0:0:0:0:1", "2001:db8::1", 6},
		{"::", "::", 6},
		{"::ffff:10.0.0.1", "::ffff:10.0.0.1", 6},
		{"2001:db8:1234:a100:8d6e:3477:df66:f105", "2001:db8:1234:a100:8d6e:3477:df66:f105", 6},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(fl_addr_parse(ok[i].in, strlen(ok[i].in), &a), 0);
		assert_int_equal(a.family, ok[i].family);
		assert_string_equal(fl_addr_format(&a, buf, sizeof(buf)), ok[i].out);
	}
	assert_int_equal(fl_addr_parse("2a02:cf40::", 11, &a), 0);
	assert_memory_equal(a.b, "\x2a\x02\xcf\x40\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	static const char *bad[] = {"", "1", "1.2.3.", ".1.2.3", "1.2.3.4 ", "a.b.c.d", "1234.1.1.1",
				    ":", "1:2", "0123456789012345678901234567890123456789012345678:1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(fl_addr_parse(bad[i], strlen(bad[i]), &a), -1);
	/* a length that stops inside a longer buffer */
	assert_int_equal(fl_addr_parse("10.1.2.34", 8, &a), 0);
	assert_string_equal(fl_addr_format(&a, buf, sizeof(buf)), "10.1.2.3");
	a.family = 0;
	assert_string_equal(fl_addr_format(&a, buf, sizeof(buf)), "-");
}

/* Both parsers on a v2 line with srcaddr addr: their common result, and
 * the address parsed into *out when it is good (out may be NULL). */
static int parse_srcaddr(const struct fl_layout *lay, const char *addr, struct fl_addr *out)
{
	static struct fl_record r;
	char line[256];
	int len = snprintf(line, sizeof(line),
			   "2 123456789012 eni-1 %s 10.0.0.1 1 2 6 1 1 1 2 ACCEPT OK", addr);
	int rc = parse_both(lay, line, (size_t)len);
	if (rc == 0 && out) {
		assert_int_equal(fl_parse_line(lay, line, (size_t)len, &r), 0);
		*out = r.addr[0];
	}
	return rc;
}

/* Dotted quads of every shape, 3 to 5 parts of 0 to 4 digits, with
 * values around 255 and leading zeros, as srcaddr: the vector parser,
 * which looks each shape up in a table, must agree with the portable one,
 * and the four-part shapes of 1 to 3 digits a part must parse. */
static void test_ipv4_every_shape(void **state)
{
	static const char *const digits[] = {"", "7", "25", "255", "2555", "0", "00", "000",
					     "256", "99", "199", "249", "300"};
	enum { NDIG = sizeof(digits) / sizeof(digits[0]) };
	struct fl_layout lay;
	uint64_t x = 5;
	int parsed = 0;
	(void)state;
	fl_layout_default(&lay);
	for (int nparts = 3; nparts <= 5; nparts++)
		for (int trial = 0; trial < 20000; trial++) {
			char addr[64];
			size_t n = 0;
			int shape_ok = nparts == 4;
			unsigned v[5];
			for (int i = 0; i < nparts; i++) {
				const char *d = digits[tl_xorshift(&x) % NDIG];
				size_t dl = strlen(d);
				shape_ok &= dl >= 1 && dl <= 3;
				v[i] = (unsigned)atoi(d);
				n += (size_t)snprintf(addr + n, sizeof(addr) - n, "%s%s", i ? "." : "", d);
			}
			int rc = parse_srcaddr(&lay, addr, NULL);
			int want_ok = shape_ok && v[0] < 256 && v[1] < 256 && v[2] < 256 && v[3] < 256;
			assert_int_equal(rc, want_ok ? 0 : -FL_E_ADDRESS);
			parsed += rc == 0;
		}
	assert_true(parsed > 1000);
}

/* IPv6 addresses of 7 to 9 groups of 0 to 5 hex digits (either case,
 * sometimes a byte that is not hex), so that the vector parser's full form
 * and everything it hands on ("::", too many or too few groups, a group
 * too long) are tried: both parsers must agree with inet_pton. */
static void test_ipv6_every_shape(void **state)
{
	static const char *const groups[] = {"", "0", "7", "a", "F", "1f", "db8", "0db8", "ABCD",
					     "fFfF", "abcde", "12g", "0000", "9", "e0", "C0a"};
	enum { NGROUPS = sizeof(groups) / sizeof(groups[0]) };
	struct fl_layout lay;
	uint64_t x = 6;
	int parsed = 0;
	(void)state;
	fl_layout_default(&lay);
	for (int ngroups = 7; ngroups <= 9; ngroups++)
		for (int trial = 0; trial < 20000; trial++) {
			char addr[64];
			uint8_t ref[16];
			struct fl_addr a;
			size_t n = 0;
			for (int i = 0; i < ngroups; i++)
				n += (size_t)snprintf(addr + n, sizeof(addr) - n, "%s%s", i ? ":" : "",
						      groups[tl_xorshift(&x) % NGROUPS]);
			int rc = parse_srcaddr(&lay, addr, &a);
			int want_ok = inet_pton(AF_INET6, addr, ref) == 1;
			assert_int_equal(rc, want_ok ? 0 : -FL_E_ADDRESS);
			if (want_ok) {
				assert_int_equal(a.family, 6);
				assert_memory_equal(a.b, ref, 16);
				parsed += ngroups == 8;
			}
		}
	assert_true(parsed > 1000);
}

/* Numbers take 8 digits a step when the line has 8 or 16 bytes before their
 * end, and a loop otherwise: every length, at the line's start and further
 * in, must give the same value or the same error. */
static void test_numbers_every_length(void **state)
{
	(void)state;
	struct fl_layout lay;
	struct fl_record r;
	char line[128], digits[32];
	spec(&lay, "account-id bytes");
	for (int pad = 0; pad < 2; pad++) {
		for (int n = 1; n <= 22; n++) {
			for (int i = 0; i < n; i++)
				digits[i] = (char)('1' + (i * 7 + n) % 9);
			digits[n] = '\0';
			snprintf(line, sizeof(line), "%s %s", pad ? "a-long-account-id-text" : "x", digits);
			int rc = parse(&lay, line, &r);
			if (n <= 19) {
				assert_int_equal(rc, 0);
				assert_true(r.num[FL_BYTES] == strtoull(digits, NULL, 10));
			} else {
				assert_int_equal(rc, -FL_E_RANGE);
			}
			/* a non-digit in every position is a bad number */
			for (int k = 0; k < n; k++) {
				char saved = digits[k];
				static const char notd[] = {'/', ':', 'a', ' ' + 95, '\x80', '0' + 16};
				digits[k] = notd[k % (int)sizeof(notd)];
				snprintf(line, sizeof(line), "%s %s", pad ? "a-long-account-id-text" : "x",
					 digits);
				assert_int_equal(parse(&lay, line, &r), -FL_E_NUMBER);
				assert_int_equal(r.err_col, 1);
				digits[k] = saved;
			}
		}
	}
	/* the 19- and 20-digit edges of 64 bits, near and far from the start */
	static const struct {
		const char *text;
		int rc;
		uint64_t v;
	} cases[] = {
		{"9999999999999999999", 0, UINT64_C(9999999999999999999)},
		{"1000000000000000000", 0, UINT64_C(1000000000000000000)},
		{"18446744073709551615", 0, UINT64_MAX},
		{"18446744073709551616", -FL_E_RANGE, 0},
		{"99999999999999999999", -FL_E_RANGE, 0},
		{"99999999999999999999x", -FL_E_NUMBER, 0},
		{"0000000000000000", 0, 0},
		{"9999999999999999", 0, UINT64_C(9999999999999999)},
		{"12345678", 0, 12345678},
		{"123456789", 0, 123456789},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (int pad = 0; pad < 2; pad++) {
			snprintf(line, sizeof(line), "%s %s", pad ? "eni-0123456789abcdef0" : "-", cases[i].text);
			assert_int_equal(parse(&lay, line, &r), cases[i].rc);
			if (cases[i].rc == 0)
				assert_true(r.num[FL_BYTES] == cases[i].v);
		}
	}
	/* a field's maximum below 64 bits */
	spec(&lay, "account-id start srcport");
	assert_int_equal(parse(&lay, "account-0000 253402300800 1", &r), -FL_E_RANGE);
	assert_int_equal(r.err_col, 1);
	assert_int_equal(parse(&lay, "account-0000 253402300799 65536", &r), -FL_E_RANGE);
	assert_int_equal(r.err_col, 2);
	assert_int_equal(parse(&lay, "account-0000 253402300799 65535", &r), 0);
}

static void test_enums(void **state)
{
	(void)state;
	struct fl_layout lay;
	struct fl_record r;
	spec(&lay, "action log-status type flow-direction sublocation-type");
	assert_int_equal(parse(&lay, "REJECT SKIPDATA EFA egress localzone", &r), 0);
	assert_int_equal(r.num[FL_ACTION], FL_REJECT);
	assert_int_equal(r.num[FL_LOG_STATUS], FL_SKIPDATA);
	assert_int_equal(r.num[FL_TYPE], FL_EFA);
	assert_int_equal(r.num[FL_FLOW_DIRECTION], FL_EGRESS);
	assert_int_equal(r.num[FL_SUBLOCATION_TYPE], FL_LOCALZONE);
	assert_int_equal(parse(&lay, "ACCEPT NODATA IPv6 ingress outpost", &r), 0);
	assert_int_equal(r.num[FL_SUBLOCATION_TYPE], FL_OUTPOST);
	static const char *bad[] = {"ACCEP NODATA IPv6 ingress outpost",
				    "ACCEPTX NODATA IPv6 ingress outpost",
				    "ACCEPT OKK IPv6 ingress outpost", "ACCEPT O IPv6 ingress outpost",
				    "ACCEPT OK ipv6 ingress outpost", "ACCEPT OK IPv6 ingres outpost",
				    "ACCEPT OK IPv6 ingress wavelengths"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(&lay, bad[i], &r), -FL_E_ENUM);
}

/* The IPv6 parser against the C library's inet_pton, on AWS's forms, on
 * every edge its grammar has, and on random strings of address bytes. */
static void test_ipv6_like_inet_pton(void **state)
{
	(void)state;
	static const char *forms[] = {
		"::", "::1", "1::", "1::2", "::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:7:8",
		"1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5::1.2.3.4",
		"1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":::", "1:::2",
		"1::2::3", ":1::2", "1::2:", "1:2:", "12345::", "ffff::", "FFFF::ABCD", "fffff::",
		"0000:0000::", "::01.2.3.4", "::1.2.3.04", "::1.2.3.256", "::1.2.3", "::1.2.3.4.5",
		"::1.2.3.4:5", "::a.2.3.4", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
		"::1:2:3:4:5:6:7", "2001:db8::ff00:42:8329", "fe80::1ff:fe23:4567:890a",
		"2600:1f18:abcd:ef01:2345:6789:abcd:ef01", "::0.0.0.0", "::255.255.255.255",
		"g::", "1:2:3:4:5:6:7:8 ", ":", "::::", "1.2.3.4:", "1:2.3.4.5", "::1.2..3",
		"1:2:3:4:5:6:7:8:1.2.3.4", "1::2:3:4:5:6:7:8",
	};
	struct fl_addr a;
	uint8_t ref[16];
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		int want = inet_pton(AF_INET6, forms[i], ref) == 1;
		int got = fl_addr_parse(forms[i], strlen(forms[i]), &a) == 0;
		if (want != got)
			fail_msg("'%s': inet_pton %d, fl_addr_parse %d", forms[i], want, got);
		if (want) {
			assert_int_equal(a.family, 6);
			assert_memory_equal(a.b, ref, 16);
		}
	}
	/* random strings over the characters addresses are made of */
	static const char alpha[] = "0123456789abcdefABCDEF:.:::g";
	unsigned seed = 12345;
	char buf[48];
	for (int k = 0; k < 200000; k++) {
		seed = seed * 1103515245u + 12345u;
		size_t n = 2 + (seed >> 16) % 30;
		for (size_t j = 0; j < n; j++) {
			seed = seed * 1103515245u + 12345u;
			buf[j] = alpha[(seed >> 16) % (sizeof(alpha) - 1)];
		}
		buf[n] = '\0';
		if (!memchr(buf, ':', n))
			continue;
		int want = inet_pton(AF_INET6, buf, ref) == 1;
		int got = fl_addr_parse(buf, n, &a) == 0;
		if (want != got)
			fail_msg("'%s': inet_pton %d, fl_addr_parse %d", buf, want, got);
		if (want)
			assert_memory_equal(a.b, ref, 16);
	}
}

static void test_spec_spellings(void **state)
{
	(void)state;
	struct fl_layout a, b, c, d;
	spec(&a, "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr");
	spec(&b, "${instance-id} ${interface-id} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${pkt-dstaddr}");
	spec(&c, "instance_id,interface_id, srcaddr\tdstaddr pkt_srcaddr,pkt_dstaddr\n");
	spec(&d, "  ${instance_id},${interface-id} srcaddr dstaddr ${pkt_srcaddr} pkt-dstaddr  ");
	const struct fl_layout *all[] = {&b, &c, &d};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(all[i]->ncols, 6);
		assert_memory_equal(all[i]->col, a.col, 6 * sizeof(a.col[0]));
		assert_int_equal(all[i]->fields, a.fields);
	}
	assert_int_equal(a.col[0], FL_INSTANCE_ID);
	assert_int_equal(a.pos[FL_PKT_DSTADDR], 5);
	/* unknown names are kept as ignored columns, with their names */
	spec(&a, "version interface_type ${resource-id} encryption-status");
	assert_int_equal(a.ncols, 4);
	assert_int_equal(a.col[1], FL_IGNORED);
	assert_string_equal(a.ignored[1], "interface_type");
	assert_int_equal(a.col[2], FL_RESOURCE_ID);
	assert_int_equal(a.col[3], FL_ENCRYPTION_STATUS);
	assert_false(a.fields & (UINT64_C(1) << FL_SRCADDR));
	/* a long ignored name is truncated, not overflowed */
	char longname[200];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	spec(&a, longname);
	assert_int_equal(strlen(a.ignored[0]), FL_MAX_NAME - 1);
}

static void test_spec_errors(void **state)
{
	(void)state;
	char err[128];
	assert_int_equal(spec_err("", err, sizeof(err)), -1);
	assert_string_equal(err, "no fields");
	assert_int_equal(spec_err(" , \t", err, sizeof(err)), -1);
	assert_int_equal(spec_err("srcaddr srcaddr", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "twice"));
	assert_int_equal(spec_err("srcaddr ${srcaddr}", err, sizeof(err)), -1);
	assert_int_equal(spec_err("pkt_srcaddr pkt-srcaddr", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "twice"));
	assert_int_equal(spec_err("Version", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not a field name"));
	assert_int_equal(spec_err("${srcaddr", err, sizeof(err)), -1);
	assert_int_equal(spec_err("${}", err, sizeof(err)), -1);
	assert_int_equal(spec_err("src.addr", err, sizeof(err)), -1);
	assert_int_equal(spec_err("1field", err, sizeof(err)), -1);
	/* the same ignored name twice is fine: they are distinct columns */
	assert_int_equal(spec_err("foo foo srcaddr", err, sizeof(err)), 0);
	/* FL_MAX_COLUMNS columns fit, one more does not */
	char big[FL_MAX_COLUMNS * 8 + 16] = "";
	for (int i = 0; i < FL_MAX_COLUMNS; i++) {
		char w[16];
		snprintf(w, sizeof(w), "c%d ", i);
		strcat(big, w);
	}
	assert_int_equal(spec_err(big, err, sizeof(err)), 0);
	strcat(big, "one-more");
	assert_int_equal(spec_err(big, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "more than"));
}

static void test_header(void **state)
{
	(void)state;
	struct fl_layout lay;
	assert_true(fl_is_header(V2_HEADER, strlen(V2_HEADER)));
	assert_true(fl_is_header(V2_HEADER "\r", strlen(V2_HEADER) + 1));
	assert_true(fl_is_header("instance-id interface-id srcaddr", 32));
	assert_true(fl_is_header("version future-field", 20));
	assert_true(fl_is_header("version\tsrcaddr  dstaddr", 24));
	assert_false(fl_is_header(V2_LINE, strlen(V2_LINE)));
	assert_false(fl_is_header("Phony unsupported log format.", 29));
	/* a newer field may come first; one known name makes a header */
	assert_true(fl_is_header("future-field version", 20));
	assert_false(fl_is_header("future-field other-field", 24));
	/* ... but then no word may have a digit: records of a layout that
	 * starts with word fields are not headers */
	assert_false(fl_is_header("ingress outpost eni-0a1b i-0123", 31));
	assert_false(fl_is_header("future-field version srcaddr2", 29));
	assert_false(fl_is_header("version srcaddr 10.0.0.1", 24));
	assert_false(fl_is_header("version ACCEPT", 14));
	assert_false(fl_is_header("", 0));
	assert_false(fl_is_header("   ", 3));
	/* a header starts at the line's first byte, as handle_line reads it */
	assert_false(fl_is_header(" version srcaddr", 16));
	assert_false(fl_is_header("- eni-1 1.2.3.4", 15));
	/* AWS's format string, ${name} for every word */
	const char *fmt = "${version} ${vpc-id} ${srcaddr} ${future-field}\r";
	assert_true(fl_is_header(fmt, strlen(fmt)));
	assert_int_equal(fl_layout_from_header(&lay, fmt, strlen(fmt)), 0);
	assert_int_equal(lay.ncols, 4);
	assert_int_equal(lay.col[1], FL_VPC_ID);
	assert_int_equal(lay.pos[FL_SRCADDR], 2);
	assert_string_equal(lay.ignored[3], "future-field");
	assert_false(fl_is_header("${version} srcaddr", 18));
	assert_false(fl_is_header("${future-field} ${other}", 24));
	assert_false(fl_is_header("${} ${version}", 14));
	assert_false(fl_is_header("${version ${srcaddr}", 20));
	assert_false(fl_is_header("$ 1 2", 5));
	/* a transit gateway flow log's layout: analyze turns its records away */
	const char *tgw = "version resource-type account-id tgw-id srcaddr dstaddr packets bytes";
	assert_true(fl_is_header(tgw, strlen(tgw)));
	assert_int_equal(fl_layout_from_header(&lay, tgw, strlen(tgw)), 0);
	assert_true(lay.foreign);
	const char *tline = "6 TransitGateway 123456789012 tgw-1 10.0.0.1 10.1.0.1 1 100";
	struct fl_record trec;
	assert_int_equal(fl_parse_line(&lay, tline, strlen(tline), &trec), 0); /* parse converts it */
	assert_string_equal(fl_error_key(FL_E_FOREIGN), "not_vpc_flow_log");
	assert_int_equal(fl_layout_from_header(&lay, V2_HEADER, strlen(V2_HEADER)), 0);
	assert_false(lay.foreign);

	const char *h = "version vpc-id tgw-id srcaddr account_id\r";
	assert_int_equal(fl_layout_from_header(&lay, h, strlen(h)), 0);
	assert_int_equal(lay.ncols, 5);
	assert_int_equal(lay.col[0], FL_VERSION);
	assert_int_equal(lay.col[2], FL_IGNORED);
	assert_string_equal(lay.ignored[2], "tgw-id");
	assert_int_equal(lay.col[4], FL_ACCOUNT_ID);
	assert_int_equal(lay.pos[FL_SRCADDR], 3);
	/* a header naming a field twice is a bad header */
	const char *dup = "version srcaddr dstaddr srcaddr";
	assert_true(fl_is_header(dup, strlen(dup)));
	assert_int_equal(fl_layout_from_header(&lay, dup, strlen(dup)), -FL_E_HEADER);
	assert_int_equal(fl_layout_from_header(&lay, " \r", 2), -FL_E_HEADER);
	/* too many columns */
	char big[FL_MAX_COLUMNS * 8 + 16] = "version";
	for (int i = 0; i < FL_MAX_COLUMNS; i++) {
		char w[16];
		snprintf(w, sizeof(w), " c%d", i);
		strcat(big, w);
	}
	assert_int_equal(fl_layout_from_header(&lay, big, strlen(big)), -FL_E_HEADER);

	/* a layout from a header parses the lines after it */
	struct fl_record r;
	h = "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr";
	assert_int_equal(fl_layout_from_header(&lay, h, strlen(h)), 0);
	assert_int_equal(parse(&lay, "- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5", &r), 0);
	assert_false(fl_has(&r, FL_INSTANCE_ID));
	assert_text(&r, FL_PKT_DSTADDR, "203.0.113.5");
	assert_int_equal(fl_addr(&r, FL_PKT_DSTADDR)->b[0], 203);
}

static void test_json_wrapper(void **state)
{
	(void)state;
	char buf[256];
	const char *w = "{\"message\":\"2 428961148399 eni-0e0bf7be352692297 - - - - - - - 1671029698 1671029728 - NODATA\"}";
	long n = fl_unwrap_json(w, strlen(w), buf, sizeof(buf));
	const char *want = "2 428961148399 eni-0e0bf7be352692297 - - - - - - - 1671029698 1671029728 - NODATA";
	assert_int_equal(n, strlen(want));
	assert_string_equal(buf, want);
	struct fl_record r;
	assert_int_equal(fl_parse_line(&lay_v2, buf, (size_t)n, &r), 0);
	assert_int_equal(r.num[FL_LOG_STATUS], FL_NODATA);

	static const struct {
		const char *in, *out;
	} ok[] = {
		{"{ \"owner\": \"x\", \"message\" : \"a b\" }", "a b"},
		{"{\"a\":\"message\",\"message\":\"m\"}", "m"},
		{"{\"message\":\"q\\\"\\\\\\/\\u0041\"}", "q\"\\/A"},
		{"{\"message\":\"a\\tb\\nc\\r\"}", "a b c "},
		{"{\"message\":\"\"}", ""},
		/* other members of any kind around it; blanks after the object */
		{"{\"t\":[1,{\"message\":\"in\"},\"}\"],\"message\":\"top\",\"n\":-1.5e3,\"b\":true}  ", "top"},
		{"{\"o\":{\"message\":\"nested\"},\"message\":\"m\"}", "m"},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		n = fl_unwrap_json(ok[i].in, strlen(ok[i].in), buf, sizeof(buf));
		assert_int_equal(n, strlen(ok[i].out));
		assert_string_equal(buf, ok[i].out);
	}
	static const char *bad[] = {
		"{}",
		"{\"msg\":\"x\"}",
		"{\"message\":42}",
		"{\"message\":\"unterminated",
		"{\"message\":\"bad escape \\x\"}",
		"{\"message\":\"\\u00e9\"}",
		"{\"message\":\"\\u12\"}",
		"{\"message\":\"\\uzzzz\"}",
		"{\"message\"",
		"{\"message\":\"ends in backslash\\",
		/* records back to back on one line (Firehose): the second would
		 * be lost */
		"{\"message\":\"a\"}{\"message\":\"b\"}",
		"{\"message\":\"a\"} trailing",
		"{\"message\":\"a\",}",
		"{\"message\":\"a\" \"x\":1}",
		"{\"o\":{\"message\":\"nested only\"}}",
		"{\"x\":[1,2}",
		"{\"a\":\"ends in backslash\\",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(fl_unwrap_json(bad[i], strlen(bad[i]), buf, sizeof(buf)), -FL_E_WRAPPER);
	/* a message that does not fit the buffer */
	assert_int_equal(fl_unwrap_json("{\"message\":\"abcdef\"}", 20, buf, 6), -FL_E_WRAPPER);
	assert_int_equal(fl_unwrap_json("{\"message\":\"abcde\"}", 19, buf, 6), 5);
}

/* The event time of a CloudWatch Logs export: its exact shape and the
 * space after it, nothing looser. */
static void test_export_stamp(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t want;
	} cases[] = {
		{"2026-11-26T00:00:05.000Z 2 1 eni-1", 25},
		{"2026-11-26T00:00:05Z 2", 21},
		{"2026-11-26T00:00:05.1Z x", 23},
		{"2026-11-26T00:00:05.123456789Z x", 31},
		{"2026-11-26T00:00:05.1234567890Z x", 0}, /* ten digits */
		{"2026-11-26T00:00:05.Z x", 0},
		{"2026-11-26T00:00:05.000Z", 0},  /* no space after */
		{"2026-11-26T00:00:05.000Zx", 0},
		{"2026-11-26 00:00:05.000Z x", 0},
		{"2026-11-26T00:00:05.000 x", 0}, /* no Z */
		{"2026-1-26T00:00:05.000Z x", 0},
		{"2 123456789012 eni-1 10.0.0.1", 0},
		{"2026-11-26T0a:00:05Z x", 0},
		{"", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(fl_export_stamp(cases[i].in, strlen(cases[i].in)), cases[i].want);
	/* the length bounds the reading: a cut line has no stamp */
	assert_int_equal(fl_export_stamp("2026-11-26T00:00:05Z x", 20), 0);
	assert_int_equal(fl_export_stamp("2026-11-26T00:00:05Z x", 10), 0);
}

static int setup(void **state)
{
	(void)state;
	fl_layout_default(&lay_v2);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_table),
		cmocka_unit_test(test_error_texts),
		cmocka_unit_test(test_default_layout),
		cmocka_unit_test(test_v2_line),
		cmocka_unit_test(test_every_field),
		cmocka_unit_test(test_dash_values),
		cmocka_unit_test(test_blanks_and_crlf),
		cmocka_unit_test(test_tokens_match_bytewise_rules),
		cmocka_unit_test(test_line_over_64k),
		cmocka_unit_test(test_vector_matches_portable),
		cmocka_unit_test(test_newlines),
		cmocka_unit_test(test_lines_at_guard_pages),
		cmocka_unit_test(test_field_count),
		cmocka_unit_test(test_error_reasons),
		cmocka_unit_test(test_u64_limits),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_ipv4_every_shape),
		cmocka_unit_test(test_ipv6_every_shape),
		cmocka_unit_test(test_numbers_every_length),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_ipv6_like_inet_pton),
		cmocka_unit_test(test_spec_spellings),
		cmocka_unit_test(test_spec_errors),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_json_wrapper),
		cmocka_unit_test(test_export_stamp),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
