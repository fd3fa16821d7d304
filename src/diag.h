/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics: modules below main never print; they fill a struct diag and
 * return an error code, and main decides what to print.
 */
#ifndef FLOWPATH_DIAG_H
#define FLOWPATH_DIAG_H

#include <stddef.h>
#include <stdint.h>

struct diag {
	int code;        /* the module's negative error code, 0 for none */
	char file[1024]; /* file the message is about, "" if none */
	uint64_t line;   /* 1-based line, 0 if none */
	uint64_t column; /* 1-based column, 0 if none */
	char msg[512];   /* one line, no trailing newline */
};

/* Clear a diag (code 0, empty strings). d may be NULL. */
void diag_clear(struct diag *d);

/* Fill a diag; d may be NULL (the call then does nothing). file may be NULL.
 * Returns code, so that callers can write `return diag_set(d, ...)`. */
int diag_set(struct diag *d, int code, const char *file, uint64_t line,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Format "FILE:LINE:COL: message" (parts that are unset are left out) into
 * buf; returns buf. */
char *diag_format(const struct diag *d, char *buf, size_t len);

#endif
