/* SPDX-License-Identifier: MIT */
/*
 * analyze_micro: what classification and aggregation cost per record,
 * without gzip, threads or reports. Loads a model (a topology directory
 * and an ip-ranges.json) and a plain-text flow log file into memory, and
 * times, in turn, rounds of
 *
 *   parse     fl_parse_line on every line (the baseline)
 *   analyze   fl_parse_line and analysis_add_record on every line
 *
 * each round with a fresh analysis, so that the decision memo is filled
 * as in a run. It prints the best round of each (thread CPU time, per
 * record) and their difference: the analysis's own cost, the figure that
 * bench/run-analyze's ratio turns on. Rounds alternate so that a slower
 * spell of a shared machine hits both alike.
 *
 * Usage: analyze_micro [-r ROUNDS] TOPOLOGY IP_RANGES TEXTFILE
 * Make the text with zcat of an estate's logs (bench/run-analyze); a few
 * hundred MiB give a memo as warm as a day's run does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "diag.h"
#include "flowlog.h"
#include "topo.h"
#include "topology_json.h"

static double cpu(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1u << 20;
			char *b = realloc(buf, cap);
			if (!b) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = b;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	*len = n;
	return buf;
}

/* One round over every line after the header; returns its CPU time. */
static double round_time(const struct fl_layout *lay, const char *buf, size_t len,
			 const struct topo *t, int analyze, size_t *records)
{
	static struct fl_record rec;
	struct analysis *an = analyze ? analysis_new() : NULL;
	size_t n = 0;
	if (an)
		an->want_secondary = 0; /* as analyze --report paths */
	const char *p = memchr(buf, '\n', len);
	p = p ? p + 1 : buf + len;
	const char *end = buf + len;
	double c = cpu();
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (fl_parse_line(lay, p, ll, &rec) == 0) {
			n++;
			if (an)
				analysis_add_record(an, t, &rec);
		}
		p += ll + 1;
	}
	c = cpu() - c;
	analysis_free(an);
	*records = n;
	return c;
}

int main(int argc, char **argv)
{
	int rounds = 6, c;
	while ((c = getopt(argc, argv, "r:h")) != -1) {
		if (c == 'r' && atoi(optarg) > 0) {
			rounds = atoi(optarg);
		} else {
			fputs("Usage: analyze_micro [-r ROUNDS] TOPOLOGY IP_RANGES TEXTFILE\n",
			      c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (argc - optind != 3) {
		fputs("Usage: analyze_micro [-r ROUNDS] TOPOLOGY IP_RANGES TEXTFILE\n", stderr);
		return 2;
	}
	struct diag d;
	diag_clear(&d);
	struct topo *t = topo_new();
	if (topo_load_path(t, argv[optind], &d) != 0 || ipranges_load_path(t, argv[optind + 1], &d) != 0) {
		fprintf(stderr, "analyze_micro: %s\n", d.msg);
		topo_free(t);
		return 1;
	}
	topo_finish(t);
	size_t len = 0;
	char *buf = slurp(argv[optind + 2], &len);
	if (!buf) {
		fprintf(stderr, "analyze_micro: %s: %s\n", argv[optind + 2], strerror(errno));
		topo_free(t);
		return 1;
	}
	const char *nl = memchr(buf, '\n', len);
	struct fl_layout lay;
	if (fl_layout_from_header(&lay, buf, nl ? (size_t)(nl - buf) : len) != 0) {
		fprintf(stderr, "analyze_micro: %s: the first line is not a flow log header\n",
			argv[optind + 2]);
		free(buf);
		topo_free(t);
		return 1;
	}
	double best[2] = {1e30, 1e30};
	size_t records = 0;
	for (int r = 0; r < 2 * rounds; r++) {
		double s = round_time(&lay, buf, len, t, r & 1, &records);
		if (s < best[r & 1])
			best[r & 1] = s;
	}
	if (records == 0) {
		fprintf(stderr, "analyze_micro: %s: no record parsed\n", argv[optind + 2]);
		free(buf);
		topo_free(t);
		return 1;
	}
	double per = 1e9 / (double)records;
	printf("records %zu, best of %d rounds (thread CPU time)\n", records, rounds);
	printf("parse            %6.1f ns/record\n", best[0] * per);
	printf("parse + analyze  %6.1f ns/record\n", best[1] * per);
	printf("analysis alone   %6.1f ns/record (%.2fx parse)\n", (best[1] - best[0]) * per,
	       (best[1] - best[0]) / best[0]);
	free(buf);
	topo_free(t);
	return 0;
}
