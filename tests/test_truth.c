/* SPDX-License-Identifier: MIT */
/*
 * The generator's truth against flowpath analyze: estate_gen writes a
 * synthetic estate, a day of its flow logs (at least 100,000 records) and,
 * for every key of the core aggregate, the records and bytes it knows it
 * sent on that path. analyze must print exactly those sums, no key more or
 * less; and its bytes over all rows must equal the bytes field summed over
 * every flow record in the logs (paths.md 6); and its note of traffic-path
 * disagreements must count the stale records the generator wrote.
 * Usage: test_truth ESTATE_GEN FLOWPATH.
 */
#include <dirent.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include <cmocka.h>

#include "testlib.h"

static const char *estate_gen, *flowpath;

#define NKEY 16
static const char *const key_cols[NKEY] = {
	"account", "region",  "vpc",     "subnet",         "az",  "vantage",
	"side",    "direction", "action", "path",          "service", "service_region",
	"via",     "remote_vpc", "remote_region", "reason",
};

struct row {
	char *key;
	uint64_t records, bytes;
};

struct rows {
	struct row *v;
	size_t n, cap;
};

/* Split one CSV line in place (RFC 4180 quoting, no embedded newlines). */
static int csv_split(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	for (;;) {
		char *out = p, *start = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*out++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else if (!*p) {
					break;
				} else {
					*out++ = *p++;
				}
			}
		} else {
			while (*p && *p != ',' && *p != '\n' && *p != '\r')
				*out++ = *p++;
		}
		char end = *p;
		*out = '\0';
		if (n < max)
			f[n++] = start;
		if (end != ',')
			break;
		p++;
	}
	return n;
}

static int cmp_row(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->key, ((const struct row *)b)->key);
}

/* Rows of a CSV file with the key columns, records and bytes; summed per
 * key and sorted. */
static void load_rows(const char *path, struct rows *rs)
{
	size_t len;
	char *text = tl_read_file(path, &len);
	char *line = text, *f[64];
	int idx[NKEY + 2], nf;
	memset(rs, 0, sizeof(*rs));
	char *nl = strchr(line, '\n');
	assert_non_null(nl);
	*nl = '\0';
	nf = csv_split(line, f, 64);
	for (int k = 0; k < NKEY + 2; k++) {
		const char *want = k < NKEY ? key_cols[k] : k == NKEY ? "records" : "bytes";
		idx[k] = -1;
		for (int i = 0; i < nf; i++)
			if (strcmp(f[i], want) == 0)
				idx[k] = i;
		if (idx[k] < 0)
			fail_msg("%s: no column %s", path, want);
	}
	for (line = nl + 1; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		nf = csv_split(line, f, 64);
		char key[1024];
		size_t kl = 0;
		for (int k = 0; k < NKEY; k++)
			kl += (size_t)snprintf(key + kl, sizeof(key) - kl, "%s%s", k ? "," : "",
					       idx[k] < nf ? f[idx[k]] : "");
		if (rs->n == rs->cap) {
			rs->cap = rs->cap ? rs->cap * 2 : 256;
			rs->v = realloc(rs->v, rs->cap * sizeof(*rs->v));
			assert_non_null(rs->v);
		}
		rs->v[rs->n].key = strdup(key);
		rs->v[rs->n].records = strtoull(f[idx[NKEY]], NULL, 10);
		rs->v[rs->n].bytes = strtoull(f[idx[NKEY + 1]], NULL, 10);
		rs->n++;
		if (!nl)
			break;
	}
	free(text);
	qsort(rs->v, rs->n, sizeof(*rs->v), cmp_row);
	size_t o = 0;
	for (size_t i = 0; i < rs->n; i++) {
		if (o && strcmp(rs->v[o - 1].key, rs->v[i].key) == 0) {
			rs->v[o - 1].records += rs->v[i].records;
			rs->v[o - 1].bytes += rs->v[i].bytes;
			free(rs->v[i].key);
		} else {
			rs->v[o++] = rs->v[i];
		}
	}
	rs->n = o;
}

static void free_rows(struct rows *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->v[i].key);
	free(rs->v);
}

/* The bytes field summed over every flow record of every .gz under dir,
 * each file laid out by its header line. */
static void sum_log_bytes(const char *dir, uint64_t *bytes, uint64_t *records)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *p = tl_path(dir, de->d_name);
		struct stat st;
		assert_int_equal(stat(p, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			sum_log_bytes(p, bytes, records);
		} else {
			gzFile z = gzopen(p, "rb");
			char line[4096];
			int col = -1;
			assert_non_null(z);
			while (gzgets(z, line, sizeof(line))) {
				char *save = NULL, *t = strtok_r(line, " \n", &save);
				int bytes_col = -1;
				for (int i = 0; t; i++, t = strtok_r(NULL, " \n", &save)) {
					if (col < 0 && strcmp(t, "bytes") == 0)
						bytes_col = i;
					else if (i == col && strcmp(t, "-") != 0) {
						*bytes += strtoull(t, NULL, 10);
						(*records)++;
					}
				}
				if (col < 0)
					col = bytes_col;
			}
			assert_int_equal(gzclose(z), Z_OK);
			assert_true(col >= 0);
		}
		free(p);
	}
	closedir(d);
}

