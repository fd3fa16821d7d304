/* SPDX-License-Identifier: MIT */
/*
 * Writing normalised flow records (`flowpath parse`): CSV, TSV, JSON Lines
 * or nothing. Field names are AWS's; an absent value ("-") is an empty
 * field in CSV and TSV and null in JSON; numbers are written as numbers,
 * addresses in their canonical text form.
 *
 * CSV and TSV have one column set for the whole run: the known fields of
 * the first record's layout unless set with recout_set_columns (which the
 * caller does at the end when no record came). A record
 * whose layout has known fields outside that set counts them in
 * dropped_fields. JSON Lines writes each record's own layout, ignored
 * columns included (as strings, under their header names).
 */
#ifndef FLOWPATH_RECOUT_H
#define FLOWPATH_RECOUT_H

#include <stdint.h>
#include <stdio.h>

#include "flowlog.h"

enum recout_format { RECOUT_CSV, RECOUT_TSV, RECOUT_JSONL, RECOUT_NULL };

struct recout {
	FILE *f;
	enum recout_format format;
	int have_columns;
	int ncols;
	int16_t cols[FL_NFIELDS];
	uint64_t records;
	uint64_t dropped_fields; /* records that had fields outside the columns */
};

void recout_init(struct recout *w, FILE *f, enum recout_format format);
/* Fix the CSV/TSV columns to the known fields of lay, in its order. */
void recout_set_columns(struct recout *w, const struct fl_layout *lay);
/* Write one record. Returns 0, or -1 when the FILE has an error. */
int recout_record(struct recout *w, const struct fl_record *rec, const struct fl_layout *lay);

#endif
