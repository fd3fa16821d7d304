/* SPDX-License-Identifier: MIT */
/*
 * End-to-end tests of the flowpath binary: corrupt inputs give their named
 * errors on stderr with the file's name and exit 1 while the good inputs of
 * the same run are all counted; usage errors exit 2 with a hint; --help
 * and --version exit 0; -q; a full output device exits 3.
 * Usage: test_cli FLOWPATH.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"

static const char *flowpath;

#define REC(port) "2 123456789010 eni-1 10.0.0.1 10.0.0.2 " #port " 443 6 10 1000 1418530010 1418530070 ACCEPT OK\n"

static void run(struct tl_run *r, const char *stdin_path, ...)
{
	const char *argv[32];
	int n = 0;
	va_list ap;
	argv[n++] = flowpath;
	va_start(ap, stdin_path);
	const char *a;
	while ((a = va_arg(ap, const char *)) != NULL && n < 31)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	tl_run(argv, stdin_path, NULL, r);
}

static char *metric(const char *csv, const char *name, char *buf, size_t len)
{
	char key[64];
	snprintf(key, sizeof(key), "\n%s,", name);
	const char *p = strstr(csv, key);
	assert_non_null(p);
	p += strlen(key);
	size_t n = strcspn(p, "\n");
	snprintf(buf, len, "%.*s", (int)n, p);
	return buf;
}

static void test_corrupt_inputs(void **state)
{
	(void)state;
	const char *good = REC(1001) REC(1002) REC(1003);
	const char *two = REC(2001) REC(2002);
	char *good_p = tl_path(tl_dir, "good.log.gz");
	char *trunc_hdr = tl_path(tl_dir, "trunc-header.log.gz");
	char *trunc_tail = tl_path(tl_dir, "trunc-trailer.log.gz");
	char *crc = tl_path(tl_dir, "crc.log.gz");
	char *notgz = tl_path(tl_dir, "text.log.gz");
	tl_write_gzip(good_p, good, strlen(good));
	unsigned char *gz;
	size_t n = tl_gzip(two, strlen(two), &gz);
	tl_write_file(trunc_hdr, gz, 10);     /* nothing inflates */
	tl_write_file(trunc_tail, gz, n - 4); /* all text, no length */
	gz[n - 7] ^= 1;                       /* a CRC bit */
	tl_write_file(crc, gz, n);
	tl_write_file(notgz, two, strlen(two));
	free(gz);

	struct tl_run r;
	char v[64];
	/* the good file between the bad ones, so its place does not matter */
	run(&r, NULL, "parse", "--format", "jsonl", trunc_hdr, crc, good_p, notgz, trunc_tail, NULL);
	assert_int_equal(r.status, 1);
	char want[2048];
	snprintf(want, sizeof(want), "flowpath: %s: truncated gzip", trunc_hdr);
	assert_non_null(strstr(r.err, want));
	/* how many lines came before the failure, when some did */
	snprintf(want, sizeof(want), "flowpath: %s: truncated gzip\n", trunc_hdr);
	assert_non_null(strstr(r.err, want));
	snprintf(want, sizeof(want), "flowpath: %s: truncated gzip (2 whole lines read before it)\n",
		 trunc_tail);
	assert_non_null(strstr(r.err, want));
	snprintf(want, sizeof(want), "flowpath: %s: gzip CRC error (2 whole lines read before it)\n", crc);
	assert_non_null(strstr(r.err, want));
	snprintf(want, sizeof(want), "flowpath: %s: not gzip", notgz);
	assert_non_null(strstr(r.err, want));
	assert_non_null(strstr(r.err, "5 files, 4 input errors"));
	/* good: 3; the CRC and trailer-less files inflate whole: 2 each */
	assert_int_equal(tl_count(r.out, "\n"), 7);
	for (int port = 1001; port <= 1003; port++) {
		char k[32];
		snprintf(k, sizeof(k), "\"srcport\":%d,", port);
		assert_int_equal(tl_count(r.out, k), 1);
	}
	assert_int_equal(tl_count(r.out, "\"srcport\":2001,"), 2);
	tl_run_free(&r);

	run(&r, NULL, "parse", "--stats", good_p, notgz, NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(metric(r.out, "flows", v, sizeof(v)), "3");
	assert_string_equal(metric(r.out, "files_failed", v, sizeof(v)), "1");
	assert_string_equal(metric(r.out, "flow_bytes", v, sizeof(v)), "3000");
	assert_string_equal(metric(r.out, "first_start", v, sizeof(v)), "2014-12-14T04:06:50Z");
	tl_run_free(&r);

	/* the good input alone is clean */
	run(&r, NULL, "parse", "--format", "null", good_p, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.outlen, 0);
	assert_non_null(strstr(r.err, "1 files, 0 input errors, 3 lines: 3 flows"));
	tl_run_free(&r);

	/* a missing input counts as an input error; the rest goes on */
	char *missing = tl_path(tl_dir, "missing.log");
	run(&r, NULL, "parse", "--format", "csv", missing, good_p, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, missing));
	assert_int_equal(tl_count(r.out, "\n"), 4); /* header + 3 */
	tl_run_free(&r);
	free(missing);
	free(good_p);
	free(trunc_hdr);
	free(trunc_tail);
	free(crc);
	free(notgz);
}

static void test_malformed_lines(void **state)
{
	(void)state;
	char *p = tl_path(tl_dir, "bad-lines.log");
	char text[8192] = REC(1);
	for (int i = 0; i < 25; i++)
		strcat(text, "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 443 6 10 1000 1 2 MAYBE OK\n");
	tl_write_file(p, text, strlen(text));
	struct tl_run r;
	run(&r, NULL, "parse", "--format", "null", p, NULL);
	assert_int_equal(r.status, 1);
	char want[2048];
	snprintf(want, sizeof(want), "flowpath: %s:2:13: bad enum value in field 'action': 'MAYBE'", p);
	assert_non_null(strstr(r.err, want));
	/* 20 shown by default, then a count of the rest */
	assert_int_equal(tl_count(r.err, "bad enum value in field"), 20);
	assert_non_null(strstr(r.err, "5 more malformed-line messages not shown"));
	assert_non_null(strstr(r.err, "25 malformed (bad enum value 25)"));
	tl_run_free(&r);
	run(&r, NULL, "parse", "--format", "null", "--max-errors", "2", "-q", p, NULL);
	assert_int_equal(r.status, 1);
	assert_int_equal(tl_count(r.err, "bad enum value in field"), 2);
	/* -q keeps errors and the summary of a run that lost lines */
	assert_non_null(strstr(r.err, "23 more"));
	tl_run_free(&r);
	free(p);
}

static void test_quiet_and_stdin(void **state)
{
	(void)state;
	char *p = tl_path(tl_dir, "in.log.gz");
	const char *t = REC(7) REC(8);
	tl_write_gzip(p, t, strlen(t));
	struct tl_run r;
	run(&r, p, "parse", "-q", "--format", "tsv", "-", NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.errlen, 0);
	assert_non_null(strstr(r.out, "version\taccount-id\t"));
	assert_non_null(strstr(r.out, "\t8\t443\t6\t10\t1000\t"));
	tl_run_free(&r);
	run(&r, p, "parse", "-q", "--format", "tsv", "-o", "-", "-", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\t8\t443\t6\t10\t1000\t"));
	tl_run_free(&r);
	run(&r, p, "parse", "--format", "tsv", "-", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "1 files, 0 input errors, 2 lines: 2 flows"));
	tl_run_free(&r);
	free(p);
}

static void test_usage(void **state)
{
	(void)state;
	char *p = tl_path(tl_dir, "u.log");
	tl_write_file(p, REC(1), strlen(REC(1)));
	static const char *const cases[][10] = {
		{NULL},
		{"frobnicate", NULL},
		{"parse", NULL},
		{"parse", "--bogus", "FILE", NULL},
		{"parse", "--format", "xml", "FILE", NULL},
		{"parse", "--format", "FILE", NULL},
		{"parse", "--fields", "srcaddr srcaddr", "FILE", NULL},
		{"parse", "--fields", "", "FILE", NULL},
		{"parse", "--fields", "srcadr bytez", "FILE", NULL},
		{"parse", "--columns", "srcadr,bytes", "FILE", NULL},
		{"analyze", "--topology", "FILE", "--files-from", "FILE", "--files-from", "FILE", NULL},
		{"parse", "--max-line", "10", "FILE", NULL},
		{"parse", "--max-line", "12x", "FILE", NULL},
		{"parse", "--max-errors", "-1", "FILE", NULL},
		{"parse", "--gzip-backend", "brotli", "FILE", NULL},
		{"analyze", "--topology", "FILE", "--day", "2026-11-25", "--since", "2026-11-25T06:00Z", "FILE", NULL},
		/* a second window would replace the first without a word */
		{"analyze", "--topology", "FILE", "--day", "2026-11-24", "--day", "2026-11-25", "FILE", NULL},
		{"analyze", "--topology", "FILE", "--since", "2026-11-24", "--since", "2026-11-25", "FILE", NULL},
		{"analyze", "--topology", "FILE", "--until", "2026-11-24", "--until", "2026-11-25", "FILE", NULL},
		/* an empty output name, found before any input is read */
		{"analyze", "--topology", "FILE", "-o", "", "FILE", NULL},
		/* a partial has no report or format of its own to choose */
		{"analyze", "--topology", "FILE", "--emit", "partial", "--format", "json", "FILE", NULL},
		{"merge", "--emit", "partial", "--report", "paths", "FILE", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[12];
		int n = 0;
		argv[n++] = flowpath;
		for (int k = 0; cases[i][k]; k++)
			argv[n++] = strcmp(cases[i][k], "FILE") == 0 ? p : cases[i][k];
		argv[n] = NULL;
		struct tl_run r;
		tl_run(argv, NULL, NULL, &r);
		if (r.status != 2)
			fail_msg("case %zu (%s): exit %d", i, cases[i][0] ? cases[i][0] : "", r.status);
		assert_int_equal(r.outlen, 0);
		assert_non_null(strstr(r.err, "flowpath: "));
		assert_non_null(strstr(r.err, "Try 'flowpath"));
		assert_int_equal(tl_count(r.err, "\n"), 2);
		tl_run_free(&r);
	}
	free(p);
}

/* A time that is not one names its option. */
static void test_bad_time_names_its_option(void **state)
{
	static const char *const opts[] = {"--since", "--until"};
	(void)state;
	for (int i = 0; i < 2; i++) {
		struct tl_run r;
		char want[96];
		run(&r, NULL, "analyze", "--topology", "t.json", opts[i], "2025-03-10T10:00+02:00", "x.log",
		    NULL);
		assert_int_equal(r.status, 2);
		snprintf(want, sizeof(want), "flowpath: %s: '2025-03-10T10:00+02:00' is not a time", opts[i]);
		assert_non_null(strstr(r.err, want));
		tl_run_free(&r);
	}	/* --day: a date of the right shape that the calendar lacks, and a
	 * word it does not know */
	static const struct {
		const char *day, *says;
	} days[] = {
		{"2026-11-31", "--day: '2026-11-31' is not a day of the calendar"},
		{"2026-02-29", "--day: '2026-02-29' is not a day of the calendar"},
		{"tomorrow", "--day: 'tomorrow' is not YYYY-MM-DD, today or yesterday"},
	};
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		struct tl_run r;
		run(&r, NULL, "analyze", "--topology", "t.json", "--day", days[i].day, "x.log", NULL);
		assert_int_equal(r.status, 2);
		assert_non_null(strstr(r.err, days[i].says));
		tl_run_free(&r);
	}
}

/* A usage error names the option at fault: inside a group of short
 * options, a long one given a value it does not take, one lacking its
 * value. */
static void test_usage_names_the_option(void **state)
{
	static const struct {
		const char *a, *b, *c;
		const char *says;
	} cases[] = {
		{"-xq", "FILE", NULL, "unknown option '-x'"},
		{"-qx", "FILE", NULL, "unknown option '-x'"},
		{"--stats=yes", "FILE", NULL, "option '--stats' takes no argument"},
		{"--bogus", "FILE", NULL, "unknown option '--bogus'"},
		{"FILE", "--max-errors", NULL, "option '--max-errors' needs an argument"},
		{"FILE", "-o", NULL, "option '-o' needs an argument"},
	};
	(void)state;
	char *p = tl_path(tl_dir, "un.log");
	tl_write_file(p, "", 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[6] = {flowpath, "parse", NULL, NULL, NULL, NULL};
		const char *in[3] = {cases[i].a, cases[i].b, cases[i].c};
		for (int k = 0; k < 3 && in[k]; k++)
			argv[2 + k] = strcmp(in[k], "FILE") == 0 ? p : in[k];
		struct tl_run r;
		tl_run(argv, NULL, NULL, &r);
		assert_int_equal(r.status, 2);
		if (!strstr(r.err, cases[i].says))
			fail_msg("case %zu: no \"%s\" in: %s", i, cases[i].says, r.err);
		tl_run_free(&r);
	}
	free(p);
}

/* explain: one or two addresses, each checked (with one, the source comes
 * from --eni or --subnet, but not from a transit gateway attachment ENI),
 * and a --subnet that exists. */
