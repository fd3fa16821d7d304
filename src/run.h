/* SPDX-License-Identifier: MIT */
/*
 * Running a command over its inputs: expand the INPUT arguments, scan every
 * file, keep the accounting. Diagnostics go to the caller's callback; this
 * module never prints.
 */
#ifndef FLOWPATH_RUN_H
#define FLOWPATH_RUN_H

#include <stdio.h>

#include "cli.h"
#include "scan.h"
#include "walk.h"

/* Severity of a diagnostic handed to the caller. */
enum run_severity {
	RUN_LINE = 0,  /* a malformed line; the file goes on */
	RUN_INPUT = 1, /* an input that failed (open, gzip, listing) */
	RUN_NOTE = 2,  /* information about the run, not an error */
	RUN_WARN = 3,  /* not an error, but worth a look even with -q */
};

struct runner_progress;

struct run_ui {
	void (*diag)(void *ctx, enum run_severity sev, const struct diag *d);
	/* malformed lines counted but not handed over (past --max-errors) */
	void (*suppressed)(void *ctx, uint64_t lines);
	/* progress of a long run; may be NULL */
	void (*progress)(void *ctx, const struct runner_progress *p, int final);
	void *ctx;
};

struct run_result {
	struct scan_stats stats; /* totals over all inputs */
	uint64_t input_errors;   /* inputs that could not be listed or read */
	int output_error;        /* writing the output failed */
	uint64_t outside_window; /* flows read but left out by --since/--until */
	uint64_t files_skipped;  /* not read, by their names (inputs report) */
};

/* The scan options implied by the command line. */
void run_scan_opts(const struct options *o, struct scan_opts *so);

/* An empty list for a run's walks: it leaves out the run's own -o file
 * (options.out_dev/out_ino). */
void run_walk_init(const struct options *o, struct walk_list *w);

/*
 * Expand o->inputs into files (problems go to ui as RUN_INPUT and count in
 * r->input_errors). Returns the number of files listed.
 */
size_t run_list_inputs(const struct options *o, struct run_ui *ui, struct walk_list *files,
		       struct run_result *r);

/*
 * `flowpath parse`: records of every input to out in o->format (or the
 * accounting report with --stats). Fills r; returns 0, or -1 when out
 * failed (r->output_error set).
 */
int run_parse(const struct options *o, FILE *out, struct run_ui *ui, struct run_result *r);

/* Write the accounting as (metric, value) rows in fmt. */
void run_write_stats(FILE *f, enum out_format fmt, const struct scan_stats *st,
		     uint64_t input_errors);

#endif
