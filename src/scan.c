/* SPDX-License-Identifier: MIT */
/*
 * Lines to records with full accounting; see scan.h. One worker feeds the
 * input reader's chunks through a scanner that carries partial lines over.
 * Two workers instead take turns, under a lock, at reading the next chunk
 * and cutting it at its last newline (the partial line carried to the next
 * one): the one serial part. Then each, on its own, counts its chunk's
 * lines and follows its header lines; takes the first line number and the
 * layout in effect from where the chunk before ended (place_job); and
 * parses the chunk with its own scanner and counters.
 */
#define _GNU_SOURCE /* sched_getaffinity */
#include "scan.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

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
	int worker;        /* scan_pos.worker */
	void *diag_ctx;    /* on_diag's context (ctx unless a worker's) */
	int no_headers;    /* the chunk is known to hold no header line */
	uint64_t layout_gen; /* scan_pos.layout_gen of the layout */
	_Atomic int *stop; /* set when another worker aborted; may be NULL */
};

void scan_stats_init(struct scan_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->first_start = INT64_MAX;
	s->last_end = INT64_MIN;
}

const char *scan_stats_check(const struct scan_stats *s)
{
	uint64_t by = 0;
	for (int i = 0; i < FL_NERRORS; i++)
		by += s->malformed_by[i];
	if (s->lines != s->header_lines + s->blank_lines + s->flows + s->nodata + s->skipdata +
				s->malformed)
		return "lines do not add up";
	if (s->bytes_text != s->header_bytes + s->blank_bytes + s->flow_text_bytes +
				     s->nodata_text_bytes + s->malformed_bytes + s->truncated_bytes)
		return "text bytes do not add up";
	if (by != s->malformed)
		return "malformed lines by reason do not add up";
	return NULL;
}

const char *scan_stats_saturated(const struct scan_stats *s)
{
	if (s->flow_bytes != UINT64_MAX && s->flow_packets != UINT64_MAX)
		return NULL;
	return "flow bytes or packets reached 2^64 - 1: the sums stop there";
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
	a->flow_bytes = sat_add(a->flow_bytes, b->flow_bytes);
	a->flow_packets = sat_add(a->flow_packets, b->flow_packets);
	if (b->first_start < a->first_start)
		a->first_start = b->first_start;
	if (b->last_end > a->last_end)
		a->last_end = b->last_end;
}

static uint64_t next_layout_gen(void)
{
	static _Atomic uint64_t gen;
	return atomic_fetch_add_explicit(&gen, 1, memory_order_relaxed) + 1;
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
	sc->diag_ctx = ctx;
	sc->st = st;
	sc->max_line = o->max_line ? o->max_line : DEFAULT_MAX_LINE;
	if (o->fields)
		sc->layout = *o->fields;
	else
		fl_layout_default(&sc->layout);
	sc->layout_gen = next_layout_gen();
	sc->carry = xmalloc(sc->max_line + 1);
	sc->scratch = xmalloc(sc->max_line + 1);
}

static void scanner_fini(struct scanner *sc)
{
	free(sc->carry);
	free(sc->scratch);
}

static void count_bad(struct scanner *sc, int reason, uint64_t nbytes)
{
	struct scan_stats *st = sc->st;
	st->malformed++;
	st->malformed_bytes += nbytes;
	st->malformed_by[reason]++;
}

/* A diagnostic of the current line for reason (enum fl_error), message
 * left to the caller. */
static void line_diag(const struct scanner *sc, int reason, struct diag *d)
{
	diag_clear(d);
	d->code = -reason;
	d->line = sc->line;
	snprintf(d->file, sizeof(d->file), "%s", sc->name);
}

/* A header of a transit gateway flow log (fl_layout.foreign) with
 * vpc_only: one message, at the header, for the records under it, which
 * are counted as malformed without one each. The header itself counts as
 * a header line. */
static void foreign_header(struct scanner *sc)
{
	if (!sc->on_diag)
		return;
	struct diag d;
	line_diag(sc, FL_E_FOREIGN, &d);
	snprintf(d.msg, sizeof(d.msg),
		 "a transit gateway flow log's header (it names its fields, tgw-...): its records "
		 "are not counted as flows but as malformed (%s)",
		 fl_error_key(FL_E_FOREIGN));
	sc->on_diag(sc->diag_ctx, &d);
}

/* Does p[0, n) hold the string s? */
static int holds(const char *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (p[i] == s[0] && memcmp(p + i, s, k) == 0)
			return 1;
	return 0;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* How many fields (blank-separated words) start in the first n bytes. */
static size_t word_starts(const char *line, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n; i++)
		words += !blank(line[i]) && (i == 0 || blank(line[i - 1]));
	return words;
}

