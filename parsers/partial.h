/* SPDX-License-Identifier: MIT */
/*
 * Partial aggregates (`analyze --emit partial`, `flowpath merge`): an
 * analysis written as versioned, line-oriented, tab-separated text that any
 * number of runs can merge in any order. The format is documented in
 * docs/cluster.md; a reader refuses other versions (it reads this one and
 * the one before) and names the line of anything it cannot read.
 */
#ifndef FLOWPATH_PARTIAL_H
#define FLOWPATH_PARTIAL_H

#include <stddef.h>
#include <stdio.h>

#include "analysis.h"
#include "diag.h"

#define PARTIAL_VERSION 9 /* and reads versions 3 to 9 */
#define PARTIAL_VERSION_MIN 3

enum partial_error {
	PARTIAL_E_OPEN = -50,    /* cannot read the file */
	PARTIAL_E_VERSION = -51, /* not a partial, or another version */
	PARTIAL_E_LINE = -52,    /* a line that cannot be read */
	PARTIAL_E_TRUNCATED = -53, /* no end line, or a wrong line count */
};

/* Write an analysis. Returns 0, or -1 when f has an error. */
int partial_write(FILE *f, const struct analysis *an);

/*
 * Add a partial held in memory to an. Returns 0, or an enum partial_error
 * with d naming the file (name), the line and the reason; on error an may
 * hold part of the partial (merge it into a scratch analysis first).
 */
int partial_read_buffer(struct analysis *an, const char *name, const char *buf, size_t len,
			struct diag *d);

/* The same from a file ("-" is standard input). */
int partial_read_path(struct analysis *an, const char *path, struct diag *d);

#endif
