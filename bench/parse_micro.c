/* SPDX-License-Identifier: MIT */
/*
 * parse_micro: the parser's throughput without gzip or threads. Loads a
 * plain-text flow log file into memory and times, on every line:
 *
 *   scan_buffer    line splitting, header detection, accounting and
 *                  fl_parse_line: flowpath parse minus the input reader
 *   fl_parse_line  memchr line splitting and fl_parse_line alone
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

/* ---- the driver ---- */

typedef int (*parse_fn)(const struct fl_layout *, const char *, size_t, struct fl_record *);

static uint64_t run_lines(const char *buf, size_t len, parse_fn fn, uint64_t *bad)
{
	static struct fl_record rec;
	struct fl_layout lay;
	const char *p = buf, *end = buf + len;
	uint64_t n = 0;
	fl_layout_default(&lay);
	*bad = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (fl_is_header(p, l)) {
			fl_layout_from_header(&lay, p, l);
		} else if (l) {
			int rc = fn(&lay, p, l, &rec);
			if (rc < 0)
				(*bad)++;
			n++;
		}
		p = nl ? nl + 1 : end;
	}
	return n;
}

static const char usage_text[] =
	"Usage: parse_micro [-r REPS] TEXTFILE\n"
	"       parse_micro -c KIB,N [-t] [-w WORKERS] [-b isal|zlib] [-r REPS] FILE\n";

int main(int argc, char **argv)
{
	int reps = 3, threaded = 1, c;
	const char *ring = NULL, *backend = "isal";
	while ((c = getopt(argc, argv, "r:c:tb:w:h")) != -1) {
		switch (c) {
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

	/* the last mode is fl_parse_line with the vector path turned off */
	enum { NMODES = 3 };
	static const char *const names[NMODES] = {"scan_buffer", "fl_parse_line", "portable"};
	static const parse_fn fns[NMODES] = {NULL, fl_parse_line, fl_parse_line};
	double best[NMODES];
	uint64_t lines = 0, bad[NMODES];
	for (int i = 0; i < NMODES; i++)
		best[i] = 1e9;
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < NMODES; i++) {
			fl_simd_select(i == NMODES - 1 ? FL_SIMD_OFF : FL_SIMD_AUTO);
			double t = now();
			if (i == 0) {
				struct scan_opts so;
				struct scan_stats ss;
				memset(&so, 0, sizeof(so));
				scan_stats_init(&ss);
				scan_buffer(path, buf, len, &so, NULL, NULL, NULL, &ss);
				bad[0] = ss.malformed;
			} else {
				lines = run_lines(buf, len, fns[i], &bad[i]);
			}
			t = now() - t;
			if (t < best[i])
				best[i] = t;
		}
	}

	printf("%s: %zu bytes, %llu records\n", path, len, (unsigned long long)lines);
	for (int i = 0; i < NMODES; i++)
		printf("%-14s %7.3f s %7.0f MB/s %6.1f ns/line  malformed %llu\n", names[i], best[i],
		       (double)len / best[i] / 1e6, best[i] * 1e9 / (double)lines,
		       (unsigned long long)bad[i]);
	free(buf);
	return 0;
}
