/* SPDX-License-Identifier: MIT */
/* Lines to records with full accounting; see scan.h. */
#include "scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define DEFAULT_MAX_LINE 65536

struct scanner {
	const char *name;
	const struct scan_opts *o;
	scan_record_fn on_record;
	scan_diag_fn on_diag;
	void *ctx;
	struct scan_stats *st;
	size_t max_line;

	struct fl_layout layout;
	struct fl_record rec;
	uint64_t line;
	char *carry;       /* the start of a line split across chunks */
	size_t carry_len;
	int skipping;      /* inside an over-long line */
	uint64_t skip_len; /* its length so far */
	char *scratch;     /* unwrapped JSON message */
	int aborted;
};

void scan_stats_init(struct scan_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->first_start = INT64_MAX;
	s->last_end = INT64_MIN;
}

void scan_stats_add(struct scan_stats *a, const struct scan_stats *b)
{
	a->files += b->files;
	a->files_failed += b->files_failed;
	a->bytes_read += b->bytes_read;
	a->bytes_text += b->bytes_text;
	a->lines += b->lines;
	a->header_lines += b->header_lines;
	a->header_bytes += b->header_bytes;
	a->blank_lines += b->blank_lines;
	a->blank_bytes += b->blank_bytes;
	a->flows += b->flows;
	a->flow_text_bytes += b->flow_text_bytes;
	a->nodata += b->nodata;
	a->skipdata += b->skipdata;
	a->nodata_text_bytes += b->nodata_text_bytes;
	a->malformed += b->malformed;
	a->malformed_bytes += b->malformed_bytes;
	for (int i = 0; i < FL_NERRORS; i++)
		a->malformed_by[i] += b->malformed_by[i];
	a->truncated_bytes += b->truncated_bytes;
	a->flow_bytes += b->flow_bytes;
	a->flow_packets += b->flow_packets;
	if (b->first_start < a->first_start)
		a->first_start = b->first_start;
	if (b->last_end > a->last_end)
		a->last_end = b->last_end;
}

static void scanner_init(struct scanner *sc, const char *name, const struct scan_opts *o,
			 scan_record_fn on_record, scan_diag_fn on_diag, void *ctx,
			 struct scan_stats *st)
{
	memset(sc, 0, sizeof(*sc));
	sc->name = name;
	sc->o = o;
	sc->on_record = on_record;
	sc->on_diag = on_diag;
	sc->ctx = ctx;
	sc->st = st;
	sc->max_line = o->max_line ? o->max_line : DEFAULT_MAX_LINE;
	if (o->fields)
		sc->layout = *o->fields;
	else
		fl_layout_default(&sc->layout);
	sc->carry = xmalloc(sc->max_line + 1);
	sc->scratch = xmalloc(sc->max_line + 1);
}

static void scanner_fini(struct scanner *sc)
{
	free(sc->carry);
	free(sc->scratch);
}

static void bad_line(struct scanner *sc, int reason, uint64_t nbytes, const struct fl_record *rec,
		     const char *line, size_t len)
{
	struct scan_stats *st = sc->st;
	st->malformed++;
	st->malformed_bytes += nbytes;
	st->malformed_by[reason]++;
	if (!sc->on_diag)
		return;

	struct diag d;
	diag_clear(&d);
	d.code = -reason;
	d.line = sc->line;
	snprintf(d.file, sizeof(d.file), "%s", sc->name);
	if (reason == FL_E_FIELD_COUNT && rec) {
		if (rec->ncols > sc->layout.ncols)
			snprintf(d.msg, sizeof(d.msg), "%s: more than the layout's %d fields",
				 fl_strerror(reason), sc->layout.ncols);
		else
			snprintf(d.msg, sizeof(d.msg), "%s: %d fields, the layout has %d",
				 fl_strerror(reason), rec->ncols, sc->layout.ncols);
	} else if (rec && rec->err_col >= 0 && reason != FL_E_CONTROL) {
		int c = rec->err_col;
		int f = sc->layout.col[c];
		const struct fl_str *v = &rec->col[c];
		d.column = (uint64_t)c + 1;
		snprintf(d.msg, sizeof(d.msg), "%s in field '%s': '%.*s%s'", fl_strerror(reason),
			 f >= 0 ? fl_fields[f].name : sc->layout.ignored[c],
			 (int)(v->len > 40 ? 40 : v->len), v->p, v->len > 40 ? "..." : "");
	} else if (reason == FL_E_TOO_LONG) {
		snprintf(d.msg, sizeof(d.msg), "%s: %llu bytes, the limit is %zu", fl_strerror(reason),
			 (unsigned long long)nbytes, sc->max_line);
	} else {
		snprintf(d.msg, sizeof(d.msg), "%s", fl_strerror(reason));
	}
	(void)line;
	(void)len;
	sc->on_diag(sc->ctx, &d);
}

static int is_blank_line(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	return 1;
}