static void bad_line(struct scanner *sc, int reason, uint64_t nbytes, const struct fl_record *rec,
		     const char *line, size_t len)
{
	count_bad(sc, reason, nbytes);
	if (!sc->on_diag)
		return;

	struct diag d;
	line_diag(sc, reason, &d);
	if (reason == FL_E_FIELD_COUNT && rec) {
		/* no header line (or one of the default format) and no --fields */
		const char *hint = sc->layout.is_default
					   ? " (version 2's default format; a custom format without a "
					     "header line needs --fields)"
					   : "";
		/* a whole number of records on one line: written without line
		 * ends between them? */
		size_t n_text = len;
		while (line && n_text && (line[n_text - 1] == '\r' || line[n_text - 1] == ' ' ||
					  line[n_text - 1] == '\t'))
			n_text--;
		size_t words = line ? word_starts(line, n_text) : 0;
		/* k records end to end make k x n words with a space between
		 * them, k x (n - 1) + 1 with none (one's last field glued to the
		 * next one's first) */
		char run[192] = "", together[64];
		size_t n = (size_t)sc->layout.ncols, k = 0;
		int glued = 0;
		/* (not for layouts of a few fields, where any count fits) */
		if (n >= 5 && words >= 2 * n && words % n == 0)
			k = words / n;
		else if (n >= 5 && words >= 2 * n - 1 && (words - 1) % (n - 1) == 0) {
			k = (words - 1) / (n - 1);
			glued = 1;
		}
		/* with the default layout, a custom format without its header
		 * line (a CloudWatch Logs export) is as likely, or more so when
		 * the count only fits records glued field to field */
		static const char custom[] = "a custom format without a header line (give --fields)";
		snprintf(together, sizeof(together), "%zu records run together without line ends", k);
		if (k && sc->layout.is_default)
			snprintf(run, sizeof(run), "; %zu fields: %s, or %s?", words, glued ? custom : together,
				 glued ? together : custom);
		else if (k)
			snprintf(run, sizeof(run), "; %zu fields: %s?", words, together);
		if (rec->ncols > sc->layout.ncols && run[0])
			snprintf(d.msg, sizeof(d.msg), "%s: more than the layout's %d fields%s",
				 fl_strerror(reason), sc->layout.ncols, run);
		else if (rec->ncols > sc->layout.ncols)
			snprintf(d.msg, sizeof(d.msg), "%s: %zu fields, more than the layout's %d%s",
				 fl_strerror(reason), words, sc->layout.ncols, hint);
		else
			snprintf(d.msg, sizeof(d.msg), "%s: %d fields, the layout has %d%s",
				 fl_strerror(reason), rec->ncols, sc->layout.ncols, hint);
	} else if (rec && rec->err_col >= 0 && reason != FL_E_CONTROL) {
		int c = rec->err_col;
		int f = sc->layout.col[c];
		const struct fl_str *v = &rec->col[c];
		d.column = (uint64_t)c + 1;
		/* a byte order mark inside the input (files that start with
		 * one, joined with cat) reads as nothing on a terminal */
		int bom = v->len >= 3 && memcmp(v->p, "\xEF\xBB\xBF", 3) == 0;
		snprintf(d.msg, sizeof(d.msg), "%s in field '%s': '%.*s%s'%s", fl_strerror(reason),
			 f >= 0 ? fl_fields[f].name : sc->layout.ignored[c],
			 (int)(v->len > 40 ? 40 : v->len), v->p, v->len > 40 ? "..." : "",
			 bom ? " (it starts with a byte order mark, U+FEFF: files that begin with one, "
			       "joined with cat?)"
			     : "");
	} else if (reason == FL_E_CONTROL && line) {
		/* the first control character, its field (by the fields
		 * before it) and byte */
		size_t at = 0;
		while (at < len && ((unsigned char)line[at] >= ' ' || line[at] == '\t'))
			at++;
		size_t col = word_starts(line, at);
		/* a field the character ends is the one it is in */
		if (at > 0 && !blank(line[at - 1]))
			col--;
		if (at < len && col < (size_t)sc->layout.ncols) {
			int f = sc->layout.col[col];
			d.column = (uint64_t)col + 1;
			snprintf(d.msg, sizeof(d.msg), "%s (byte 0x%02x) in field '%s'", fl_strerror(reason),
				 (unsigned char)line[at], f >= 0 ? fl_fields[f].name : sc->layout.ignored[col]);
		} else if (at < len)
			snprintf(d.msg, sizeof(d.msg), "%s (byte 0x%02x) after the layout's %d fields",
				 fl_strerror(reason), (unsigned char)line[at], sc->layout.ncols);
	} else if (reason == FL_E_WRAPPER && line && holds(line, len, "\"logEvents\"")) {
		snprintf(d.msg, sizeof(d.msg),
			 "%s: a CloudWatch Logs subscription envelope (logEvents), many records in one "
			 "object: have the delivery stream extract each event's message, one a line",
			 fl_strerror(reason));
	} else if (reason == FL_E_WRAPPER && line && holds(line, len, "\"events\"")) {
		snprintf(d.msg, sizeof(d.msg),
			 "%s: aws logs filter-log-events or get-log-events output (events), one "
			 "document of many records: give its events one a line (jq -c '.events[]')",
			 fl_strerror(reason));
	} else if (reason == FL_E_WRAPPER) {
		snprintf(d.msg, sizeof(d.msg),
			 "%s: a line starting with '{' must be one JSON object with a string "
			 "\"message\" holding the record (several objects on a line need a newline "
			 "delimiter; a pretty-printed document: jq -c, and aws logs output: "
			 "jq -c '.events[]')",
			 fl_strerror(reason));
	} else if (reason == FL_E_HEADER && !line) {
		/* a line under a refused header (handle_line passes none) */
		snprintf(d.msg, sizeof(d.msg),
			 "%s: a line under a header that was refused (above): not read under another "
			 "layout, until the next header",
			 fl_strerror(reason));
	} else if (reason == FL_E_HEADER && line) {
		char why[128];
		fl_header_error(line, len, why, sizeof(why));
		snprintf(d.msg, sizeof(d.msg), "%s: %s", fl_strerror(reason), why);
	} else if (reason == FL_E_TOO_LONG) {
		/* aws logs output compacted whole (jq -c .): one line of a page */
		int events = line && len && line[0] == '{' && holds(line, len, "\"events\"");
		snprintf(d.msg, sizeof(d.msg),
			 "%s: %llu bytes with its line end, over the limit of %zu without it (--max-line)%s",
			 fl_strerror(reason), (unsigned long long)nbytes, sc->max_line,
			 events ? "; aws logs output (events): give its events one a line (jq -c '.events[]')"
				: "");
	} else {
		snprintf(d.msg, sizeof(d.msg), "%s", fl_strerror(reason));
	}
	(void)line;
	(void)len;
	sc->on_diag(sc->diag_ctx, &d);
}

