/* SPDX-License-Identifier: MIT */
/* Command runs over inputs; see run.h. */
#include "run.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "recout.h"

struct parse_ctx {
	struct recout w;
	struct run_ui *ui;
};

static void walk_diag(void *ctx, const struct diag *d)
{
	struct run_ui *ui = ctx;
	if (ui && ui->diag)
		ui->diag(ui->ctx, d->code == WALK_E_LOOP ? RUN_WARN : RUN_INPUT, d);
}

static void line_diag(void *ctx, const struct diag *d)
{
	struct parse_ctx *pc = ctx;
	if (pc->ui && pc->ui->diag)
		pc->ui->diag(pc->ui->ctx, RUN_LINE, d);
}

void run_scan_opts(const struct options *o, struct scan_opts *so)
{
	memset(so, 0, sizeof(*so));
	so->fields = o->have_fields ? &o->fields : NULL;
	so->max_line = o->max_line;
	so->input.backend = o->backend;
	so->input.threaded = 1;
	/* the size under which a file is read by one thread alone (default
	 * 256 KiB): the test suite sets 1, so that its small files go the
	 * threaded way too */
	const char *small = getenv("FLOWPATH_SMALL_FILE");
	if (small && *small)
		so->small_file = (size_t)strtoull(small, NULL, 10);
}

void run_walk_init(const struct options *o, struct walk_list *w)
{
	walk_list_init(w);
	for (int i = 0; i < o->nout; i++)
		walk_list_skip(w, o->out_dev[i], o->out_ino[i]);
}

size_t run_list_inputs(const struct options *o, struct run_ui *ui, struct walk_list *files,
		       struct run_result *r)
{
	for (int i = 0; i < o->ninputs; i++)
		r->input_errors += (uint64_t)walk_add(files, o->inputs[i], walk_diag, ui);
	return files->n;
}

static int on_record(void *ctx, const struct fl_record *rec, const struct scan_pos *pos)
{
	struct parse_ctx *pc = ctx;
	if (pc->w.format == RECOUT_NULL)
		return 0; /* two workers may call at once: touch nothing */
	return recout_record(&pc->w, rec, pos->layout);
}

int run_parse(const struct options *o, FILE *out, struct run_ui *ui, struct run_result *r)
{
	struct walk_list files;
	struct scan_opts so;
	struct parse_ctx pc;
	enum recout_format rf = RECOUT_CSV;

	memset(r, 0, sizeof(*r));
	scan_stats_init(&r->stats);
	run_walk_init(o, &files);
	run_scan_opts(o, &so);
	run_list_inputs(o, ui, &files, r);

	switch (o->format) {
	case FMT_TSV:
		rf = RECOUT_TSV;
		break;
	case FMT_JSONL:
		rf = RECOUT_JSONL;
		break;
	case FMT_NULL:
		rf = RECOUT_NULL;
		break;
	default:
		rf = RECOUT_CSV;
	}
	if (o->stats)
		rf = RECOUT_NULL;
	/* Records that are not written may come in any order: let two
	 * threads parse (recout's NULL format touches no shared state but a
	 * counter nobody reads). Not with zlib: it inflates slower than one
	 * thread parses, so the reader thread's ring already hides parsing,
	 * while two workers would inflate in turns (bench/README.md). */
	int zlib = so.input.backend == INPUT_BACKEND_ZLIB ||
		   (so.input.backend == INPUT_BACKEND_DEFAULT &&
		    strcmp(input_default_backend(), "zlib") == 0);
	if (rf == RECOUT_NULL && !zlib)
		so.parse_workers = 2;
	recout_init(&pc.w, out, rf);
	if (o->have_columns)
		recout_set_columns(&pc.w, &o->columns);
	pc.ui = ui;
	struct fl_layout first;
	first.ncols = 0;
	/* CSV and TSV only: one parsing thread (scan_opts.first_header) */
	if (rf == RECOUT_CSV || rf == RECOUT_TSV)
		so.first_header = &first;

	for (size_t i = 0; i < files.n; i++) {
		struct diag d;
		diag_clear(&d);
		int rc = scan_file(files.paths[i], &so, on_record, line_diag, &pc, &r->stats, &d);
		if (rc == SCAN_E_ABORTED) {
			r->output_error = 1;
			break;
		}
		if (rc < 0) {
			r->input_errors++;
			if (ui && ui->diag)
				ui->diag(ui->ctx, RUN_INPUT, &d);
		}
	}
	/* CSV and TSV have their header line with no record too: the first
	 * header's columns, else those that lines without one are read under */
	if ((rf == RECOUT_CSV || rf == RECOUT_TSV) && !pc.w.have_columns && !r->output_error) {
		struct fl_layout lay;
		if (first.ncols)
			lay = first;
		else if (o->have_fields)
			lay = o->fields;
		else
			fl_layout_default(&lay);
		recout_set_columns(&pc.w, &lay);
	}
	if (pc.w.dropped_fields && ui && ui->diag) {
		struct diag d;
		diag_set(&d, 0, NULL, 0,
			 "%" PRIu64 " records had fields outside the CSV/TSV columns "
			 "(set them with --columns, or use --format jsonl)",
			 pc.w.dropped_fields);
		/* values left out of the output: said even with -q */
		ui->diag(ui->ctx, RUN_WARN, &d);
	}
	const char *sat = scan_stats_saturated(&r->stats);
	if (sat && ui && ui->diag) {
		struct diag d;
		diag_set(&d, 0, NULL, 0, "%s", sat);
		ui->diag(ui->ctx, RUN_WARN, &d);
	}
	if (o->stats && !r->output_error) {
		enum out_format sf = o->format == FMT_DEFAULT || o->format == FMT_NULL ? FMT_CSV
										      : o->format;
		run_write_stats(out, sf, &r->stats, r->input_errors);
	}
	walk_list_fini(&files);
	if (ferror(out))
		r->output_error = 1;
	return r->output_error ? -1 : 0;
}

