/* SPDX-License-Identifier: MIT */
/*
 * What the scan fuzz targets (fuzz_scan, fuzz_gzip) check of every scan:
 * each record has its layout's column count and a line number, each
 * diagnostic is an error with a line and a terminated message, and the
 * accounting identities hold, records included.
 */
#ifndef FLOWPATH_FUZZ_SCAN_CHECKS_H
#define FLOWPATH_FUZZ_SCAN_CHECKS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

/* ctx: a uint64_t counting the records */
static int count_record(void *ctx, const struct fl_record *rec, const struct scan_pos *pos)
{
	uint64_t *n = ctx;
	(*n)++;
	if (pos->line == 0 || pos->layout->ncols != rec->ncols)
		abort();
	return 0;
}

static void check_diag(void *ctx, const struct diag *d)
{
	(void)ctx;
	if (d->code >= 0 || d->line == 0 || memchr(d->msg, '\0', sizeof(d->msg)) == NULL)
		abort();
}

static void check_identities(const struct scan_stats *st, uint64_t records)
{
	if (scan_stats_check(st) || records != st->flows + st->nodata + st->skipdata)
		abort();
}

#endif
