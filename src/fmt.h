/* SPDX-License-Identifier: MIT */
/*
 * Writing single values in the machine formats: CSV fields (RFC 4180,
 * quoted through libcsv when they need it), TSV fields, JSON strings, ISO
 * 8601 times and money. Every writer reports errors through the FILE's
 * error flag (checked by the caller once at the end).
 */
#ifndef FLOWPATH_FMT_H
#define FLOWPATH_FMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A CSV field, quoted (libcsv) only when it holds , " CR or LF. */
void fmt_csv_field(FILE *f, const char *p, size_t len);
/* A TSV field: tab, newline, CR and backslash escaped as \t \n \r \\. */
void fmt_tsv_field(FILE *f, const char *p, size_t len);
/* A JSON string with its quotes; bytes that are not well-formed UTF-8
 * become U+FFFD. */
void fmt_json_string(FILE *f, const char *p, size_t len);
/* p for a terminal: control characters (C0 and DEL: tab, newline, an
 * escape sequence's ESC) written as \t, \n, \r or \xHH, so that a name
 * can neither break a line nor drive the terminal, and bytes that start
 * no well-formed UTF-8 sequence as \xHH; the rest as it is. Into buf (cap
 * >= 1), cut short when it does not fit; returns buf. */
char *fmt_visible(const char *p, size_t len, char *buf, size_t cap);
/* The columns a UTF-8 string takes: its code points. */
size_t fmt_width(const char *s);
/* Text for HTML, between tags or in a quoted attribute: & < > " '
 * as character references; newline and tab kept; other control
 * characters (C0, DEL) and bytes that start no UTF-8 sequence as \xHH,
 * as fmt_visible writes them. */
void fmt_html_text(FILE *f, const char *p, size_t len);
/* Unix seconds as "2026-11-26T17:56:00Z" into buf (>= 21 bytes). */
char *fmt_time(int64_t t, char *buf, size_t len);
/* Parse "YYYY-MM-DD[THH:MM[:SS[.fraction]]][Z|+00:00]" (UTC; a fraction
 * of a second is dropped); 0 ok, -1 bad. */
int fmt_parse_time(const char *s, int64_t *out);

#endif
