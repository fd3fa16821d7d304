/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for line scanning: scan_buffer over the input with a small
 * line limit (so that over-long lines, headers, JSON wrappers and layout
 * changes all occur), checking the accounting identities.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_record(void *ctx, const struct fl_record *rec, const struct scan_pos *pos)
{
	(void)rec;
	uint64_t *n = ctx;
	(*n)++;
	if (pos->line == 0 || pos->layout->ncols != rec->ncols)
		abort();
	return 0;
}

static void on_diag(void *ctx, const struct diag *d)
{
	(void)ctx;
	if (d->code >= 0 || d->line == 0 || memchr(d->msg, '\0', sizeof(d->msg)) == NULL)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_opts o;
	struct scan_stats st;
	uint64_t records = 0;

	memset(&o, 0, sizeof(o));
	o.max_line = 64 + (size ? data[0] % 64 : 0);
	scan_stats_init(&st);
	char *p = malloc(size ? size : 1);
	memcpy(p, data, size);
	if (scan_buffer("fuzz", p, size, &o, on_record, on_diag, &records, &st) != 0)
		abort();
	uint64_t by = 0;
	for (int i = 0; i < FL_NERRORS; i++)
		by += st.malformed_by[i];
	if (st.bytes_text != size || by != st.malformed ||
	    st.bytes_text != st.header_bytes + st.blank_bytes + st.flow_text_bytes +
				     st.nodata_text_bytes + st.malformed_bytes + st.truncated_bytes ||
	    st.lines != st.header_lines + st.blank_lines + st.flows + st.nodata + st.skipdata +
				st.malformed ||
	    records != st.flows + st.nodata + st.skipdata)
		abort();
	free(p);
	return 0;
}
