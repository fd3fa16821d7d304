/* SPDX-License-Identifier: MIT */
/*
 * parse_micro: the parser's throughput without gzip or threads. Loads a
 * plain-text flow log file into memory and times, on every line:
 *
 *   scan_buffer    line splitting, header detection, accounting and
 *                  fl_parse_line: flowpath parse minus the input reader
 *   fl_parse_line  memchr line splitting and fl_parse_line alone
 *   variant        fl_parse_line's loop with other value parsers, chosen
 *                  with -x (1 enums by length, 2 inline IPv4, 4 numbers 8
 *                  digits at a time); -v compares every record with
 *                  fl_parse_line's, field by field, errors included
 *
 * It tells how fast the parser thread can go, which bounds flowpath parse
 * once inflating runs in the reader thread. Times are the thread's CPU
 * time, steadier than wall time on a shared machine. Make the input with
 * gen_flowlogs -p; a file of a few MiB stays in cache, as the reader's
 * chunks do.
 *
 * With -c KIB,N it instead runs scan_file on any input (gzip too) with a
 * ring of N chunks of KIB KiB (-t: no reader thread, -b zlib|isal; -w 2:
 * two parsing workers, chunks of KIB KiB, no ring) and prints wall and CPU
 * time: the input reader's tuning knobs, measured.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "flowlog.h"
#include "scan.h"

static double wall(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* scan_file with a given ring; 0 or 1. */
static int workers = 1;

static int run_scan_file(const char *path, const char *ring, int threaded, const char *backend,
			 int reps)
{
	struct scan_opts so;
	memset(&so, 0, sizeof(so));
	unsigned kib = 0;
	int n = 0;
	if (sscanf(ring, "%u,%d", &kib, &n) != 2 || kib == 0 || n < 2) {
		fputs("parse_micro: -c wants KIB,N (N >= 2)\n", stderr);
		return 1;
	}
	so.input.chunk_size = (size_t)kib << 10;
	so.input.nchunks = n;
	so.input.threaded = threaded;
	so.parse_workers = workers;
	so.input.backend = strcmp(backend, "zlib") == 0 ? INPUT_BACKEND_ZLIB : INPUT_BACKEND_ISAL;
	double bw = 1e9, bc = 1e9;
	struct scan_stats st;
	for (int r = 0; r < reps; r++) {
		struct diag d;
		scan_stats_init(&st);
		diag_clear(&d);
		double w = wall(), c = cpu();
		if (scan_file(path, &so, NULL, NULL, NULL, &st, &d) != 0) {
			fprintf(stderr, "parse_micro: %s: %s\n", path, d.msg);
			return 1;
		}
		w = wall() - w;
		c = cpu() - c;
		if (w < bw)
			bw = w;
		if (c < bc)
			bc = c;
	}
	printf("scan_file %s ring %u KiB x %d, %s, %d parse worker%s, %s: wall %.3f s, cpu %.3f s, %.0f MB/s, "
	       "%llu lines\n",
	       path, kib, n, threaded ? "reader thread" : "no thread", workers,
	       workers > 1 ? "s" : "", backend, bw, bc,
	       (double)st.bytes_text / bw / 1e6, (unsigned long long)st.lines);
	return 0;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t); /* CPU time: steady on a busy machine */
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---- a variant of the line parser, to try changes in ---- */

static const uint64_t ONES = UINT64_C(0x0101010101010101);

/* The n (1 to 8) ASCII digits that end at e, without a loop: the 8 bytes
 * before e are read (the caller makes sure they are in the line) and those
 * before the digits are masked off, so they act as leading zeros. -1 if a
 * digit is not one. */
static int digits8(const char *e, size_t n, uint64_t *out)
{
	uint64_t w;
	memcpy(&w, e - 8, 8);
	uint64_t keep = ~UINT64_C(0) << (8 * (8 - n));
	w &= keep;
	uint64_t zeros = (ONES * 0x30) & keep;
	if ((w & ((ONES * 0xf0) & keep)) != zeros ||
	    ((w + ((ONES * 0x06) & keep)) & ((ONES * 0xf0) & keep)) != zeros)
		return -1;
	w -= zeros;
	w = w * 10 + (w >> 8);
	w = (((w & UINT64_C(0x000000ff000000ff)) * (100 + (UINT64_C(1000000) << 32))) +
	     (((w >> 16) & UINT64_C(0x000000ff000000ff)) * (1 + (UINT64_C(10000) << 32)))) >>
	    32;
	*out = w;
	return 0;
}

