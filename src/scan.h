/* SPDX-License-Identifier: MIT */
/*
 * Scanning one input: text chunks from the input reader split into lines,
 * header lines set the layout, every other line is parsed into a record and
 * handed to a callback. Every line and every byte lands in one category of
 * struct scan_stats, so that nothing read is lost without a count.
 */
#ifndef FLOWPATH_SCAN_H
#define FLOWPATH_SCAN_H

#include <stdint.h>

#include "diag.h"
#include "flowlog.h"
#include "input.h"

/* Error codes of scan_file beyond the input reader's. */
enum scan_error {
	SCAN_E_ABORTED = -100, /* the record callback asked to stop */
};

struct scan_stats {
	uint64_t files;          /* inputs opened */
	uint64_t files_failed;   /* inputs with an input error */
	uint64_t bytes_read;     /* bytes read from files (compressed for gzip) */
	uint64_t bytes_text;     /* text bytes: the sum of the *_bytes below */
	uint64_t lines;          /* lines seen (a last line without newline too) */
	uint64_t header_lines, header_bytes;
	uint64_t blank_lines, blank_bytes;
	uint64_t flows, flow_text_bytes;   /* log-status OK (or no log-status) */
	uint64_t nodata, skipdata, nodata_text_bytes; /* NODATA+SKIPDATA text */
	uint64_t malformed, malformed_bytes;
	uint64_t malformed_by[FL_NERRORS];
	uint64_t truncated_bytes; /* text after the last full line of a failed input */
	uint64_t flow_bytes;     /* sum of the bytes field of flows */
	uint64_t flow_packets;   /* sum of the packets field of flows */
	int64_t first_start;     /* min start of flows, INT64_MAX if none */
	int64_t last_end;        /* max end of flows, INT64_MIN if none */
};

/* Zero counters, empty window. */
void scan_stats_init(struct scan_stats *s);
/* Add b into a (counters add, window widens). */
void scan_stats_add(struct scan_stats *a, const struct scan_stats *b);
/* The accounting identities: every line and every text byte in exactly
 * one category, malformed lines by reason adding up to the malformed.
 * NULL when they hold, else which one fails ("lines do not add up"). */
const char *scan_stats_check(const struct scan_stats *s);
/* The warning for sums of flow bytes or packets that stopped at 2^64 - 1
 * (they saturate), or NULL when neither did. */
const char *scan_stats_saturated(const struct scan_stats *s);

struct scan_opts {
	const struct fl_layout *fields; /* layout for header-less input; NULL: v2 */
	/* when not NULL, bytes read from files are added here as reading goes
	 * (progress lines; any thread may read it) */
	_Atomic uint64_t *progress;
	size_t max_line;                /* longest line in bytes; 0: 65536 */
	struct input_opts input;
	/*
	 * Threads that parse: 0 or 1, the caller's thread alone, records in
	 * input order (with input.threaded, a reader thread inflates ahead).
	 * 2: the caller's thread and a second one both take the next chunk of
	 * whole lines (inflating it under a lock) and parse it, so records
	 * arrive out of order and callbacks of the two workers may run at the
	 * same time (one worker's never overlap; scan_pos.worker says which).
	 * Diagnostics still reach on_diag in input order, from the caller's
	 * thread; counters are the same as with one worker.
	 */
	int parse_workers;
	/* a regular file smaller than this on disk is read and parsed by the
	 * caller's thread alone, whatever parse_workers and input.threaded
	 * say: a thread costs more than it saves on it. 0: 256 KiB */
	size_t small_file;
	/* records under a transit gateway flow log's layout (fl_layout.foreign)
	 * are malformed (FL_E_FOREIGN) instead of parsed: analyze would count
	 * the transit gateway's view of flows beside the VPCs' own */
	int vpc_only;
	/* when not NULL: the first header line's layout of the run is copied
	 * here if its ncols is still 0 (with one parsing thread only), so that
	 * a caller that met no record still knows the columns (parse's CSV
	 * header) */
	struct fl_layout *first_header;
};

/* Where a record came from: valid during the callback. */
struct scan_pos {
	const char *file;
	uint64_t line;
	const struct fl_layout *layout;
	int worker; /* 0 .. parse_workers-1: the parsing thread that calls */
	/* changes (process-wide) whenever the layout may have: a header, a
	 * new input, a two-worker chunk; the layout's address alone does not */
	uint64_t layout_gen;
};

/* Called for every record (flows, NODATA and SKIPDATA alike). Nonzero
 * return stops the scan with SCAN_E_ABORTED. */
typedef int (*scan_record_fn)(void *ctx, const struct fl_record *rec,
			      const struct scan_pos *pos);
/* Called for every malformed line (code -enum fl_error; file, line and
 * column set) before the scan goes on, except the records under a transit
 * gateway flow log's header with vpc_only: that header gets the one call
 * (code -FL_E_FOREIGN). May be NULL. */
typedef void (*scan_diag_fn)(void *ctx, const struct diag *d);

/*
 * Scan one input ("-" is stdin). Records go to on_record, bad lines to
 * on_diag; counters are added to st (which the caller initialises).
 * Returns 0 when the whole input was read, an enum input_error with d
 * filled when the input failed (records before the failure were still
 * delivered and counted), or SCAN_E_ABORTED.
 */
int scan_file(const char *path, const struct scan_opts *o, scan_record_fn on_record,
	      scan_diag_fn on_diag, void *ctx, struct scan_stats *st, struct diag *d);

/*
 * The same over a byte range already in memory (tests, fuzzing): the range
 * is one input named name. Returns 0 or SCAN_E_ABORTED.
 */
int scan_buffer(const char *name, const char *buf, size_t len, const struct scan_opts *o,
		scan_record_fn on_record, scan_diag_fn on_diag, void *ctx,
		struct scan_stats *st);

#endif
