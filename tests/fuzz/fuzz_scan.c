/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for line scanning: scan_buffer over the input with a small
 * line limit (so that over-long lines, headers, JSON wrappers and layout
 * changes all occur), checking the accounting identities; then again with
 * two workers in chunks of 1 to 200 bytes, which must count the same and
 * report the same diagnostics on the same lines.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "scan_checks.h"

/* A run: records counted per worker, diagnostics (which come in input
 * order, on the caller's thread) listed. */
#define MAX_DIAGS 512
struct run {
	uint64_t records[2];
	uint64_t line[MAX_DIAGS];
	int code[MAX_DIAGS];
	size_t ndiag;
};

static int run_record(void *ctx, const struct fl_record *rec, const struct scan_pos *pos)
{
	struct run *r = ctx;
	if (pos->worker < 0 || pos->worker > 1)
		abort();
	return count_record(&r->records[pos->worker], rec, pos);
}

static void run_diag(void *ctx, const struct diag *d)
{
	struct run *r = ctx;
	check_diag(NULL, d);
	if (r->ndiag < MAX_DIAGS) {
		r->line[r->ndiag] = d->line;
		r->code[r->ndiag] = d->code;
	}
	r->ndiag++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_opts o;
	struct scan_stats st, st2;
	static struct run one, two;

	memset(&o, 0, sizeof(o));
	o.max_line = 64 + (size ? data[0] % 64 : 0);
	o.vpc_only = size > 2 && (data[2] & 1); /* transit gateway layouts turned away */
	scan_stats_init(&st);
	char *p = malloc(size ? size : 1);
	memcpy(p, data, size);
	memset(&one, 0, sizeof(one));
	if (scan_buffer("fuzz", p, size, &o, run_record, run_diag, &one, &st) != 0)
		abort();
	check_identities(&st, one.records[0]);
	if (st.bytes_text != size)
		abort();

	/* two workers in small chunks, so that lines, over-long lines and
	 * header changes straddle chunk ends: the same counts, the same
	 * diagnostics on the same lines */
	o.parse_workers = 2;
	o.input.chunk_size = 1 + (size > 1 ? data[1] % 200 : 0);
	scan_stats_init(&st2);
	memset(&two, 0, sizeof(two));
	if (scan_buffer("fuzz", p, size, &o, run_record, run_diag, &two, &st2) != 0)
		abort();
	if (memcmp(&st, &st2, sizeof(st)) != 0 || two.records[0] + two.records[1] != one.records[0] ||
	    two.ndiag != one.ndiag)
		abort();
	size_t nd = one.ndiag < MAX_DIAGS ? one.ndiag : MAX_DIAGS;
	for (size_t i = 0; i < nd; i++)
		if (one.line[i] != two.line[i] || one.code[i] != two.code[i])
			abort();
	free(p);
	return 0;
}