static int careful_num(const char *p, size_t n, uint64_t max, uint64_t *out);

/* Numbers of up to 16 digits in at most two word steps; a number too close
 * to the start of the line for the backward load takes the loop. */
static int swar_num(const char *line, const char *p, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v, lo;
	size_t need = n > 8 ? 16 : 8;
	if (n == 0 || n > 16 || (size_t)(p - line) + n < need)
		return careful_num(p, n, max, out);
	if (n <= 8) {
		if (digits8(p + n, n, &v))
			return -FL_E_NUMBER;
	} else {
		if (digits8(p + n - 8, n - 8, &v) || digits8(p + n, 8, &lo))
			return -FL_E_NUMBER;
		v = v * 100000000u + lo;
	}
	if (v > max)
		return -FL_E_RANGE;
	*out = v;
	return 0;
}

/* Up to 19 digits cannot overflow: one range check at the end. */
static int careful_num(const char *p, size_t n, uint64_t max, uint64_t *out)
{
	if (n == 0 || n > 19) {
		if (n == 0)
			return -FL_E_NUMBER;
		/* rare: fall back to a careful loop */
		uint64_t v = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned d = (unsigned)(unsigned char)p[i] - '0';
			if (d > 9)
				return -FL_E_NUMBER;
			if (v > (max - d) / 10)
				return -FL_E_RANGE;
			v = v * 10 + d;
		}
		*out = v;
		return 0;
	}
	uint64_t v = 0;
	unsigned bad = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)p[i] - '0';
		bad |= d > 9;
		v = v * 10 + d;
	}
	if (bad)
		return -FL_E_NUMBER;
	if (v > max)
		return -FL_E_RANGE;
	*out = v;
	return 0;
}

static int eq(const char *p, size_t n, const char *lit, size_t litlen)
{
	return n == litlen && memcmp(p, lit, litlen) == 0;
}

/* Enums by length first: no strlen, at most two memcmp. */
static int fast_enum(int f, const char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	switch (f) {
	case FL_ACTION:
		v = eq(p, n, "ACCEPT", 6) ? FL_ACCEPT : eq(p, n, "REJECT", 6) ? FL_REJECT : 0;
		break;
	case FL_LOG_STATUS:
		v = eq(p, n, "OK", 2)         ? FL_OK
		    : eq(p, n, "NODATA", 6)   ? FL_NODATA
		    : eq(p, n, "SKIPDATA", 8) ? FL_SKIPDATA
					      : 0;
		break;
	case FL_TYPE:
		v = eq(p, n, "IPv4", 4)   ? FL_IPV4
		    : eq(p, n, "IPv6", 4) ? FL_IPV6
		    : eq(p, n, "EFA", 3)  ? FL_EFA
					  : 0;
		break;
	case FL_FLOW_DIRECTION:
		v = eq(p, n, "ingress", 7) ? FL_INGRESS : eq(p, n, "egress", 6) ? FL_EGRESS : 0;
		break;
	default:
		/* sublocation-type and anything new: the library's table */
		for (uint64_t i = 1; i < 16 && !v; i++) {
			const char *name = fl_enum_name((enum fl_field)f, i);
			if (!name)
				break;
			if (eq(p, n, name, strlen(name)))
				v = i;
		}
	}
	if (!v)
		return -1;
	*out = v;
	return 0;
}

static int fast_ipv4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		unsigned v = 0, nd = 0;
		while (i < len && (unsigned)(s[i] - '0') <= 9 && nd < 4) {
			v = v * 10 + (unsigned)(s[i] - '0');
			i++;
			nd++;
		}
		if (nd == 0 || nd > 3 || v > 255)
			return -1;
		out[part] = (uint8_t)v;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return -1;
			i++;
		}
	}
	return i == len ? 0 : -1;
}

