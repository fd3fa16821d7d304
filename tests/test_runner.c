/* SPDX-License-Identifier: MIT */
/*
 * The runner over many files: diagnostics in input order for any -j, and
 * the memory held for them bounded although workers take the largest files
 * first (inputs that finish early wait for an earlier, smaller one).
 */
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "analysis.h"
#include "cli.h"
#include "runner.h"
#include "s3name.h"
#include "testlib.h"
#include "topo.h"

#define NFILES 800
#define BAD_LINES 40 /* per file; the first file has fewer: the smallest */

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/flowpath-runner-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	for (int i = 0; i < NFILES; i++) {
		char path[128];
		snprintf(path, sizeof(path), "%s/f%05d.log", dir, i);
		FILE *f = fopen(path, "w");
		if (!f)
			return -1;
		fputs("version account-id interface-id srcaddr dstaddr srcport dstport protocol "
		      "packets bytes start end action log-status\n",
		      f);
		int n = i == 0 ? BAD_LINES / 2 : BAD_LINES + i % 7;
		for (int k = 0; k < n; k++)
			fprintf(f, "2 123456789012 eni-abc 10.0.0.%d 10.0.0.2 x 80 6 1 100 1 2 ACCEPT OK\n",
				k % 250);
		fclose(f);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < NFILES; i++) {
		char path[128];
		snprintf(path, sizeof(path), "%s/f%05d.log", dir, i);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

struct seen {
	int last_file;    /* input of the last diagnostic */
	int out_of_order; /* a diagnostic of an earlier input came after a later one's */
	size_t lines;
	size_t heap_max;  /* most heap in use at any diagnostic */
};

static void on_diag(void *ctx, enum run_severity sev, const struct diag *d)
{
	struct seen *s = ctx;
	(void)sev;
	const char *p = strrchr(d->file, '/');
	int file = p ? atoi(p + 2) : -1;
	if (file < s->last_file)
		s->out_of_order = 1;
	s->last_file = file;
	s->lines++;
	struct mallinfo2 mi = mallinfo2();
	if (mi.uordblks > s->heap_max)
		s->heap_max = mi.uordblks;
}

static void run(int jobs, struct seen *s)
{
	char a0[] = "flowpath", a1[] = "analyze", a2[] = "--topology", a3[] = "x",
	     a4[] = "--max-errors", a5[] = "1000";
	char *argv[] = {a0, a1, a2, a3, a4, a5, dir, NULL};
	char err[256];
	struct options o;
	struct runner_list l;
	struct run_ui ui = {on_diag, NULL, NULL, s};
	memset(s, 0, sizeof(*s));
	assert_int_equal(cli_parse(7, argv, &o, err, sizeof(err)), 0);
	o.jobs = jobs;
	struct topo *t = topo_new();
	topo_finish(t);
	struct diag d;
	assert_int_equal(runner_list_build(&o, &ui, &l, &d), 0);
	assert_int_equal(l.n, NFILES);
	struct analysis *an = analysis_new();
	assert_int_equal(runner_analyze(&o, t, &l, &ui, an), 0);
	assert_int_equal(an->stats.malformed, s->lines);
	analysis_free(an);
	runner_list_free(&l);
	topo_free(t);
	free(o.topologies);
}

static void test_diagnostics_in_order_and_bounded(void **state)
{
	struct seen one, two;
	(void)state;
	run(1, &one);
	run(2, &two);
	assert_false(one.out_of_order);
	assert_false(two.out_of_order);
	assert_int_equal(one.lines, two.lines);
	assert_true(one.lines > 30000);
	/* about 1.5 KiB a diagnostic: holding every input's until the
	 * smallest (first) one is read would take over 45 MB; at most about
	 * 4,096 wait (HOLD_MAX), plus those of the inputs being read. The
	 * allocator's figure is 0 where it is replaced (sanitizers). */
	if (one.heap_max && two.heap_max) {
		assert_true(one.heap_max < 24u << 20);
		assert_true(two.heap_max < 24u << 20);
	}
}

struct warned {
	int warnings, others;
	char first[1024];
};

static void on_warn(void *ctx, enum run_severity sev, const struct diag *d)
{
	struct warned *w = ctx;
	if (sev != RUN_WARN) {
		w->others++;
		return;
	}
	if (!w->warnings++)
		diag_format(d, w->first, sizeof(w->first));
}

/* A file named more than once, by a second argument or through a link to
 * its directory, is listed once (in its first place), with one warning:
 * reading it again would count its flows twice. */
static void test_file_named_twice_is_listed_once(void **state)
{
	(void)state;
	char link[96], again[128], self[128];
	snprintf(link, sizeof(link), "%s-link", dir);
	snprintf(again, sizeof(again), "%s/f00003.log", dir);
	snprintf(self, sizeof(self), "%s/./f00003.log", dir);
	assert_int_equal(symlink(dir, link), 0);
	char a0[] = "flowpath", a1[] = "analyze", a2[] = "--topology", a3[] = "x";
	char *argv[] = {a0, a1, a2, a3, again, dir, link, self, NULL};
	char err[256];
	struct options o;
	struct runner_list l;
	struct warned w = {0, 0, ""};
	struct run_ui ui = {on_warn, NULL, NULL, &w};
	assert_int_equal(cli_parse(8, argv, &o, err, sizeof(err)), 0);
	struct diag d;
	assert_int_equal(runner_list_build(&o, &ui, &l, &d), 0);
	unlink(link);
	assert_int_equal(l.n, NFILES);
	assert_string_equal(l.f[0].path, again); /* its first place */
	assert_int_equal(w.warnings, 1);
	assert_int_equal(w.others, 0);
	/* the first repeat is dir's own f00003.log, named after `again`
	 * with the same spelling */
	assert_non_null(strstr(w.first, "f00003.log: named more than once, which is read once"));
	/* dir's f00003.log, the 800 through the link, and self */
	assert_non_null(strstr(w.first, "802 repeated names skipped"));
	for (size_t i = 1; i < l.n; i++)
		assert_string_not_equal(l.f[i].path, again);
	runner_list_free(&l);
	free(o.topologies);
}

/* A path that cannot be listed stays in the list, not read
 * (RUNNER_UNLISTED, with why), an input error named once: with --shard,
 * by the shard its place falls to alone (entry 800 of 801: shard 0/2),
 * so that merging the shards' partials counts it once
 * and one inputs report lists it, as one run over everything does. */
static void test_unlisted_path_is_one_input_error(void **state)
{
	(void)state;
	char missing[96];
	snprintf(missing, sizeof(missing), "%s-missing", dir);
	for (int shard = 0; shard < 3; shard++) {
		char a0[] = "flowpath", a1[] = "analyze", a2[] = "--topology", a3[] = "x", a4[] = "--shard",
		     a5[8];
		snprintf(a5, sizeof(a5), "%d/2", shard - 1);
		char *argv[] = {a0, a1, a2, a3, a4, a5, dir, missing, NULL};
		char *plain[] = {a0, a1, a2, a3, dir, missing, NULL};
		char err[256];
		struct options o;
		struct runner_list l;
		struct warned w = {0, 0, ""};
		struct run_ui ui = {on_warn, NULL, NULL, &w};
		/* shard 0: no --shard; then shards 0/2 and 1/2 */
		if (shard == 0)
			assert_int_equal(cli_parse(6, plain, &o, err, sizeof(err)), 0);
		else
			assert_int_equal(cli_parse(8, argv, &o, err, sizeof(err)), 0);
		struct diag d;
		assert_int_equal(runner_list_build(&o, &ui, &l, &d), 0);
		size_t unlisted = 0, at = 0;
		for (size_t i = 0; i < l.n; i++)
			if (l.f[i].skipped == RUNNER_UNLISTED) {
				unlisted++;
				at = i;
			}
		int has = shard < 2; /* the whole run, and shard 0/2 */
		assert_int_equal(unlisted, has);
		assert_int_equal(l.input_errors, has);
		assert_int_equal(w.others, has); /* named on stderr once */
		if (has) {
			assert_string_equal(l.f[at].path, missing);
			assert_string_equal(l.f[at].detail, "No such file or directory");
		}
		runner_list_free(&l);
		free(o.topologies);
	}
	/* it keeps its place in the dealing: named first, it is shard 0/2's,
	 * and shard 1/2 keeps the files it would have with the path there */
	char a0[] = "flowpath", a1[] = "analyze", a2[] = "--topology", a3[] = "x", a4[] = "--shard", a5[] = "1/2";
	char *argv[] = {a0, a1, a2, a3, a4, a5, missing, dir, NULL};
	char err[256], first[128];
	struct options o;
	struct runner_list l;
	struct warned w = {0, 0, ""};
	struct run_ui ui = {on_warn, NULL, NULL, &w};
	assert_int_equal(cli_parse(8, argv, &o, err, sizeof(err)), 0);
	struct diag d;
	assert_int_equal(runner_list_build(&o, &ui, &l, &d), 0);
	assert_int_equal(l.n, NFILES / 2);
	assert_int_equal(l.input_errors, 0);
	snprintf(first, sizeof(first), "%s/f00000.log", dir);
	assert_string_equal(l.f[0].path, first);
	runner_list_free(&l);
	free(o.topologies);
}

/* The input list of `analyze --topology x FIRST SECOND`, its warnings
 * counted in w. */
static void list_two_dirs(char *first, char *second, struct options *o, struct runner_list *l,
			  struct warned *w)
{
	char a0[] = "flowpath", a1[] = "analyze", a2[] = "--topology", a3[] = "x";
	char *argv[] = {a0, a1, a2, a3, first, second, NULL};
	char err[256];
	struct run_ui ui = {on_warn, NULL, NULL, w};
	struct diag d;
	assert_int_equal(cli_parse(6, argv, o, err, sizeof(err)), 0);
	assert_int_equal(runner_list_build(o, &ui, l, &d), 0);
}

/* One AWS object under two names (x.log.gz and its decompressed copy
 * x.log in another folder, and the same object synced twice) is read
 * once, in its first place, with one warning, the copies listed as
 * skipped; names that are not AWS object names are left alone however
 * alike. */
static void test_same_object_is_listed_once(void **state)
{
	(void)state;
	static const char obj[] = "123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d_20261125T0005Z_ab12cd34";
	char a[256], b[256], c[256], d1[96], d2[96], x1[128], x2[128];
	snprintf(d1, sizeof(d1), "%s-o1", dir);
	snprintf(d2, sizeof(d2), "%s-o2", dir);
	assert_int_equal(mkdir(d1, 0755), 0);
	assert_int_equal(mkdir(d2, 0755), 0);
	snprintf(a, sizeof(a), "%s/%s.log.gz", d1, obj);
	snprintf(b, sizeof(b), "%s/%s.log", d2, obj);
	snprintf(c, sizeof(c), "%s/%s.log.gz", d2, obj);
	snprintf(x1, sizeof(x1), "%s/other.log.gz", d1);
	snprintf(x2, sizeof(x2), "%s/other.log", d2);
	const char *files[] = {a, b, c, x1, x2};
	for (int i = 0; i < 5; i++) {
		FILE *f = fopen(files[i], "w");
		assert_non_null(f);
		fprintf(f, "%d\n", i); /* different bytes: not one inode either */
		fclose(f);
	}
	struct options o;
	struct runner_list l;
	struct warned w = {0, 0, ""};
	list_two_dirs(d1, d2, &o, &l, &w);
	/* d1's two files, then d2's: its copies stay, skipped (the inputs
	 * report lists them), and other.log is read */
	assert_int_equal(l.n, 5);
	assert_string_equal(l.f[0].path, a);
	assert_string_equal(l.f[1].path, x1);
	size_t read = 0;
	for (size_t i = 0; i < l.n; i++) {
		read += !l.f[i].skipped;
		if (l.f[i].skipped) {
			assert_int_equal(l.f[i].skipped, RUNNER_SKIP_COPY);
			assert_string_equal(l.f[i].detail, a);
		}
	}
	assert_int_equal(read, 3);
	assert_int_equal(w.warnings, 1);
	assert_non_null(strstr(w.first, "the same flow log object as"));
	assert_non_null(strstr(w.first, "(2 in all)"));
	runner_list_free(&l);
	free(o.topologies);
	for (int i = 0; i < 5; i++)
		unlink(files[i]);
	rmdir(d1);
	rmdir(d2);
}

/* Copies of one object of different sizes: the largest gzip copy is
 * read, wherever it is in the list (a truncated download listed first
 * is not), before a larger decompressed copy; a second warning says the
 * sizes differ. */
static void test_same_object_largest_copy_read(void **state)
{
	(void)state;
	static const char obj[] = "123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d_20261125T0010Z_ab12cd35";
	char a[256], b[256], c[256], d1[96], d2[96];
	snprintf(d1, sizeof(d1), "%s-s1", dir);
	snprintf(d2, sizeof(d2), "%s-s2", dir);
	assert_int_equal(mkdir(d1, 0755), 0);
	assert_int_equal(mkdir(d2, 0755), 0);
	snprintf(a, sizeof(a), "%s/%s.log.gz", d1, obj); /* cut short */
	snprintf(b, sizeof(b), "%s/%s.log", d2, obj);    /* decompressed */
	snprintf(c, sizeof(c), "%s/%s.log.gz", d2, obj); /* whole */
	const char *files[] = {a, b, c};
	const char *body[] = {"x", "the whole text, decompressed\n", "whole gzip\n"};
	for (int i = 0; i < 3; i++) {
		FILE *f = fopen(files[i], "w");
		assert_non_null(f);
		fputs(body[i], f);
		fclose(f);
	}
	struct options o;
	struct runner_list l;
	struct warned w = {0, 0, ""};
	list_two_dirs(d1, d2, &o, &l, &w);
	assert_int_equal(l.n, 3);
	size_t read = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (!l.f[i].skipped) {
			read++;
			assert_string_equal(l.f[i].path, c);
		} else {
			assert_string_equal(l.f[i].detail, c);
		}
	}
	assert_int_equal(read, 1);
	assert_int_equal(w.warnings, 2);
	runner_list_free(&l);
	free(o.topologies);
	/* copies alike: the least path, whatever the order of the arguments */
	unlink(c);
	FILE *g = fopen(b, "w");
	assert_non_null(g);
	fputs("x", g); /* not gzip: the .gz copy in d1 is read */
	fclose(g);
	snprintf(c, sizeof(c), "%s/%s.log.gz", d2, obj);
	g = fopen(c, "w");
	assert_non_null(g);
	fputs("y", g); /* as large as a */
	fclose(g);
	w.warnings = 0;
	list_two_dirs(d2, d1, &o, &l, &w);
	for (size_t i = 0; i < l.n; i++)
		if (!l.f[i].skipped)
			assert_string_equal(l.f[i].path, strcmp(a, c) < 0 ? a : c);
	runner_list_free(&l);
	free(o.topologies);
	for (int i = 0; i < 3; i++)
		unlink(files[i]);
	rmdir(d1);
	rmdir(d2);
}

