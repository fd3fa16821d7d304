/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the pricing CSV reader: pricing_load_buffer on a fresh
 * table. Every figure afterwards is finite, non-negative and at most
 * 1,000,000; a failure names the file and a line. An input made only of plain characters (no
 * quotes, blanks or CR, where CSV has no surprises) is also read by a
 * small model here: the result code, the failing line and every figure
 * set must agree with it (fields of more than 127 bytes are refused, and
 * so is a second row for one region and item).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prices.h"
#include "pricing_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct row {
	char region[32];
	int item;
	double usd;
};

struct model {
	int rc;
	unsigned long line;
	struct row *rows;
	int nrows;
};

static int plain(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		unsigned char c = data[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == ',' || c == '#' || c == '\n' || c == '-' ||
		      c == '+'))
			return 0;
	}
	return 1;
}

/* Fields of one line: pointers into line (modified). */
static int fields(char *line, char **f, int max)
{
	int n = 0;
	for (char *p = line;; p++) {
		if (n == max)
			return max + 1;
		f[n++] = p;
		p = strchr(p, ',');
		if (!p)
			return n;
		*p = '\0';
	}
}

static int price_ok(const char *s, double *v)
{
	char *end;
	*v = strtod(s, &end);
	return s[0] != '\0' && *end == '\0' && isfinite(*v) && *v >= 0 && *v <= 1e6 &&
	       strspn(s, "0123456789.") == strlen(s);
}

/* "us-east-1": two or more lowercase letters, then "-" and lowercase
 * letters one or more times, then "-" and digits; at most 31 bytes. */
static int region_ok(const char *s)
{
	size_t n = strlen(s), i = 0, words = 0;
	if (n > 31)
		return 0;
	while (s[i] >= 'a' && s[i] <= 'z')
		i++;
	if (i < 2)
		return 0;
	for (;;) {
		if (s[i] != '-')
			return 0;
		size_t j = i + 1;
		while (s[j] >= 'a' && s[j] <= 'z')
			j++;
		if (j == i + 1)
			break;
		words++;
		i = j;
	}
	size_t j = i + 1;
	while (s[j] >= '0' && s[j] <= '9')
		j++;
	return words >= 1 && j > i + 1 && s[j] == '\0';
}

static void model_read(struct model *m, const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	int header_done = 0;
	unsigned long ln = 0;
	m->rc = 0;
	m->rows = malloc((size / 2 + 1) * sizeof(*m->rows));
	m->nrows = 0;
	for (char *p = text; *p || p == text;) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		ln++;
		char *f[5];
		int nf = *p ? fields(p, f, 4) : 0;
		int too_long = 0;
		for (int i = 0; i < nf && i < 4; i++)
			too_long |= strlen(f[i]) > 127;
		if (nf == 0 || f[0][0] == '#') {
			/* a blank line or a comment */
		} else if (too_long) {
			goto bad;
		} else if (!header_done) {
			if (nf != 3 || strcmp(f[0], "region") != 0 || strcmp(f[1], "item") != 0 ||
			    strcmp(f[2], "usd") != 0)
				goto bad;
			header_done = 1;
		} else {
			struct row *r = &m->rows[m->nrows];
			if (nf != 3 || !region_ok(f[0]))
				goto bad;
			strcpy(r->region, f[0]);
			r->item = price_item_from_name(f[1]);
			if (r->item < 0 || !price_ok(f[2], &r->usd))
				goto bad;
			/* one row per region and item */
			for (int i = 0; i < m->nrows; i++)
				if (m->rows[i].item == r->item && strcmp(m->rows[i].region, r->region) == 0)
					goto bad;
			m->nrows++;
		}
		if (!nl)
			break;
		p = nl + 1;
		if (!*p)
			break;
	}
	if (!header_done) {
		m->rc = PRICING_E_ROW;
		m->line = 1;
	}
	free(text);
	return;
bad:
	m->rc = PRICING_E_ROW;
	m->line = ln;
	free(text);
}

static void check_all(const struct prices *p, const struct model *m)
{
	static const char *const extra[] = {"", "x", "us-east-1", "eu-west-1", "ap-south-2"};
	for (int item = 0; item < NPRICE_ITEMS; item++) {
		double v;
		for (int i = 0; prices_builtin_regions[i]; i++)
			if (prices_get(p, prices_builtin_regions[i], item, &v) && (!isfinite(v) || v < 0 || v > 1e6))
				abort();
		for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
			if (prices_get(p, extra[i], item, &v) && (!isfinite(v) || v < 0 || v > 1e6))
				abort();
		for (int i = 0; m && i < m->nrows; i++)
			if (prices_get(p, m->rows[i].region, item, &v) && (!isfinite(v) || v < 0 || v > 1e6))
				abort();
	}
	/* each row (one per region and item) is the figure */
	for (int i = 0; m && i < m->nrows; i++) {
		double v;
		if (!prices_get(p, m->rows[i].region, m->rows[i].item, &v) || v != m->rows[i].usd)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	struct prices *p = prices_new();
	struct diag d;
	diag_clear(&d);
	int rc = pricing_load_buffer(p, "prices.csv", buf, size, &d);
	if (rc != 0 && (rc != PRICING_E_ROW || d.code != rc || strcmp(d.file, "prices.csv") != 0 ||
			d.line == 0 || memchr(d.msg, '\0', sizeof(d.msg)) == NULL || d.msg[0] == '\0'))
		abort();
	if (rc == 0 && d.code != 0)
		abort();

	struct model m;
	int modelled = plain(data, size);
	if (modelled) {
		model_read(&m, data, size);
		if (rc != m.rc || (rc != 0 && d.line != m.line))
			abort();
	}
	check_all(p, modelled ? &m : NULL);
	if (modelled)
		free(m.rows);
	prices_free(p);
	free(buf);
	return 0;
}