/* A line of only spaces, tabs or CR (or nothing) is counted blank: 1
 * when it was. */
static int blank_line(struct scan_stats *st, const char *p, size_t len, uint64_t nbytes)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
			return 0;
	st->blank_lines++;
	st->blank_bytes += nbytes;
	return 1;
}

/* The length of a UTF-8 byte order mark at p (Windows tools write one
 * before a file's first line), else 0. */
static size_t bom_len(const char *p, size_t len)
{
	return len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
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
		/* p may be NULL: an over-long line is not kept */
		bad_line(sc, FL_E_TOO_LONG, nbytes, NULL, p, len);
		return;
	}
	if (sc->line == 1) {
		/* read past a byte order mark; its bytes count with the line */
		size_t b = bom_len(p, len);
		p += b;
		len -= b;
	}
	if (blank_line(st, p, len, nbytes))
		return;
	if (!sc->no_headers && fl_is_header(p, len)) {
		struct fl_layout lay;
		if (fl_layout_from_header(&lay, p, len) < 0) {
			bad_line(sc, FL_E_HEADER, nbytes, NULL, p, len);
			sc->layout.refused = 1;
			sc->layout_gen = next_layout_gen();
			return;
		}
		sc->layout = lay;
		sc->layout_gen = next_layout_gen();
		if (sc->o->first_header && sc->o->first_header->ncols == 0)
			*sc->o->first_header = lay;
		if (sc->o->vpc_only && lay.foreign)
			foreign_header(sc);
		st->header_lines++;
		st->header_bytes += nbytes;
		return;
	}
	if (len >= 21 && p[4] == '-') {
		/* a CloudWatch Logs export's event time; its bytes count with
		 * the line. An empty event is a blank line. (Not before the
		 * header test: walk_lines finds headers on the lines as read.) */
		size_t s = fl_export_stamp(p, len);
		p += s;
		len -= s;
		if (s && blank_line(st, p, len, nbytes))
			return;
	}
	if (len && p[0] == '{') {
		long n = fl_unwrap_json(p, len, sc->scratch, sc->max_line + 1);
		if (n < 0) {
			bad_line(sc, FL_E_WRAPPER, nbytes, NULL, p, len);
			return;
		}
		p = sc->scratch;
		len = (size_t)n;
	}
	if (sc->layout.refused) {
		bad_line(sc, FL_E_HEADER, nbytes, NULL, NULL, 0);
		return;
	}
	if (sc->o->vpc_only && sc->layout.foreign) {
		/* the header said it (foreign_header); the records are counted */
		count_bad(sc, FL_E_FOREIGN, nbytes);
		return;
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
			st->flow_bytes = sat_add(st->flow_bytes, rec->num[FL_BYTES]);
		if (fl_has(rec, FL_PACKETS))
			st->flow_packets = sat_add(st->flow_packets, rec->num[FL_PACKETS]);
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
		struct scan_pos pos = {sc->name, sc->line, &sc->layout, sc->worker, sc->layout_gen};
		if (sc->on_record(sc->ctx, rec, &pos))
			sc->aborted = 1;
	}
}