/* Other services' log objects under one AWSLogs tree (CloudTrail, a Hive
 * aws-service= folder of another service, the test objects of the log
 * delivery, Elastic Load Balancing and AWS Config, a folder marker) are listed as skipped by their names; flow logs (vpcflowlogs in any
 * case) and names that say nothing are read, and so is a file named as
 * an INPUT. */
static void test_other_services_are_skipped(void **state)
{
	(void)state;
	static const char *const names[] = {
		"111111111111_CloudTrail_us-east-1_20261125T0005Z_Ab12.json.gz",
		"aws-logs-write-test",
		"ELBAccessLogTestFile",
		"ConfigWritabilityCheckFile",
		"x_$folder$",
		"aws-service=elasticloadbalancing/part-1.log.gz",
		"111111111111_vpcflowlogs_us-east-1_fl-1_20261125T0005Z_ab.log.gz",
		"aws-service=vpcflowlogs/part-2.log.gz",
		"plain.log",
		"111111111111_VPCFlowLogs_us-east-1_fl-1_20261125T0010Z_ab.log.gz",
	};
	static const int want[] = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
	enum { N = sizeof(names) / sizeof(names[0]) };
	char root[96], path[256];
	snprintf(root, sizeof(root), "%s-svc", dir);
	assert_int_equal(mkdir(root, 0755), 0);
	for (size_t i = 0; i < N; i++) {
		snprintf(path, sizeof(path), "%s/%s", root, names[i]);
		char *slash = strrchr(path, '/');
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fprintf(f, "%zu\n", i);
		fclose(f);
	}
	char a0[] = "flowpath", a1[] = "analyze", a2[] = "--topology", a3[] = "x";
	char *argv[] = {a0, a1, a2, a3, root, NULL};
	char err[256];
	struct options o;
	struct runner_list l;
	struct warned w = {0, 0, ""};
	struct run_ui ui = {on_warn, NULL, NULL, &w};
	assert_int_equal(cli_parse(5, argv, &o, err, sizeof(err)), 0);
	struct diag d;
	assert_int_equal(runner_list_build(&o, &ui, &l, &d), 0);
	assert_int_equal(l.n, N);
	for (size_t i = 0; i < l.n; i++) {
		int k = -1;
		for (int j = 0; j < N; j++) {
			snprintf(path, sizeof(path), "%s/%s", root, names[j]);
			if (strcmp(path, l.f[i].path) == 0)
				k = j;
		}
		assert_true(k >= 0);
		if ((l.f[i].skipped == RUNNER_SKIP_SERVICE) != want[k])
			fail_msg("%s: skipped %d", names[k], l.f[i].skipped);
	}
	runner_list_free(&l);
	free(o.topologies);
	/* a file named as an INPUT is read, whatever its name says */
	snprintf(path, sizeof(path), "%s/%s", root, names[0]);
	argv[4] = path;
	assert_int_equal(cli_parse(5, argv, &o, err, sizeof(err)), 0);
	assert_int_equal(runner_list_build(&o, &ui, &l, &d), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.f[0].skipped, 0);
	runner_list_free(&l);
	free(o.topologies);
	/* also after its folder, which lists it first: read once, and read */
	char *argv2[] = {a0, a1, a2, a3, root, path, NULL};
	assert_int_equal(cli_parse(6, argv2, &o, err, sizeof(err)), 0);
	assert_int_equal(runner_list_build(&o, &ui, &l, &d), 0);
	assert_int_equal(l.n, N);
	size_t read = 0;
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.f[i].path, path) == 0)
			read += l.f[i].skipped == 0;
	assert_int_equal(read, 1);
	runner_list_free(&l);
	free(o.topologies);
	tl_rmtree(root);
}