static int fast_addr(const char *p, size_t n, struct fl_addr *a)
{
	if (n <= 15 && fast_ipv4(p, n, a->b) == 0) {
		a->family = 4;
		memset(a->b + 4, 0, 12);
		return 0;
	}
	return fl_addr_parse(p, n, a); /* IPv6 and every error */
}

/* Which value parsers the variant uses (-x MASK): 1 enums by length,
 * 2 inline IPv4, 4 numbers 8 digits at a time. */
static unsigned parts = 7;

/* The library's enum lookup: a table walk with strncmp. */
static int lib_enum(int f, const char *p, size_t n, uint64_t *out)
{
	for (uint64_t i = 1; i < 16; i++) {
		const char *name = fl_enum_name((enum fl_field)f, i);
		if (!name)
			break;
		if (name[0] == p[0] && strncmp(name, p, n) == 0 && name[n] == '\0') {
			*out = i;
			return 0;
		}
	}
	return -1;
}

static const char *token_end(const char *q, const char *end)
{
	while (end - q >= 8) {
		uint64_t w;
		memcpy(&w, q, 8);
		uint64_t m = (w - ONES * 0x21) & ~w & (ONES * 0x80);
		if (m)
			return q + (__builtin_ctzll(m) >> 3);
		q += 8;
	}
	while (q < end && (unsigned char)*q > ' ')
		q++;
	return q;
}

/*
 * The library's own loop (word-at-a-time token scan) with the value parsers
 * above swapped in one by one, to tell what each is worth.
 */
static int token_parse_line(const struct fl_layout *lay, const char *line, size_t len,
			    struct fl_record *rec)
{
	const char *q = line, *end;
	int c = 0, ncols = lay->ncols;

	rec->present = 0;
	rec->err_col = -1;
	rec->ncols = 0;
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	end = line + len;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	while (q < end) {
		const char *p = q;
		q = token_end(q, end);
		if (q < end && *q != ' ' && *q != '\t')
			return fl_parse_line(lay, line, len, rec);
		if (c >= ncols) {
			rec->ncols = c + 1;
			return -FL_E_FIELD_COUNT;
		}
		size_t n = (size_t)(q - p);
		rec->col[c].p = p;
		rec->col[c].len = (uint32_t)n;
		int f = lay->col[c];
		if (f >= 0 && !(n == 1 && p[0] == '-')) {
			int rc = 0;
			switch (fl_fields[f].kind) {
			case FK_UINT:
				rc = parts & 4 ? swar_num(line, p, n, fl_fields[f].max, &rec->num[f])
					       : careful_num(p, n, fl_fields[f].max, &rec->num[f]);
				break;
			case FK_ENUM:
				rc = (parts & 1 ? fast_enum(f, p, n, &rec->num[f])
						: lib_enum(f, p, n, &rec->num[f]))
					     ? -FL_E_ENUM
					     : 0;
				break;
			case FK_ADDR: {
				struct fl_addr *a = &rec->addr[fl_addr_slot((enum fl_field)f)];
				rc = (parts & 2 ? fast_addr(p, n, a) : fl_addr_parse(p, n, a))
					     ? -FL_E_ADDRESS
					     : 0;
				break;
			}
			case FK_STR:
				break;
			}
			if (rc) /* errors: the library's exact answer */
				return fl_parse_line(lay, line, len, rec);
			rec->text[f].p = p;
			rec->text[f].len = (uint32_t)n;
			rec->present |= UINT64_C(1) << f;
		}
		c++;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
	}
	rec->ncols = c;
	return c != ncols ? -FL_E_FIELD_COUNT : 0;
}

/* ---- the driver ---- */

static int same(const struct fl_layout *lay, const struct fl_record *a,
		const struct fl_record *b, int rc)
{
	if (a->err_col != b->err_col || a->ncols != b->ncols)
		return 0;
	if (rc < 0)
		return 1;
	if (a->present != b->present)
		return 0;
	for (int c = 0; c < a->ncols; c++)
		if (a->col[c].p != b->col[c].p || a->col[c].len != b->col[c].len)
			return 0;
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
	(void)lay;
	return 1;
}

typedef int (*parse_fn)(const struct fl_layout *, const char *, size_t, struct fl_record *);