static void test_explain_errors(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-t\",\"InterfaceType\":"
		"\"transit_gateway\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"PrivateIpAddress\":\"10.0.0.9\"}]}";
	static const struct {
		const char *a, *b, *c, *d;
		int status;
		const char *says;
	} cases[] = {
		{"10.0.0.5", NULL, NULL, NULL, 2, "with DST alone, give --eni"},
		{"10.0.0.5", "1.1.1.1", "8.8.8.8", NULL, 2, "explain takes one or two addresses"},
		{"--subnet", "subnet-a", "1.1.1.1", NULL, 0, "0. source: 10.0.0.4, the first address"},
		{"--subnet", "subnet-a", "2600:1f18::1", NULL, 2, "with a CIDR of that family"},
		{"10.0.0.5", "foo", NULL, NULL, 2, "DST 'foo' is not an IPv4 or IPv6 address"},
		{"10.0.0.0/24", "1.1.1.1", NULL, NULL, 2, "SRC '10.0.0.0/24' is not an IPv4"},
		/* a subnet the topology lacks: with SRC, the record's subnet-id
		 * alone; with DST alone there is no source in it */
		{"--subnet", "subnet-nope", "10.0.0.5", "1.1.1.1", 0,
		 " 0. subnet: subnet-nope is not in the topology: the record's subnet-id alone"},
		{"--subnet", "subnet-nope", "1.1.1.1", NULL, 2,
		 "--subnet: subnet-nope is not a subnet of the topology"},
		/* a record without interface-id or flow-direction */
		{"--eni=-", "--subnet=subnet-a", "10.0.0.5", "1.1.1.1", 0,
		 "the flow as a record: interface-id -, subnet-id subnet-a"},
		{"--direction=-", "--subnet=subnet-a", "10.0.0.5", "1.1.1.1", 0, "flow-direction -,"},
		{"--subnet", "subnet-a", "10.0.0.5", "1.1.1.1", 0, "subnet-a"},
		/* the steps name the record's fields: the record is shown */
		{"--subnet", "subnet-a", "10.0.0.5", "1.1.1.1", 0,
		 "    the flow as a record: interface-id -, subnet-id subnet-a, account-id -, srcaddr "
		 "10.0.0.5, dstaddr 1.1.1.1, flow-direction egress, pkt-dst-aws-service -, "
		 "pkt-src-aws-service - (the flow leaves the source in --subnet)\n"},
		{"10.0.0.9", "10.0.0.5", NULL, NULL, 0,
		 "    the flow as a record: interface-id eni-t, subnet-id -, account-id -, srcaddr 10.0.0.9, "
		 "dstaddr 10.0.0.5, flow-direction -, pkt-dst-aws-service -, pkt-src-aws-service -\n"},
		/* the service a record would carry, as analyze reads it */
		{"--dst-service=S3", "--subnet=subnet-a", "10.0.0.5", "52.216.1.1", 0,
		 "flow-direction egress, pkt-dst-aws-service S3, pkt-src-aws-service - ("},
		{"--dst-service=S 3", "10.0.0.5", "52.216.1.1", NULL, 2, "--dst-service: 'S 3' is not a service code"},
		{"--src-service=-", "10.0.0.5", "52.216.1.1", NULL, 2, "--src-service: '-' is not a service code"},
		/* the record's packet addresses and direction, checked and shown */
		{"--pkt-dst=1.2.3", "10.0.0.5", "52.216.1.1", NULL, 2, "--pkt-dst: '1.2.3' is not an IPv4 or IPv6 address"},
		{"--pkt-src=10.0.0.0/8", "10.0.0.5", "52.216.1.1", NULL, 2, "--pkt-src: '10.0.0.0/8' is not an IPv4"},
		{"--direction=up", "10.0.0.5", "52.216.1.1", NULL, 2, "--direction: 'up' is not egress, ingress or -"},
		{"--direction=ingress", "--subnet=subnet-a", "10.0.0.5", "52.216.1.1", 0,
		 "flow-direction ingress, pkt-dst-aws-service -, pkt-src-aws-service -\n"},
		{"--pkt-src=10.0.0.5", "--pkt-dst=2600::1", "10.0.0.5", "52.216.1.1", 0,
		 "pkt-src-aws-service -, pkt-srcaddr 10.0.0.5, pkt-dstaddr 2600::1\n"},
		/* the flow starts in --subnet: it leaves it, even to its own
		 * subnet's address */
		{"--subnet", "subnet-a", "10.0.0.7", NULL, 0, "=> vantage workload, direction egress, path unknown"},
		/* an attachment ENI's own address is no end of its flows */
		{"--eni", "eni-t", "10.1.0.5", NULL, 2, "forwards other hosts' flows: give SRC and DST"},
		{"--eni", "eni-t", "10.0.0.5", "10.1.0.5", 0, "remote 10.1.0.5, path transit-gateway"},
		{"--eni", "eni-nope", "10.1.0.5", NULL, 2, "and eni-nope is not one: give SRC too"},
		/* SRC the attachment's own address, as AWS logs its records
		 * without pkt-* fields: explained from its vantage, as analyze
		 * counts them */
		{"10.0.0.9", "10.0.0.5", NULL, NULL, 0, "0. interface: eni-t holds SRC 10.0.0.9"},
		{"10.0.0.9", "10.0.0.5", NULL, NULL, 0, "=> vantage transit-gateway, direction egress"},
		{"10.0.0.5", "2600::1", NULL, NULL, 2, "SRC 10.0.0.5 and DST 2600::1 are not of one address family"},
		/* two contexts: which one counts would be a guess */
		{"--eni=eni-t", "--subnet=subnet-a", "10.0.0.5", "1.1.1.1", 2,
		 "give --subnet alone (or with --eni -), or --eni, --account or both"},
		/* a record's interface-id and account-id together, its region
		 * and vpc-id: as analyze reads them */
		{"--eni=eni-t", "--account=111111111111", "10.0.0.5", "1.1.1.1", 0,
		 "interface-id eni-t, subnet-id -, account-id 111111111111,"},
		{"--region=us-east-1", "--vpc=vpc-a", "10.0.0.5", "1.1.1.1", 0,
		 "pkt-src-aws-service -, region us-east-1, vpc-id vpc-a\n"},
		{"--region=", "10.0.0.5", "1.1.1.1", NULL, 2, "--region: '' is not a region"},
	};
	(void)state;
	char *t = tl_path(tl_dir, "explain-topo.json");
	tl_write_file(t, topo, strlen(topo));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[] = {flowpath, "explain", "--topology", t,     cases[i].a,
				      cases[i].b, cases[i].c, cases[i].d, NULL};
		struct tl_run r;
		tl_run(argv, NULL, NULL, &r);
		if (r.status != cases[i].status)
			fail_msg("case %zu: exit %d, want %d", i, r.status, cases[i].status);
		if (!strstr(cases[i].status ? r.err : r.out, cases[i].says))
			fail_msg("case %zu: no '%s' in:\n%s%s", i, cases[i].says, r.out, r.err);
		tl_run_free(&r);
	}
	free(t);
}

/* explain SRC DST without --eni takes the interface that holds SRC, so a
 * NAT gateway's address is explained from the NAT's vantage; an address
 * two accounts' interfaces hold is left to --account (or --subnet). */
static void test_explain_source_eni(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"111111111111\",\"CidrBlock\":\"10.0.0.0/16\"},"
		"{\"VpcId\":\"vpc-b\",\"OwnerId\":\"222222222222\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"},"
		"{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"}]}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-nat\",\"PrivateIp\":\"10.0.1.250\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-nat\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"InterfaceType\":\"nat_gateway\",\"PrivateIpAddress\":\"10.0.1.250\"},"
		"{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"OwnerId\":\"111111111111\",\"PrivateIpAddress\":\"10.0.1.5\","
		"\"Ipv4Prefixes\":[{\"Ipv4Prefix\":\"10.0.1.96/28\"}]},"
		"{\"NetworkInterfaceId\":\"eni-x\",\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\","
		"\"OwnerId\":\"222222222222\",\"PrivateIpAddress\":\"10.0.1.5\"}]}";
	static const struct {
		const char *a, *b, *c, *d, *e;
		const char *says, *not_says;
	} cases[] = {
		{"10.0.1.250", "1.1.1.1", NULL, NULL, NULL, " 0. interface: eni-nat holds SRC 10.0.1.250",
		 "vantage workload"},
		{"10.0.1.250", "1.1.1.1", NULL, NULL, NULL,
		 "=> vantage nat-gateway, side internet, direction egress, path nat-internet", NULL},
		{"10.0.1.5", "1.1.1.1", NULL, NULL, NULL, "SRC 10.0.1.5 is an address of 2 interfaces; none taken",
		 "holds SRC"},
		{"--account", "222222222222", "10.0.1.5", "1.1.1.1", NULL, " 0. interface: eni-x holds SRC", NULL},
		{"--account", "111111111111", "10.0.1.5", "1.1.1.1", NULL, " 0. interface: eni-w holds SRC", NULL},
		{"--subnet", "subnet-a", "10.0.1.5", "1.1.1.1", NULL, "interface eni-w: vantage workload", NULL},
		/* --vpc, the record's vpc-id, picks as --account does */
		{"--vpc", "vpc-b", "10.0.1.5", "1.1.1.1", NULL, " 0. interface: eni-x holds SRC", NULL},
		/* --eni given: step 0 says so; an address no interface holds,
		 * nor DST: no step 0 */
		{"--eni", "eni-w", "10.0.1.5", "1.1.1.1", NULL, " 0. interface: eni-w (--eni)\n", "holds"},
		{"10.0.1.77", "1.1.1.1", NULL, NULL, NULL, "interface -:", " 0. "},
		/* SRC held by none: the interface holding DST (a reply from a
		 * service), when one does */
		{"--account", "111111111111", "52.216.1.1", "10.0.1.5", NULL,
		 " 0. interface: eni-w holds DST 10.0.1.5 (NetworkInterfaces); no interface holds SRC", NULL},
		{"--account", "111111111111", "52.216.1.1", "10.0.1.5", NULL, "direction ingress", NULL},
		{"52.216.1.1", "10.0.1.5", NULL, NULL, NULL, "interface -:", " 0. "},
		/* --direction - is no direction given */
		{"--direction=-", "--account", "111111111111", "52.216.1.1", "10.0.1.5",
		 " 0. interface: eni-w holds DST 10.0.1.5", NULL},
		/* an address of a prefix delegated to the interface (a pod's) */
		{"10.0.1.100", "1.1.1.1", NULL, NULL, NULL, " 0. interface: eni-w holds SRC 10.0.1.100", NULL},
		/* not when SRC is in a VPC of the topology: a workload's flow */
		{"--account", "111111111111", "10.0.1.77", "10.0.1.5", NULL, "interface -:", " 0. "},
		/* a NAT gateway ENI's vpc-side record: without pkt-dstaddr its
		 * remote is unknown; with it, the service's, as analyze reads it */
		{"--eni=eni-nat", "10.0.1.5", "10.0.1.250", NULL, NULL, "path nat-unattributed", NULL},
		{"--eni=eni-nat", "--pkt-dst=52.216.1.1", "--dst-service=S3", "10.0.1.5", "10.0.1.250",
		 "=> vantage nat-gateway, side vpc, direction ingress, path nat-aws-service, service S3", NULL},
		/* the reply: its service is the source's, pkt-src-aws-service;
		 * a pkt-dst-aws-service there names the local end, unused */
		{"--eni=eni-w", "--src-service=DYNAMODB", "--direction=ingress", "52.94.0.9", "10.0.1.5",
		 "path nat-aws-service, service DYNAMODB", "is not used"},
		{"--eni=eni-w", "--dst-service=DYNAMODB", "--direction=ingress", "52.94.0.9", "10.0.1.5",
		 "pkt-dst-aws-service DYNAMODB is not used: it names the service of dstaddr",
		 "path nat-aws-service, service DYNAMODB"},
	};
	(void)state;
	char *t = tl_path(tl_dir, "explain-eni-topo.json");
	tl_write_file(t, topo, strlen(topo));
	/* a NAT gateway's address known from NatGatewayAddresses alone */
	static const char nat_only[] =
		"{\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-nat\",\"PrivateIp\":\"10.0.1.250\"}]}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}]}";
	struct tl_run r0;
	char *tn = tl_path(tl_dir, "explain-nat-topo.json");
	tl_write_file(tn, nat_only, strlen(nat_only));
	const char *a0[] = {flowpath, "explain", "--topology", tn, "10.0.1.250", "1.1.1.1", NULL};
	tl_run(a0, NULL, NULL, &r0);
	if (!strstr(r0.out, " 0. interface: eni-nat holds SRC 10.0.1.250 (NatGatewayAddresses)") ||
	    !strstr(r0.out, "vantage nat-gateway"))
		fail_msg("NAT address: %s%s", r0.out, r0.err);
	tl_run_free(&r0);
	free(tn);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[] = {flowpath, "explain", "--topology", t, cases[i].a,
				      cases[i].b, cases[i].c, cases[i].d, cases[i].e, NULL};
		struct tl_run r;
		tl_run(argv, NULL, NULL, &r);
		if (r.status != 0 || !strstr(r.out, cases[i].says) ||
		    (cases[i].not_says && strstr(r.out, cases[i].not_says)))
			fail_msg("case %zu: exit %d, want '%s'%s%s in:\n%s%s", i, r.status, cases[i].says,
				 cases[i].not_says ? " and no " : "", cases[i].not_says ? cases[i].not_says : "",
				 r.out, r.err);
		tl_run_free(&r);
	}
	free(t);
}

/* A log file of the given text (name, in the test directory) and the
 * topology text beside it (name-topo.json). */
static void log_with_topology(const char *name, const char *log, const char *topo, char **l, char **t)
{
	char tn[64];
	snprintf(tn, sizeof(tn), "%s-topo.json", name);
	*l = tl_path(tl_dir, name);
	*t = tl_path(tl_dir, tn);
	tl_write_file(*l, log, strlen(log));
	tl_write_file(*t, topo, strlen(topo));
}

/* The same with a one-VPC topology. */
static void log_and_topology(const char *name, const char *log, char **l, char **t)
{
	log_with_topology(name, log, "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}]}", l, t);
}

/* Two regions' VPCs of one CIDR and a record that tells neither (no S3
 * name, region or vpc-id): its flow is unknown (ambiguous-subnet), and the
 * run warns how many and what would tell them apart; with the S3 name's
 * region, no warning. */
static void test_ambiguous_subnet_warns(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-e\",\"CidrBlock\":\"10.0.0.0/16\"},{\"VpcId\":\"vpc-w\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-e\",\"VpcId\":\"vpc-e\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-w\",\"VpcId\":\"vpc-w\","
		"\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"eu-west-1a\"}]}";
	static const char rec[] = "2 123456789012 eni-1 10.0.1.5 1.1.1.1 1 2 6 1 100 1795651080 "
				  "1795651140 ACCEPT OK\n";
	char *l, *t;
	(void)state;
	log_with_topology("amb.log", rec, topo, &l, &t);
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "paths", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "ambiguous-subnet"));
	assert_non_null(strstr(r.err, "warning: 1 flow (100.0%) is unknown (ambiguous-subnet)"));
	tl_run_free(&r);
	char *named = tl_path(tl_dir, "123456789012_vpcflowlogs_eu-west-1_fl-1_20261125T0005Z_ab.log");
	tl_write_file(named, rec, strlen(rec));
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "paths", "--format", "csv", named, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "ambiguous-subnet"));
	assert_null(strstr(r.err, "ambiguous-subnet"));
	tl_run_free(&r);
	free(named);
	free(l);
	free(t);
}

/* --pricing beside --emit partial changes nothing (a partial holds
 * bytes): the run says so, even with -q; the merge that writes reports
 * prices with its own --pricing. */
static void test_pricing_with_partial_warns(void **state)
{
	static const char rec[] = "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 2 6 1 100 1795651080 "
				  "1795651140 ACCEPT OK\n";
	char *l, *t;
	(void)state;
	log_and_topology("pp.log", rec, &l, &t);
	char *pr = tl_path(tl_dir, "pp.csv"), *part = tl_path(tl_dir, "pp.part");
	static const char csv[] = "region,item,usd\nus-east-1,nat_gateway_gb,0.04\n";
	tl_write_file(pr, csv, strlen(csv));
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--pricing", pr, "--emit", "partial", "-o", part, l,
	    NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "warning: --pricing does not change a partial"));
	tl_run_free(&r);
	run(&r, NULL, "merge", "-q", "--pricing", pr, "--report", "summary", "--format", "csv", part, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "--pricing does not change"));
	tl_run_free(&r);
	free(pr);
	free(part);
	free(l);
	free(t);
}

/* --day and the S3 names: a file named 00:25 the next day may hold a
 * record that ended at 23:59 (published after its aggregation interval
 * and delivery): it is read and its flow counted; files named 00:35 the
 * next day, or 23:50 the day before, are skipped unopened, as is another
 * service's object, and their inputs rows say why. */
