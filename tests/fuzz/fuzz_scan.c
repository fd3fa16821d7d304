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
#include "scan_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	if (scan_buffer("fuzz", p, size, &o, count_record, check_diag, &records, &st) != 0)
		abort();
	check_identities(&st, records);
	if (st.bytes_text != size)
		abort();
	free(p);
	return 0;
}
