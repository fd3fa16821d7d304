/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for layouts: fl_is_header and fl_layout_from_header on the
 * input as a header line, fl_layout_from_spec on it as a --fields value,
 * and a consistency check of every layout built.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flowlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const struct fl_layout *lay)
{
	if (lay->ncols < 1 || lay->ncols > FL_MAX_COLUMNS)
		abort();
	for (int c = 0; c < lay->ncols; c++) {
		int f = lay->col[c];
		if (f == FL_IGNORED) {
			if (memchr(lay->ignored[c], '\0', FL_MAX_NAME) == NULL)
				abort();
			continue;
		}
		if (f < 0 || f >= FL_NFIELDS || lay->pos[f] != c || !(lay->fields & (UINT64_C(1) << f)))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fl_layout lay;
	char err[128];
	char *p = malloc(size ? size : 1);
	memcpy(p, data, size);

	if (fl_is_header(p, size)) {
		int rc = fl_layout_from_header(&lay, p, size);
		if (rc == 0)
			check(&lay);
		else if (rc != -FL_E_HEADER)
			abort();
	} else {
		/* building one anyway must be safe */
		if (fl_layout_from_header(&lay, p, size) == 0)
			check(&lay);
	}
	if (fl_layout_from_spec(&lay, p, size, err, sizeof(err)) == 0)
		check(&lay);
	else if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0')
		abort();
	free(p);
	return 0;
}
