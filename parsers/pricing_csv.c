/* SPDX-License-Identifier: MIT */
/* Pricing CSV through libcsv; see pricing_csv.h. */
#include "pricing_csv.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct pctx {
	struct prices *p;
	const char *name;
	struct diag *d;
	int err;
	unsigned long line;     /* current line while feeding */
	unsigned long row_line; /* line where the current row's first field ended */
	int field;              /* fields seen in the row */
	int header_done;
	int comment;            /* the row is a comment */
	char region[128];
	int item;
	double usd;
	int have_usd;
	/* the rows read, to refuse a second figure for one region and item */
	struct seen {
		char region[128];
		int item;
		unsigned long line;
	} *seen;
	size_t nseen, seen_cap;
};

/* An AWS region name: a word of two or more letters, one or more
 * "-word", then "-N" ("us-east-1", "us-gov-west-1", "eusc-de-east-1"): a
 * misspelt one ("us-east1", "US-EAST-1") would add a region no VPC has,
 * silently. */
static int region_name(const char *s)
{
	size_t n = strlen(s), words = 0, first = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	if (n > 31 || n < 6 || first < 2)
		return 0;
	const char *p = s + first;
	while (*p == '-') {
		size_t w = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz");
		if (w == 0)
			break;
		p += 1 + w;
		words++;
	}
	return words >= 1 && *p == '-' && p[1] && strspn(p + 1, "0123456789") == strlen(p + 1);
}

static void row_error(struct pctx *c, int column, const char *fmt, const char *what)
	__attribute__((format(printf, 3, 0)));

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void row_error(struct pctx *c, int column, const char *fmt, const char *what)
{
	if (c->err)
		return;
	char msg[256];
	snprintf(msg, sizeof(msg), fmt, what);
	diag_set(c->d, PRICING_E_ROW, c->name, c->row_line, "%s", msg);
	if (c->d)
		c->d->column = (uint64_t)column;
	c->err = PRICING_E_ROW;
}
#pragma GCC diagnostic pop

static void on_field(void *s, size_t len, void *data)
{
	struct pctx *c = data;
	char buf[128];
	if (c->err)
		return;
	if (c->field == 0)
		c->row_line = c->line;
	int col = ++c->field;
	size_t full = len;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, s ? s : "", len);
	buf[len] = '\0';
	if (col == 1 && buf[0] == '#')
		c->comment = 1;
	if (c->comment)
		return;
	/* a cut field would read as another value ("0.000...1" as 0) */
	if (full >= sizeof(buf)) {
		row_error(c, col, "field of more than %s bytes", "127");
		return;
	}
	if (!c->header_done) {
		static const char *const want[] = {"region", "item", "usd"};
		if (col > 3 || strcmp(buf, want[col - 1]) != 0)
			row_error(c, col, "the header must be region,item,usd (found '%s')", buf);
		return;
	}
	switch (col) {
	case 1:
		if (!region_name(buf))
			row_error(c, col, "'%s' is not a region name (such as us-east-1)", buf);
		snprintf(c->region, sizeof(c->region), "%s", buf);
		break;
	case 2:
		c->item = price_item_from_name(buf);
		if (c->item < 0)
			row_error(c, col, "unknown item '%s'", buf);
		break;
	case 3: {
		enum { PRICE_USD_MAX = 1000000 };
		char *end;
		errno = 0;
		double v = strtod(buf, &end);
		/* digits and a point only: strtod also reads hex ("0x10" as
		 * 16), exponents, signs and leading blanks */
		if (buf[0] == '\0' || *end != '\0' || errno || !isfinite(v) || v < 0 ||
		    strspn(buf, "0123456789.") != strlen(buf))
			row_error(c, col, "'%s' is not a price (a non-negative number of USD)", buf);
		else if (v > PRICE_USD_MAX)
			/* a typo, and money sums would leave the range of numbers */
			row_error(c, col, "'%s' is over $1,000,000, no AWS unit price", buf);
		c->usd = v;
		c->have_usd = 1;
		break;
	}
	default:
		row_error(c, col, "%s", "more than 3 fields");
	}
}

