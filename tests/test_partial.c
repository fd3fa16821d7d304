/* SPDX-License-Identifier: MIT */
/*
 * Partial aggregates end to end: a generated estate split at random into
 * shards (by --files-from lists), each analyzed into a partial, the
 * partials merged in a shuffled order: every report must be byte-identical
 * to one run over the whole input. Also: partials of another version, cut
 * short or with a corrupt line are errors naming the file and line, and a
 * missing file in --files-from is an input error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "testlib.h"

static const char *estate_gen, *flowpath;
static char *dir, *logs, *topo, *ipr;

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static int setup(void **state)
{
	struct tl_run r;
	(void)state;
	dir = tl_mkdtemp();
	logs = tl_path(dir, "logs");
	topo = tl_path(dir, "topology");
	ipr = tl_path(dir, "ip-ranges.json");
	const char *argv[] = {estate_gen, "-o", dir, "-n", "20000", "-s", "77", "-w", "40", NULL};
	tl_run(argv, NULL, NULL, &r);
	int ok = r.status == 0;
	tl_run_free(&r);
	return ok ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tl_rmtree(dir);
	free(dir);
	free(logs);
	free(topo);
	free(ipr);
	return 0;
}

#define REPORTS "summary,paths,recommendations,talkers,timeline,inputs,nat-talkers"

/* All of analyze's reports as one JSON document. */
static char *whole_run(void)
{
	struct tl_run r;
	const char *argv[] = {flowpath, "analyze", "--topology", topo, "--ip-ranges", ipr, "--report",
			      REPORTS, "--format", "json", "-q", logs, NULL};
	tl_run(argv, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	char *out = r.out;
	r.out = NULL;
	tl_run_free(&r);
	return out;
}

/* Every log file under logs, one per line, in a malloc'd array. */
static char **list_files(size_t *n)
{
	struct tl_run r;
	const char *argv[] = {"/usr/bin/find", logs, "-name", "*.gz", NULL};
	tl_run(argv, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	char **v = NULL;
	*n = 0;
	for (char *p = strtok(r.out, "\n"); p; p = strtok(NULL, "\n")) {
		v = realloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = strdup(p);
	}
	tl_run_free(&r);
	return v;
}

static void test_random_splits_merge_to_the_whole(void **state)
{
	(void)state;
	char *want = whole_run();
	size_t n;
	char **files = list_files(&n);
	assert_true(n > 20);
	for (int round = 0; round < 3; round++) {
		int parts = 2 + (int)(tl_xorshift(&rng) % 4);
		char *lists[8], *partials[8];
		FILE *fl[8];
		for (int k = 0; k < parts; k++) {
			char name[32];
			snprintf(name, sizeof(name), "list%d.txt", k);
			lists[k] = tl_path(dir, name);
			snprintf(name, sizeof(name), "part%d", k);
			partials[k] = tl_path(dir, name);
			fl[k] = fopen(lists[k], "w");
		}
		for (size_t i = 0; i < n; i++)
			fprintf(fl[tl_xorshift(&rng) % (uint64_t)parts], "%s\n", files[i]);
		for (int k = 0; k < parts; k++) {
			fclose(fl[k]);
			struct tl_run r;
			const char *argv[] = {flowpath, "analyze", "--topology", topo, "--ip-ranges", ipr,
					      "--files-from", lists[k], "--emit", "partial", "-q", "-o",
					      partials[k], NULL};
			tl_run(argv, NULL, NULL, &r);
			assert_int_equal(r.status, 0);
			tl_run_free(&r);
		}
		/* merge in a shuffled order */
		const char *argv[32] = {flowpath, "merge", "--topology", topo, "--ip-ranges", ipr,
					"--report", REPORTS, "--format", "json", "-q"};
		int a = 11;
		int order[8];
		for (int k = 0; k < parts; k++)
			order[k] = k;
		for (int k = parts - 1; k > 0; k--) {
			int j = (int)(tl_xorshift(&rng) % (uint64_t)(k + 1)), t = order[k];
			order[k] = order[j];
			order[j] = t;
		}
		for (int k = 0; k < parts; k++)
			argv[a++] = partials[order[k]];
		argv[a] = NULL;
		struct tl_run r;
		tl_run(argv, NULL, NULL, &r);
		assert_int_equal(r.status, 0);
		if (strcmp(r.out, want) != 0)
			fail_msg("round %d (%d parts): merged reports differ from the whole run", round, parts);
		tl_run_free(&r);
		for (int k = 0; k < parts; k++) {
			free(lists[k]);
			free(partials[k]);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	free(want);
}

static void test_bad_partials(void **state)
{
	(void)state;
	char *good = tl_path(dir, "good.partial");
	struct tl_run r;
	const char *mk[] = {flowpath, "analyze", "--topology", topo, "--emit", "partial", "-q", "-o", good, logs, NULL};
	tl_run(mk, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	size_t len;
	char *text = tl_read_file(good, &len);

	/* another version */
	char *v2 = tl_path(dir, "v2.partial");
	char *t2 = strdup(text);
	t2[strlen("#flowpath-partial\t")] = '2';
	tl_write_file(v2, t2, len);
	/* cut short at a line boundary: no end line */
	char *cut = tl_path(dir, "cut.partial");
	size_t half = len / 2;
	while (half > 0 && text[half - 1] != '\n')
		half--;
	tl_write_file(cut, text, half);
	/* a corrupt third line */
	char *bad = tl_path(dir, "bad.partial");
	char *t3 = strdup(text);
	char *l3 = strchr(strchr(t3, '\n') + 1, '\n') + 1;
	memcpy(l3, "nonsense", 8);
	tl_write_file(bad, t3, len);

	const char *argv[] = {flowpath, "merge", "--format", "csv", "--report", "paths", good, v2, cut, bad, NULL};
	tl_run(argv, NULL, NULL, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "v2.partial:1: partial format version 2; this flowpath reads versions 3 to 9"));
	assert_non_null(strstr(r.err, "cut.partial:"));
	assert_non_null(strstr(r.err, "cut short"));
	assert_non_null(strstr(r.err, "bad.partial:3: bad partial line"));
	/* the good partial is still merged */
	assert_true(r.outlen > 200);
	tl_run_free(&r);
	/* the same partial twice (under another name): its flows would count
	 * twice, and which copy to keep is not the merge's to guess: nothing
	 * is merged, in either order */
	char *again = tl_path(dir, "again.partial");
	tl_write_file(again, text, len);
	const char *twice[] = {flowpath, "merge", "--format", "csv", "--report", "paths", good, again, NULL};
	tl_run(twice, NULL, NULL, &r);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "again.partial: input "));
	assert_non_null(strstr(r.err, "over an overlapping window: its flows would count twice"));
	assert_int_equal(r.outlen, 0);
	tl_run_free(&r);
	const char *swapped[] = {flowpath, "merge", "--format", "csv", "--report", "paths", again, good, NULL};
	tl_run(swapped, NULL, NULL, &r);
	assert_int_equal(r.status, 2);
	assert_int_equal(r.outlen, 0);
	tl_run_free(&r);
	/* a traffic-path check line is agrees 0 or 1: 2 is refused, 1 read */
	for (int agrees = 1; agrees <= 2; agrees++) {
		char *tp = tl_path(dir, agrees == 2 ? "tp2.partial" : "tp1.partial");
		char *end = strstr(text, "\nend\t"), *t4 = malloc(len + 128);
		assert_non_null(end);
		int head = (int)(end + 1 - text);
		snprintf(t4, len + 128, "%.*stp\tvpc-q\t%d\t1\t1\t100\t1795564800\t1795564860\nend\t%lu\n", head, text,
			 agrees, strtoul(end + 5, NULL, 10) + 1);
		tl_write_file(tp, t4, strlen(t4));
		const char *m4[] = {flowpath, "merge", "--format", "csv", "--report", "paths", tp, NULL};
		tl_run(m4, NULL, NULL, &r);
		assert_int_equal(r.status, agrees == 2 ? 1 : 0);
		assert_int_equal(strstr(r.err, "tp2.partial:") && strstr(r.err, "bad partial line: tp"), agrees == 2);
		tl_run_free(&r);
		free(t4);
		free(tp);
	}
	free(again);
	free(text);
	free(t2);
	free(t3);
	free(good);
	free(v2);
	free(cut);
	free(bad);
}

/* What merge takes for one input: an AWS object wherever it was read
 * from (a copy elsewhere, under its decompressed name), so two partials
 * of it are refused; but each read of the standard input is a stream of
 * its own, so two mappers fed on stdin merge. */
static void test_merge_knows_inputs_by_object(void **state)
{
	(void)state;
	size_t n;
	char **files = list_files(&n);
	const char *base = strrchr(files[0], '/') + 1;
	char *copydir = tl_path(dir, "copy");
	assert_int_equal(mkdir(copydir, 0755), 0);
	char *copy = tl_path(copydir, base);
	size_t len;
	char *gz = tl_read_file(files[0], &len);
	copy[strlen(copy) - 3] = '\0'; /* x.log: a decompressed name, gzip bytes still */
	tl_write_file(copy, gz, len);
	char *p1 = tl_path(dir, "o1.partial"), *p2 = tl_path(dir, "o2.partial");
	struct tl_run r;
	const char *a1[] = {flowpath, "analyze", "--topology", topo, "-q", "--emit", "partial", "-o", p1,
			    files[0], NULL};
	tl_run(a1, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	const char *a2[] = {flowpath, "analyze", "--topology", topo, "-q", "--emit", "partial", "-o", p2,
			    copy, NULL};
	tl_run(a2, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	const char *m[] = {flowpath, "merge", "--report", "paths", "--format", "csv", p1, p2, NULL};
	tl_run(m, NULL, NULL, &r);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "over an overlapping window: its flows would count twice"));
	tl_run_free(&r);
	/* two streams on stdin: two different files */
	const char *s1[] = {flowpath, "analyze", "--topology", topo, "-q", "--emit", "partial", "-o", p1,
			    "-", NULL};
	tl_run(s1, files[0], NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	const char *s2[] = {flowpath, "analyze", "--topology", topo, "-q", "--emit", "partial", "-o", p2,
			    "-", NULL};
	tl_run(s2, files[1], NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	tl_run(m, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_true(r.outlen > 100);
	tl_run_free(&r);
	free(gz);
	free(copy);
	free(copydir);
	free(p1);
	free(p2);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
}

/* A copy of src under dst_dir, named as flow log fl's object. */
static char *as_flow_log(const char *src, const char *dst_dir, const char *fl)
{
	const char *base = strrchr(src, '/') + 1;
	const char *id = strstr(base, "_fl-") + 1, *rest = strchr(id, '_');
	char name[512];
	snprintf(name, sizeof(name), "%.*s%s%s", (int)(id - base), base, fl, rest);
	char *dst = tl_path(dst_dir, name);
	size_t len;
	char *bytes = tl_read_file(src, &len);
	tl_write_file(dst, bytes, len);
	free(bytes);
	return dst;
}

/* Two flow logs that cover one interface at once deliver its records
 * twice: analyze and merge warn, naming an interface and both logs. A
 * flow log replaced by another (no overlap in time) draws no warning. */
static void test_two_flow_logs_on_one_interface(void **state)
{
	(void)state;
	size_t n;
	char **files = list_files(&n);
	/* the first and the last window of one account's flow log */
	size_t first = 0, last = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strstr(files[i], "_us-east-1_fl-0a1b2c3d4e5f60711_"))
			continue;
		if (!strstr(files[first], "_us-east-1_fl-0a1b2c3d4e5f60711_") || strcmp(files[i], files[first]) < 0)
			first = i;
		if (!strstr(files[last], "_us-east-1_fl-0a1b2c3d4e5f60711_") || strcmp(files[i], files[last]) > 0)
			last = i;
	}
	char *both = tl_path(dir, "twologs"), *apart = tl_path(dir, "replaced");
	assert_int_equal(mkdir(both, 0755), 0);
	assert_int_equal(mkdir(apart, 0755), 0);
	char *a = as_flow_log(files[first], both, "fl-0a1b2c3d4e5f60711");
	char *b = as_flow_log(files[first], both, "fl-0ffff000000000001");
	char *c = as_flow_log(files[first], apart, "fl-0a1b2c3d4e5f60711");
	char *e = as_flow_log(files[last], apart, "fl-0ffff000000000001");
	struct tl_run r;
	/* one worker: the second log's records find the first's decisions */
	const char *two[] = {flowpath, "analyze", "--topology", topo, "--report", "summary", "--format",
			     "json", "-q", "-j", "1", both, NULL};
	tl_run(two, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "in the records of two flow logs at once (eni-"));
	assert_non_null(strstr(r.err, ": fl-0a1b2c3d4e5f60711 and fl-0ffff000000000001"));
	tl_run_free(&r);
	/* two workers, a log each */
	const char *j2[] = {flowpath, "analyze", "--topology", topo, "--report", "summary", "--format",
			    "json", "-q", "-j", "2", both, NULL};
	tl_run(j2, NULL, NULL, &r);
	assert_non_null(strstr(r.err, "in the records of two flow logs at once"));
	tl_run_free(&r);
	const char *replaced[] = {flowpath, "analyze", "--topology", topo, "--report", "summary",
				  "--format", "json", "-q", apart, NULL};
	tl_run(replaced, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "flow log"));
	tl_run_free(&r);
	/* a log ending in the second the next one starts, and a log of
	 * rejected traffic beside one of accepted traffic: no copies */
	static const struct {
		const char *dir, *a, *b;
	} apart2[] = {
		{"touching", "2 1 eni-0t 10.0.0.1 10.0.0.2 1 2 6 1 10 1000 2000 ACCEPT OK\n",
		 "2 1 eni-0t 10.0.0.1 10.0.0.2 1 2 6 1 10 2000 3000 ACCEPT OK\n"},
		{"filters", "2 1 eni-0t 10.0.0.1 10.0.0.2 1 2 6 1 10 1000 2000 ACCEPT OK\n",
		 "2 1 eni-0t 10.0.0.3 10.0.0.2 1 2 6 1 10 1000 2000 REJECT OK\n"},
	};
	for (size_t k = 0; k < 2; k++) {
		char *d2 = tl_path(dir, apart2[k].dir);
		assert_int_equal(mkdir(d2, 0755), 0);
		char *fa = tl_path(d2, "1_vpcflowlogs_us-east-1_fl-0aa_20261125T0000Z_1.log");
		char *fb = tl_path(d2, "1_vpcflowlogs_us-east-1_fl-0bb_20261125T0000Z_2.log");
		tl_write_file(fa, apart2[k].a, strlen(apart2[k].a));
		tl_write_file(fb, apart2[k].b, strlen(apart2[k].b));
		const char *ak[] = {flowpath, "analyze", "--topology", topo, "--report", "summary", "--format",
				    "json", "-q", "-j", "1", d2, NULL};
		tl_run(ak, NULL, NULL, &r);
		assert_int_equal(r.status, 0);
		if (strstr(r.err, "flow log"))
			fail_msg("%s: %s", apart2[k].dir, r.err);
		tl_run_free(&r);
		free(fa);
		free(fb);
		free(d2);
	}
	/* each log in a partial of its own: merge sees both */
	char *p1 = tl_path(dir, "fl1.partial"), *p2 = tl_path(dir, "fl2.partial");
	const char *m1[] = {flowpath, "analyze", "--topology", topo, "-q", "--emit", "partial", "-o", p1,
			    a, NULL};
	const char *m2[] = {flowpath, "analyze", "--topology", topo, "-q", "--emit", "partial", "-o", p2,
			    b, NULL};
	tl_run(m1, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	tl_run(m2, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	const char *mg[] = {flowpath, "merge", "--report", "summary", "--format", "json", p1, p2, NULL};
	tl_run(mg, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, ": fl-0a1b2c3d4e5f60711 and fl-0ffff000000000001"));
	tl_run_free(&r);
	/* a version 3 partial (no eni_log records) is still read */
	size_t len;
	char *text = tl_read_file(p2, &len);
	char *v3 = tl_path(dir, "v3.partial");
	FILE *f = fopen(v3, "w");
	size_t kept = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "#flowpath-partial\t", 18) == 0)
			fputs("#flowpath-partial\t3\n", f);
		else if (strncmp(line, "end\t", 4) == 0)
			fprintf(f, "end\t%zu\n", kept);
		else if (strncmp(line, "eni_log\t", 8) != 0 && strncmp(line, "nat_", 4) != 0 && ++kept)
			fprintf(f, "%s\n", line);
	}
	fclose(f);
	const char *m3[] = {flowpath, "merge", "--report", "summary", "--format", "json", p1, v3, NULL};
	tl_run(m3, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "flow log"));
	assert_null(strstr(r.err, "nat-talkers"));
	tl_run_free(&r);
	/* it holds no nat-talkers rows (version 8): merge says so when that
	 * report is asked for, also through a partial merged from it */
	static const char nt_note[] = "some partials are of format 7 or older, which holds no nat-talkers rows";
	const char *m4[] = {flowpath, "merge", "--report", "nat-talkers", "--format", "csv", p1, v3, NULL};
	tl_run(m4, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, nt_note));
	tl_run_free(&r);
	char *v8 = tl_path(dir, "from-v3.partial");
	const char *m5[] = {flowpath, "merge", "-q", "--emit", "partial", "-o", v8, v3, NULL};
	tl_run(m5, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	const char *m6[] = {flowpath, "merge", "--report", "nat-talkers", "--format", "csv", p1, v8, NULL};
	tl_run(m6, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, nt_note));
	tl_run_free(&r);
	const char *m7[] = {flowpath, "merge", "--report", "nat-talkers", "--format", "csv", p1, p2, NULL};
	tl_run(m7, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, nt_note));
	tl_run_free(&r);
	free(v8);
	free(text);
	free(v3);
	free(p1);
	free(p2);
	free(a);
	free(b);
	free(c);
	free(e);
	free(both);
	free(apart);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
}