static uint64_t run_lines(const char *buf, size_t len, parse_fn fn, uint64_t *bad,
			  int verify, uint64_t *diffs)
{
	static struct fl_record rec, ref;
	struct fl_layout lay;
	const char *p = buf, *end = buf + len;
	uint64_t n = 0;
	fl_layout_default(&lay);
	*bad = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (l && p[0] >= 'a' && p[0] <= 'z' && fl_is_header(p, l)) {
			fl_layout_from_header(&lay, p, l);
		} else if (l) {
			int rc = fn(&lay, p, l, &rec);
			if (rc < 0)
				(*bad)++;
			if (verify) {
				int rr = fl_parse_line(&lay, p, l, &ref);
				if (rr != rc || !same(&lay, &rec, &ref, rc)) {
					if (*diffs < 5)
						fprintf(stderr, "parse_micro: differs (%d vs %d): %.*s\n",
							rc, rr, (int)l, p);
					(*diffs)++;
				}
			}
			n++;
		}
		p = nl ? nl + 1 : end;
	}
	return n;
}

static const char usage_text[] =
	"Usage: parse_micro [-v] [-r REPS] [-x PARTS] TEXTFILE\n"
	"       parse_micro -c KIB,N [-t] [-w WORKERS] [-b isal|zlib] [-r REPS] FILE\n";

int main(int argc, char **argv)
{
	int verify = 0, reps = 3, threaded = 1, c;
	const char *ring = NULL, *backend = "isal";
	while ((c = getopt(argc, argv, "vr:c:tb:x:w:h")) != -1) {
		switch (c) {
		case 'x':
			parts = (unsigned)strtoul(optarg, NULL, 0);
			break;
		case 'c':
			ring = optarg;
			break;
		case 't':
			threaded = 0;
			break;
		case 'w':
			workers = atoi(optarg);
			break;
		case 'b':
			backend = optarg;
			break;
		case 'v':
			verify = 1;
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return 2;
		}
	}
	if (optind + 1 != argc || reps < 1) {
		fputs(usage_text, stderr);
		return 2;
	}
	const char *path = argv[optind];
	if (ring)
		return run_scan_file(path, ring, threaded, backend, reps);
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "parse_micro: %s: %s\n", path, strerror(errno));
		return 1;
	}
	size_t len = (size_t)st.st_size;
	char *buf = malloc(len + 1);
	if (!buf) {
		fputs("parse_micro: out of memory\n", stderr);
		return 1;
	}
	size_t got = 0;
	while (got < len) {
		ssize_t r = read(fd, buf + got, len - got);
		if (r <= 0) {
			fprintf(stderr, "parse_micro: %s: short read\n", path);
			return 1;
		}
		got += (size_t)r;
	}
	close(fd);

	enum { NMODES = 3 };
	static const char *const names[NMODES] = {"scan_buffer", "fl_parse_line", "variant"};
	static const parse_fn fns[NMODES] = {NULL, fl_parse_line, token_parse_line};
	double best[NMODES];
	uint64_t lines = 0, bad[NMODES], diffs = 0;
	for (int i = 0; i < NMODES; i++)
		best[i] = 1e9;
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < NMODES; i++) {
			double t = now();
			if (i == 0) {
				struct scan_opts so;
				struct scan_stats ss;
				memset(&so, 0, sizeof(so));
				scan_stats_init(&ss);
				scan_buffer(path, buf, len, &so, NULL, NULL, NULL, &ss);
				bad[0] = ss.malformed;
			} else {
				lines = run_lines(buf, len, fns[i], &bad[i], 0, &diffs);
			}
			t = now() - t;
			if (t < best[i])
				best[i] = t;
		}
	}
	if (verify)
		run_lines(buf, len, token_parse_line, &bad[2], 1, &diffs);

	printf("%s: %zu bytes, %llu records\n", path, len, (unsigned long long)lines);
	for (int i = 0; i < NMODES; i++)
		printf("%-14s %7.3f s %7.0f MB/s %6.1f ns/line  malformed %llu\n", names[i], best[i],
		       (double)len / best[i] / 1e6, best[i] * 1e9 / (double)lines,
		       (unsigned long long)bad[i]);
	if (verify)
		printf("verify: %llu differences\n", (unsigned long long)diffs);
	free(buf);
	return diffs ? 1 : 0;
}
