/* SPDX-License-Identifier: MIT */
/* Report rows in every output format; see table.h. */
#include "table.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "util.h"

/* table format: a prose column (COL_TEXT) wider than TABLE_LONG
 * is wrapped below each row at TABLE_WRAP bytes a line */
#define TABLE_LONG 80
#define TABLE_WRAP 96

struct table {
	FILE *f;
	enum out_format fmt;
	const struct table_col *cols;
	int ncols;
	int col;        /* next cell's column */
	size_t rows;    /* rows ended so far */
	/* the table format keeps every cell until the end */
	char **cells;
	size_t ncells, cap;
};

/* Numbers (counts, money, reals) align right in the table and html
 * formats; text and times left. */
static int col_right(const struct table_col *c)
{
	return c->type != COL_STR && c->type != COL_TEXT && c->type != COL_TIME;
}

struct table *table_new(FILE *f, enum out_format fmt, const struct table_col *cols, int ncols)
{
	struct table *t = xcalloc(1, sizeof(*t));
	t->f = f;
	t->fmt = fmt;
	t->cols = cols;
	t->ncols = ncols;
	if (fmt == FMT_JSON)
		fputc('[', f);
	if (fmt == FMT_HTML) {
		fputs("<table>\n<thead><tr>", f);
		for (int i = 0; i < ncols; i++) {
			fputs(col_right(&cols[i]) ? "<th class=\"n\">" : "<th>", f);
			fputs(cols[i].name, f);
			fputs("</th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
	}
	if (fmt == FMT_CSV || fmt == FMT_TSV) {
		for (int i = 0; i < ncols; i++) {
			if (i)
				putc(fmt == FMT_CSV ? ',' : '\t', f);
			fputs(cols[i].name, f);
		}
		putc('\n', f);
	}
	return t;
}

/* One cell as text; quoted says whether JSON needs quotes. */
static void cell(struct table *t, const char *s, size_t len, int is_null, int quoted)
{
	FILE *f = t->f;
	int c = t->col++;
	switch (t->fmt) {
	case FMT_CSV:
		if (c)
			putc(',', f);
		fmt_csv_field(f, s, len);
		break;
	case FMT_TSV:
		if (c)
			putc('\t', f);
		fmt_tsv_field(f, s, len);
		break;
	case FMT_JSONL:
	case FMT_JSON:
		if (c == 0 && t->fmt == FMT_JSON && t->rows)
			fputs(",\n", f);
		putc(c ? ',' : '{', f);
		fmt_json_string(f, t->cols[c].name, strlen(t->cols[c].name));
		putc(':', f);
		if (is_null)
			fputs("null", f);
		else if (quoted)
			fmt_json_string(f, s, len);
		else
			fwrite(s, 1, len, f);
		break;
	case FMT_HTML: {
		fputs(c == 0 ? "<tr>" : "", f);
		fputs(col_right(&t->cols[c]) ? "<td class=\"n\">" : "<td>", f);
		/* control characters as the table format shows them (a cell
		 * keeps no tab or line break a reader could see) */
		char *vis = xmalloc(4 * len + 1);
		fmt_visible(s, len, vis, 4 * len + 1);
		fmt_html_text(f, vis, strlen(vis));
		free(vis);
		fputs("</td>", f);
		break;
	}
	case FMT_TABLE:
	default:
		if (t->ncells == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 256;
			t->cells = xrealloc(t->cells, t->cap * sizeof(*t->cells));
		}
		/* for a terminal: no control character from a name */
		t->cells[t->ncells] = xmalloc(4 * len + 1);
		fmt_visible(s, len, t->cells[t->ncells++], 4 * len + 1);
		break;
	}
}

void table_str(struct table *t, const char *s, size_t len)
{
	cell(t, s, len, len == 0, 1);
}

void table_cstr(struct table *t, const char *s)
{
	table_str(t, s, strlen(s));
}

void table_u64(struct table *t, uint64_t v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%" PRIu64, v);
	cell(t, buf, (size_t)n, 0, 0);
}

void table_i64(struct table *t, int64_t v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%" PRId64, v);
	cell(t, buf, (size_t)n, 0, 0);
}

void table_time(struct table *t, int64_t v)
{
	char buf[32];
	if (v == INT64_MAX || v == INT64_MIN) {
		cell(t, "", 0, 1, 1);
		return;
	}
	fmt_time(v, buf, sizeof(buf));
	cell(t, buf, strlen(buf), 0, 1);
}

void table_money(struct table *t, double usd)
{
	char buf[48];
	int n = snprintf(buf, sizeof(buf), "%.4f", usd);
	cell(t, buf, (size_t)n, 0, 0);
}

/* Six decimals, trailing zeros dropped, never an exponent: a spreadsheet
 * or awk reads 0.000012 and 1234567.5 alike, 1.2e-05 not always. */
void table_real(struct table *t, double v)
{
	char buf[352]; /* DBL_MAX in full: 309 digits, a point and six decimals */
	int n = snprintf(buf, sizeof(buf), "%.6f", v);
	if (n < 0 || (size_t)n >= sizeof(buf))
		n = snprintf(buf, sizeof(buf), "%.6g", v); /* not finite */
	else if (strchr(buf, '.')) {
		while (buf[n - 1] == '0')
			n--;
		if (buf[n - 1] == '.')
			n--;
		buf[n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		n = snprintf(buf, sizeof(buf), "0");
	cell(t, buf, (size_t)n, 0, 0);
}

void table_end_row(struct table *t)
{
	if (t->fmt == FMT_CSV || t->fmt == FMT_TSV)
		putc('\n', t->f);
	else if (t->fmt == FMT_JSONL)
		fputs("}\n", t->f);
	else if (t->fmt == FMT_JSON)
		fputc('}', t->f);
	else if (t->fmt == FMT_HTML)
		fputs("</tr>\n", t->f);
	t->col = 0;
	t->rows++;
}

void table_wrap(FILE *f, const char *lead, const char *indent, const char *s)
{
	fputs(lead, f);
	size_t in = strlen(indent), col = strlen(lead) > in ? strlen(lead) - in : 0;
	int first = 1;
	while (*s) {
		while (*s == ' ')
			s++;
		size_t n = strcspn(s, " ");
		if (!n)
			break;
		if (!first && col + 1 + n > TABLE_WRAP) {
			fprintf(f, "\n%s", indent);
			col = 0;
		} else if (!first || col) {
			putc(' ', f);
			col++;
		}
		first = 0;
		while (n > TABLE_WRAP) {
			size_t k = TABLE_WRAP;
			while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
			fprintf(f, "%.*s\n%s", (int)k, s, indent);
			s += k;
			n -= k;
		}
		fprintf(f, "%.*s", (int)n, s);
		col += n;
		s += n;
	}
	putc('\n', f);
}

int table_finish(struct table *t)
{
	int rc;
	if (t->fmt == FMT_TABLE) {
		size_t *w = xcalloc((size_t)t->ncols, sizeof(*w));
		for (int c = 0; c < t->ncols; c++)
			w[c] = strlen(t->cols[c].name);
		for (size_t i = 0; i < t->ncells; i++) {
			size_t l = fmt_width(t->cells[i]);
			if (l > w[i % (size_t)t->ncols])
				w[i % (size_t)t->ncols] = l;
		}
		/* a prose column wider than TABLE_LONG (a recommendation's
		 * reason) is not aligned: each row's is wrapped below it */
		int *lng = xcalloc((size_t)t->ncols, sizeof(*lng)), last = -1;
		for (int c = 0; c < t->ncols; c++) {
			lng[c] = t->cols[c].type == COL_TEXT && w[c] > TABLE_LONG;
			if (!lng[c])
				last = c;
		}
		for (int c = 0, first = 1; c < t->ncols; c++)
			if (!lng[c]) {
				fprintf(t->f, "%s%-*s", first ? "" : "  ", c == last ? 0 : (int)w[c], t->cols[c].name);
				first = 0;
			}
		putc('\n', t->f);
		for (size_t i = 0; i < t->ncells; i += (size_t)t->ncols) {
			for (int c = 0, first = 1; c < t->ncols; c++) {
				if (lng[c])
					continue;
				int right = col_right(&t->cols[c]);
				const char *s = t->cells[i + (size_t)c][0] ? t->cells[i + (size_t)c] : "-";
				/* padded by columns, not bytes: UTF-8 names line up */
				int pad = (int)w[c] - (int)fmt_width(s);
				if (!right && c == last)
					pad = 0;
				fprintf(t->f, "%s%*s%s%*s", first ? "" : "  ", right ? pad : 0, "", s, right ? 0 : pad, "");
				first = 0;
			}
			putc('\n', t->f);
			for (int c = 0; c < t->ncols; c++)
				if (lng[c] && t->cells[i + (size_t)c][0]) {
					char lead[64];
					snprintf(lead, sizeof(lead), "    %s:", t->cols[c].name);
					table_wrap(t->f, lead, "      ", t->cells[i + (size_t)c]);
				}
			for (int c = 0; c < t->ncols; c++)
				free(t->cells[i + (size_t)c]);
		}
		free(lng);
		free(w);
	}
	if (t->fmt == FMT_JSON)
		fputc(']', t->f);
	if (t->fmt == FMT_HTML)
		fputs("</tbody>\n</table>\n", t->f);
	free(t->cells);
	rc = ferror(t->f) ? -1 : 0;
	free(t);
	return rc;
}