/* Row-limit rows and talkers' (other) row read from partials: merge's
 * notes say the limit may be that of the runs that wrote them, not only
 * its own --max-rows or --max-talkers. */
static void test_merge_row_limit_note(void **state)
{
	(void)state;
	char *p1 = tl_path(dir, "limited.partial");
	struct tl_run r;
	const char *a[] = {flowpath, "analyze", "--topology", topo, "-q", "--max-rows", "5", "--max-talkers", "3",
			   "--emit", "partial", "-o", p1, logs, NULL};
	tl_run(a, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	const char *m[] = {flowpath, "merge", "--report", "paths,talkers", "--format", "csv", "-o", "/dev/null", p1, NULL};
	tl_run(m, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	if (!strstr(r.err, "flows counted in row-limit rows") ||
	    !strstr(r.err, "or the limit of the runs that wrote the partials") ||
	    !strstr(r.err, "talkers: more than 200000 keys here, or than the limit of the runs that wrote "
			   "the partials"))
		fail_msg("%s", r.err);
	tl_run_free(&r);
	free(p1);
}

/* Write a partial of files f1 and f2 (NULL: none) to out, over --day day
 * (NULL: no window). */
static void day_partial(const char *out, const char *day, const char *f1, const char *f2)
{
	const char *a[14] = {flowpath, "analyze", "--topology", topo, "-q", "--emit", "partial", "-o", out};
	int n = 9;
	if (day) {
		a[n++] = "--day";
		a[n++] = day;
	}
	a[n++] = f1;
	a[n++] = f2;
	struct tl_run r;
	tl_run(a, NULL, NULL, &r);
	if (r.status != 0)
		fail_msg("partial %s: exit %d: %s", out, r.status, r.err);
	/* a partial holds part of a window by design: the merge says it */
	if (strstr(r.err, "span only"))
		fail_msg("partial %s: %s", out, r.err);
	tl_run_free(&r);
}

/* Merge two partials into a summary nobody reads (r: its run, exit 0). */
static void merge_two(const char *x, const char *y, struct tl_run *r)
{
	const char *m[] = {flowpath, "merge", "--report", "summary", "--format", "csv", "-o", "/dev/null",
			   x, y, NULL};
	tl_run(m, NULL, NULL, r);
	assert_int_equal(r->status, 0);
}

/* Partials of unlike windows merge with a warning: one with a window
 * beside one without (the window given is lost), and two windowed ones
 * that both counted flows without an end time (each counted them all). */
static void test_merge_window_warnings(void **state)
{
	(void)state;
	static const char untimed[] = "version account-id interface-id srcaddr dstaddr bytes action log-status\n"
				      "2 1 eni-1 10.0.1.5 1.1.1.1 1000 ACCEPT OK\n";
	static const char timed[] = "version account-id interface-id srcaddr dstaddr bytes start end action "
				    "log-status\n2 1 eni-1 10.0.1.5 1.1.1.1 1000 1795564800 1795564860 ACCEPT OK\n";
	char *lg = tl_path(dir, "untimed.log"), *lg2 = tl_path(dir, "untimed2.log");
	char *tm = tl_path(dir, "timed.log");
	tl_write_file(lg, untimed, strlen(untimed));
	tl_write_file(lg2, untimed, strlen(untimed)); /* read by the open one */
	tl_write_file(tm, timed, strlen(timed));
	static const char *const days[] = {"2026-11-25", "2026-11-26"};
	char *p[5] = {tl_path(dir, "win-a.partial"), tl_path(dir, "win-b.partial"), tl_path(dir, "open.partial"),
		      tl_path(dir, "win-c.partial"), tl_path(dir, "win-d.partial")};
	day_partial(p[0], days[0], lg, NULL);
	day_partial(p[1], days[1], lg, NULL);
	day_partial(p[2], NULL, lg2, NULL);
	struct tl_run r;
	merge_two(p[0], p[1], &r);
	assert_non_null(strstr(r.err, "warning: 1 input was read by several partials with a window that "
				      "counted flows without an end time"));
	assert_null(strstr(r.err, "some partials have a window"));
	tl_run_free(&r);
	merge_two(p[0], p[2], &r);
	assert_non_null(strstr(r.err, "warning: some partials have a window (--day, --since or --until) and "
				      "some do not (1 and 1)"));
	assert_null(strstr(r.err, "counted flows without an end time"));
	tl_run_free(&r);
	/* two days of different untimed files, and one timed file that only
	 * the first day counts flows of: nothing counts twice */
	day_partial(p[4], days[0], lg, tm);
	day_partial(p[3], days[1], lg2, tm);
	merge_two(p[4], p[3], &r);
	assert_null(strstr(r.err, "counted flows without an end time"));
	/* the second day's read of the timed file is outside its window,
	 * and the first day's partial counts it: not "not counted" */
	assert_non_null(strstr(r.err, "note: 1 flows ended outside the window of the partial that read "
				      "them and were not counted by it (a partial of an adjacent window "
				      "counts them if it read their file too, not if it skipped it by its "
				      "name: see its inputs report;"));
	/* the merged window, two days, holds a minute of timed flows: the
	 * merge that writes the reports says so */
	assert_non_null(strstr(r.err, "warning: the flows counted span only 0.0 h (2026-11-25T00:00:00Z to "
				      "2026-11-25T00:01:00Z) of the window's 48.0 h"));
	tl_run_free(&r);
	/* an untimed flow in the same core row as a timed one, which the
	 * first day counts too: the partial counts untimed flows (version 6),
	 * as no row of its own shows them */
	static const char mixed[] = "version account-id interface-id srcaddr dstaddr bytes start end action "
				    "log-status\n2 1 eni-1 10.0.1.5 1.1.1.1 1000 1795564800 1795564860 ACCEPT OK\n"
				    "2 1 eni-1 10.0.1.5 1.1.1.1 1000 - - ACCEPT OK\n";
	char *mx = tl_path(dir, "mixed.log");
	tl_write_file(mx, mixed, strlen(mixed));
	day_partial(p[4], days[0], mx, NULL);
	day_partial(p[3], days[1], mx, NULL);
	merge_two(p[4], p[3], &r);
	assert_non_null(strstr(r.err, "warning: 1 input was read by several partials with a window that "
				      "counted flows without an end time"));
	tl_run_free(&r);
	/* a version 5 partial does not say: merge --emit partial carries
	 * that on as "untimed -", not as none */
	size_t len;
	char *text = tl_read_file(p[4], &len), *v5 = malloc(len + 1), *o = v5;
	size_t kept = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "#flowpath-partial\t", 18) == 0)
			o += sprintf(o, "#flowpath-partial\t5\n");
		else if (strncmp(line, "end\t", 4) == 0)
			o += sprintf(o, "end\t%zu\n", kept);
		/* records of later versions left out */
		else if (strncmp(line, "untimed\t", 8) != 0 && strncmp(line, "unlisted\t", 9) != 0 && ++kept)
			o += sprintf(o, "%s\n", line);
	}
	char *p5 = tl_path(dir, "mixed-v5.partial"), *again = tl_path(dir, "mixed-again.partial");
	tl_write_file(p5, v5, (size_t)(o - v5));
	const char *em[] = {flowpath, "merge", "-q", "--emit", "partial", "-o", again, p5, NULL};
	tl_run(em, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	char *out = tl_read_file(again, &len);
	assert_non_null(strstr(out, "\nuntimed\t-\n"));
	free(out);
	free(text);
	free(v5);
	free(p5);
	free(again);
	free(mx);
	for (int i = 0; i < 5; i++)
		free(p[i]);
	free(tm);
	free(lg);
	free(lg2);
}

