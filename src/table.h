/* SPDX-License-Identifier: MIT */
/*
 * Writing a report's rows in a machine format (CSV through libcsv, TSV,
 * JSON Lines), as an aligned table for terminals, or as an HTML table. Cells are given left
 * to right with the table_* calls, then table_end_row. Column names are
 * snake_case; times are ISO 8601 UTC; money has four decimals.
 */
#ifndef FLOWPATH_TABLE_H
#define FLOWPATH_TABLE_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* COL_TEXT: a string of prose (a reason), which the table format wraps
 * on lines of its own below each row when it is wider than 80 columns */
enum col_type { COL_STR, COL_U64, COL_I64, COL_TIME, COL_MONEY, COL_REAL, COL_TEXT };

struct table_col {
	const char *name;
	enum col_type type;
};

struct table;

/* Start a report; with FMT_CSV/TSV the header line is written at once.
 * FMT_JSON writes the rows as one JSON array (the caller places it in a
 * document). */
struct table *table_new(FILE *f, enum out_format fmt, const struct table_col *cols, int ncols);
void table_str(struct table *t, const char *s, size_t len); /* len 0: empty/null */
void table_cstr(struct table *t, const char *s);
void table_u64(struct table *t, uint64_t v);
void table_i64(struct table *t, int64_t v);
void table_time(struct table *t, int64_t v); /* INT64_MAX / INT64_MIN: empty */
void table_money(struct table *t, double usd);
void table_real(struct table *t, double v);
void table_end_row(struct table *t);
/* Prose s for people: lead, then its words on lines of about 96 bytes
 * (a word longer than that split at a character's start), each line
 * after the first starting with indent, and a newline. */
void table_wrap(FILE *f, const char *lead, const char *indent, const char *s);
/* Finish (the table format prints here) and free. Returns 0, or -1 when
 * the FILE has an error. */
int table_finish(struct table *t);

#endif