/* A second row for the current row's region and item is refused, with
 * the line of the first: which of two figures is meant is not for the
 * reader to guess (the last would win, silently). Returns whether it
 * was one; else remembers the row. */
static int seen_row(struct pctx *c)
{
	for (size_t i = 0; i < c->nseen; i++)
		if (c->seen[i].item == c->item && strcmp(c->seen[i].region, c->region) == 0) {
			char what[224];
			snprintf(what, sizeof(what), "%s %s given again (first on line %lu)", c->region,
				 price_item_name(c->item), c->seen[i].line);
			row_error(c, 1, "%s", what);
			return 1;
		}
	if (c->nseen == c->seen_cap) {
		c->seen_cap = c->seen_cap ? 2 * c->seen_cap : 16;
		c->seen = xrealloc(c->seen, c->seen_cap * sizeof(*c->seen));
	}
	struct seen *x = &c->seen[c->nseen++];
	snprintf(x->region, sizeof(x->region), "%s", c->region);
	x->item = c->item;
	x->line = c->row_line;
	return 0;
}

static void on_row(int term, void *data)
{
	struct pctx *c = data;
	(void)term;
	if (!c->err && !c->comment && c->field > 0) {
		if (!c->header_done) {
			if (c->field != 3)
				row_error(c, c->field + 1, "%s", "the header must be region,item,usd");
			c->header_done = 1;
		} else if (c->field != 3) {
			row_error(c, c->field + 1, "%s", "a row needs 3 fields: region,item,usd");
		} else if (!seen_row(c)) {
			prices_set(c->p, c->region, c->item, c->usd);
		}
	}
	c->field = 0;
	c->comment = 0;
	c->have_usd = 0;
}

int pricing_load_buffer(struct prices *p, const char *name, const char *buf, size_t len,
			struct diag *d)
{
	struct csv_parser parser;
	struct pctx c;
	memset(&c, 0, sizeof(c));
	c.p = p;
	c.name = name;
	c.d = d;
	c.line = 1;
	if (csv_init(&parser, CSV_APPEND_NULL) != 0)
		return diag_set(d, PRICING_E_OPEN, name, 0, "cannot start the CSV parser");
	/* a UTF-8 byte order mark (Excel's "CSV UTF-8" writes one) */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	/* one byte at a time so that the callbacks know the line: pricing
	 * files are a few hundred bytes */
	for (size_t i = 0; i < len && !c.err; i++) {
		if (csv_parse(&parser, buf + i, 1, on_field, on_row, &c) != 1) {
			diag_set(d, PRICING_E_ROW, name, c.line, "malformed CSV: %s",
				 csv_strerror(csv_error(&parser)));
			c.err = PRICING_E_ROW;
			break;
		}
		if (buf[i] == '\n')
			c.line++;
	}
	if (!c.err)
		csv_fini(&parser, on_field, on_row, &c);
	csv_free(&parser);
	free(c.seen);
	if (!c.err && !c.header_done)
		return diag_set(d, PRICING_E_ROW, name, 1, "empty pricing file: expected the header region,item,usd");
	return c.err;
}

int pricing_load_path(struct prices *p, const char *path, struct diag *d)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return diag_set(d, PRICING_E_OPEN, path, 0, "cannot open: %s", strerror(errno));
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			if (cap >= (size_t)16 << 20) {
				fclose(f);
				free(buf);
				return diag_set(d, PRICING_E_OPEN, path, 0, "larger than 16 MiB");
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	int bad = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (bad) {
		free(buf);
		return diag_set(d, PRICING_E_OPEN, path, 0, "read error: %s", strerror(bad));
	}
	int rc = pricing_load_buffer(p, path, buf, n, d);
	free(buf);
	return rc;
}