void run_write_stats(FILE *f, enum out_format fmt, const struct scan_stats *st,
		     uint64_t input_errors)
{
	struct {
		const char *name;
		uint64_t v;
	} rows[64];
	int n = 0;
#define ROW(name_, v_)                                                                     \
	do {                                                                               \
		rows[n].name = (name_);                                                    \
		rows[n].v = (v_);                                                          \
		n++;                                                                       \
	} while (0)
	ROW("files", st->files);
	ROW("files_failed", st->files_failed);
	ROW("input_errors", input_errors);
	ROW("bytes_read", st->bytes_read);
	ROW("text_bytes", st->bytes_text);
	ROW("lines", st->lines);
	ROW("header_lines", st->header_lines);
	ROW("blank_lines", st->blank_lines);
	ROW("flows", st->flows);
	ROW("nodata", st->nodata);
	ROW("skipdata", st->skipdata);
	ROW("malformed", st->malformed);
	for (int i = 1; i < FL_NERRORS; i++)
		ROW(fl_error_key(i), st->malformed_by[i]);
	ROW("header_text_bytes", st->header_bytes);
	ROW("blank_text_bytes", st->blank_bytes);
	ROW("flow_text_bytes", st->flow_text_bytes);
	ROW("nodata_skipdata_text_bytes", st->nodata_text_bytes);
	ROW("malformed_text_bytes", st->malformed_bytes);
	ROW("truncated_text_bytes", st->truncated_bytes);
	ROW("flow_bytes", st->flow_bytes);
	ROW("flow_packets", st->flow_packets);
#undef ROW
	char t0[32] = "", t1[32] = "";
	if (st->flows && st->first_start != INT64_MAX)
		fmt_time(st->first_start, t0, sizeof(t0));
	if (st->flows && st->last_end != INT64_MIN)
		fmt_time(st->last_end, t1, sizeof(t1));

	if (fmt == FMT_JSONL || fmt == FMT_JSON) {
		for (int i = 0; i < n; i++)
			fprintf(f, "{\"metric\":\"%s\",\"value\":%" PRIu64 "}\n", rows[i].name, rows[i].v);
		fprintf(f, "{\"metric\":\"first_start\",\"value\":%s%s%s}\n", t0[0] ? "\"" : "",
			t0[0] ? t0 : "null", t0[0] ? "\"" : "");
		fprintf(f, "{\"metric\":\"last_end\",\"value\":%s%s%s}\n", t1[0] ? "\"" : "",
			t1[0] ? t1 : "null", t1[0] ? "\"" : "");
		return;
	}
	char sep = fmt == FMT_TSV ? '\t' : ',';
	fprintf(f, "metric%cvalue\n", sep);
	for (int i = 0; i < n; i++)
		fprintf(f, "%s%c%" PRIu64 "\n", rows[i].name, sep, rows[i].v);
	fprintf(f, "first_start%c%s\nlast_end%c%s\n", sep, t0, sep, t1);
}