/* An S3 object's name gives its region, flow log and object name, the
 * service's name in either case; a name of another form gives none. */
static void test_s3_names(void **state)
{
	static const char *const names[] = {
		"AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/11/25/"
		"111111111111_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f6a7b8_20261125T0005Z_ab12.log.gz",
		"111111111111_VPCFlowLogs_eu-north-1_fl-0a1b2c3d4e5f6a7b9_20261125T0005Z_cd34.log.gz",
	};
	static const char *const region[] = {"us-east-1", "eu-north-1"};
	static const char *const fl[] = {"fl-0a1b2c3d4e5f6a7b8", "fl-0a1b2c3d4e5f6a7b9"};
	char buf[128];
	(void)state;
	for (int i = 0; i < 2; i++) {
		assert_int_equal(s3name_region(names[i], buf, sizeof(buf)), 1);
		assert_string_equal(buf, region[i]);
		assert_int_equal(s3name_flow_log(names[i], buf, sizeof(buf)), 1);
		assert_string_equal(buf, fl[i]);
		assert_non_null(s3name_object(names[i], buf, sizeof(buf)));
		assert_int_equal(s3name_other_service(names[i], buf, sizeof(buf)), 0);
	}
	assert_int_equal(s3name_region("111111111111_vpcflowlogsx_us-east-1_fl-1_a.log", buf, sizeof(buf)), 0);
	assert_int_equal(s3name_region("plain_vpcflowlogs.log", buf, sizeof(buf)), 0);
	/* a word where AWS writes the region is none */
	assert_int_equal(s3name_region("prod_vpcflowlogs_archive_2026.log", buf, sizeof(buf)), 0);
	assert_int_equal(s3name_region("1_vpcflowlogs_us-east_fl-0a_x.log", buf, sizeof(buf)), 0);
	assert_int_equal(s3name_region("1_vpcflowlogs_us-gov-west-1_fl-0a_x.log", buf, sizeof(buf)), 1);
	assert_string_equal(buf, "us-gov-west-1");
	assert_int_equal(s3name_region("1_vpcflowlogs_eusc-de-east-1_fl-0a_x.log", buf, sizeof(buf)), 1);
	assert_int_equal(s3name_other_service("111111111111_CloudTrail_us-east-1_x.json.gz", buf, sizeof(buf)), 1);
	assert_string_equal(buf, "CloudTrail");

	/* folders' dates: AWS's own layouts are UTC; another's (a Firehose
	 * prefix, in any time zone) is widened by 14 hours each way */
	const int64_t h10 = 1795600800; /* 2026-11-25T10:00Z */
	int64_t st, en;
	assert_int_equal(s3name_span("b/AWSLogs/111111111111/vpcflowlogs/us-east-1/2026/11/25/renamed.log.gz", &st, &en), 2);
	assert_int_equal(st, h10 - 10 * 3600 - S3NAME_BEHIND);
	assert_int_equal(en, h10 + 14 * 3600 + S3NAME_AHEAD);
	assert_int_equal(s3name_span("logs/AWSLogs/aws-account-id=1/aws-service=vpcflowlogs/aws-region=us-east-1/"
				     "year=2026/month=11/day=25/hour=10/x.log.gz",
				     &st, &en),
			 2);
	assert_int_equal(st, h10 - S3NAME_BEHIND);
	assert_int_equal(en, h10 + 3600 + S3NAME_AHEAD);
	/* a folder named vpcflowlogs elsewhere (a Firehose prefix, say) is
	 * not AWS's layout */
	static const char *const other[] = {"fh/vpcflowlogs/2026/11/25/10/data.log",
					    "x/AWSLogs/1/vpcflowlogs/us-east-1/2026/11/25/10/a.log",
					    "h/aws-service=vpcflowlogs/2026/11/25/10/a.log"};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s3name_span(other[i], &st, &en), 2);
		assert_int_equal(st, h10 - S3NAME_BEHIND - S3NAME_ZONES);
	}
	assert_int_equal(s3name_span("firehose/2026/11/25/10/stream-1-2026-11-25-10-05-33-ab.gz", &st, &en), 2);
	assert_int_equal(st, h10 - S3NAME_BEHIND - S3NAME_ZONES);
	assert_int_equal(en, h10 + 3600 + S3NAME_AHEAD + S3NAME_ZONES);
	/* the file name's own time wins, folders or not */
	assert_int_equal(s3name_span("firehose/2026/11/25/10/1_vpcflowlogs_us-east-1_fl-0a_20261125T1005Z_ab.log.gz",
				     &st, &en),
			 1);
	assert_int_equal(st, h10 + 300 - S3NAME_BEHIND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diagnostics_in_order_and_bounded),
		cmocka_unit_test(test_file_named_twice_is_listed_once),
		cmocka_unit_test(test_unlisted_path_is_one_input_error),
		cmocka_unit_test(test_same_object_is_listed_once),
		cmocka_unit_test(test_same_object_largest_copy_read),
		cmocka_unit_test(test_other_services_are_skipped),
		cmocka_unit_test(test_s3_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
