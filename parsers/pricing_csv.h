/* SPDX-License-Identifier: MIT */
/*
 * The pricing CSV (`--pricing FILE.csv`): a header `region,item,usd`, then
 * one figure a row, overriding the built-in table. item is one of the names
 * of price_item_name ("nat_gateway_gb", ...); usd a non-negative decimal.
 * Read with libcsv (RFC 4180: quoted fields, CRLF). Blank lines and lines
 * starting with '#' are skipped.
 */
#ifndef FLOWPATH_PRICING_CSV_H
#define FLOWPATH_PRICING_CSV_H

#include <stddef.h>

#include "diag.h"
#include "prices.h"

enum pricing_error {
	PRICING_E_OPEN = -40, /* cannot read the file */
	PRICING_E_ROW = -41,  /* a bad row: d names the line and column */
};

/* Apply a pricing CSV in memory to p. Returns 0, or an enum pricing_error
 * with d filled (file name, line, column, reason); rows before the bad one
 * stay applied. */
int pricing_load_buffer(struct prices *p, const char *name, const char *buf, size_t len,
			struct diag *d);
/* The same from a file. */
int pricing_load_path(struct prices *p, const char *path, struct diag *d);

#endif
