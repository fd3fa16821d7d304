/* SPDX-License-Identifier: MIT */
/*
 * The analyze pipeline over many files: the list of inputs (INPUT
 * arguments, --files-from, --shard, files skipped by their S3 names for
 * --since/--until) and N workers that take files from it, each with its own
 * analysis, merged at the end. Diagnostics reach the caller in input order
 * whatever the number of workers, so output and stderr are the same for any
 * -j. Nothing here prints.
 */
#ifndef FLOWPATH_RUNNER_H
#define FLOWPATH_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "cli.h"
#include "run.h"
#include "topo.h"

/* Why a listed file is not read: by its S3 name, or as a copy. */
enum {
	RUNNER_SKIP_WINDOW = 1,  /* outside --since/--until */
	RUNNER_SKIP_SERVICE = 2, /* another service's log object (s3name_other_service) */
	RUNNER_SKIP_COPY = 3,    /* the same AWS object as detail, which is read */
	/* not read: it could not be listed (a path that does not exist, a
	 * folder that cannot be read, a socket); detail holds why. Its
	 * inputs row has status error (docs/reports.md) */
	RUNNER_UNLISTED = INPUT_UNLISTED,
};

struct runner_file {
	char *path;
	int skipped;   /* not read: RUNNER_SKIP_* */
	char *detail; /* RUNNER_SKIP_COPY: the path read instead;
			* RUNNER_UNLISTED: why it could not be listed (owned) */
	int named;     /* an INPUT argument itself, not found in a folder or a list */
	uint64_t size; /* bytes, by stat when the list was built; 0 unknown */
};

struct runner_list {
	struct runner_file *f;
	size_t n, cap;
	uint64_t input_errors; /* arguments or list entries that could not be listed */
};

/*
 * Build the list: every INPUT argument and --files-from entry expanded
 * (problems to ui as RUN_INPUT), then the --shard selection, then files
 * whose S3 name lies outside --since/--until, or says they are another
 * service's logs, marked skipped. Returns 0,
 * or -1 with d filled when the --files-from list cannot be opened or is a
 * directory: without its inputs, a run could only write an empty report
 * over the last good one. Free l with runner_list_free either way.
 */
int runner_list_build(const struct options *o, struct run_ui *ui, struct runner_list *l,
		      struct diag *d);
void runner_list_free(struct runner_list *l);

/* Progress, handed to ui->progress while runner_analyze runs. */
struct runner_progress {
	_Atomic uint64_t files_done;
	_Atomic uint64_t bytes_read;
	_Atomic uint64_t records;
	uint64_t files_total;
	uint64_t bytes_total; /* sizes of the listed files */
};

/*
 * Analyze the listed files with o->jobs workers into out (which holds the
 * window and must be empty otherwise), every input's accounting added in
 * list order. Input errors and malformed lines go to ui in input order;
 * while the workers run, ui->progress (when set) is called from this
 * thread a few times a second, and once more with final set. Returns 0, or
 * -1 when a worker thread could not start (the rest ran in fewer).
 */
int runner_analyze(const struct options *o, const struct topo *t, const struct runner_list *l,
		   struct run_ui *ui, struct analysis *out);

#endif
