/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the line parser: fl_parse_line with a layout chosen by
 * the first input byte (default v2, a v5 custom order, every field, a
 * layout with ignored columns), and the JSON message wrapper and the
 * CloudWatch export time on the rest.
 * The vector parser's results must equal the portable parser's.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flowlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const specs[] = {
	NULL,
	"version srcaddr dstaddr srcport dstport protocol start end type packets bytes account-id "
	"vpc-id subnet-id instance-id interface-id region az-id sublocation-type sublocation-id "
	"action tcp-flags pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service "
	"traffic-path flow-direction log-status",
	"instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr",
	"version future-a srcaddr future-b bytes reject-reason encryption-status",
	"srcport",
};

static int same_record(int rc, const struct fl_record *a, int prc, const struct fl_record *b,
		       const struct fl_layout *lay)
{
	if (rc != prc || a->ncols != b->ncols || a->err_col != b->err_col)
		return 0;
	if (rc != 0)
		return 1;
	if (a->present != b->present)
		return 0;
	/* col[] holds the text of the ignored columns (known ones are in text[]) */
	for (int k = 0; k < lay->nignored; k++) {
		int c = lay->ignored_col[k];
		if (a->col[c].p != b->col[c].p || a->col[c].len != b->col[c].len)
			return 0;
	}
	for (int f = 0; f < FL_NFIELDS; f++) {
		if (!fl_has(a, (enum fl_field)f))
			continue;
		if (a->text[f].p != b->text[f].p || a->text[f].len != b->text[f].len)
			return 0;
		if ((fl_fields[f].kind == FK_UINT || fl_fields[f].kind == FK_ENUM) &&
		    a->num[f] != b->num[f])
			return 0;
		if (fl_fields[f].kind == FK_ADDR) {
			const struct fl_addr *x = fl_addr(a, (enum fl_field)f);
			const struct fl_addr *y = fl_addr(b, (enum fl_field)f);
			if (x->family != y->family || memcmp(x->b, y->b, 16) != 0)
				return 0;
		}
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fl_layout lays[6];
	static int ready;
	static struct fl_record rec;
	char err[128];

	if (!ready) {
		fl_layout_default(&lays[0]);
		for (int i = 1; i < 5; i++)
			fl_layout_from_spec(&lays[i], specs[i], strlen(specs[i]), err, sizeof(err));
		char all[2048] = "";
		for (int f = 0; f < FL_NFIELDS; f++) {
			strcat(all, fl_fields[f].name);
			strcat(all, " ");
		}
		fl_layout_from_spec(&lays[5], all, strlen(all), err, sizeof(err));
		ready = 1;
	}
	if (size == 0)
		return 0;
	const struct fl_layout *lay = &lays[data[0] % 6];
	/* an exact-size copy so that reads past the end are caught */
	size_t n = size - 1;
	char *line = malloc(n ? n : 1);
	memcpy(line, data + 1, n);
	/* the vector parser (where the CPU has one) and the portable one must
	 * agree on everything they return */
	static struct fl_record port;
	fl_simd_select(FL_SIMD_OFF);
	int prc = fl_parse_line(lay, line, n, &port);
	fl_simd_select(FL_SIMD_AUTO);
	int rc = fl_parse_line(lay, line, n, &rec);
	if (!same_record(rc, &rec, prc, &port, lay))
		abort();
	if (rc == 0) {
		char buf[64];
		if (rec.ncols != lay->ncols)
			abort();
		for (int f = 0; f < FL_NFIELDS; f++) {
			if (!fl_has(&rec, (enum fl_field)f))
				continue;
			if (!(lay->fields & (UINT64_C(1) << f)))
				abort();
			if (rec.text[f].p < line || rec.text[f].p + rec.text[f].len > line + n)
				abort();
			if (fl_fields[f].kind == FK_UINT && rec.num[f] > fl_fields[f].max)
				abort();
			if (fl_fields[f].kind == FK_ENUM && !fl_enum_name((enum fl_field)f, rec.num[f]))
				abort();
			if (fl_fields[f].kind == FK_ADDR)
				fl_addr_format(fl_addr(&rec, (enum fl_field)f), buf, sizeof(buf));
		}
	} else if (rc >= 0 || -rc >= FL_NERRORS || rec.err_col >= lay->ncols) {
		abort();
	}
	size_t s = fl_export_stamp(line, n);
	if (s > n || (s && (s < 21 || line[s - 1] != ' ' || line[s - 2] != 'Z')))
		abort();
	if (n > 0 && line[0] == '{') {
		char out[256];
		long m = fl_unwrap_json(line, n, out, sizeof(out));
		if (m >= (long)sizeof(out) || (m < 0 && m != -FL_E_WRAPPER))
			abort();
		if (m >= 0)
			fl_parse_line(lay, out, (size_t)m, &rec);
	}
	free(line);
	return 0;
}