static void test_day_reads_late_files(void **state)
{
	static const char rec[] = "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 2 6 1 100 1795651080 "
				  "1795651140 ACCEPT OK\n";
	static const char *const names[] = {
		"123456789012_vpcflowlogs_us-east-1_fl-1_20261126T0025Z_a.log",
		"123456789012_vpcflowlogs_us-east-1_fl-1_20261126T0035Z_b.log",
		"123456789012_vpcflowlogs_us-east-1_fl-1_20261124T2350Z_c.log",
		"123456789012_CloudTrail_us-east-1_20261124T0005Z_d.json",
	};
	(void)state;
	char *dir = tl_mkdtemp();
	char *t = tl_path(dir, "topo.json");
	tl_write_file(t, "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}]}", 54);
	char *logs = tl_path(dir, "logs");
	assert_int_equal(mkdir(logs, 0755), 0);
	for (int i = 0; i < 4; i++) {
		char *p = tl_path(logs, names[i]);
		tl_write_file(p, rec, strlen(rec));
		free(p);
	}
	/* copies of the first two in a folder after them: listed, not read;
	 * the one outside the window is skipped for that, as its original */
	char *copies = tl_path(logs, "zcopy");
	assert_int_equal(mkdir(copies, 0755), 0);
	for (int i = 0; i < 2; i++) {
		char *p = tl_path(copies, names[i]);
		tl_write_file(p, rec, strlen(rec));
		free(p);
	}
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--day", "2026-11-25", "--report", "inputs",
	    "--format", "csv", logs, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(tl_count(r.out, "zcopy/123456789012_vpcflowlogs_us-east-1_fl-1_20261126T0025Z_a.log,skipped,"
					 "\"the same flow log object as "),
			 1);
	assert_int_equal(tl_count(r.out, "zcopy/123456789012_vpcflowlogs_us-east-1_fl-1_20261126T0035Z_b.log,skipped,"
					 "its name's time is outside"),
			 1);
	assert_int_equal(tl_count(r.out, "_20261126T0025Z_a.log,ok,"), 1);
	/* the file and its copy */
	assert_int_equal(tl_count(r.out, "_20261126T0035Z_b.log,skipped,its name's time is outside "
					 "the run's window (--day or --since/--until),"),
			 2);
	assert_int_equal(tl_count(r.out, "_20261124T2350Z_c.log,skipped,its name's time is outside"), 1);
	assert_int_equal(tl_count(r.out, "_d.json,skipped,another service's object (CloudTrail),"), 1);
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--day", "2026-11-25", "--report", "summary",
	    "--format", "csv", logs, NULL);
	char buf[64];
	assert_string_equal(metric(r.out, "flows", buf, sizeof(buf)), "1,records"); /* the copy not counted */
	/* the inputs report's skipped rows: 2 copies, 2 outside the window, 1 another service's */
	assert_string_equal(metric(r.out, "files_skipped", buf, sizeof(buf)), "5,files");
	/* a minute of flows in a day's window: projected as the whole day,
	 * and said so (with -q too) */
	assert_non_null(strstr(r.err, "warning: the flows counted span only 0.0 h (2026-11-25T23:58:00Z to "
				      "2026-11-25T23:59:00Z) of the window's 24.0 h"));
	tl_run_free(&r);
	/* the summary for people names them, and keeps the run's notes made
	 * before any file was read (another service's object) */
	run(&r, NULL, "analyze", "-q", "--topology", t, "--day", "2026-11-25", "--report", "summary",
	    "--format", "table", logs, NULL);
	assert_non_null(strstr(r.out, "Inputs     1 files (5 more skipped by their names), 1 flows"));
	assert_non_null(strstr(r.out, "\nNotes on this run's data"));
	assert_non_null(strstr(r.out, "1 file is not a VPC flow log by its AWS name"));
	/* a warning about a file names it there too (compared without
	 * blanks: the table wraps the line wherever the path's length puts it) */
	char *flat = strdup(r.out);
	assert_non_null(flat);
	char *w = flat;
	for (const char *q = r.out; *q; q++)
		if (*q != ' ' && *q != '\n')
			*w++ = *q;
	*w = '\0';
	assert_non_null(strstr(flat, "zcopy/123456789012_vpcflowlogs_us-east-1_fl-1_20261126T0025Z_a.log:thesame"
				     "flowlogobjectas"));
	free(flat);
	tl_run_free(&r);
	/* the totals line (without -q) says so too */
	run(&r, NULL, "analyze", "--topology", t, "--day", "2026-11-25", "--report", "summary", "--format",
	    "csv", logs, NULL);
	assert_non_null(strstr(r.err, "flowpath: 1 files (5 more skipped by their names), 0 input errors"));
	tl_run_free(&r);
	/* a window the flows cover half of or more: nothing to say */
	run(&r, NULL, "analyze", "-q", "--topology", t, "--since", "2026-11-25T23:58:00Z", "--until",
	    "2026-11-26T00:00:00Z", "--report", "summary", "--format", "csv", logs, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "span only"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--since", "2026-11-25T23:58:00Z", "--until",
	    "2026-11-26T00:00:01Z", "--report", "summary", "--format", "csv", logs, NULL);
	assert_non_null(strstr(r.err, "span only 0.0 h"));
	tl_run_free(&r);
	/* files whose names give no time, in date folders: AWS's layout is
	 * UTC; another (a Firehose prefix, in any time zone) is widened by
	 * 14 hours, so its folder of 2026/11/24/12 is read for the 25th */
	char *aws = tl_path(dir, "AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/24/12");
	char *fh = tl_path(dir, "fh/2026/11/24/12");
	char *tree[2] = {aws, fh};
	for (int i = 0; i < 2; i++) {
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", tree[i]);
		assert_int_equal(system(cmd), 0);
		char *p = tl_path(tree[i], "renamed.log");
		tl_write_file(p, rec, strlen(rec));
		free(p);
	}
	char *top[2] = {tl_path(dir, "AWSLogs"), tl_path(dir, "fh")};
	run(&r, NULL, "analyze", "-q", "--topology", t, "--day", "2026-11-25", "--report", "inputs", "--format",
	    "csv", top[0], top[1], NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(tl_count(r.out, "/11/24/12/renamed.log,skipped,its folders' time is outside the run's "
					 "window (--day or --since/--until),"),
			 1);
	assert_int_equal(tl_count(r.out, "fh/2026/11/24/12/renamed.log,ok,"), 1);
	tl_run_free(&r);
	for (int i = 0; i < 2; i++)
		free(top[i]);
	free(aws);
	free(fh);
	tl_rmtree(dir);
	free(copies);
	free(logs);
	free(t);
	free(dir);
}

/* Layouts that lack interface-id, or start and end: the results are not
 * what they seem (every record a workload's; a month projected from one
 * second), so the run warns, even with -q; a complete layout does not. */
static void test_layout_without_eni_or_times(void **state)
{
	static const char no_eni[] = "version account-id srcaddr dstaddr packets bytes start end "
				     "action log-status\n"
				     "2 123456789012 10.0.0.5 1.1.1.1 1 100 1795600800 1795601400 ACCEPT OK\n";
	static const char no_times[] = "version account-id interface-id srcaddr dstaddr packets bytes "
				       "action log-status\n"
				       "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 100 ACCEPT OK\n";
	static const char both[] = "version account-id interface-id srcaddr dstaddr packets bytes "
				   "start end action log-status\n"
				   "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 100 1795600800 1795601400 "
				   "ACCEPT OK\n";
	static const char *const logs[] = {no_eni, no_times, both};
	static const char *const names[] = {"noeni.log", "notimes.log", "both.log"};
	(void)state;
	for (int i = 0; i < 3; i++) {
		char *l, *t;
		log_and_topology(names[i], logs[i], &l, &t);
		struct tl_run r;
		run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", l,
		    NULL);
		assert_int_equal(r.status, 0);
		int eni = strstr(r.err, "warning: the logs' layout has no interface-id") != NULL;
		int times = strstr(r.err, "warning: no flow counted has start and end times") != NULL;
		assert_int_equal(eni, i == 0);
		assert_int_equal(times, i == 1);
		tl_run_free(&r);
		if (i == 1) {
			/* a window given: nothing is projected from one second */
			run(&r, NULL, "analyze", "-q", "--topology", t, "--day", "2026-11-25", "--report",
			    "summary", "--format", "csv", l, NULL);
			assert_null(strstr(r.err, "start and end times"));
			tl_run_free(&r);
		}
		free(l);
		free(t);
	}
}

/* parse to CSV: a later file's fields outside the first layout's columns
 * are left out, with a warning that -q keeps (values are lost from the
 * output); the record itself is written. */
static void test_parse_csv_drops_fields_warns(void **state)
{
	static const char v2[] = "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 2 6 1 100 1795600800 "
				 "1795601400 ACCEPT OK\n";
	static const char v3[] = "version account-id interface-id srcaddr dstaddr srcport dstport "
				 "protocol packets bytes start end action log-status vpc-id\n"
				 "3 123456789012 eni-1 10.0.0.5 1.1.1.1 1 2 6 1 100 1795600800 1795601400 "
				 "ACCEPT OK vpc-a\n";
	char *a = tl_path(tl_dir, "drop-v2.log"), *b = tl_path(tl_dir, "drop-v3.log");
	(void)state;
	tl_write_file(a, v2, strlen(v2));
	tl_write_file(b, v3, strlen(v3));
	struct tl_run r;
	run(&r, NULL, "parse", "-q", "--format", "csv", a, b, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(tl_count(r.out, "\n"), 3);
	assert_null(strstr(r.out, "vpc-a"));
	assert_non_null(strstr(r.err, "warning: 1 records had fields outside the CSV/TSV columns"));
	tl_run_free(&r);
	/* JSON Lines keeps every field: nothing to say */
	run(&r, NULL, "parse", "-q", "--format", "jsonl", a, b, NULL);
	assert_non_null(strstr(r.out, "\"vpc-id\":\"vpc-a\""));
	assert_string_equal(r.err, "");
	tl_run_free(&r);
	/* one name for several ignored columns: one key each */
	char *c = tl_path(tl_dir, "drop-x.log");
	tl_write_file(c, "1 2 10.0.0.5 3 100\n", 19);
	run(&r, NULL, "parse", "-q", "--format", "jsonl", "--fields", "x x srcaddr x bytes", c, NULL);
	assert_string_equal(r.out, "{\"x\":\"1\",\"x#2\":\"2\",\"srcaddr\":\"10.0.0.5\",\"x#3\":\"3\","
				   "\"bytes\":100}\n");
	tl_run_free(&r);
	free(c);
	free(a);
	free(b);
}

/* parse to CSV or TSV writes its header line with no record to write:
 * the first header's columns (a file of a header and malformed lines),
 * else those of lines without a header (--fields, or version 2's) */
static void test_parse_csv_header_without_records(void **state)
{
	static const char hdr_bad[] = "version vpc-id srcaddr\n3 vpc-a\n";
	char *a = tl_path(tl_dir, "hdr-bad.log"), *b = tl_path(tl_dir, "hdr-none.log");
	(void)state;
	tl_write_file(a, hdr_bad, strlen(hdr_bad));
	tl_write_file(b, "2 x\n", 4);
	struct tl_run r;
	run(&r, NULL, "parse", "-q", "--format", "csv", a, b, NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "version,vpc-id,srcaddr\n");
	tl_run_free(&r);
	run(&r, NULL, "parse", "-q", "--format", "tsv", b, a, NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "version\tvpc-id\tsrcaddr\n");
	tl_run_free(&r);
	run(&r, NULL, "parse", "-q", "--format", "csv", b, NULL);
	assert_string_equal(r.out, "version,account-id,interface-id,srcaddr,dstaddr,srcport,dstport,"
				   "protocol,packets,bytes,start,end,action,log-status\n");
	tl_run_free(&r);
	run(&r, NULL, "parse", "-q", "--format", "csv", "--fields", "srcaddr bytes", b, NULL);
	assert_string_equal(r.out, "srcaddr,bytes\n");
	tl_run_free(&r);
	/* a record written: its layout's columns, once */
	char *c = tl_path(tl_dir, "hdr-rec.log");
	tl_write_file(c, "10.0.0.5 100\n", 13);
	run(&r, NULL, "parse", "-q", "--format", "csv", "--fields", "srcaddr bytes", b, c, NULL);
	assert_string_equal(r.out, "srcaddr,bytes\n10.0.0.5,100\n");
	tl_run_free(&r);
	free(a);
	free(b);
	free(c);
}

/* A layout without a bytes column (a header's typo) counts its flows
 * with 0 bytes: the run warns, even with -q, and names the unknown
 * field; an unknown field beside a complete layout is only a note. */
static void test_layout_without_bytes(void **state)
{
	static const char typo[] = "version account-id interface-id srcaddr dstaddr srcport dstport "
				   "protocol packets byte start end action log-status\n"
				   "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 2 6 1 100 1795600800 1795601400 "
				   "ACCEPT OK\n"
				   "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 2 6 1 100 1795600800 1795601400 "
				   "ACCEPT OK\n";
	static const char extra[] = "version account-id interface-id srcaddr dstaddr srcport dstport "
				    "protocol packets bytes start end action log-status next-hop-type\n"
				    "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 2 6 1 100 1795600800 1795601400 "
				    "ACCEPT OK igw\n";
	char *l, *t;
	(void)state;
	log_and_topology("typo.log", typo, &l, &t);
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "warning: 2 flows have no bytes column in their layout"));
	assert_non_null(strstr(r.err, "fields flowpath does not know: byte (a misspelt name?)"));
	tl_run_free(&r);
	free(l);
	free(t);
	log_and_topology("extra.log", extra, &l, &t);
	run(&r, NULL, "analyze", "--topology", t, "--report", "summary", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "warning"));
	assert_non_null(strstr(r.err, "note: the logs' layout names fields flowpath does not know, "
				      "read as ignored columns: next-hop-type"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", l, NULL);
	assert_string_equal(r.err, "");
	tl_run_free(&r);

	/* two files (l is extra.log's), two unknown names: both named; the
	 * typo's flows reach merge through a partial, which warns too */
	char *l2, *t2;
	log_and_topology("typo2.log", typo, &l2, &t2);
	char *p = tl_path(tl_dir, "typo.partial");
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", p, l2, l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "warning: 2 flows have no bytes column"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "--topology", t, "--report", "summary", "--format", "csv", l2, l, NULL);
	assert_non_null(strstr(r.err, "fields flowpath does not know: byte, next-hop-type"));
	tl_run_free(&r);
	run(&r, NULL, "merge", "-q", "--report", "summary", "--format", "csv", p, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "warning: 2 flows have no bytes column"));
	tl_run_free(&r);
	free(p);
	free(l2);
	free(t2);
	free(l);
	free(t);

	/* flows outside --since/--until are not among them */
	static const char typo_days[] = "account-id interface-id srcaddr dstaddr byte start end action\n"
					"1 eni-1 10.0.0.5 1.1.1.1 100 1795600800 1795601400 ACCEPT\n"
					"1 eni-1 10.0.0.5 1.1.1.1 100 1795800800 1795801400 ACCEPT\n";
	log_and_topology("typo-days.log", typo_days, &l, &t);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--since", "2026-11-25T00:00Z", "--until",
	    "2026-11-26T00:00Z", "--report", "summary", "--format", "csv", l, NULL);
	assert_non_null(strstr(r.err, "warning: 1 flows have no bytes column"));
	tl_run_free(&r);
	/* the closing line counts the flows read, and says how many of them
	 * the window left out */
	run(&r, NULL, "analyze", "--topology", t, "--since", "2026-11-25T00:00Z", "--until",
	    "2026-11-26T00:00Z", "--report", "summary", "--format", "csv", l, NULL);
	assert_non_null(strstr(r.err, " lines: 2 flows (1 outside the window), "));
	tl_run_free(&r);
	free(l);
	free(t);

	/* a layout with bytes, whose records say "-" (no log-status column,
	 * so NODATA-like lines are flows): no warning */
	static const char dash[] = "account-id interface-id srcaddr dstaddr bytes start end\n"
				   "123456789012 eni-1 - - - 1795600800 1795601400\n";
	log_and_topology("dash.log", dash, &l, &t);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", l, NULL);
	assert_null(strstr(r.err, "no bytes column"));
	tl_run_free(&r);
	free(l);
	free(t);
}

/* A transit gateway flow log beside a VPC flow log (AWS delivers both
 * under one prefix): its records are not counted as flows a second time,
 * but malformed (not_vpc_flow_log), and the run is partial. */
static void test_transit_gateway_flow_log(void **state)
{
	static const char tgw[] =
		"version resource-type account-id tgw-id tgw-attachment-id srcaddr dstaddr srcport "
		"dstport protocol packets bytes start end log-status\n"
		"6 TransitGateway 123456789012 tgw-1 tgw-attach-1 10.0.0.5 10.1.0.5 1 2 6 1 5000 "
		"1795600800 1795601400 OK\n";
	static const char vpc[] = "version account-id interface-id srcaddr dstaddr srcport dstport "
				  "protocol packets bytes start end action log-status\n"
				  "2 123456789012 eni-1 10.0.0.5 1.1.1.1 1 2 6 1 100 1795600800 1795601400 "
				  "ACCEPT OK\n";
	char *l, *t, *l2, *t2;
	(void)state;
	log_and_topology("tgw.log", tgw, &l, &t);
	log_and_topology("vpc.log", vpc, &l2, &t2);
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", l, l2,
	    NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "tgw.log:1: a transit gateway flow log's header"));
	assert_non_null(strstr(r.out, "\nflows,1,records\n"));
	assert_non_null(strstr(r.out, "\nflow_bytes,100,bytes\n"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "inputs", "--format", "csv", l, NULL);
	assert_non_null(strstr(r.out, "not_vpc_flow_log=1"));
	tl_run_free(&r);
	/* a layout given by --fields: refused before anything is read */
	run(&r, NULL, "analyze", "-q", "--topology", t, "--fields", "version tgw-id srcaddr dstaddr bytes", l2,
	    NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--fields: names transit gateway flow log fields"));
	tl_run_free(&r);
	free(l);
	free(t);
	free(l2);
	free(t2);
}

/* One VPC, its main route table sending 0.0.0.0/0 to nat-1, whose ENI
 * (eni-nat, 10.0.1.250) and a workload's (eni-w, 10.0.1.5) are listed. */
static const char nat_topo[] =
	"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
	"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
	"\"AvailabilityZone\":\"us-east-1a\"}],"
	"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
	"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
	"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"}]}],"
	"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
	"\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-nat\",\"PrivateIp\":\"10.0.1.250\"}]}],"
	"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-nat\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
	"\"InterfaceType\":\"nat_gateway\",\"PrivateIpAddress\":\"10.0.1.250\"},"
	"{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
	"\"PrivateIpAddress\":\"10.0.1.5\"}]}";