static int stopped(const struct scanner *sc)
{
	return sc->aborted || (sc->stop && atomic_load_explicit(sc->stop, memory_order_relaxed));
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
	while (p < end && !stopped(sc)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			break;
		handle_line(sc, p, (size_t)(nl - p), (uint64_t)(nl - p) + 1);
		p = nl + 1;
	}
	if (p < end && !stopped(sc)) {
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

/* Did the input's text end whole (rc: the input reader's last return)?
 * Trailing garbage is found only after a gzip member ended cleanly, so
 * the text before it is whole too, its last line with or without newline. */
static int text_whole(int rc)
{
	return rc == 0 || rc == INPUT_E_TRAILING;
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

/* ---- two parsing workers ---- */

/* Diagnostics a worker keeps for its chunk before it must wait for the
 * caller's thread to deliver them, and chunks whose diagnostics may wait
 * at once: both bound the memory a file of bad lines can take. */
#define DIAG_BATCH 64
#define NBATCH 8

enum { BATCH_FREE, BATCH_BUSY, BATCH_DONE };

/* The diagnostics of one chunk, kept until every earlier chunk's are out. */
struct batch {
	struct diag *d; /* DIAG_BATCH of them, allocated on first use */
	size_t n;
	int state;
};

/* A chunk of whole lines and what its parser needs to know about it. */
struct job {
	char *buf;               /* carry + chunk_size bytes */
	const char *text;        /* whole lines (the input's last one may lack '\n') */
	size_t len;
	uint64_t first_line;     /* lines before this chunk */
	uint64_t nlines;         /* lines in it, over-long ones included */
	uint64_t lead_long;      /* bytes of an over-long line ending first, 0: none */
	uint64_t tail_long;      /* bytes of an over-long last line without '\n', 0: none */
	int final;               /* text holds the input's last line */
	int has_header;
	int new_layout;          /* a header in the chunk set end_layout */
	struct fl_layout layout; /* in effect at the chunk's first line */
	struct fl_layout end_layout;
	/* where the first nends lines of text end (their '\n'), found while
	 * counting them, so that the parser needs no second memchr pass;
	 * bounded, the lines after them are split again */
	uint32_t *ends;
	size_t nends, ends_cap;
	uint64_t seq;
};

struct multi {
	const struct scan_opts *o;
	const char *name;
	size_t chunk, max_line;
	scan_diag_fn on_diag;
	void *ctx;

	pthread_mutex_t mu;
	pthread_cond_t cv;
	int spin; /* lock_soon may spin: the process may use two CPUs or more */

	/* the source, under mu: an input, or a range of memory */
	struct input *in;
	uint64_t progress_last; /* input bytes already added to o->progress */
	const char *mem;
	size_t mem_len, mem_pos;
	int src_done, src_status;
	struct diag src_diag;

	/* the line structure, under mu */
	char *carry;
	size_t carry_len;
	int skipping;
	uint64_t skip_len;
	uint64_t next_seq;

	/* under place_mu, not mu (which a worker holds while it reads): where
	 * each chunk's lines end, and the layout in effect there, once its
	 * worker has walked it (by seq % NBATCH; see place_job); before the
	 * first chunk, line 0 and the starting layout */
	pthread_mutex_t place_mu;
	pthread_cond_t place_cv;
	struct walked {
		uint64_t end_line;
		struct fl_layout layout;
	} walked[NBATCH];
	uint64_t walked_upto; /* chunks before this one are placed */

	/* diagnostics in input order; head is the next chunk to deliver,
	 * changed only by the caller's thread */
	struct batch b[NBATCH];
	uint64_t head;
	int helper_running;
	_Atomic int abort;
};

struct mworker {
	struct multi *m;
	int id;
	struct scanner sc;
	struct scan_stats st;
	struct job job;
	pthread_t th;
};

/* Add the bytes read from the file since the last call to o->progress. */
static void progress_add(const struct scan_opts *o, const struct input *in, uint64_t *last)
{
	if (!o->progress)
		return;
	uint64_t now = input_bytes_read(in);
	atomic_fetch_add(o->progress, now - *last);
	*last = now;
}

static int source_read(struct multi *m, char *buf, size_t cap, size_t *n)
{
	if (m->in) {
		int rc = input_read(m->in, buf, cap, n, &m->src_diag);
		progress_add(m->o, m->in, &m->progress_last);
		return rc;
	}
	size_t k = m->mem_len - m->mem_pos;
	if (k > cap)
		k = cap;
	memcpy(buf, m->mem + m->mem_pos, k);
	m->mem_pos += k;
	*n = k;
	return m->mem_pos < m->mem_len ? 1 : 0;
}

/* Deliver, in chunk order, what is ready: the head chunk's diagnostics so
 * far, and past it once it is done. The caller's thread only, mu held.
 * Returns whether it delivered or moved past anything. */
static int deliver_ready(struct multi *m)
{
	int woke = 0;
	while (m->head < m->next_seq) {
		struct batch *b = &m->b[m->head % NBATCH];
		for (size_t i = 0; i < b->n; i++)
			m->on_diag(m->ctx, &b->d[i]);
		if (b->n) {
			b->n = 0;
			woke = 1;
		}
		if (b->state != BATCH_DONE)
			break;
		b->state = BATCH_FREE;
		m->head++;
		woke = 1;
	}
	if (woke)
		pthread_cond_broadcast(&m->cv);
	return woke;
}

/* Wait for another worker, mu held. The caller's thread delivers while it
 * waits, since the other worker may be waiting for exactly that. */
static void wait_other(struct mworker *w)
{
	/* when delivering moved anything, the caller looks again: the change
	 * it waits for may be that one, and the other worker, done with its
	 * last chunk and gone, would never wake it */
	if (w->id == 0 && deliver_ready(w->m))
		return;
	/* the other worker may be asleep waiting for a change only this one
	 * can see it needs (a full batch to drain): wake it to look */
	pthread_cond_broadcast(&w->m->cv);
	pthread_cond_wait(&w->m->cv, &w->m->mu);
	if (w->id == 0)
		deliver_ready(w->m);
}

static void mw_diag(void *ctx, const struct diag *d)
{
	struct mworker *w = ctx;
	struct multi *m = w->m;
	/* the caller's thread at the head of the order: nothing to wait for
	 * (only this thread moves head, so it may read it unlocked) */
	if (w->id == 0 && m->head == w->job.seq) {
		m->on_diag(m->ctx, d);
		return;
	}
	pthread_mutex_lock(&m->mu);
	struct batch *b = &m->b[w->job.seq % NBATCH];
	while (b->n == DIAG_BATCH && !(w->id == 0 && m->head == w->job.seq))
		wait_other(w);
	if (w->id == 0 && m->head == w->job.seq) {
		pthread_mutex_unlock(&m->mu);
		m->on_diag(m->ctx, d);
		return;
	}
	if (!b->d)
		b->d = xmalloc(DIAG_BATCH * sizeof(*b->d));
	b->d[b->n++] = *d;
	pthread_mutex_unlock(&m->mu);
}

/* Walk the job's whole lines, outside mu: count them and follow header
 * lines, the way handle_line would, so that the next chunk knows its
 * layout (end_layout, when a header set it). */
static void walk_lines(struct job *j, size_t max_line)
{
	const char *p = j->text, *end = j->text + j->len;
	size_t cap = j->len <= UINT32_MAX ? j->ends_cap : 0;
	/* the ends of the first cap lines in one pass, then the rest one by one */
	j->nends = fl_newlines(j->text, j->len, j->ends, cap);
	uint64_t lines = j->nends;
	size_t i = 0;
	j->has_header = 0;
	j->new_layout = 0;
	/* the input's first line: as handle_line reads it, past a byte order
	 * mark that counts toward its length (not when the chunk starts after
	 * an over-long first line, which take_job left out) */
	size_t bom = j->seq == 0 && !j->lead_long ? bom_len(p, j->len) : 0;
	p += bom;
	while (p < end) {
		const char *e;
		if (i < j->nends) {
			e = j->text + j->ends[i++];
		} else {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			e = nl ? nl : end;
			lines++;
		}
		size_t len = (size_t)(e - p);
		if (len + bom <= max_line && fl_is_header(p, len)) {
			struct fl_layout lay;
			j->has_header = 1;
			/* a refused one too: its lines are not read (handle_line) */
			lay.refused = fl_layout_from_header(&lay, p, len) < 0;
			j->end_layout = lay;
			j->new_layout = 1;
		}
		bom = 0;
		p = e + 1;
	}
	j->nlines = lines + (j->lead_long != 0) + (j->tail_long != 0);
}

/* Give the walked job its first line number and starting layout, which
 * are where the chunk before it ended, and record where it ends. The
 * chunk before was taken first, and its worker walks it while this one
 * reads (walking is quick next to reading), so the wait is short. Chunks
 * are placed in order, so the slot read here is reused only after. */
static void place_job(struct mworker *w)
{
	struct multi *m = w->m;
	struct job *j = &w->job;
	pthread_mutex_lock(&m->place_mu);
	while (m->walked_upto < j->seq)
		pthread_cond_wait(&m->place_cv, &m->place_mu);
	const struct walked *prev = &m->walked[(j->seq + NBATCH - 1) % NBATCH];
	j->first_line = prev->end_line;
	j->layout = prev->layout;
	struct walked *me = &m->walked[j->seq % NBATCH];
	me->end_line = j->first_line + j->nlines;
	me->layout = j->new_layout ? j->end_layout : j->layout;
	m->walked_upto = j->seq + 1;
	pthread_cond_broadcast(&m->place_cv);
	pthread_mutex_unlock(&m->place_mu);
}

/*
 * Take the next chunk of whole lines into w->job, mu held. Returns 1 with a
 * job, or 0 when the input is over (or the scan aborted). The bytes of a
 * partial line cut off by an input error count as truncated in this
 * worker's counters.
 */
static int take_job(struct mworker *w)
{
	struct multi *m = w->m;
	struct job *j = &w->job;

	for (;;) {
		/* the chunk's diagnostics slot first: mu is let go while
		 * waiting, and the other worker must not take a later chunk
		 * between the reading and the numbering of this one */
		while (!m->src_done && !atomic_load(&m->abort) &&
		       m->b[m->next_seq % NBATCH].state != BATCH_FREE)
			wait_other(w);
		if (m->src_done || atomic_load(&m->abort))
			return 0;
		/* the carried line is at the start of m->carry, a buffer of a
		 * job's size. A line longer than a chunk (--max-line raised)
		 * is swapped in, not copied, so that a line of many chunks
		 * costs no copy a chunk; a shorter one is copied, so that each
		 * worker keeps reading into its own buffer (swapping every
		 * chunk moved the buffers between the CPUs' caches and slowed
		 * the reading that the workers take turns at by 6%) */
		size_t off = m->skipping ? 0 : m->carry_len, n = 0;
		if (off >= m->chunk) {
			char *b = j->buf;
			j->buf = m->carry;
			m->carry = b;
		} else if (off) {
			memcpy(j->buf, m->carry, off);
		}
		int rc = source_read(m, j->buf + off, m->chunk, &n);
		if (rc <= 0) {
			m->src_done = 1;
			m->src_status = rc;
		}
		const char *p = j->buf + off, *end = p + n;
		j->lead_long = j->tail_long = 0;
		j->final = 0;
		j->text = j->buf;
		if (m->skipping) {
			const char *nl = memchr(p, '\n', n);
			if (nl) {
				m->skip_len += (uint64_t)(nl - p);
				j->lead_long = m->skip_len + 1;
				m->skipping = 0;
				m->skip_len = 0;
				j->text = nl + 1;
			} else {
				m->skip_len += n;
				j->text = end;
			}
		}
		m->carry_len = 0;
		/* cut after the last newline; the rest waits for the next
		 * chunk. The carried part has none: only the new text is
		 * searched */
		const char *cut = j->text, *lo = p > j->text ? p : j->text;
		for (const char *q = end; q > lo; q--) {
			if (q[-1] == '\n') {
				cut = q;
				break;
			}
		}
		size_t rest = (size_t)(end - cut);
		if (m->src_done && text_whole(m->src_status)) {
			/* a clean end of the text: the last line, with or
			 * without newline, goes with this chunk */
			j->final = 1;
			if (m->skipping) {
				j->tail_long = m->skip_len;
				cut = end;
			} else if (rest > m->max_line) {
				j->tail_long = rest;
			} else {
				cut = end;
			}
			m->skipping = 0;
			m->skip_len = 0;
		} else if (m->src_done) {
			/* an input error: the partial line is lost, and counted */
			uint64_t partial = m->skipping ? m->skip_len : rest;
			w->st.truncated_bytes += partial;
			w->st.bytes_text += partial;
			m->skipping = 0;
			m->skip_len = 0;
		} else if (m->skipping) {
			/* still inside an over-long line */
		} else if (rest > m->max_line) {
			m->skipping = 1;
			m->skip_len = rest;
		} else if (cut == j->buf) {
			/* no line ends here: the buffer is the carry (and the
			 * job is not handed out) */
			char *b = m->carry;
			m->carry = j->buf;
			j->buf = b;
			j->text = cut = j->buf;
			m->carry_len = rest;
		} else {
			memcpy(m->carry, cut, rest);
			m->carry_len = rest;
		}
		j->len = (size_t)(cut - j->text);
		if (j->len == 0 && !j->lead_long && !j->tail_long) {
			if (m->src_done)
				return 0;
			continue;
		}
		j->seq = m->next_seq++;
		m->b[j->seq % NBATCH].state = BATCH_BUSY;
		return 1;
	}
}

static void run_job(struct mworker *w)
{
	struct scanner *sc = &w->sc;
	struct job *j = &w->job;
	sc->line = j->first_line;
	sc->layout = j->layout;
	sc->layout_gen = next_layout_gen();
	sc->no_headers = !j->has_header;
	sc->carry_len = 0;
	sc->skipping = 0;
	if (j->lead_long)
		handle_line(sc, NULL, sc->max_line + 1, j->lead_long);
	const char *p = j->text, *end = j->text + j->len;
	for (size_t i = 0; i < j->nends && !stopped(sc); i++) {
		const char *nl = j->text + j->ends[i];
		handle_line(sc, p, (size_t)(nl - p), (uint64_t)(nl - p) + 1);
		p = nl + 1;
	}
	if (p < end && !stopped(sc))
		feed(sc, p, (size_t)(end - p));
	if (j->tail_long && !stopped(sc))
		handle_line(sc, NULL, sc->max_line + 1, j->tail_long);
	if (j->final && !stopped(sc))
		finish(sc, 1);
	if (sc->aborted)
		atomic_store(&w->m->abort, 1);
}

/*
 * Take mu, trying for up to LOCK_SPIN_NS before sleeping on it. A worker
 * that has parsed its chunk most often finds the other one reading the
 * next (under mu, for well under a millisecond a chunk), and every chunk
 * waits for that reading: a thread put to sleep on mu would only run again
 * some time after it is let go, which here, on a virtual machine, was
 * enough to leave the reader idle for a tenth of the time when parsing is
 * faster than reading. The spin has a bound, so a worker waiting for
 * anything longer sleeps; and with one CPU to run on, where spinning would
 * only keep the reader from running, it does not spin.
 */
#define LOCK_SPIN_NS 2000000
static void lock_soon(struct multi *m)
{
	struct timespec t0, t;
	if (!m->spin) {
		pthread_mutex_lock(&m->mu);
		return;
	}
	if (pthread_mutex_trylock(&m->mu) == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned i = 1;; i++) {
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
		if (pthread_mutex_trylock(&m->mu) == 0)
			return;
		if (i % 64 == 0) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			if ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) >= LOCK_SPIN_NS)
				break;
		}
	}
	pthread_mutex_lock(&m->mu);
}