/* One whole line, without its newline; nbytes counts the newline too. */
static void handle_line(struct scanner *sc, const char *p, size_t len, uint64_t nbytes)
{
	struct scan_stats *st = sc->st;
	struct fl_record *rec = &sc->rec;

	sc->line++;
	st->lines++;
	st->bytes_text += nbytes;
	if (len > sc->max_line) {
		bad_line(sc, FL_E_TOO_LONG, nbytes, NULL, p, len);
		return;
	}
	if (len == 0 || is_blank_line(p, len)) {
		st->blank_lines++;
		st->blank_bytes += nbytes;
		return;
	}
	if (p[0] >= 'a' && p[0] <= 'z' && fl_is_header(p, len)) {
		struct fl_layout lay;
		if (fl_layout_from_header(&lay, p, len) < 0) {
			bad_line(sc, FL_E_HEADER, nbytes, NULL, p, len);
			return;
		}
		sc->layout = lay;
		st->header_lines++;
		st->header_bytes += nbytes;
		return;
	}
	if (p[0] == '{') {
		long n = fl_unwrap_json(p, len, sc->scratch, sc->max_line + 1);
		if (n < 0) {
			bad_line(sc, FL_E_WRAPPER, nbytes, NULL, p, len);
			return;
		}
		p = sc->scratch;
		len = (size_t)n;
	}
	int rc = fl_parse_line(&sc->layout, p, len, rec);
	if (rc < 0) {
		bad_line(sc, -rc, nbytes, rec, p, len);
		return;
	}
	uint64_t status = fl_has(rec, FL_LOG_STATUS) ? rec->num[FL_LOG_STATUS] : FL_OK;
	if (status == FL_OK) {
		st->flows++;
		st->flow_text_bytes += nbytes;
		if (fl_has(rec, FL_BYTES))
			st->flow_bytes += rec->num[FL_BYTES];
		if (fl_has(rec, FL_PACKETS))
			st->flow_packets += rec->num[FL_PACKETS];
		if (fl_has(rec, FL_START) && (int64_t)rec->num[FL_START] < st->first_start)
			st->first_start = (int64_t)rec->num[FL_START];
		if (fl_has(rec, FL_END) && (int64_t)rec->num[FL_END] > st->last_end)
			st->last_end = (int64_t)rec->num[FL_END];
	} else {
		if (status == FL_NODATA)
			st->nodata++;
		else
			st->skipdata++;
		st->nodata_text_bytes += nbytes;
	}
	if (!sc->aborted && sc->on_record) {
		struct scan_pos pos = {sc->name, sc->line, &sc->layout};
		if (sc->on_record(sc->ctx, rec, &pos))
			sc->aborted = 1;
	}
}

static void feed(struct scanner *sc, const char *p, size_t n)
{
	const char *end = p + n;

	if (sc->skipping || sc->carry_len) {
		const char *nl = memchr(p, '\n', n);
		size_t take = nl ? (size_t)(nl - p) : n;
		if (sc->skipping) {
			sc->skip_len += take;
		} else if (sc->carry_len + take > sc->max_line) {
			sc->skipping = 1;
			sc->skip_len = sc->carry_len + take;
			sc->carry_len = 0;
		} else {
			memcpy(sc->carry + sc->carry_len, p, take);
			sc->carry_len += take;
		}
		if (!nl)
			return;
		if (sc->skipping) {
			/* handle_line sees the length and counts it too long */
			sc->skipping = 0;
			handle_line(sc, NULL, sc->max_line + 1, sc->skip_len + 1);
		} else {
			handle_line(sc, sc->carry, sc->carry_len, sc->carry_len + 1);
		}
		sc->carry_len = 0;
		p = nl + 1;
	}
	while (p < end && !sc->aborted) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		handle_line(sc, p, (size_t)(nl - p), (uint64_t)(nl - p) + 1);
		p = nl + 1;
	}
	if (p < end && !sc->aborted) {
		size_t rest = (size_t)(end - p);
		if (rest > sc->max_line) {
			sc->skipping = 1;
			sc->skip_len = rest;
		} else {
			memcpy(sc->carry, p, rest);
			sc->carry_len = rest;
		}
	}
}

/* End of input: a clean end parses a last line without newline; after an
 * input error the partial line is counted as truncated bytes. */
static void finish(struct scanner *sc, int clean)
{
	uint64_t partial = sc->skipping ? sc->skip_len : sc->carry_len;
	if (partial == 0)
		return;
	if (clean) {
		if (sc->skipping)
			handle_line(sc, NULL, sc->max_line + 1, sc->skip_len);
		else
			handle_line(sc, sc->carry, sc->carry_len, sc->carry_len);
	} else {
		sc->st->truncated_bytes += partial;
		sc->st->bytes_text += partial;
	}
	sc->skipping = 0;
	sc->carry_len = 0;
}

int scan_file(const char *path, const struct scan_opts *o, scan_record_fn on_record,
	      scan_diag_fn on_diag, void *ctx, struct scan_stats *st, struct diag *d)
{
	struct input *in = NULL;
	struct scanner sc;
	const char *p;
	size_t n;
	int rc;

	st->files++;
	rc = input_open(&in, path, &o->input, d);
	if (rc < 0) {
		st->files_failed++;
		return rc;
	}
	scanner_init(&sc, strcmp(path, "-") == 0 ? "<stdin>" : path, o, on_record, on_diag, ctx, st);
	while ((rc = input_next(in, &p, &n, d)) > 0) {
		feed(&sc, p, n);
		if (sc.aborted)
			break;
	}
	if (sc.aborted) {
		rc = SCAN_E_ABORTED;
	} else {
		finish(&sc, rc == 0);
		if (rc < 0)
			st->files_failed++;
	}
	st->bytes_read += input_bytes_read(in);
	scanner_fini(&sc);
	input_free(in);
	return rc;
}

int scan_buffer(const char *name, const char *buf, size_t len, const struct scan_opts *o,
		scan_record_fn on_record, scan_diag_fn on_diag, void *ctx,
		struct scan_stats *st)
{
	struct scanner sc;
	st->files++;
	st->bytes_read += len;
	scanner_init(&sc, name, o, on_record, on_diag, ctx, st);
	feed(&sc, buf, len);
	if (!sc.aborted)
		finish(&sc, 1);
	scanner_fini(&sc);
	return sc.aborted ? SCAN_E_ABORTED : 0;
}