static void test_files_from_missing_file(void **state)
{
	(void)state;
	size_t n;
	char **files = list_files(&n);
	char *list = tl_path(dir, "missing.txt");
	FILE *f = fopen(list, "w");
	fprintf(f, "%s\n%s/no-such-file.log.gz\n", files[0], dir);
	fclose(f);
	struct tl_run r;
	const char *argv[] = {flowpath, "analyze", "--topology", topo, "--files-from", list, "--report",
			      "inputs", "--format", "csv", NULL};
	tl_run(argv, NULL, NULL, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no-such-file.log.gz"));
	assert_int_equal(tl_count(r.out, ",ok,"), 1);
	tl_run_free(&r);
	/* a NUL-separated list (find -print0) names every file in it, one
	 * holding a line break too */
	char *odd = tl_path(dir, "odd\nname.log.gz");
	FILE *src = fopen(files[1], "rb"), *dst = fopen(odd, "wb");
	char buf[4096];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), src)) > 0)
		fwrite(buf, 1, got, dst);
	fclose(src);
	fclose(dst);
	f = fopen(list, "w");
	fprintf(f, "%s%c%s%c", files[0], 0, odd, 0);
	fclose(f);
	tl_run(argv, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	assert_int_equal(tl_count(r.out, ",ok,"), 2);
	tl_run_free(&r);
	remove(odd);
	free(odd);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	free(list);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: test_partial ESTATE_GEN FLOWPATH\n");
		return 2;
	}
	estate_gen = argv[1];
	flowpath = argv[2];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_splits_merge_to_the_whole),
		cmocka_unit_test(test_bad_partials),
		cmocka_unit_test(test_files_from_missing_file),
		cmocka_unit_test(test_merge_knows_inputs_by_object),
		cmocka_unit_test(test_two_flow_logs_on_one_interface),
		cmocka_unit_test(test_merge_row_limit_note),
		cmocka_unit_test(test_merge_window_warnings),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