/* CPUs this process may run on; 1 when that cannot be told. */
static int cpus_allowed(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1;
	return CPU_COUNT(&set);
}

static void worker_loop(struct mworker *w)
{
	struct multi *m = w->m;
	pthread_mutex_lock(&m->mu);
	while (take_job(w)) {
		pthread_mutex_unlock(&m->mu);
		walk_lines(&w->job, m->max_line);
		place_job(w);
		run_job(w);
		lock_soon(m);
		m->b[w->job.seq % NBATCH].state = BATCH_DONE;
		if (w->id == 0)
			deliver_ready(m);
		else
			pthread_cond_broadcast(&m->cv);
	}
	pthread_mutex_unlock(&m->mu);
}

static void *helper_main(void *arg)
{
	struct mworker *w = arg;
	worker_loop(w);
	pthread_mutex_lock(&w->m->mu);
	w->m->helper_running = 0;
	pthread_cond_broadcast(&w->m->cv);
	pthread_mutex_unlock(&w->m->mu);
	return NULL;
}

static void mworker_init(struct mworker *w, struct multi *m, int id, scan_record_fn on_record,
			 void *ctx)
{
	memset(w, 0, sizeof(*w));
	w->m = m;
	w->id = id;
	scan_stats_init(&w->st);
	scanner_init(&w->sc, m->name, m->o, on_record, m->on_diag ? mw_diag : NULL, ctx, &w->st);
	w->sc.diag_ctx = w;
	w->sc.worker = id;
	w->sc.stop = &m->abort;
	w->job.buf = xmalloc(m->chunk + m->max_line + 1);
	/* room for lines of 32 bytes on average; flow-log lines are longer */
	w->job.ends_cap = (m->chunk + m->max_line) / 32 + 16;
	w->job.ends = xmalloc(w->job.ends_cap * sizeof(*w->job.ends));
}