/* paths.md section 4: REJECT records are never priced as transferred;
 * section 7: the projection window is --since/--until when given. One
 * hour of 1 GiB accepted and 5 GiB rejected to S3 through a NAT gateway. */
static void test_reject_unpriced_and_window(void **state)
{
	static const char ranges[] =
		"{\"syncToken\":\"1\",\"createDate\":\"2026-08-22-00-00-00\",\"prefixes\":[{\"ip_prefix\":"
		"\"52.216.0.0/15\",\"region\":\"us-east-1\",\"service\":\"S3\",\"network_border_group\":"
		"\"us-east-1\"}],\"ipv6_prefixes\":[]}";
	static const char log[] = "account-id interface-id srcaddr dstaddr packets bytes start end action "
				  "log-status flow-direction\n"
				  "1 eni-w 10.0.1.5 52.216.3.3 1000 1073741824 1795564800 1795568400 ACCEPT OK egress\n"
				  "1 eni-w 10.0.1.5 52.216.3.3 1000 5368709120 1795564800 1795568400 REJECT OK egress\n";
	(void)state;
	char *t = tl_path(tl_dir, "reject-topo.json"), *r = tl_path(tl_dir, "reject-ranges.json"),
	     *l = tl_path(tl_dir, "reject.log");
	tl_write_file(t, nat_topo, strlen(nat_topo));
	tl_write_file(r, ranges, strlen(ranges));
	tl_write_file(l, log, strlen(log));
	struct tl_run o;
	run(&o, NULL, "analyze", "-q", "--topology", t, "--ip-ranges", r, "--report", "summary", "--format",
	    "csv", l, NULL);
	assert_int_equal(o.status, 0);
	/* 1 GiB an hour = 730.5 GB/month x $0.045, plus 730.5 hours x ($0.045
	 * + $0.005 for a public IPv4 address) */
	assert_non_null(strstr(o.out, "\nnat_monthly_usd,69.3975,"));
	tl_run_free(&o);
	run(&o, NULL, "analyze", "-q", "--topology", t, "--ip-ranges", r, "--report", "recommendations",
	    "--format", "jsonl", l, NULL);
	assert_non_null(strstr(o.out, "\"action\":\"create-gateway-endpoint\""));
	assert_non_null(strstr(o.out, "\"observed_bytes\":1073741824,\"window_seconds\":3600,"));
	tl_run_free(&o);
	run(&o, NULL, "analyze", "-q", "--since", "2026-11-25T00:00Z", "--until", "2026-11-26T00:00Z",
	    "--topology", t, "--ip-ranges", r, "--report", "recommendations", "--format", "jsonl", l, NULL);
	assert_non_null(strstr(o.out, "\"observed_bytes\":1073741824,\"window_seconds\":86400,"));
	tl_run_free(&o);
	/* one end given: that end, and the flows' own for the other (the
	 * flows run 00:00 to 01:00) */
	run(&o, NULL, "analyze", "-q", "--since", "2026-11-24T23:00Z", "--topology", t, "--ip-ranges", r,
	    "--report", "recommendations", "--format", "jsonl", l, NULL);
	assert_non_null(strstr(o.out, "\"observed_bytes\":1073741824,\"window_seconds\":7200,"));
	tl_run_free(&o);
	run(&o, NULL, "analyze", "-q", "--until", "2026-11-25T03:00Z", "--topology", t, "--ip-ranges", r,
	    "--report", "recommendations", "--format", "jsonl", l, NULL);
	assert_non_null(strstr(o.out, "\"observed_bytes\":1073741824,\"window_seconds\":10800,"));
	tl_run_free(&o);
	free(t);
	free(r);
	free(l);
}

/* Subnets without any route table (describe-route-tables output left
 * out): the run notes it, so that the unknown rows are explained. */
static void test_note_subnets_without_route_table(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\"}]}";
	static const char log[] = "version account-id interface-id srcaddr dstaddr srcport dstport "
				  "protocol packets bytes start end action log-status\n"
				  "2 123456789012 eni-1 10.0.1.5 1.1.1.1 1 2 6 1 100 1795600800 1795601400 "
				  "ACCEPT OK\n";
	(void)state;
	char *t = tl_path(tl_dir, "nort-topo.json"), *l = tl_path(tl_dir, "nort.log");
	tl_write_file(t, topo, strlen(topo));
	tl_write_file(l, log, strlen(log));
	struct tl_run r;
	run(&r, NULL, "analyze", "--topology", t, "--report", "paths", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "note: topology: 1 subnet has no route table (subnet-a of vpc-a; "
				      "describe-route-tables output missing?): its flows are unknown"));
	assert_non_null(strstr(r.out, ",no-route-table,"));
	tl_run_free(&r);
	free(t);
	free(l);
}

/* A log of a region the topology has no VPC in (its S3 file name says
 * eu-west-1): its records would land in us-east-1's VPCs, so the run
 * warns; the topology's own region does not. */
static void test_region_of_file_names(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}]}";
	static const char log[] = "version account-id interface-id srcaddr dstaddr srcport dstport "
				  "protocol packets bytes start end action log-status\n"
				  "2 1 eni-1 10.0.1.5 1.1.1.1 1 2 6 1 100 1795600800 1795601400 ACCEPT OK\n";
	(void)state;
	char *t = tl_path(tl_dir, "region-topo.json");
	char *west = tl_path(tl_dir, "1_vpcflowlogs_eu-west-1_fl-0a_20261125T1305Z_ab.log");
	char *east = tl_path(tl_dir, "1_vpcflowlogs_us-east-1_fl-0a_20261125T1305Z_ab.log");
	tl_write_file(t, topo, strlen(topo));
	tl_write_file(west, log, strlen(log));
	tl_write_file(east, log, strlen(log));
	struct tl_run r;
	/* one worker reads both: one flow log id in two regions (the
	 * decision memo keeps them apart) */
	run(&r, NULL, "analyze", "-q", "-j", "1", "--topology", t, "--report", "paths", "--format", "csv",
	    east, west, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "warning: 1 input file is of a region where the topology has no "
				      "VPC (eu-west-1: "));
	assert_null(strstr(r.err, "us-east-1_fl"));
	/* the name's region is the v2 records': eu-west-1's is matched in
	 * no us-east-1 VPC */
	assert_non_null(strstr(r.out, "\n1,us-east-1,vpc-a,subnet-a,us-east-1a,workload,"));
	assert_non_null(strstr(r.out, "\n1,eu-west-1,,,,workload,,unknown,ACCEPT,unknown,,,,,,no-subnet,1,1,100,"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "paths", "--format", "csv", east, NULL);
	assert_string_equal(r.err, "");
	tl_run_free(&r);
	/* a flow log id not of AWS's lowercase-hex form: the name's region
	 * is used all the same */
	char *odd = tl_path(tl_dir, "1_vpcflowlogs_eu-west-1_fl-0A-test_20261125T1305Z_ab.log");
	tl_write_file(odd, log, strlen(log));
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "paths", "--format", "csv", odd, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\n1,eu-west-1,,,,workload,,unknown,ACCEPT,unknown,,,,,,no-subnet,1,1,100,"));
	tl_run_free(&r);
	free(odd);
	free(t);
	free(west);
	free(east);
}

/* Only NAT gateway ENIs logged (AWS's default format): the talkers
 * report is empty and a note names nat-talkers; nat-talkers names the
 * workload and its interface, leaves out what a network ACL rejected,
 * and, with no pkt-* fields to name a service, says so. */
static void test_nat_only_talkers(void **state)
{
	static const char log[] = "account-id interface-id srcaddr dstaddr packets bytes action log-status\n"
				  "1 eni-nat 10.0.1.5 10.0.1.250 1 300 ACCEPT OK\n"
				  "1 eni-nat 10.0.1.250 10.0.1.5 1 700 ACCEPT OK\n"
				  "1 eni-nat 10.0.1.9 10.0.1.250 1 5000 REJECT OK\n"
				  "1 eni-nat 10.0.1.250 203.0.113.9 1 300 ACCEPT OK\n";
	(void)state;
	char *t = tl_path(tl_dir, "nat-only-topo.json"), *l = tl_path(tl_dir, "nat-only.log");
	tl_write_file(t, nat_topo, strlen(nat_topo));
	tl_write_file(l, log, strlen(log));
	struct tl_run r;
	run(&r, NULL, "analyze", "--topology", t, "--report", "talkers,nat-talkers", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "note: talkers: no workload's own interface records; the NAT gateways' "
				      "records name the workloads behind them: --report nat-talkers"));
	assert_non_null(strstr(r.err, "note: nat-talkers: the NAT gateways' records lack pkt-srcaddr and "
				      "pkt-dstaddr"));
	assert_non_null(strstr(r.out, "nat-1,1,vpc-a,vpc-a,subnet-a,10.0.1.5,eni-w,,nat-unattributed,,,2,2,1000,1\n"));
	assert_null(strstr(r.out, "10.0.1.9"));
	assert_null(strstr(r.err, "outside every VPC"));
	tl_run_free(&r);
	/* a private address outside every VPC of the topology on the NAT
	 * gateway's internet side, without pkt-* fields: a VPC the topology
	 * lacks? Noted, with both records' bytes (the second a memo hit) */
	static const char spoke[] = "account-id interface-id srcaddr dstaddr packets bytes action log-status\n"
				    "1 eni-nat 10.9.1.5 10.0.1.250 1 1000000000 ACCEPT OK\n"
				    "1 eni-nat 10.9.1.5 10.0.1.250 1 500000000 ACCEPT OK\n"
				    "1 eni-nat 10.9.1.6 10.0.1.250 1 700000000 REJECT OK\n";
	tl_write_file(l, spoke, strlen(spoke));
	for (int j = 1; j <= 2; j++) {
		char jobs[4];
		snprintf(jobs, sizeof(jobs), "%d", j);
		run(&r, NULL, "analyze", "-j", jobs, "--topology", t, "--report", "summary", "--format", "csv", l, NULL);
		assert_int_equal(r.status, 0);
		assert_non_null(strstr(r.err, "note: 1.500 GB of NAT gateways' internet side (such as nat-1's) went to "
					      "or came from private addresses outside every VPC of the topology"));
		tl_run_free(&r);
	}
	/* a partial carries it to merge */
	char *p = tl_path(tl_dir, "nat-private.partial");
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", p, l, NULL);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	run(&r, NULL, "merge", "--report", "summary", "--format", "csv", p, NULL);
	assert_non_null(strstr(r.err, "note: 1.500 GB of NAT gateways' internet side (such as nat-1's)"));
	tl_run_free(&r);
	free(p);
	free(t);
	free(l);
}

/* explain's last line names the remote VPC and its region of a peering
 * to another region, and a service's region; an address given in another
 * form (IPv6 in capitals, not shortened) is written in the standard one
 * throughout, as analyze's reports write it. */
static void test_explain_remote_and_forms(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\",\"Ipv6CidrBlockAssociationSet\":"
		"[{\"Ipv6CidrBlock\":\"2600:1f18:aaaa:aa00::/56\"}]}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\",\"Ipv6CidrBlockAssociationSet\":[{\"Ipv6CidrBlock\":"
		"\"2600:1f18:aaaa:aa01::/64\"}]}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"10.9.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-ab\"},"
		"{\"DestinationIpv6CidrBlock\":\"::/0\",\"EgressOnlyInternetGatewayId\":\"eigw-a\"}]}],"
		"\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-ab\",\"Status\":{\"Code\":\"active\"},"
		"\"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\",\"Region\":\"us-east-1\",\"CidrBlock\":\"10.0.0.0/16\"},"
		"\"AccepterVpcInfo\":{\"VpcId\":\"vpc-far\",\"Region\":\"eu-west-1\",\"CidrBlock\":\"10.9.0.0/16\"}}]}";
	static const char ranges[] =
		"{\"syncToken\":\"1\",\"createDate\":\"2026-08-22-00-00-00\",\"prefixes\":[],\"ipv6_prefixes\":["
		"{\"ipv6_prefix\":\"2600:1fa0:8000::/39\",\"region\":\"us-east-1\",\"service\":\"S3\","
		"\"network_border_group\":\"us-east-1\"}]}";
	(void)state;
	char *t = tl_path(tl_dir, "explain-remote.json"), *rg = tl_path(tl_dir, "explain-remote-ranges.json");
	tl_write_file(t, topo, strlen(topo));
	tl_write_file(rg, ranges, strlen(ranges));
	struct tl_run r;
	run(&r, NULL, "explain", "--topology", t, "--subnet", "subnet-a", "10.9.3.4", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "=> vantage workload, direction egress, path peering, via pcx-ab, "
				      "remote vpc-far (eu-west-1)\n"));
	tl_run_free(&r);
	run(&r, NULL, "explain", "--topology", t, "--ip-ranges", rg, "--subnet", "subnet-a",
	    "2600:1F18:AAAA:AA01:0:0:0:10", "2600:1FA0:8000:0:0:0:0:5", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "srcaddr 2600:1f18:aaaa:aa01::10, dstaddr 2600:1fa0:8000::5,"));
	assert_null(strstr(r.out, "2600:1F18"));
	assert_null(strstr(r.out, "2600:1FA0"));
	assert_non_null(strstr(r.out, "=> vantage workload, direction egress, path igw-aws-service, "
				      "service S3 (us-east-1), via eigw-a\n"));
	tl_run_free(&r);
	free(t);
	free(rg);
}

/* explain --region: an interface the topology lacks, in one of two
 * default VPCs of the same CIDR in two regions, is placed by the region
 * as analyze places it by its S3 file name's. */
static void test_explain_region(void **state)
{
#define DEFAULT_VPC(id, az, subnet, rtb, igw)                                                       \
	"{\"Vpcs\":[{\"VpcId\":\"" id "\",\"OwnerId\":\"1\",\"CidrBlock\":\"172.31.0.0/16\"}],"       \
	"\"Subnets\":[{\"SubnetId\":\"" subnet "\",\"VpcId\":\"" id "\",\"CidrBlock\":\"172.31.0.0/20\","  \
	"\"AvailabilityZone\":\"" az "\"}],\"RouteTables\":[{\"RouteTableId\":\"" rtb "\",\"VpcId\":\"" id \
	"\",\"Associations\":[{\"Main\":true}],\"Routes\":[{\"DestinationCidrBlock\":\"172.31.0.0/16\","  \
	"\"GatewayId\":\"local\"},{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"" igw "\"}]}]}\n"
	static const char topo[] = DEFAULT_VPC("vpc-e", "us-east-1a", "subnet-e", "rtb-e", "igw-e")
		DEFAULT_VPC("vpc-w", "us-west-2a", "subnet-w", "rtb-w", "igw-w");
#undef DEFAULT_VPC
	(void)state;
	char *t = tl_path(tl_dir, "explain-region.json");
	tl_write_file(t, topo, strlen(topo));
	struct tl_run r;
	run(&r, NULL, "explain", "--topology", t, "--eni", "eni-unknown", "172.31.5.5", "140.82.112.3", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "path unknown (ambiguous-subnet)"));
	tl_run_free(&r);
	run(&r, NULL, "explain", "--topology", t, "--eni", "eni-unknown", "--region", "us-west-2", "172.31.5.5",
	    "140.82.112.3", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "=> vantage workload, direction egress, path igw-internet, via igw-w"));
	tl_run_free(&r);
	run(&r, NULL, "explain", "--topology", t, "--eni", "eni-unknown", "--vpc", "vpc-e", "172.31.5.5",
	    "140.82.112.3", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "path igw-internet, via igw-e"));
	tl_run_free(&r);
	free(t);
}

/* The transit gateway vantage's total, when it counts traffic to outside
 * every VPC (centralized egress), comes with a line saying an upload may
 * count at two attachments; traffic between VPCs alone draws none. */
