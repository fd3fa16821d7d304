/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for partial aggregates: partial_read_buffer into a fresh
 * analysis. A failure names the file and a line with one of the partial
 * error codes. A success is written out with partial_write, read back
 * into a second analysis and written again: the two writes must be the
 * same bytes (what is read is what is written).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "partial.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_diag(const struct diag *d, int rc, const char *name, size_t size)
{
	/* only an empty file has no line to name */
	if (d->code != rc || strcmp(d->file, name) != 0 || (d->line == 0) != (size == 0) ||
	    memchr(d->msg, '\0', sizeof(d->msg)) == NULL || d->msg[0] == '\0')
		abort();
	if (rc != PARTIAL_E_VERSION && rc != PARTIAL_E_LINE && rc != PARTIAL_E_TRUNCATED)
		abort();
}

/* partial_write into memory; the caller frees *out. */
static size_t write_mem(const struct analysis *an, char **out)
{
	size_t len = 0;
	FILE *f = open_memstream(out, &len);
	if (!f || partial_write(f, an) != 0 || fclose(f) != 0)
		abort();
	return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	struct analysis *a = analysis_new();
	struct diag d;
	diag_clear(&d);
	int rc = partial_read_buffer(a, "fuzz.partial", buf, size, &d);
	free(buf);
	if (rc != 0) {
		check_diag(&d, rc, "fuzz.partial", size);
		analysis_free(a);
		return 0;
	}
	if (d.code != 0)
		abort();

	char *w1 = NULL, *w2 = NULL;
	size_t n1 = write_mem(a, &w1);
	struct analysis *b = analysis_new();
	rc = partial_read_buffer(b, "written", w1, n1, &d);
	if (rc != 0) {
		/* what partial_write writes must read back */
		abort();
	}
	size_t n2 = write_mem(b, &w2);
	if (n1 != n2 || memcmp(w1, w2, n1) != 0)
		abort();
	if (a->ninputs != b->ninputs || a->input_errors != b->input_errors ||
	    a->outside_window != b->outside_window)
		abort();
	free(w1);
	free(w2);
	analysis_free(a);
	analysis_free(b);
	return 0;
}