/* Scan one input (in, or the memory range) with two parsing workers.
 * Returns 0, the input's error, or SCAN_E_ABORTED. */
static int scan_multi(const char *name, struct input *in, const char *mem, size_t mem_len,
		      const struct scan_opts *o, scan_record_fn on_record, scan_diag_fn on_diag,
		      void *ctx, struct scan_stats *st, struct diag *d)
{
	struct multi *m = xcalloc(1, sizeof(*m));
	struct mworker *w = xcalloc(2, sizeof(*w));
	int rc;

	m->o = o;
	m->name = name;
	m->chunk = o->input.chunk_size ? o->input.chunk_size : (1u << 20);
	m->max_line = o->max_line ? o->max_line : DEFAULT_MAX_LINE;
	m->on_diag = on_diag;
	m->ctx = ctx;
	m->in = in;
	m->mem = mem;
	m->mem_len = mem_len;
	m->carry = xmalloc(m->chunk + m->max_line + 1); /* swapped with job buffers */
	/* "chunk -1": ends at line 0 with the starting layout */
	struct walked *start = &m->walked[NBATCH - 1];
	if (o->fields)
		start->layout = *o->fields;
	else
		fl_layout_default(&start->layout);
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->cv, NULL);
	pthread_mutex_init(&m->place_mu, NULL);
	pthread_cond_init(&m->place_cv, NULL);
	m->spin = cpus_allowed() >= 2;
	for (int i = 0; i < 2; i++)
		mworker_init(&w[i], m, i, on_record, ctx);

	/* without a second thread the caller's does it all, in order */
	/* set before the thread starts: it clears it when done */
	m->helper_running = 1;
	int started = pthread_create(&w[1].th, NULL, helper_main, &w[1]) == 0;
	if (!started)
		m->helper_running = 0;
	worker_loop(&w[0]);
	pthread_mutex_lock(&m->mu);
	while (m->helper_running)
		wait_other(&w[0]);
	deliver_ready(m);
	pthread_mutex_unlock(&m->mu);
	if (started)
		pthread_join(w[1].th, NULL);

	if (atomic_load(&m->abort)) {
		rc = SCAN_E_ABORTED;
	} else {
		rc = m->src_status;
		if (rc < 0) {
			if (d)
				*d = m->src_diag;
			st->files_failed++;
		}
	}
	for (int i = 0; i < 2; i++) {
		scan_stats_add(st, &w[i].st);
		scanner_fini(&w[i].sc);
		free(w[i].job.buf);
		free(w[i].job.ends);
	}
	for (int i = 0; i < NBATCH; i++)
		free(m->b[i].d);
	pthread_cond_destroy(&m->cv);
	pthread_mutex_destroy(&m->mu);
	pthread_cond_destroy(&m->place_cv);
	pthread_mutex_destroy(&m->place_mu);
	free(m->carry);
	free(m);
	free(w);
	return rc;
}