static void test_tgw_vantage_outside_note(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-s\",\"CidrBlock\":\"10.1.0.0/16\"},{\"VpcId\":\"vpc-o\",\"CidrBlock\":"
		"\"10.2.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-s\",\"VpcId\":\"vpc-s\",\"CidrBlock\":"
		"\"10.1.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],\"RouteTables\":[{\"RouteTableId\":\"rtb-s\","
		"\"VpcId\":\"vpc-s\",\"Associations\":[{\"Main\":true}],\"Routes\":[{\"DestinationCidrBlock\":"
		"\"10.1.0.0/16\",\"GatewayId\":\"local\"},{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"TransitGatewayId\":"
		"\"tgw-1\"}]}],\"TransitGatewayAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-s\","
		"\"TransitGatewayId\":\"tgw-1\",\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-s\"}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-t\",\"SubnetId\":\"subnet-s\",\"VpcId\":\"vpc-s\","
		"\"InterfaceType\":\"transit_gateway\",\"Description\":\"Network Interface for Transit Gateway "
		"Attachment tgw-attach-s\",\"PrivateIpAddress\":\"10.1.1.9\"}]}";
	static const char outside[] = "account-id interface-id srcaddr dstaddr packets bytes start end action log-status\n"
				      "1 eni-t 10.1.1.5 203.0.113.9 1 1000 1795564800 1795568400 ACCEPT OK\n";
	static const char between[] = "account-id interface-id srcaddr dstaddr packets bytes start end action log-status\n"
				      "1 eni-t 10.1.1.5 10.2.0.9 1 1000 1795564800 1795568400 ACCEPT OK\n";
	(void)state;
	char *t = tl_path(tl_dir, "tgwv-topo.json"), *l = tl_path(tl_dir, "tgwv.log");
	tl_write_file(t, topo, strlen(topo));
	for (int k = 0; k < 2; k++) {
		tl_write_file(l, k ? between : outside, strlen(k ? between : outside));
		struct tl_run r;
		run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "table", l, NULL);
		assert_int_equal(r.status, 0);
		assert_non_null(strstr(r.out, "Bytes by path, transit-gateway vantage"));
		if (k)
			assert_null(strstr(r.out, "upload logged by the sender's attachment"));
		else
			assert_non_null(strstr(r.out, "upload logged by the sender's attachment and the egress "
						      "VPC's counts at\n  both"));
		tl_run_free(&r);
	}
	free(t);
	free(l);
}

/* A NAT gateway no record went through, in a VPC that a transit gateway
 * carries other VPCs' internet traffic to (centralized egress, its ENI's
 * logs missing): its summary line says how much went that way. */
static void test_idle_nat_behind_tgw(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-h\",\"CidrBlock\":\"10.0.0.0/16\"},{\"VpcId\":\"vpc-s\",\"CidrBlock\":"
		"\"10.1.0.0/16\"}],\"Subnets\":[{\"SubnetId\":\"subnet-h\",\"VpcId\":\"vpc-h\",\"CidrBlock\":"
		"\"10.0.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-s\",\"VpcId\":\"vpc-s\","
		"\"CidrBlock\":\"10.1.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],\"RouteTables\":[{\"RouteTableId\":"
		"\"rtb-s\",\"VpcId\":\"vpc-s\",\"Associations\":[{\"Main\":true}],\"Routes\":[{\"DestinationCidrBlock\":"
		"\"10.1.0.0/16\",\"GatewayId\":\"local\"},{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"TransitGatewayId\":"
		"\"tgw-1\"}]}],\"NatGateways\":[{\"NatGatewayId\":\"nat-h\",\"SubnetId\":\"subnet-h\",\"VpcId\":\"vpc-h\"}],"
		"\"TransitGatewayAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-h\",\"TransitGatewayId\":"
		"\"tgw-1\",\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-h\"},{\"TransitGatewayAttachmentId\":"
		"\"tgw-attach-s\",\"TransitGatewayId\":\"tgw-1\",\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-s\"}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-s\",\"VpcId\":\"vpc-s\","
		"\"PrivateIpAddress\":\"10.1.1.5\"},{\"NetworkInterfaceId\":\"eni-h\",\"SubnetId\":\"subnet-h\","
		"\"VpcId\":\"vpc-h\",\"PrivateIpAddress\":\"10.0.1.5\"}]}";
	/* 1 GiB in an hour: 730.5 GB/month; the hub's own workload has
	 * records (a NAT gateway of a VPC without any is left out) */
	static const char log[] = "account-id interface-id srcaddr dstaddr packets bytes start end action log-status\n"
				  "1 eni-w 10.1.1.5 203.0.113.9 1 1073741824 1795564800 1795568400 ACCEPT OK\n"
				  "1 eni-h 10.0.1.5 10.0.1.9 1 100 1795564800 1795568400 ACCEPT OK\n";
	(void)state;
	char *t = tl_path(tl_dir, "idle-topo.json"), *l = tl_path(tl_dir, "idle.log");
	tl_write_file(t, topo, strlen(topo));
	tl_write_file(l, log, strlen(log));
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "table", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "no record went through it: idle, or its ENI's records are missing; but "
				      "other VPCs' workloads sent 730.50 GB/month to outside every VPC through a "
				      "transit gateway attached to its VPC)"));
	tl_run_free(&r);
	free(t);
	free(l);
}

/* paths.md 5: the NAT cost rests on the NAT gateway's own ENI records;
 * when the workload records disagree (the NAT's logs cover half the
 * window), the summary says how far apart they are. */
static void test_nat_sources_apart(void **state)
{
	static const char log[] = "account-id interface-id srcaddr dstaddr packets bytes start end action "
				  "log-status\n"
				  "1 eni-w 10.0.1.5 203.0.113.9 1 2000000000 1795564800 1795568400 ACCEPT OK\n"
				  "1 eni-nat 10.0.1.250 203.0.113.9 1 1000000000 1795564800 1795568400 ACCEPT OK\n";
	(void)state;
	char *t = tl_path(tl_dir, "apart-topo.json"), *l = tl_path(tl_dir, "apart.log");
	tl_write_file(t, nat_topo, strlen(nat_topo));
	tl_write_file(l, log, strlen(log));
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "table", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "(from its own ENI's records; the workload records show 100% more)"));
	/* and stderr warns, -q or not: the money understates */
	assert_non_null(strstr(r.err, "warning: nat-1: the workload records through it show 100% more bytes "
				      "than its own ENI's records"));
	tl_run_free(&r);
	/* within 10%: no warning */
	static const char close[] = "account-id interface-id srcaddr dstaddr packets bytes start end action "
				    "log-status\n"
				    "1 eni-w 10.0.1.5 203.0.113.9 1 1050000000 1795564800 1795568400 ACCEPT OK\n"
				    "1 eni-nat 10.0.1.250 203.0.113.9 1 1000000000 1795564800 1795568400 ACCEPT OK\n";
	char *l2 = tl_path(tl_dir, "apart-close.log");
	tl_write_file(l2, close, strlen(close));
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", l2, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "show"));
	tl_run_free(&r);
	free(l2);
	/* a record of an interface the inventory lacks: noted (not with -q) */
	static const char more[] = "1 eni-zz 10.0.1.7 203.0.113.9 1 100 1795564800 1795568400 ACCEPT OK\n"
				   "1 eni-zz 10.0.1.7 203.0.113.8 1 100 1795564800 1795568400 ACCEPT OK\n";
	FILE *f = fopen(l, "a");
	assert_non_null(f);
	fputs(more, f);
	fclose(f);
	run(&r, NULL, "analyze", "-j", "2", "--topology", t, "--report", "paths", "--format", "csv", l, NULL);
	assert_non_null(strstr(r.err, "note: 2 flows (50.0%) come from interfaces NetworkInterfaces does not "
				      "list (such as eni-zz)"));
	tl_run_free(&r);
	/* a partial carries the note to merge: two partials' counts add up,
	 * and the least interface of either is named */
	char *p1 = tl_path(tl_dir, "unlisted-1.partial"), *p2 = tl_path(tl_dir, "unlisted-2.partial");
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", p1, l, NULL);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	static const char other[] = "account-id interface-id srcaddr dstaddr packets bytes start end action "
				    "log-status\n"
				    "1 eni-aa 10.0.1.8 203.0.113.9 1 100 1795564800 1795568400 ACCEPT OK\n"
				    "1 eni-w 10.0.1.5 203.0.113.9 1 100 1795564800 1795568400 ACCEPT OK\n";
	char *l3 = tl_path(tl_dir, "unlisted-other.log");
	tl_write_file(l3, other, strlen(other));
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", p2, l3, NULL);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	run(&r, NULL, "merge", "--topology", t, "--report", "summary", "--format", "csv", p1, p2, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "note: 3 flows (50.0%) come from interfaces NetworkInterfaces does not "
				      "list (such as eni-aa)"));
	tl_run_free(&r);
	/* without the topology, merge cannot tell: no note */
	run(&r, NULL, "merge", "--report", "summary", "--format", "csv", p1, p2, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "does not list"));
	tl_run_free(&r);
	free(p1);
	free(p2);
	free(l3);
	free(t);
	free(l);
}

/* Flows that start and end in one second: the window is 0 s long, as
 * the records say (not a made-up second), in the summary and the
 * recommendations alike; the projection takes one second, and says low
 * confidence. */
static void test_zero_length_window(void **state)
{
	(void)state;
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"}]}]}";
	static const char log[] = "interface-id srcaddr dstaddr bytes start end action pkt-dst-aws-service\n"
				  "eni-1 10.0.1.7 52.216.8.9 1000000 1795600800 1795600800 ACCEPT S3\n";
	char *l, *t;
	log_with_topology("zero.log", log, topo, &l, &t);
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary,recommendations", "--format", "csv",
	    l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "window_start,2026-11-25T10:00:00Z,time\nwindow_end,2026-11-25T10:00:00Z,"
				      "time\nwindow_seconds,0,seconds\n"));
	/* 1,000,000 bytes a second for a month: 2449.1921 GB */
	assert_non_null(strstr(r.out, ",1000000,0,2449.1921,"));
	assert_non_null(strstr(r.out, ",low,"));
	tl_run_free(&r);
	free(l);
	free(t);
}

/* Only NODATA records and no --since/--until: there is no window to
 * project from, and the summary says so instead of inventing 1970. */
