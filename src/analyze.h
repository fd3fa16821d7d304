/* SPDX-License-Identifier: MIT */
/*
 * The model-based commands: `analyze` (classify every flow, aggregate,
 * report), `explain` (one flow's decision step by step) and `topology
 * check` (load, count, lint).
 */
#ifndef FLOWPATH_ANALYZE_H
#define FLOWPATH_ANALYZE_H

#include <stdio.h>

#include "agg.h"
#include "prices.h"
#include "cli.h"
#include "run.h"
#include "topo.h"

/* Error code of a model that could not be loaded (configuration error). */
#define ANALYZE_E_MODEL (-60)

/*
 * Load topology paths and o's ip-ranges into a finished model, within o's
 * limits.
 * Returns 0 with *out set, or a negative code with d filled.
 */
int analyze_load_model(const struct options *o, const char *const *paths, int npaths,
		       struct topo **out, struct diag *d);

/* `flowpath analyze`. Returns 0, ANALYZE_E_MODEL (d filled: nothing
 * processed), or -1 when the output failed. */
int run_analyze(const struct options *o, FILE *out, struct run_ui *ui, struct run_result *r,
		struct diag *d);

/* The built-in prices with --pricing applied. 0, or ANALYZE_E_MODEL with d. */
int analyze_load_prices(const char *pricing, struct prices **out, struct diag *d);

/* The reports and format a run writes to out (defaults: summary as a table
 * on a terminal, else paths as CSV). Returns the number of reports. */
int analyze_reports(const struct options *o, FILE *out, int *reports, enum out_format *fmt);

/* `flowpath merge`: partial aggregates in, reports (or one merged partial)
 * out. Returns 0, ANALYZE_E_MODEL (d filled), or -1 when the output failed.
 * A partial that cannot be read counts as an input error. */
int run_merge(const struct options *o, FILE *out, struct run_ui *ui, struct run_result *r,
	      struct diag *d);

/* `flowpath explain`. Returns 0, ANALYZE_E_MODEL or a usage error (-2) with d filled. */
int run_explain(const struct options *o, FILE *out, struct diag *d);

/* `flowpath topology check`. Returns 0 (no findings), 1 (findings), or
 * ANALYZE_E_MODEL with d filled. */
int run_topology_check(const struct options *o, FILE *out, struct diag *d);

#endif