/*
 * paths.md 4: traffic-path disagreements are counted per VPC and reported.
 * The note on stderr names the VPC and says "N of M" egress records.
 */
static void check_traffic_path(const char *dir, const char *err)
{
	char *path = tl_path(dir, "truth-traffic-path.csv");
	size_t len;
	char *text = tl_read_file(path, &len);
	char *line = strchr(text, '\n');
	assert_non_null(line);
	for (line++; *line;) {
		char vpc[64], want[128];
		unsigned long long checked, disagree;
		assert_int_equal(sscanf(line, "%63[^,],%llu,%llu", vpc, &checked, &disagree), 3);
		const char *hit = NULL;
		for (const char *p = err; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
			const char *eol = strchr(p, '\n');
			size_t n = eol ? (size_t)(eol - p) : strlen(p);
			char one[1024];
			snprintf(one, sizeof(one), "%.*s", (int)n, p);
			if (strstr(one, vpc) && strstr(one, "traffic-path")) {
				hit = p;
				snprintf(want, sizeof(want), " %llu of %llu ", disagree, checked);
				if (!strstr(one, want))
					fail_msg("traffic-path note: want \"%s\" in: %s", want, one);
			}
		}
		if (disagree && !hit)
			fail_msg("no traffic-path note for %s (%llu of %llu disagree):\n%s", vpc, disagree,
				 checked, err);
		if (!disagree && hit)
			fail_msg("a traffic-path note for %s, which has no disagreement", vpc);
		line = strchr(line, '\n');
		if (!line)
			break;
		line++;
	}
	free(text);
	free(path);
}

static void test_truth_matches_analyze(void **state)
{
	(void)state;
	char *dir = tl_mkdtemp();
	char *topo = tl_path(dir, "topology"), *ipr = tl_path(dir, "ip-ranges.json");
	char *logs = tl_path(dir, "logs"), *truth = tl_path(dir, "truth.csv");
	char *out = tl_path(dir, "analyze.csv");
	struct tl_run r;

	const char *gen_argv[] = {estate_gen, "-o", dir, "-n", "120000", "-s", "20261125", "-t", "-d", NULL};
	tl_run(gen_argv, NULL, NULL, &r);
	if (r.status != 0)
		fail_msg("estate_gen exited %d: %s", r.status, r.err);
	tl_run_free(&r);

	const char *fp_argv[] = {flowpath, "analyze", "--topology", topo, "--ip-ranges", ipr,
				 "--format", "csv", logs, NULL};
	tl_run(fp_argv, NULL, out, &r);
	if (r.status != 0)
		fail_msg("flowpath analyze exited %d: %s", r.status, r.err);
	check_traffic_path(dir, r.err);
	tl_run_free(&r);

	struct rows want, got;
	load_rows(truth, &want);
	load_rows(out, &got);
	size_t i = 0, j = 0, bad = 0;
	uint64_t want_bytes = 0, got_bytes = 0, want_records = 0;
	while (i < want.n || j < got.n) {
		int c = i == want.n ? 1 : j == got.n ? -1 : strcmp(want.v[i].key, got.v[j].key);
		if (c < 0) {
			if (bad++ < 30)
				print_message("missing from analyze: %s (%" PRIu64 " records, %" PRIu64
					      " bytes)\n", want.v[i].key, want.v[i].records, want.v[i].bytes);
			want_bytes += want.v[i].bytes;
			want_records += want.v[i++].records;
		} else if (c > 0) {
			if (bad++ < 30)
				print_message("not in the truth: %s (%" PRIu64 " records, %" PRIu64
					      " bytes)\n", got.v[j].key, got.v[j].records, got.v[j].bytes);
			got_bytes += got.v[j++].bytes;
		} else {
			if (want.v[i].records != got.v[j].records || want.v[i].bytes != got.v[j].bytes) {
				if (bad++ < 30)
					print_message("differs: %s: truth %" PRIu64 " records %" PRIu64
						      " bytes, analyze %" PRIu64 " records %" PRIu64 " bytes\n",
						      want.v[i].key, want.v[i].records, want.v[i].bytes,
						      got.v[j].records, got.v[j].bytes);
			}
			want_bytes += want.v[i].bytes;
			want_records += want.v[i++].records;
			got_bytes += got.v[j++].bytes;
		}
	}
	if (bad)
		fail_msg("%zu of the aggregate's keys differ from the generator's truth", bad);
	assert_true(want_records >= 100000);

	/* paths.md 6: every byte of every flow record lands in one row */
	uint64_t log_bytes = 0, log_records = 0;
	sum_log_bytes(logs, &log_bytes, &log_records);
	assert_int_equal(log_records, want_records);
	assert_int_equal(got_bytes, log_bytes);
	assert_int_equal(want_bytes, log_bytes);

	free_rows(&want);
	free_rows(&got);
	tl_rmtree(dir);
	free(topo);
	free(ipr);
	free(logs);
	free(truth);
	free(out);
	free(dir);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: test_truth ESTATE_GEN FLOWPATH\n");
		return 2;
	}
	estate_gen = argv[1];
	flowpath = argv[2];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truth_matches_analyze),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