static void test_summary_without_flows(void **state)
{
	static const char log[] = "version account-id interface-id srcaddr dstaddr srcport dstport "
				  "protocol packets bytes start end action log-status\n"
				  "2 123456789012 eni-1 - - - - - - - 1795600800 1795601400 - NODATA\n";
	char *l, *t;
	(void)state;
	log_and_topology("nodata.log", log, &l, &t);
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "window_start,,time\nwindow_end,,time\nwindow_seconds,0,seconds\n"));
	assert_null(strstr(r.out, "1970"));
	/* only NODATA: no flow counted, which -q does not hide; no window
	 * was given, so none is spoken of */
	assert_non_null(strstr(r.err, "warning: 1 file was read (0 flows): no flow was counted"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "table", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Window     none: no flow with start and end times was counted"));
	/* no --ip-ranges: the page says what that costs, not only stderr */
	assert_non_null(strstr(r.out, "Services   known only from the records' pkt-*-aws-service fields (no "
				      "--ip-ranges)"));
	tl_run_free(&r);
	/* the count of other recommendations points to where they are */
	run(&r, NULL, "analyze", "-q", "--topology", SAMPLES "/topology", "--ip-ranges", SAMPLES "/ip-ranges.json",
	    "--report", "recommendations,summary", "--format", "table", SAMPLES "/logs", NULL);
	assert_non_null(strstr(r.out, " more in the recommendations above\n"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", SAMPLES "/topology", "--ip-ranges", SAMPLES "/ip-ranges.json",
	    "--report", "summary", "--format", "table", SAMPLES "/logs", NULL);
	assert_non_null(strstr(r.out, " more in --report recommendations\n"));
	tl_run_free(&r);
	free(l);
	free(t);
}

/* -o inside a directory that is read: the walk leaves out the report
 * being written (its temporary file) and the one it replaces, so a
 * nightly job writing beside its logs reads the logs alone. */
static void test_output_inside_input_dir(void **state)
{
	static const char log[] = "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 443 6 1 100 1795600800 "
				  "1795601400 ACCEPT OK\n";
	static const char topo[] = "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}]}";
	(void)state;
	char *dir = tl_mkdtemp();
	char *l = tl_path(dir, "a.log"), *o = tl_path(dir, "report.csv"), *p = tl_path(dir, "rec.csv");
	char *t = tl_path(tl_dir, "outdir-topo.json");
	tl_write_file(l, log, strlen(log));
	tl_write_file(t, topo, strlen(topo));
	struct tl_run r;
	for (int round = 0; round < 2; round++) {
		/* the second time, report.csv exists: it is replaced, not read */
		run(&r, NULL, "analyze", "--topology", t, "--report", "inputs", "--format", "csv", "-o", o,
		    dir, NULL);
		assert_int_equal(r.status, 0);
		assert_non_null(strstr(r.err, "flowpath: 1 files, 0 input errors, 1 lines: 1 flows,"));
		tl_run_free(&r);
		char *got = tl_read_file(o, NULL);
		assert_int_equal(tl_count(got, "\n"), 2); /* the header and a.log */
		assert_non_null(strstr(got, "a.log,ok,"));
		free(got);
	}
	/* no input read at all (the folder is gone): the last report stays */
	char *gone = tl_path(dir, "not-mounted");
	run(&r, NULL, "analyze", "--topology", t, "--report", "inputs", "--format", "csv", "-o", o, gone,
	    NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no input could be read: "));
	assert_non_null(strstr(r.err, "report.csv is left as it was"));
	tl_run_free(&r);
	char *kept = tl_read_file(o, NULL);
	assert_non_null(strstr(kept, "a.log,ok,"));
	free(kept);
	/* nor when every file there is one it could not read (an empty
	 * object, as a failed copy leaves) */
	char *sub = tl_path(dir, "sub"), *empty = tl_path(sub, "e.log.gz");
	assert_int_equal(mkdir(sub, 0755), 0);
	tl_write_file(empty, "", 0);
	run(&r, NULL, "analyze", "--topology", t, "--report", "inputs", "--format", "csv", "-o", o, sub,
	    NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "report.csv is left as it was"));
	tl_run_free(&r);
	kept = tl_read_file(o, NULL);
	assert_non_null(strstr(kept, "a.log,ok,"));
	free(kept);
	remove(empty);
	rmdir(sub);
	free(empty);
	free(sub);
	free(gone);
	/* a report replaced keeps its mode; a new one follows the umask (a
	 * report names accounts and addresses: 0600 stays 0600) */
	assert_int_equal(chmod(o, 0640), 0);
	mode_t old_mask = umask(077);
	char *fresh = tl_path(tl_dir, "fresh-report.csv");
	remove(fresh);
	for (int i = 0; i < 2; i++) {
		run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "inputs", "--format", "csv", "-o",
		    i ? fresh : o, l, NULL);
		assert_int_equal(r.status, 0);
		tl_run_free(&r);
	}
	umask(old_mask);
	struct stat st;
	assert_int_equal(stat(o, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(stat(fresh, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	remove(fresh);
	free(fresh);
	/* parse alike; report.csv, another run's output, is an input */
	run(&r, NULL, "parse", "-q", "--format", "csv", "-o", p, dir, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "report.csv:1:"));
	assert_null(strstr(r.err, "rec.csv"));
	tl_run_free(&r);
	tl_rmtree(dir);
	free(dir);
	free(l);
	free(o);
	free(p);
	free(t);
}

/* A file name with a tab and an escape sequence: the table report and
 * the messages on stderr show them as \t and \x1b, so a name can neither
 * break a row or a message line nor drive the terminal; machine formats
 * keep the name as it is (escaped by their own rules). */
static void test_control_bytes_made_visible(void **state)
{
	static const char log[] = "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 443 6 1 100 1795600800 "
				  "1795601400 ACCEPT OK\n";
	(void)state;
	char *l, *t;
	log_and_topology("ctl\t\x1b[31m.log", log, &l, &t);
	char *missing = tl_path(tl_dir, "gone\x1b]0;title\x07.log");
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "inputs", "--format", "table", l,
	    missing, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "ctl\\t\\x1b[31m.log"));
	assert_null(strchr(r.out, '\x1b'));
	assert_null(strchr(r.err, '\x1b'));
	assert_null(strchr(r.err, '\x07'));
	assert_non_null(strstr(r.err, "gone\\x1b]0;title\\x07.log: No such file or directory"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "inputs", "--format", "tsv", l, NULL);
	assert_non_null(strstr(r.out, "ctl\\t\x1b[31m.log\tok"));
	tl_run_free(&r);
	/* html: the control bytes as in table, markup escaped, one page */
	free(l);
	free(t);
	log_and_topology("<b>ctl\x1b&.log", log, &l, &t);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary,inputs", "--format", "html", l,
	    NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(strncmp(r.out, "<!DOCTYPE html>\n", 16), 0);
	assert_non_null(strstr(r.out, "&lt;b&gt;ctl\\x1b&amp;.log</td><td>ok</td>"));
	assert_null(strstr(r.out, "<b>"));
	assert_null(strchr(r.out, '\x1b'));
	assert_int_equal(tl_count(r.out, "<section id="), 2);
	assert_non_null(strstr(r.out, "<pre>flowpath summary\n"));
	assert_non_null(strstr(r.out, "</main>\n</body>\n</html>\n"));
	tl_run_free(&r);
	/* without --report, the page holds summary, recommendations, paths */
	run(&r, NULL, "analyze", "-q", "--topology", t, "--format", "html", l, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(tl_count(r.out, "<section id="), 3);
	assert_non_null(strstr(r.out, "<section id=\"summary\">"));
	assert_true(strstr(r.out, "<section id=\"recommendations\">") < strstr(r.out, "<section id=\"paths\">"));
	tl_run_free(&r);
	/* parse writes no page */
	run(&r, NULL, "parse", "--format", "html", l, NULL);
	assert_int_equal(r.status, 2);
	tl_run_free(&r);
	/* a partial keeps every byte of a name: CR, tab, line feed and
	 * backslash go through its escapes and back */
	free(l);
	free(t);
	log_and_topology("cr\r tab\t nl\n bs\\.log", log, &l, &t);
	char *part = tl_path(tl_dir, "names.partial");
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", part, l, NULL);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	run(&r, NULL, "merge", "-q", "--report", "inputs", "--format", "tsv", part, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "cr\\r tab\\t nl\\n bs\\\\.log\tok\t"));
	tl_run_free(&r);
	free(part);
	free(missing);
	free(l);
	free(t);
}

/* Inspection through a Gateway Load Balancer endpoint between two
 * subnets: both workloads log each flow (egress at one end, ingress at
 * the other), so the totals count the appliance path from egress records
 * only when its remote is in the VPC; to the internet, both directions. */
static void test_appliance_totals(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\","
		"\"CidrBlock\":\"10.0.2.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-fw\",\"VpcEndpointType\":\"GatewayLoadBalancer\","
		"\"VpcId\":\"vpc-a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":"
		"[{\"SubnetId\":\"subnet-a\"}],\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\","
		"\"GatewayId\":\"local\"},{\"DestinationCidrBlock\":\"10.0.2.0/24\",\"GatewayId\":\"vpce-fw\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"vpce-fw\"}]},"
		"{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"SubnetId\":\"subnet-b\"}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"10.0.1.0/24\",\"GatewayId\":\"vpce-fw\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-a\",\"SubnetId\":\"subnet-a\","
		"\"VpcId\":\"vpc-a\",\"PrivateIpAddress\":\"10.0.1.5\"},{\"NetworkInterfaceId\":\"eni-b\","
		"\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-a\",\"PrivateIpAddress\":\"10.0.2.5\"}]}";
#define APPL(eni, src, dst, bytes) \
	"2 123456789012 " eni " " src " " dst " 1 2 6 1 " bytes " 1795600800 1795601400 ACCEPT OK\n"
	static const char log[] = APPL("eni-a", "10.0.1.5", "10.0.2.5", "1000000")
		APPL("eni-b", "10.0.1.5", "10.0.2.5", "1000000") APPL("eni-b", "10.0.2.5", "10.0.1.5", "100000")
			APPL("eni-a", "10.0.2.5", "10.0.1.5", "100000") APPL("eni-a", "10.0.1.5", "8.8.8.8", "500")
				APPL("eni-a", "8.8.8.8", "10.0.1.5", "700");
#undef APPL
	(void)state;
	char *l, *t;
	log_with_topology("appl.log", log, topo, &l, &t);
	struct tl_run r;
	char buf[64];
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary,timeline,talkers", "--format",
	    "csv", l, NULL);
	assert_int_equal(r.status, 0);
	/* 1,000,000 + 100,000 once each, and 500 + 700 to the internet */
	assert_string_equal(metric(r.out, "bytes.workload.appliance", buf, sizeof(buf)), "1101200,bytes");
	assert_non_null(strstr(r.out, ",workload,appliance,4,4,1101200\n"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "paths", "--format", "csv", l, NULL);
	/* the paths report keeps every record, the east-west ones with their VPC */
	assert_int_equal(tl_count(r.out, ",appliance,"), 6);
	assert_int_equal(tl_count(r.out, ",vpce-fw,vpc-a,"), 4);
	tl_run_free(&r);
	free(l);
	free(t);
}

/* Two transit gateway attachment ENIs log one flow between vpc-a and
 * vpc-c, in the default format (no pkt-* fields): the far side's records
 * name the attachment's own address, whose peer is unknown, not outside
 * every VPC. The vantage's total counts each ENI's egress once (1000 +
 * 5000), not the far side's both directions too. */
static void test_totals_tgw_own_address(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.20.0.0/16\"},"
		"{\"VpcId\":\"vpc-c\",\"CidrBlock\":\"10.50.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.20.10.0/24\"},"
		"{\"SubnetId\":\"subnet-c\",\"VpcId\":\"vpc-c\",\"CidrBlock\":\"10.50.0.0/20\"}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-ta\",\"InterfaceType\":\"transit_gateway\","
		"\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"PrivateIpAddress\":\"10.20.10.9\"},"
		"{\"NetworkInterfaceId\":\"eni-tc\",\"InterfaceType\":\"transit_gateway\","
		"\"SubnetId\":\"subnet-c\",\"VpcId\":\"vpc-c\",\"PrivateIpAddress\":\"10.50.0.5\"}]}";
#define R_(eni, src, dst, bytes) \
	"2 1 " eni " " src " " dst " 1 2 6 1 " bytes " 1795600800 1795601400 ACCEPT OK\n"
	static const char log[] = R_("eni-ta", "10.20.10.21", "10.50.1.10", "1000")
		R_("eni-ta", "10.50.1.10", "10.20.10.21", "5000") R_("eni-tc", "10.50.0.5", "10.50.1.10", "1000")
			R_("eni-tc", "10.50.1.10", "10.50.0.5", "5000");
#undef R_
	(void)state;
	char *l, *t;
	log_with_topology("tgw-own.log", log, topo, &l, &t);
	struct tl_run r;
	char buf[64];
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary,paths", "--format", "csv", l,
	    NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "bytes.transit-gateway.transit-gateway", buf, sizeof(buf)),
			    "6000,bytes");
	assert_int_equal(tl_count(r.out, ",(unknown),,,1,1,"), 2);
	tl_run_free(&r);
	/* a partial of format version 4 wrote those rows' remote_vpc empty,
	 * as it did for remotes outside the topology, which count both
	 * directions: merge says so; a current partial is merged quietly */
	char *p5 = tl_path(tl_dir, "tgw-own.partial"), *p4 = tl_path(tl_dir, "tgw-own-v4.partial");
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", p5, l, NULL);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	size_t len;
	char *text = tl_read_file(p5, &len);
	assert_memory_equal(text, "#flowpath-partial\t9\n", 20);
	text[18] = '4';
	char *un;
	while ((un = strstr(text, "(unknown)")))
		memmove(un, un + 9, strlen(un + 9) + 1);
	tl_write_file(p4, text, strlen(text));
	free(text);
	run(&r, NULL, "merge", "-q", "--report", "summary", "--format", "csv", p5, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "older flowpath"));
	tl_run_free(&r);
	run(&r, NULL, "merge", "-q", "--report", "summary", "--format", "csv", p4, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "1 partial (") && strstr(r.err, "tgw-own-v4.partial) written by an "
									   "older flowpath holds transit gateway"));
	tl_run_free(&r);
	free(p4);
	free(p5);
	free(l);
	free(t);
}

/* A remote address that two VPCs of the topology hold (vpc-a and vpc-d
 * reuse 10.0.0.0/16) is in the model all the same: a transit gateway or
 * appliance flow to it is logged at both ends, so its totals count egress
 * only, and the row says remote_vpc (ambiguous); the other end's rows name
 * vpc-c. */
static void test_totals_remote_in_several_vpcs(void **state)
{
#define VPC_(id, cidr) "{\"VpcId\":\"" id "\",\"CidrBlock\":\"" cidr "\"}"
#define SUBNET_(id, vpc, cidr) \
	"{\"SubnetId\":\"" id "\",\"VpcId\":\"" vpc "\",\"CidrBlock\":\"" cidr "\",\"AvailabilityZone\":\"us-east-1a\"}"
#define RTB_(id, vpc, local, other, target) \
	"{\"RouteTableId\":\"" id "\",\"VpcId\":\"" vpc "\",\"Associations\":[{\"Main\":true}]," \
	"\"Routes\":[{\"DestinationCidrBlock\":\"" local "\",\"GatewayId\":\"local\"}," \
	"{\"DestinationCidrBlock\":\"" other "\"," target "}]}"
#define ENI_(id, subnet, vpc, ip) \
	"{\"NetworkInterfaceId\":\"" id "\",\"SubnetId\":\"" subnet "\",\"VpcId\":\"" vpc \
	"\",\"PrivateIpAddress\":\"" ip "\"}"
#define TOPO_(target_c) \
	"{\"Vpcs\":[" VPC_("vpc-a", "10.0.0.0/16") "," VPC_("vpc-c", "10.2.0.0/16") "," \
	VPC_("vpc-d", "10.0.0.0/16") "],\"Subnets\":[" SUBNET_("subnet-a", "vpc-a", "10.0.1.0/24") "," \
	SUBNET_("subnet-c", "vpc-c", "10.2.1.0/24") "," SUBNET_("subnet-d", "vpc-d", "10.0.1.0/24") \
	"],\"RouteTables\":[" RTB_("rtb-a", "vpc-a", "10.0.0.0/16", "10.2.0.0/16", \
				 "\"TransitGatewayId\":\"tgw-1\"") "," \
	RTB_("rtb-c", "vpc-c", "10.2.0.0/16", "10.0.0.0/16", target_c) \
	"],\"NetworkInterfaces\":[" ENI_("eni-a", "subnet-a", "vpc-a", "10.0.1.10") "," \
	ENI_("eni-c", "subnet-c", "vpc-c", "10.2.1.10") "]}"
	static const char tgw[] = TOPO_("\"TransitGatewayId\":\"tgw-1\"");
	static const char appl[] = TOPO_("\"InstanceId\":\"i-fw\"");
#define R_(eni, src, dst, bytes) \
	"2 1 " eni " " src " " dst " 1 2 6 1 " bytes " 1795600800 1795601400 ACCEPT OK\n"
	static const char log[] = R_("eni-c", "10.2.1.10", "10.0.1.10", "100")
		R_("eni-c", "10.0.1.10", "10.2.1.10", "7000") R_("eni-a", "10.2.1.10", "10.0.1.10", "100")
			R_("eni-a", "10.0.1.10", "10.2.1.10", "7000");
#undef R_
#undef TOPO_
#undef ENI_
#undef RTB_
#undef SUBNET_
#undef VPC_
	(void)state;
	char *l, *t, *ta = tl_path(tl_dir, "several-appl-topo.json");
	log_with_topology("several.log", log, tgw, &l, &t);
	tl_write_file(ta, appl, strlen(appl));
	struct tl_run r;
	char buf[64];
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary,paths", "--format", "csv", l,
	    NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "bytes.workload.transit-gateway", buf, sizeof(buf)), "7100,bytes");
	assert_int_equal(tl_count(r.out, ",tgw-1,(ambiguous),,,1,1,"), 2);
	assert_int_equal(tl_count(r.out, ",tgw-1,vpc-c,"), 2);
	tl_run_free(&r);
	/* vpc-c's records through appliance i-fw to the address of two
	 * VPCs (eni-a's still go through tgw-1) */
	run(&r, NULL, "analyze", "-q", "--topology", ta, "--report", "summary", "--format", "csv", l, NULL);
	assert_string_equal(metric(r.out, "bytes.workload.appliance", buf, sizeof(buf)), "100,bytes");
	tl_run_free(&r);
	free(l);
	free(t);
	free(ta);
}

/* Under --max-rows, a Gateway Load Balancer endpoint's forwarded flows
 * stay out of every total, as with room for their own row. */
static void test_row_limit_keeps_forwarded_out(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"PrivateIpAddress\":\"10.0.1.10\"},{\"NetworkInterfaceId\":\"eni-g\",\"SubnetId\":\"subnet-a\","
		"\"VpcId\":\"vpc-a\",\"InterfaceType\":\"gateway_load_balancer_endpoint\",\"PrivateIpAddress\":\"10.0.1.60\"}]}";
	static const char log[] =
		"2 1 eni-w 10.0.1.10 10.0.1.20 1 2 6 1 100 1795600800 1795601400 ACCEPT OK\n"
		"2 1 eni-g 10.0.1.10 8.8.8.8 1 2 6 1 5000 1795600800 1795601400 ACCEPT OK\n";
	static const char *const limits[] = {"1000", "1"};
	(void)state;
	char *l, *t;
	log_with_topology("fwd.log", log, topo, &l, &t);
	for (int i = 0; i < 2; i++) {
		struct tl_run r;
		char buf[64];
		run(&r, NULL, "analyze", "-q", "--max-rows", limits[i], "--topology", t, "--report",
		    "summary,timeline,paths", "--format", "csv", l, NULL);
		assert_int_equal(r.status, 0);
		assert_string_equal(metric(r.out, "bytes.workload.local", buf, sizeof(buf)), "100,bytes");
		assert_null(strstr(r.out, "\nbytes.workload.unknown,"));
		assert_int_equal(tl_count(r.out, ",workload,local,"), 1); /* the timeline's */
		assert_int_equal(tl_count(r.out, ",forwarded,1,1,5000,"), 1);
		assert_int_equal(tl_count(r.out, "\n(row limit),"), i);
		tl_run_free(&r);
	}
	free(l);
	free(t);
}

/* A NAT gateway ENI's record that holds neither of its addresses (NAT64's
 * IPv6 leg, whose bytes its IPv4 leg carries again) is in paths only: the
 * nat-gateway vantage's totals and timeline count the internet side,
 * with room for its row and under --max-rows. */