/* The default of scan_opts.small_file (a few MiB of text at most): a
 * reader thread or a second parse worker costs more than it saves on such
 * files (S3 delivers many small objects: 6,000 of them took 7-10x the
 * time of their bytes in one file). */
#define SCAN_SMALL_FILE (256 * 1024)

/* A file whose data failed after some of its lines: the message says
 * how many came before (their records are counted). */
static int failed_after(int rc, struct diag *d, uint64_t lines)
{
	if (rc < 0 && d && lines && rc != SCAN_E_ABORTED && rc != INPUT_E_OPEN && rc != INPUT_E_EMPTY &&
	    rc != INPUT_E_ISDIR) {
		size_t n = strlen(d->msg);
		int paren = n && d->msg[n - 1] == ')';
		n -= (size_t)paren;
		snprintf(d->msg + n, sizeof(d->msg) - n, "%s%llu whole line%s read before it)",
			 paren ? "; " : " (", (unsigned long long)lines, lines > 1 ? "s" : "");
	}
	return rc;
}

int scan_file(const char *path, const struct scan_opts *opts, scan_record_fn on_record,
	      scan_diag_fn on_diag, void *ctx, struct scan_stats *st, struct diag *d)
{
	struct input *in = NULL;
	struct scanner sc;
	const char *p;
	size_t n;
	int rc;
	struct scan_opts small;
	const struct scan_opts *o = opts;
	struct stat fst;

	if ((o->parse_workers >= 2 || o->input.threaded) && strcmp(path, "-") != 0 &&
	    stat(path, &fst) == 0 && S_ISREG(fst.st_mode) &&
	    (uint64_t)fst.st_size < (opts->small_file ? opts->small_file : SCAN_SMALL_FILE)) {
		small = *opts;
		small.parse_workers = 1;
		small.input.threaded = 0;
		o = &small;
	}
	st->files++;
	if (o->parse_workers >= 2) {
		/* the workers take turns at reading: no reader thread */
		struct input_opts io = o->input;
		io.threaded = 0;
		rc = input_open(&in, path, &io, d);
		if (rc < 0) {
			st->files_failed++;
			return rc;
		}
		uint64_t lines0 = st->lines;
		rc = scan_multi(strcmp(path, "-") == 0 ? "<stdin>" : path, in, NULL, 0, o, on_record,
				on_diag, ctx, st, d);
		st->bytes_read += input_bytes_read(in);
		input_free(in);
		return failed_after(rc, d, st->lines - lines0);
	}
	rc = input_open(&in, path, &o->input, d);
	if (rc < 0) {
		st->files_failed++;
		return rc;
	}
	scanner_init(&sc, strcmp(path, "-") == 0 ? "<stdin>" : path, o, on_record, on_diag, ctx, st);
	uint64_t progress_last = 0, lines0 = st->lines;
	while ((rc = input_next(in, &p, &n, d)) > 0) {
		progress_add(o, in, &progress_last);
		feed(&sc, p, n);
		if (sc.aborted)
			break;
	}
	progress_add(o, in, &progress_last);
	if (sc.aborted) {
		rc = SCAN_E_ABORTED;
	} else {
		finish(&sc, text_whole(rc));
		if (rc < 0)
			st->files_failed++;
	}
	st->bytes_read += input_bytes_read(in);
	scanner_fini(&sc);
	input_free(in);
	return failed_after(rc, d, st->lines - lines0);
}

int scan_buffer(const char *name, const char *buf, size_t len, const struct scan_opts *o,
		scan_record_fn on_record, scan_diag_fn on_diag, void *ctx,
		struct scan_stats *st)
{
	struct scanner sc;
	st->files++;
	st->bytes_read += len;
	if (o->parse_workers >= 2)
		return scan_multi(name, NULL, buf, len, o, on_record, on_diag, ctx, st, NULL);
	scanner_init(&sc, name, o, on_record, on_diag, ctx, st);
	feed(&sc, buf, len);
	if (!sc.aborted)
		finish(&sc, 1);
	scanner_fini(&sc);
	return sc.aborted ? SCAN_E_ABORTED : 0;
}
