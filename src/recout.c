/* SPDX-License-Identifier: MIT */
/* Record output; see recout.h. */
#include "recout.h"

#include <inttypes.h>
#include <string.h>

#include "fmt.h"

void recout_init(struct recout *w, FILE *f, enum recout_format format)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->format = format;
}

void recout_set_columns(struct recout *w, const struct fl_layout *lay)
{
	w->ncols = 0;
	for (int c = 0; c < lay->ncols; c++)
		if (lay->col[c] >= 0)
			w->cols[w->ncols++] = lay->col[c];
	w->have_columns = 1;
	if (w->format == RECOUT_CSV || w->format == RECOUT_TSV) {
		for (int i = 0; i < w->ncols; i++) {
			if (i)
				putc(w->format == RECOUT_CSV ? ',' : '\t', w->f);
			fputs(fl_fields[w->cols[i]].name, w->f);
		}
		putc('\n', w->f);
	}
}

/* The value of a present field as text in buf (numbers, enums, addresses)
 * or as a view into the line (strings). */
static const char *value_text(const struct fl_record *rec, int f, char *buf, size_t cap,
			      size_t *len)
{
	switch (fl_fields[f].kind) {
	case FK_UINT:
		*len = (size_t)snprintf(buf, cap, "%" PRIu64, rec->num[f]);
		return buf;
	case FK_ENUM: {
		const char *s = fl_enum_name((enum fl_field)f, rec->num[f]);
		*len = strlen(s);
		return s;
	}
	case FK_ADDR:
		fl_addr_format(fl_addr(rec, (enum fl_field)f), buf, cap);
		*len = strlen(buf);
		return buf;
	case FK_STR:
	default:
		*len = rec->text[f].len;
		return rec->text[f].p;
	}
}

/* Which occurrence of its name ignored column c is (1: the first): a
 * layout may name a column it ignores twice (--fields "x x srcaddr"), and
 * a JSON object must not hold one key twice. */
static int ignored_occurrence(const struct fl_layout *lay, int c)
{
	int k = 1;
	for (int i = 0; i < lay->nignored && lay->ignored_col[i] < c; i++)
		k += strcmp(lay->ignored[lay->ignored_col[i]], lay->ignored[c]) == 0;
	return k;
}

static void write_json(struct recout *w, const struct fl_record *rec, const struct fl_layout *lay)
{
	char buf[64];
	FILE *f = w->f;
	putc('{', f);
	for (int c = 0; c < lay->ncols; c++) {
		int fld = lay->col[c];
		if (c)
			putc(',', f);
		const char *name = fld >= 0 ? fl_fields[fld].name : lay->ignored[c];
		char again[FL_MAX_NAME + 16];
		int k = fld < 0 && lay->nignored > 1 ? ignored_occurrence(lay, c) : 1;
		if (k > 1) {
			/* the second "foo" is "foo#2" */
			snprintf(again, sizeof(again), "%s#%d", name, k);
			name = again;
		}
		fmt_json_string(f, name, strlen(name));
		putc(':', f);
		if (fld < 0) {
			const struct fl_str *v = &rec->col[c];
			if (v->len == 1 && v->p[0] == '-')
				fputs("null", f);
			else
				fmt_json_string(f, v->p, v->len);
			continue;
		}
		if (!fl_has(rec, (enum fl_field)fld)) {
			fputs("null", f);
			continue;
		}
		size_t len;
		const char *v = value_text(rec, fld, buf, sizeof(buf), &len);
		if (fl_fields[fld].kind == FK_UINT)
			fwrite(v, 1, len, f);
		else
			fmt_json_string(f, v, len);
	}
	fputs("}\n", f);
}

int recout_record(struct recout *w, const struct fl_record *rec, const struct fl_layout *lay)
{
	char buf[64];
	w->records++;
	if (w->format == RECOUT_NULL)
		return 0;
	if (w->format == RECOUT_JSONL) {
		write_json(w, rec, lay);
		return ferror(w->f) ? -1 : 0;
	}
	if (!w->have_columns)
		recout_set_columns(w, lay);
	uint64_t in_cols = 0;
	for (int i = 0; i < w->ncols; i++) {
		int fld = w->cols[i];
		in_cols |= UINT64_C(1) << fld;
		if (i)
			putc(w->format == RECOUT_CSV ? ',' : '\t', w->f);
		if (!fl_has(rec, (enum fl_field)fld))
			continue;
		size_t len;
		const char *v = value_text(rec, fld, buf, sizeof(buf), &len);
		if (w->format == RECOUT_CSV)
			fmt_csv_field(w->f, v, len);
		else
			fmt_tsv_field(w->f, v, len);
	}
	putc('\n', w->f);
	if (lay->fields & ~in_cols)
		w->dropped_fields++;
	return ferror(w->f) ? -1 : 0;
}