static void test_not_nat_traffic_out_of_totals(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"VpcId\":\"vpc-a\",\"SubnetId\":\"subnet-a\","
		"\"State\":\"available\",\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-n\","
		"\"PrivateIp\":\"10.0.1.50\",\"PublicIp\":\"3.3.3.3\"}]}]}";
	static const char log[] =
		"2 1 eni-n 10.0.1.50 8.8.8.8 1 2 6 1 700 1795600800 1795601400 ACCEPT OK\n"
		"2 1 eni-n 2600:1f18::10 64:ff9b::808:808 1 2 6 1 3000 1795600800 1795601400 ACCEPT OK\n";
	static const char *const limits[] = {"1000", "1"};
	(void)state;
	char *l, *t;
	log_with_topology("nat64.log", log, topo, &l, &t);
	for (int i = 0; i < 2; i++) {
		struct tl_run r;
		char buf[64];
		run(&r, NULL, "analyze", "-q", "--max-rows", limits[i], "--topology", t, "--report",
		    "summary,timeline,paths", "--format", "csv", l, NULL);
		assert_int_equal(r.status, 0);
		assert_string_equal(metric(r.out, "bytes.nat-gateway.nat-internet", buf, sizeof(buf)),
				    "700,bytes");
		assert_null(strstr(r.out, "\nbytes.nat-gateway.unknown,"));
		assert_int_equal(tl_count(r.out, ",nat-gateway,unknown,"), 0); /* no timeline row */
		assert_int_equal(tl_count(r.out, ",not-nat-traffic,1,1,3000,"), 1);
		tl_run_free(&r);
	}
	/* a version 5 partial held such records' timeline row: merge leaves
	 * it out */
	char *p5 = tl_path(tl_dir, "nat64-v5.partial");
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", p5, l, NULL);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	size_t len;
	char *text = tl_read_file(p5, &len), *end = strstr(text, "\nend\t");
	assert_non_null(end);
	unsigned long n = strtoul(end + 5, NULL, 10);
	text[18] = '5';
	end[1] = '\0';
	char v5[8192];
	assert_true((size_t)snprintf(v5, sizeof(v5),
				     "%stimeline\t2026-11-25T00:00:00Z\tnat-gateway\tunknown\tegress\tACCEPT\t1\t1\t"
				     "3000\t1795600800\t1795601400\nend\t%lu\n",
				     text, n + 1) < sizeof(v5));
	tl_write_file(p5, v5, strlen(v5));
	free(text);
	run(&r, NULL, "merge", "-q", "--report", "timeline", "--format", "csv", p5, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(tl_count(r.out, ",nat-gateway,nat-internet,"), 1);
	assert_int_equal(tl_count(r.out, ",nat-gateway,unknown,"), 0);
	tl_run_free(&r);
	free(p5);
	free(l);
	free(t);
}

/* NAT64: a version 6 partial classified a workload's flow to
 * 64:ff9b::/96 by its IPv6 address; merge says so when its topology
 * routes NAT64, and is quiet for a current partial or without one. */
static void test_nat64_older_partial_warns(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"OwnerId\":\"1\",\"CidrBlock\":\"10.0.0.0/16\","
		"\"Ipv6CidrBlockAssociationSet\":[{\"Ipv6CidrBlock\":\"2600:1f18:aaaa:aa00::/56\"}]}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\","
		"\"Ipv6CidrBlockAssociationSet\":[{\"Ipv6CidrBlock\":\"2600:1f18:aaaa:aa01::/64\"}]}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-a\"},"
		"{\"DestinationIpv6CidrBlock\":\"64:ff9b::/96\",\"NatGatewayId\":\"nat-a\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"PrivateIpAddress\":\"10.0.1.10\",\"Ipv6Addresses\":[{\"Ipv6Address\":\"2600:1f18:aaaa:aa01::10\"}]}]}";
	static const char log[] =
		"2 1 eni-w 2600:1f18:aaaa:aa01::10 64:ff9b::c633:6401 1 443 6 1 1000 1795600800 1795601400 ACCEPT OK\n"
		"2 1 eni-w 10.0.1.10 198.51.100.1 1 443 6 1 2000 1795600800 1795601400 ACCEPT OK\n";
	(void)state;
	char *l, *t;
	log_with_topology("nat64.log", log, topo, &l, &t);
	struct tl_run r;
	char *p7 = tl_path(tl_dir, "nat64.partial"), *p6 = tl_path(tl_dir, "nat64-v6.partial");
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", p7, l, NULL);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	size_t len;
	char *text = tl_read_file(p7, &len);
	assert_memory_equal(text, "#flowpath-partial\t9\n", 20);
	assert_non_null(strstr(text, "\tnat64\t"));
	text[18] = '6';
	char *side;
	while ((side = strstr(text, "\tnat64\t")))
		memmove(side + 1, side + 6, strlen(side + 6) + 1);
	tl_write_file(p6, text, strlen(text));
	free(text);
	static const char warning[] = "nat64-v6.partial) written by an older flowpath holds workload rows "
				      "through a NAT gateway classified before NAT64 was";
	for (int k = 0; k < 3; k++) {
		/* 0: version 7; 1: version 6 with the topology; 2: without */
		if (k == 2)
			run(&r, NULL, "merge", "-q", "--report", "summary", "--format", "csv", p6, NULL);
		else
			run(&r, NULL, "merge", "-q", "--topology", t, "--report", "summary", "--format", "csv",
			    k ? p6 : p7, NULL);
		assert_int_equal(r.status, 0);
		assert_int_equal(strstr(r.err, warning) != NULL, k == 1);
		tl_run_free(&r);
	}
	free(p6);
	free(p7);
	free(l);
	free(t);
}

/* A workload reaching an interface endpoint in a hub VPC through a transit
 * gateway: the endpoint's ENI logs in the interface-endpoint vantage, so
 * the workload's ingress (the download) counts in the transit gateway
 * totals and advice too, not only its egress. */
static void test_tgw_to_hub_endpoint_counts_both_ways(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.1.0.0/16\"},"
		"{\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.2.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.1.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"},{\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\","
		"\"CidrBlock\":\"10.2.1.0/24\",\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-b\",\"VpcId\":\"vpc-b\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.2.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"TransitGatewayId\":\"tgw-1\"}]},"
		"{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"10.2.0.0/16\",\"TransitGatewayId\":\"tgw-1\"}]}],"
		"\"TransitGatewayAttachments\":[{\"TransitGatewayAttachmentId\":\"tgw-attach-a\","
		"\"TransitGatewayId\":\"tgw-1\",\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-a\"},"
		"{\"TransitGatewayAttachmentId\":\"tgw-attach-b\",\"TransitGatewayId\":\"tgw-1\","
		"\"ResourceType\":\"vpc\",\"ResourceId\":\"vpc-b\"}],"
		"\"VpcEndpoints\":[{\"VpcEndpointId\":\"vpce-s3\",\"VpcEndpointType\":\"Interface\","
		"\"VpcId\":\"vpc-a\",\"ServiceName\":\"com.amazonaws.us-east-1.s3\","
		"\"NetworkInterfaceIds\":[\"eni-ep\"]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-ep\",\"SubnetId\":\"subnet-a\","
		"\"VpcId\":\"vpc-a\",\"InterfaceType\":\"vpc_endpoint\",\"PrivateIpAddress\":\"10.1.1.200\"},"
		"{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-b\",\"VpcId\":\"vpc-b\","
		"\"PrivateIpAddress\":\"10.2.1.10\"}]}";
	static const char log[] =
		"2 1 eni-w 10.2.1.10 10.1.1.200 1 443 6 1 100000000 1795600800 1795601400 ACCEPT OK\n"
		"2 1 eni-w 10.1.1.200 10.2.1.10 443 1 6 1 2000000000 1795600800 1795601400 ACCEPT OK\n"
		"2 1 eni-ep 10.2.1.10 10.1.1.200 1 443 6 1 100000000 1795600800 1795601400 ACCEPT OK\n"
		"2 1 eni-ep 10.1.1.200 10.2.1.10 443 1 6 1 2000000000 1795600800 1795601400 ACCEPT OK\n";
	(void)state;
	char *l, *t;
	log_with_topology("hub.log", log, topo, &l, &t);
	struct tl_run r;
	char buf[64];
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary,paths,recommendations",
	    "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "bytes.workload.transit-gateway", buf, sizeof(buf)),
			    "2100000000,bytes");
	assert_string_equal(metric(r.out, "bytes.interface-endpoint.interface-endpoint", buf, sizeof(buf)),
			    "2100000000,bytes");
	assert_int_equal(tl_count(r.out, ",workload,endpoint-eni,ingress,ACCEPT,transit-gateway,,,tgw-1,vpc-a,"), 1);
	assert_int_equal(tl_count(r.out, "peer-instead-of-transit-gateway,,vpc-a<->vpc-b,2100000000,"), 1);
	tl_run_free(&r);
	/* a version 5 partial had no endpoint-eni side: merge says its
	 * ingress rows from other VPCs count in no total; a current one is
	 * merged quietly */
	char *p6 = tl_path(tl_dir, "hub.partial"), *p5 = tl_path(tl_dir, "hub-v5.partial");
	run(&r, NULL, "analyze", "-q", "--topology", t, "--emit", "partial", "-o", p6, l, NULL);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	size_t len;
	char *text = tl_read_file(p6, &len);
	assert_memory_equal(text, "#flowpath-partial\t9\n", 20);
	text[18] = '5';
	char *side;
	while ((side = strstr(text, "\tendpoint-eni\t")))
		memmove(side + 1, side + 13, strlen(side + 13) + 1);
	tl_write_file(p5, text, strlen(text));
	free(text);
	for (int v5 = 0; v5 < 2; v5++) {
		run(&r, NULL, "merge", "-q", "--report", "summary", "--format", "csv", v5 ? p5 : p6, NULL);
		assert_int_equal(r.status, 0);
		assert_int_equal(strstr(r.err, "hub-v5.partial) written by an older flowpath holds transit "
					       "gateway or peering rows received from other VPCs") != NULL,
				 v5);
		assert_string_equal(metric(r.out, "bytes.workload.transit-gateway", buf, sizeof(buf)),
				    v5 ? "100000000,bytes" : "2100000000,bytes");
		tl_run_free(&r);
	}
	free(p5);
	free(p6);
	free(l);
	free(t);
	/* logs without interface-id: the endpoint's records are workloads'
	 * too, and its egress counts the download once already */
	static const char noeni[] =
		"version account-id vpc-id subnet-id srcaddr dstaddr packets bytes start end action log-status "
		"flow-direction\n"
		"2 1 vpc-b subnet-b 10.2.1.10 10.1.1.200 1 100000000 1795600800 1795601400 ACCEPT OK egress\n"
		"2 1 vpc-b subnet-b 10.1.1.200 10.2.1.10 1 2000000000 1795600800 1795601400 ACCEPT OK ingress\n"
		"2 1 vpc-a subnet-a 10.2.1.10 10.1.1.200 1 100000000 1795600800 1795601400 ACCEPT OK ingress\n"
		"2 1 vpc-a subnet-a 10.1.1.200 10.2.1.10 1 2000000000 1795600800 1795601400 ACCEPT OK egress\n";
	log_with_topology("hub-noeni.log", noeni, topo, &l, &t);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary,paths", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "bytes.workload.transit-gateway", buf, sizeof(buf)),
			    "2100000000,bytes");
	assert_null(strstr(r.out, "endpoint-eni"));
	tl_run_free(&r);
	free(l);
	free(t);
}

/* Edges a mutation audit found untested: the decision memo keeps records
 * that differ only in their region apart; the unlisted-interfaces note
 * names the least id whatever the order; a flow ending at --until is
 * outside the window; --max-talkers 1 keeps one key and folds the next,
 * and the kept one's share is of the path's total. */
static void test_audit_analysis_edges(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-a\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"PrivateIpAddress\":\"10.0.1.10\"}]}";
	static const char regions[] =
		"version account-id interface-id srcaddr dstaddr packets bytes start end action log-status region\n"
		"5 999999999999 eni-x 10.99.1.5 10.99.2.6 1 100 1795564740 1795564790 ACCEPT OK us-east-1\n"
		"5 999999999999 eni-x 10.99.1.5 10.99.2.6 1 200 1795564740 1795564790 ACCEPT OK eu-west-1\n";
	static const char unlisted[] =
		"2 1 eni-0bbbbbbbbbbbbbbb2 10.0.1.98 8.8.8.8 1 2 6 1 100 1795564740 1795564790 ACCEPT OK\n"
		"2 1 eni-0aaaaaaaaaaaaaaa1 10.0.1.99 8.8.8.8 1 2 6 1 100 1795564740 1795564790 ACCEPT OK\n";
	static const char until[] =
		"2 1 eni-w 10.0.1.10 8.8.8.8 1 2 6 1 100 1795564740 1795564800 ACCEPT OK\n"
		"2 1 eni-w 10.0.1.10 8.8.8.8 1 2 6 1 50 1795564680 1795564799 ACCEPT OK\n";
	static const char talkers[] =
		"2 1 eni-w 10.0.1.10 8.8.8.8 1 2 6 1 100 1795564740 1795564790 ACCEPT OK\n"
		"2 1 eni-w 8.8.8.8 10.0.1.10 2 1 6 1 200 1795564740 1795564790 ACCEPT OK\n";
	(void)state;
	char *l, *t;
	struct tl_run r;
	char buf[64];
	log_with_topology("regions.log", regions, topo, &l, &t);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "paths", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(tl_count(r.out, "999999999999,us-east-1,"), 1);
	assert_int_equal(tl_count(r.out, "999999999999,eu-west-1,"), 1);
	assert_int_equal(tl_count(r.out, ",1,1,200,"), 1);
	tl_run_free(&r);
	free(l);
	free(t);
	log_with_topology("unlisted.log", unlisted, topo, &l, &t);
	run(&r, NULL, "analyze", "--topology", t, "--report", "summary", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "(such as eni-0aaaaaaaaaaaaaaa1)"));
	tl_run_free(&r);
	free(l);
	free(t);
	log_with_topology("until.log", until, topo, &l, &t);
	run(&r, NULL, "analyze", "-q", "--topology", t, "--since", "2026-11-24", "--until", "2026-11-25",
	    "--report", "summary", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "flows", buf, sizeof(buf)), "1,records");
	assert_string_equal(metric(r.out, "flows_outside_window", buf, sizeof(buf)), "1,records");
	tl_run_free(&r);
	free(l);
	free(t);
	/* no window given: a record years off stretches the records' span,
	 * the projection's window, and a warning says so */
	static const char skewed[] =
		"2 1 eni-w 10.0.1.10 8.8.8.8 1 2 6 1 100 1795564740 1795564790 ACCEPT OK\n"
		"2 1 eni-w 10.0.1.10 8.8.8.8 1 2 6 1 100 2110924740 2110924790 ACCEPT OK\n";
	log_with_topology("skewed.log", skewed, topo, &l, &t);
	for (int day = 0; day < 2; day++) {
		if (day)
			run(&r, NULL, "analyze", "-q", "--topology", t, "--day", "2026-11-25", "--report",
			    "summary", "--format", "csv", l, NULL);
		else
			run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format",
			    "csv", l, NULL);
		assert_int_equal(r.status, 0);
		assert_int_equal(strstr(r.err, "the flows counted span 3650.0 days (2026-11-24T23:59:00Z to "
					       "2036-11-21T23:59:50Z)") != NULL,
				 !day);
		tl_run_free(&r);
	}
	free(l);
	free(t);
	log_with_topology("talkers.log", talkers, topo, &l, &t);
	run(&r, NULL, "analyze", "-q", "--max-talkers", "1", "--topology", t, "--report", "talkers",
	    "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(tl_count(r.out, "(other)"), 1);
	/* the kept row's share is of the path's whole total, not of the
	 * kept rows' */
	assert_int_equal(tl_count(r.out, ",igw-internet,,1,1,100,0.333333\n"), 1);
	tl_run_free(&r);
	free(l);
	free(t);
}

/* A region the price table lacks is priced at us-east-1's, and a note
 * says which (not with -q); a region it has draws none; one that a
 * --pricing file gives only some figures of is still named. */
static void test_unpriced_region_noted(void **state)
{
	static const char *const azs[] = {"ap-southeast-2a", "eu-west-1a", "ap-southeast-2a"};
	static const char log[] = "2 1 eni-w 10.0.1.5 8.8.8.8 1 2 6 1 100 1795600800 1795601400 ACCEPT OK\n";
	static const char csv[] = "region,item,usd\nap-southeast-2,nat_gateway_gb,0.059\n";
	(void)state;
	char *pr = tl_path(tl_dir, "one-figure.csv");
	tl_write_file(pr, csv, strlen(csv));
	for (int i = 0; i < 3; i++) {
		char topo[512], *l, *t;
		snprintf(topo, sizeof(topo),
			 "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
			 "\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
			 "\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"%s\"}]}",
			 azs[i]);
		log_with_topology("unpriced.log", log, topo, &l, &t);
		struct tl_run r;
		if (i < 2)
			run(&r, NULL, "analyze", "--topology", t, "--report", "summary", "--format", "csv", l,
			    NULL);
		else
			run(&r, NULL, "analyze", "--topology", t, "--pricing", pr, "--report", "summary",
			    "--format", "csv", l, NULL);
		assert_int_equal(r.status, 0);
		assert_int_equal(strstr(r.err, "note: no prices, or not all, for region ap-southeast-2: the "
					       "missing figures are us-east-1's") != NULL,
				 i != 1);
		tl_run_free(&r);
		free(l);
		free(t);
	}
	free(pr);
	/* a CSV of every figure but the public IPv4 address's (the same in
	 * every region): nothing is missing */
	static const char full[] = "region,item,usd\nap-southeast-2,nat_gateway_hour,0.059\n"
				   "ap-southeast-2,nat_gateway_gb,0.059\nap-southeast-2,interface_endpoint_hour,0.014\n"
				   "ap-southeast-2,interface_endpoint_gb,0.01\nap-southeast-2,transit_gateway_gb,0.02\n"
				   "ap-southeast-2,cross_az_gb,0.01\nap-southeast-2,inter_region_gb,0.098\n";
	char *pf = tl_path(tl_dir, "full.csv"), *l, *t;
	tl_write_file(pf, full, strlen(full));
	char topo[512];
	snprintf(topo, sizeof(topo),
		 "{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		 "\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		 "\"CidrBlock\":\"10.0.1.0/24\",\"AvailabilityZone\":\"ap-southeast-2a\"}]}");
	log_with_topology("unpriced.log", log, topo, &l, &t);
	struct tl_run r;
	run(&r, NULL, "analyze", "--topology", t, "--pricing", pf, "--report", "summary", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.err, "no prices, or not all"));
	tl_run_free(&r);
	free(pf);
	free(l);
	free(t);
}

