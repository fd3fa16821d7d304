/* SPDX-License-Identifier: MIT */
/*
 * The reports of shared/spec/reports.md, rendered from an analysis:
 * summary (for people), paths, recommendations, talkers, timeline,
 * inputs and nat-talkers. Column sets are documented in docs/reports.md; new columns are
 * only ever added at the end.
 */
#ifndef FLOWPATH_REPORT_H
#define FLOWPATH_REPORT_H

#include <stdio.h>

#include "analysis.h"
#include "cli.h"
#include "prices.h"
#include "topo.h"

enum report_kind {
	REPORT_SUMMARY,
	REPORT_PATHS,
	REPORT_RECOMMENDATIONS,
	REPORT_TALKERS,
	REPORT_TIMELINE,
	REPORT_INPUTS,
	REPORT_NAT_TALKERS,
	NREPORTS
};

const char *report_name(int r);
/* Parse "a,b,c" into a list of report kinds (in order, no repeats).
 * Returns the count, or -1 with the bad name copied to bad. */
int report_parse_list(const char *s, int *out, int max, char *bad, size_t badlen);

struct report_ctx {
	const struct analysis *an;
	const struct topo *topo; /* may be NULL (merge without a topology) */
	const struct prices *prices;
	/* the run's notes and warnings about the data (also on stderr),
	 * which the summary for people repeats; may be none */
	const char *const *notes;
	int nnotes;
	int notes_more; /* and how many more were said, not kept */
};

/* Files listed as skipped in the inputs report (copies of an object,
 * other services' objects, outside the window by their names). */
size_t report_files_skipped(const struct analysis *an);

/*
 * Write the reports in order to f. FMT_JSON writes one document holding
 * every report; the other formats write them one after the other (a blank
 * line between tables and CSV/TSV sections). Returns 0 or -1 (f failed).
 */
int report_write(FILE *f, enum out_format fmt, const int *reports, int n, const struct report_ctx *rc);

#endif