/* paths.md 7, each on its own records: peering counts egress only; a NAT
 * gateway's bytes are the workload's and its own ENI's internet side,
 * never the two added; records of unknown direction are shown apart. */
static void test_totals_rules(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"},"
		"{\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.1.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationCidrBlock\":\"10.1.0.0/16\",\"VpcPeeringConnectionId\":\"pcx-ab\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-1\"}]}],"
		"\"VpcPeeringConnections\":[{\"VpcPeeringConnectionId\":\"pcx-ab\",\"Status\":{\"Code\":\"active\"},"
		"\"RequesterVpcInfo\":{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"},"
		"\"AccepterVpcInfo\":{\"VpcId\":\"vpc-b\",\"CidrBlock\":\"10.1.0.0/16\"}}],"
		"\"NatGateways\":[{\"NatGatewayId\":\"nat-1\",\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\","
		"\"NatGatewayAddresses\":[{\"NetworkInterfaceId\":\"eni-nat\",\"PrivateIp\":\"10.0.1.250\"}]}],"
		"\"NetworkInterfaces\":[{\"NetworkInterfaceId\":\"eni-w\",\"SubnetId\":\"subnet-a\","
		"\"VpcId\":\"vpc-a\",\"PrivateIpAddress\":\"10.0.1.5\"}]}";
#define TR(eni, src, dst, bytes) \
	"2 123456789012 " eni " " src " " dst " 1 2 6 1 " bytes " 1795600800 1795601400 ACCEPT OK\n"
	static const char log[] =
		TR("eni-w", "10.0.1.5", "10.1.0.9", "1000") TR("eni-w", "10.1.0.9", "10.0.1.5", "200")
		TR("eni-w", "10.0.1.5", "8.8.8.8", "3000") TR("eni-w", "8.8.8.8", "10.0.1.5", "40000")
		TR("eni-nat", "10.0.1.5", "10.0.1.250", "3000") TR("eni-nat", "10.0.1.250", "8.8.8.8", "3000")
		TR("eni-nat", "8.8.8.8", "10.0.1.250", "40000") TR("eni-nat", "10.0.1.250", "10.0.1.5", "40000")
		TR("eni-zz", "10.0.1.7", "10.0.1.8", "50");
#undef TR
	(void)state;
	char *l, *t;
	log_with_topology("totals.log", log, topo, &l, &t);
	struct tl_run r;
	char buf[64];
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "bytes.workload.peering", buf, sizeof(buf)), "1000,bytes");
	assert_string_equal(metric(r.out, "bytes.workload.nat-internet", buf, sizeof(buf)), "43000,bytes");
	assert_string_equal(metric(r.out, "bytes.nat-gateway.nat-internet", buf, sizeof(buf)), "43000,bytes");
	/* the NAT ENI's vpc side (workload to NAT) is those bytes again */
	assert_null(strstr(r.out, "\nbytes.nat-gateway.nat-unattributed,"));
	assert_string_equal(metric(r.out, "bytes_direction_unknown.workload.local", buf, sizeof(buf)),
			    "50,bytes");
	assert_null(strstr(r.out, "\nbytes.workload.local,"));
	tl_run_free(&r);
	free(l);
	free(t);
}

/* A route to a customer-managed prefix list whose entries the topology
 * lacks matches nothing: analyze notes it, explain shows it beside the
 * route it took instead. */
static void test_unresolved_prefix_list_said(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\","
		"\"AvailabilityZone\":\"us-east-1a\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\",\"GatewayId\":\"local\"},"
		"{\"DestinationPrefixListId\":\"pl-0c0ffee\",\"GatewayId\":\"vgw-1\"},"
		"{\"DestinationCidrBlock\":\"192.168.0.0/16\",\"GatewayId\":\"vgw-1\","
		"\"Origin\":\"EnableVgwRoutePropagation\"},"
		"{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"GatewayId\":\"igw-1\"}]}]}";
	(void)state;
	char *l, *t;
	log_with_topology("pl.log", REC(1), topo, &l, &t);
	struct tl_run r;
	run(&r, NULL, "analyze", "--topology", t, "--report", "paths", "--format", "csv", l, NULL);
	assert_non_null(strstr(r.err, "note: topology: 1 route to prefix lists without CIDRs (pl-0c0ffee)"));
	/* a topology without describe-network-interfaces output: said so */
	assert_non_null(strstr(r.err, "come from interfaces the topology does not list (such as eni-"));
	assert_non_null(strstr(r.err, "it has no describe-network-interfaces output"));
	tl_run_free(&r);
	run(&r, NULL, "explain", "--topology", t, "10.0.0.5", "172.16.3.4", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "route pl-0c0ffee -> vgw-1 matches nothing"));
	assert_non_null(strstr(r.out, "igw-internet"));
	tl_run_free(&r);
	/* the same flow whose record names its service */
	run(&r, NULL, "explain", "--topology", t, "--dst-service", "S3", "10.0.0.5", "172.16.3.4", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "service: S3 from the record's pkt-dst-aws-service field"));
	assert_non_null(strstr(r.out, "path igw-aws-service, service S3"));
	tl_run_free(&r);
	/* a propagated route is marked so */
	run(&r, NULL, "explain", "--topology", t, "10.0.0.5", "192.168.1.1", NULL);
	assert_non_null(strstr(r.out, "route: 192.168.0.0/16 -> vgw-1 [propagated] (longest prefix"));
	/* no ENI to tell the direction: the subnets say, in plain words */
	assert_non_null(strstr(r.out, "direction: egress (10.0.0.5 is in a subnet of the candidate VPCs, "
				      "192.168.1.1 is not)"));
	tl_run_free(&r);
	run(&r, NULL, "explain", "--topology", t, "10.0.0.5", "10.0.0.6", NULL);
	assert_non_null(strstr(r.out, "direction: unknown (both 10.0.0.5 and 10.0.0.6 are in a subnet"));
	tl_run_free(&r);
	run(&r, NULL, "explain", "--topology", t, "172.16.0.5", "10.0.0.6", NULL);
	assert_non_null(strstr(r.out, "direction: ingress (10.0.0.6 is in a subnet of the candidate VPCs, "
				      "172.16.0.5 is not)"));
	tl_run_free(&r);
	free(l);
	free(t);
}

/* Counts past 2^64 - 1 saturate, with a warning that -q keeps, rather
 * than wrap to small numbers. */
static void test_counts_saturate(void **state)
{
	static const char log[] = "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 443 6 18446744073709551615 "
				  "18446744073709551615 1795600800 1795601400 ACCEPT OK\n"
				  "2 123456789012 eni-1 10.0.0.1 10.0.0.2 2 443 6 18446744073709551615 "
				  "18446744073709551615 1795700800 1795701400 ACCEPT OK\n";
	char *l, *t, buf[64];
	(void)state;
	log_and_topology("big.log", log, &l, &t);
	struct tl_run r;
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary,paths", "--format", "csv", l,
	    NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "flow_bytes", buf, sizeof(buf)), "18446744073709551615,bytes");
	assert_non_null(strstr(r.out, ",2,18446744073709551615,18446744073709551615,"));
	assert_non_null(strstr(r.err, "warning: flow bytes or packets reached 2^64 - 1"));
	assert_null(strstr(r.err, "internal accounting check failed"));
	tl_run_free(&r);
	/* one of the two outside the window: the summary counts the other,
	 * whole (the capped total minus what was left out would be 0) */
	run(&r, NULL, "analyze", "-q", "--topology", t, "--report", "summary", "--format", "csv", "--until",
	    "2026-11-26T00:00Z", l, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "flows", buf, sizeof(buf)), "1,records");
	assert_string_equal(metric(r.out, "flow_bytes", buf, sizeof(buf)), "18446744073709551615,bytes");
	assert_string_equal(metric(r.out, "flows_outside_window", buf, sizeof(buf)), "1,records");
	tl_run_free(&r);
	run(&r, NULL, "parse", "-q", "--stats", l, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(metric(r.out, "flow_bytes", buf, sizeof(buf)), "18446744073709551615");
	assert_non_null(strstr(r.err, "warning: flow bytes or packets reached 2^64 - 1"));
	tl_run_free(&r);
	free(l);
	free(t);
}

/* A route to a NAT gateway the topology lacks: analyze says that its
 * ENIs' records count as workloads'. */
static void test_missing_nat_noted(void **state)
{
	static const char topo[] =
		"{\"Vpcs\":[{\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/16\"}],"
		"\"Subnets\":[{\"SubnetId\":\"subnet-a\",\"VpcId\":\"vpc-a\",\"CidrBlock\":\"10.0.0.0/24\"}],"
		"\"RouteTables\":[{\"RouteTableId\":\"rtb-a\",\"VpcId\":\"vpc-a\",\"Associations\":[{\"Main\":true}],"
		"\"Routes\":[{\"DestinationCidrBlock\":\"0.0.0.0/0\",\"NatGatewayId\":\"nat-gone\"},"
		"{\"DestinationCidrBlock\":\"1.0.0.0/8\",\"NatGatewayId\":\"nat-gone\"}]}]}";
	(void)state;
	char *l, *t;
	log_with_topology("nat.log", REC(1), topo, &l, &t);
	struct tl_run r;
	run(&r, NULL, "analyze", "--topology", t, "--report", "paths", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "note: topology: routes target 1 NAT gateway it lacks (nat-gone;"));
	assert_null(strstr(r.err, "not read"));
	tl_run_free(&r);
	/* a topology directory's files that are not read are noted */
	char *dir = tl_mkdtemp(), *tj = tl_path(dir, "vpcs.json"), *tg = tl_path(dir, "subnets.json.gz");
	tl_write_file(tj, topo, strlen(topo));
	tl_write_file(tg, "\x1f\x8b", 2);
	run(&r, NULL, "analyze", "--topology", dir, "--report", "paths", "--format", "csv", l, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "note: topology: 1 file in its directories was not read ("));
	assert_non_null(strstr(r.err, "subnets.json.gz): only *.json files holding describe output of the kinds flowpath reads"));
	tl_run_free(&r);
	tl_rmtree(dir);
	free(tj);
	free(tg);
	free(dir);
	/* the standard input named twice: it can be read once */
	run(&r, l, "analyze", "--topology", t, "--report", "paths", "-", "-", NULL);
	assert_int_equal(r.status, 2);
	assert_int_equal(r.outlen, 0);
	assert_non_null(strstr(r.err, "the standard input is named more than once"));
	tl_run_free(&r);
	/* refused before the list on stdin is read (its entries would be
	 * walked and named missing), for merge too */
	char *list = tl_path(tl_dir, "stdin-list.txt");
	tl_write_file(list, "nowhere-a\nnowhere-b\n", 20);
	run(&r, list, "analyze", "--topology", t, "--files-from", "-", "-", NULL);
	assert_int_equal(r.status, 2);
	assert_null(strstr(r.err, "nowhere"));
	assert_non_null(strstr(r.err, "the standard input is named more than once"));
	tl_run_free(&r);
	run(&r, l, "merge", "-", "-", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "the standard input is named more than once"));
	tl_run_free(&r);
	/* a "-" inside a list file: found once the list is read, and named
	 * <stdin> */
	tl_write_file(list, "-\n", 2);
	run(&r, l, "analyze", "--topology", t, "--files-from", list, "-", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "flowpath: <stdin>: the standard input is named more than once"));
	tl_run_free(&r);
	free(list);
	/* the standard input redirected from a file also named: one file */
	run(&r, l, "analyze", "-q", "--topology", t, "--report", "inputs", "--format", "csv", l, "-", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "-: the same file as "));
	assert_int_equal(tl_count(r.out, "\n"), 2); /* the header and the file */
	tl_run_free(&r);
	/* a folder where a file is wanted: the reason said */
	run(&r, NULL, "merge", tl_dir, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, ": read error: Is a directory"));
	tl_run_free(&r);
	run(&r, NULL, "analyze", "--topology", t, "--pricing", tl_dir, "--report", "paths", l, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, ": read error: Is a directory"));
	tl_run_free(&r);
	free(l);
	free(t);
}

static void test_help_version(void **state)
{
	(void)state;
	struct tl_run r;
	run(&r, NULL, "--help", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Usage: flowpath"));
	assert_non_null(strstr(r.out, "parse"));
	assert_int_equal(r.errlen, 0);
	tl_run_free(&r);
	run(&r, NULL, "parse", "--help", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "--fields"));
	assert_non_null(strstr(r.out, "--format"));
	tl_run_free(&r);
	run(&r, NULL, "--version", NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "flowpath ", 9) == 0);
	tl_run_free(&r);
}

static void test_full_output(void **state)
{
	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	char *p = tl_path(tl_dir, "many.log");
	size_t cap = 200 * 1000, n = 0;
	char *t = malloc(cap);
	for (int i = 0; i < 1500; i++)
		n += (size_t)snprintf(t + n, cap - n, REC(%d), i);
	tl_write_file(p, t, n);
	const char *argv[] = {flowpath, "parse", "--format", "csv", p, NULL};
	struct tl_run r;
	tl_run(argv, NULL, "/dev/full", &r);
	assert_int_equal(r.status, 3);
	assert_non_null(strstr(r.err, "flowpath: standard output: No space left on device"));
	tl_run_free(&r);
	free(t);
	free(p);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_cli FLOWPATH\n");
		return 2;
	}
	flowpath = argv[1];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corrupt_inputs),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_quiet_and_stdin),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_explain_errors),
		cmocka_unit_test(test_explain_source_eni),
		cmocka_unit_test(test_layout_without_bytes),
		cmocka_unit_test(test_transit_gateway_flow_log),
		cmocka_unit_test(test_reject_unpriced_and_window),
		cmocka_unit_test(test_note_subnets_without_route_table),
		cmocka_unit_test(test_region_of_file_names),
		cmocka_unit_test(test_nat_only_talkers),
		cmocka_unit_test(test_explain_region),
		cmocka_unit_test(test_explain_remote_and_forms),
		cmocka_unit_test(test_nat_sources_apart),
		cmocka_unit_test(test_tgw_vantage_outside_note),
		cmocka_unit_test(test_idle_nat_behind_tgw),
		cmocka_unit_test(test_summary_without_flows),
		cmocka_unit_test(test_counts_saturate),
		cmocka_unit_test(test_zero_length_window),
		cmocka_unit_test(test_unresolved_prefix_list_said),
		cmocka_unit_test(test_appliance_totals),
		cmocka_unit_test(test_totals_rules),
		cmocka_unit_test(test_row_limit_keeps_forwarded_out),
		cmocka_unit_test(test_not_nat_traffic_out_of_totals),
		cmocka_unit_test(test_tgw_to_hub_endpoint_counts_both_ways),
		cmocka_unit_test(test_nat64_older_partial_warns),
		cmocka_unit_test(test_audit_analysis_edges),
		cmocka_unit_test(test_totals_remote_in_several_vpcs),
		cmocka_unit_test(test_totals_tgw_own_address),
		cmocka_unit_test(test_day_reads_late_files),
		cmocka_unit_test(test_usage_names_the_option),
		cmocka_unit_test(test_bad_time_names_its_option),
		cmocka_unit_test(test_unpriced_region_noted),
		cmocka_unit_test(test_control_bytes_made_visible),
		cmocka_unit_test(test_parse_csv_drops_fields_warns),
		cmocka_unit_test(test_parse_csv_header_without_records),
		cmocka_unit_test(test_pricing_with_partial_warns),
		cmocka_unit_test(test_ambiguous_subnet_warns),
		cmocka_unit_test(test_layout_without_eni_or_times),
		cmocka_unit_test(test_output_inside_input_dir),
		cmocka_unit_test(test_missing_nat_noted),
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_full_output),
	};
	return cmocka_run_group_tests(tests, tl_dir_setup, tl_dir_teardown);
}
