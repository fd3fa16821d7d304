/* SPDX-License-Identifier: MIT */
/*
 * End-to-end conformance: `flowpath parse --format jsonl` on the published
 * test inputs of other parsers (Elastic Beats, Elastic integrations,
 * Vector's documented examples), read in place from the conformance
 * directory. For every record, each field that means the same thing in the
 * peer's expected output must be equal; the line a peer rejects is counted
 * malformed. Usage: test_conformance FLOWPATH CONFORMANCE_DIR. A missing
 * directory fails the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>

#include "flowlog.h"
#include "fmt.h"
#include "testlib.h"

static const char *flowpath;
static const char *confdir;

/* Layouts of the header-less files, by field count (the peers choose them
 * the same way; Elastic integrations' vpcflow pipeline). */
#define V2 "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
#define V5 V2 " vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path"
#define ECS V5 " ecs-cluster-arn ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id ecs-container-id ecs-second-container-id ecs-service-name ecs-task-definition-arn ecs-task-arn ecs-task-id"
#define V8 ECS " reject-reason"
#define V3_21 "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status"
/* Transit Gateway flow logs: a different log type, its own field names */
#define TGW "version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id tgw-dst-vpc-account-id tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni tgw-src-az-id tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end log-status type packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded packets-lost-ttl-expired tcp-flags region flow-direction pkt-src-aws-service pkt-dst-aws-service"

enum kind { K_STR, K_INT, K_STRNUM, K_ADDR, K_TIME };

/* Our field, its peer (Elastic ECS document) paths, how to compare. */
static const struct {
	const char *ours;
	const char *peer[2];
	enum kind kind;
} fieldmap[] = {
	{"version", {"aws.vpcflow.version"}, K_STRNUM},
	{"account-id", {"aws.vpcflow.account_id", "cloud.account.id"}, K_STR},
	{"interface-id", {"aws.vpcflow.interface_id"}, K_STR},
	{"srcaddr", {"source.address", "source.ip"}, K_ADDR},
	{"dstaddr", {"destination.address", "destination.ip"}, K_ADDR},
	{"srcport", {"source.port"}, K_INT},
	{"dstport", {"destination.port"}, K_INT},
	{"protocol", {"network.iana_number"}, K_STRNUM},
	{"packets", {"source.packets", "network.packets"}, K_INT},
	{"bytes", {"source.bytes", "network.bytes"}, K_INT},
	{"start", {"event.start"}, K_TIME},
	{"end", {"event.end", "@timestamp"}, K_TIME},
	{"action", {"aws.vpcflow.action"}, K_STR},
	{"log-status", {"aws.vpcflow.log_status"}, K_STR},
	{"vpc-id", {"aws.vpcflow.vpc_id"}, K_STR},
	{"subnet-id", {"aws.vpcflow.subnet_id"}, K_STR},
	{"instance-id", {"aws.vpcflow.instance_id", "cloud.instance.id"}, K_STR},
	{"tcp-flags", {"aws.vpcflow.tcp_flags"}, K_STRNUM},
	{"type", {"aws.vpcflow.type"}, K_STR},
	{"pkt-srcaddr", {"aws.vpcflow.pkt_srcaddr"}, K_ADDR},
	{"pkt-dstaddr", {"aws.vpcflow.pkt_dstaddr"}, K_ADDR},
	{"region", {"cloud.region"}, K_STR},
	{"az-id", {"cloud.availability_zone"}, K_STR},
	{"pkt-src-aws-service", {"aws.vpcflow.pkt_src_service"}, K_STR},
	{"pkt-dst-aws-service", {"aws.vpcflow.pkt_dst_service"}, K_STR},
	{"flow-direction", {"network.direction"}, K_STR},
	{"traffic-path", {"aws.vpcflow.traffic_path"}, K_STRNUM},
	{"reject-reason", {"event.reason"}, K_STR},
	{"ecs-cluster-arn", {"aws.vpcflow.ecs_cluster_arn", "orchestrator.cluster.id"}, K_STR},
	{"ecs-cluster-name", {"orchestrator.cluster.name"}, K_STR},
	{"ecs-container-instance-arn", {"orchestrator.resource.name"}, K_STR},
	{"ecs-container-instance-id", {"orchestrator.resource.id"}, K_STR},
	{"ecs-container-id", {"aws.vpcflow.ecs_container_id"}, K_STR},
	{"ecs-second-container-id", {"aws.vpcflow.ecs_second_container_id"}, K_STR},
	{"ecs-service-name", {"service.name"}, K_STR},
	{"ecs-task-definition-arn", {"aws.vpcflow.ecs_task_definition_arn"}, K_STR},
	{"ecs-task-arn", {"aws.vpcflow.ecs_task_arn"}, K_STR},
	{"ecs-task-id", {"aws.vpcflow.ecs_task_id"}, K_STR},
};

static char *conf(const char *rel)
{
	return tl_path(confdir, rel);
}

/* A peer value by dotted path: Beats documents use flat dotted keys,
 * integrations documents nest them. */
static json_t *peer_get(json_t *doc, const char *path)
{
	json_t *v = json_object_get(doc, path);
	if (v)
		return v;
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", path);
	json_t *cur = doc;
	for (char *tok = strtok(buf, "."); tok && cur; tok = strtok(NULL, "."))
		cur = json_is_object(cur) ? json_object_get(cur, tok) : NULL;
	return cur;
}

/* Elastic leaves "-" in a few copied fields (cloud.region): absent too. */
static int peer_absent(json_t *v)
{
	return !v || json_is_null(v) || (json_is_string(v) && strcmp(json_string_value(v), "-") == 0);
}

static int addr_eq(const char *a, const char *b)
{
	struct fl_addr x, y;
	if (fl_addr_parse(a, strlen(a), &x) || fl_addr_parse(b, strlen(b), &y))
		return 0;
	return x.family == y.family && memcmp(x.b, y.b, 16) == 0;
}

/* "2014-12-14T04:07:50.000Z" to Unix seconds. */
static int peer_time(const char *s, int64_t *t)
{
	char buf[32];
	if (strlen(s) < 19)
		return -1;
	snprintf(buf, sizeof(buf), "%.19sZ", s);
	return fmt_parse_time(buf, t);
}

/* Compare one of our records with one peer document; returns fields compared. */
static int compare(const char *file, int idx, json_t *ours, json_t *peer)
{
	int compared = 0;
	for (size_t i = 0; i < sizeof(fieldmap) / sizeof(fieldmap[0]); i++) {
		json_t *o = json_object_get(ours, fieldmap[i].ours);
		json_t *p = peer_get(peer, fieldmap[i].peer[0]);
		if (peer_absent(p) && fieldmap[i].peer[1])
			p = peer_get(peer, fieldmap[i].peer[1]);
		if (!o || json_is_null(o)) {
			if (!peer_absent(p))
				fail_msg("%s #%d: %s: flowpath has none, peer has %s", file, idx,
					 fieldmap[i].ours, json_dumps(p, JSON_ENCODE_ANY));
			continue;
		}
		if (peer_absent(p))
			fail_msg("%s #%d: %s: flowpath has %s, peer has none", file, idx,
				 fieldmap[i].ours, json_dumps(o, JSON_ENCODE_ANY));
		int ok = 0;
		char num[32];
		int64_t t;
		switch (fieldmap[i].kind) {
		case K_STR:
			ok = json_is_string(o) && json_is_string(p) &&
			     strcmp(json_string_value(o), json_string_value(p)) == 0;
			break;
		case K_INT:
			ok = json_is_integer(o) && json_is_integer(p) &&
			     json_integer_value(o) == json_integer_value(p);
			break;
		case K_STRNUM:
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(o));
			ok = json_is_integer(o) && json_is_string(p) && strcmp(num, json_string_value(p)) == 0;
			break;
		case K_ADDR:
			ok = json_is_string(o) && json_is_string(p) &&
			     addr_eq(json_string_value(o), json_string_value(p));
			break;
		case K_TIME:
			ok = json_is_integer(o) && json_is_string(p) &&
			     peer_time(json_string_value(p), &t) == 0 && t == json_integer_value(o);
			break;
		}
		if (!ok)
			fail_msg("%s #%d: %s: flowpath %s, peer %s", file, idx, fieldmap[i].ours,
				 json_dumps(o, JSON_ENCODE_ANY), json_dumps(p, JSON_ENCODE_ANY));
		compared++;
	}
	return compared;
}

/* Run flowpath parse on one file; records as a JSON array. */
static json_t *run_parse(const char *path, const char *fields, int *status, char **err)
{
	const char *argv[8];
	int n = 0;
	argv[n++] = flowpath;
	argv[n++] = "parse";
	argv[n++] = "--format";
	argv[n++] = "jsonl";
	if (fields) {
		argv[n++] = "--fields";
		argv[n++] = fields;
	}
	argv[n++] = path;
	argv[n] = NULL;
	struct tl_run r;
	tl_run(argv, NULL, NULL, &r);
	json_t *arr = json_array();
	char *save = NULL;
	for (char *line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		json_error_t je;
		json_t *j = json_loads(line, 0, &je);
		if (!j || !json_is_object(j))
			fail_msg("%s: not a JSON object: %s", path, line);
		json_array_append_new(arr, j);
	}
	*status = r.status;
	*err = strdup(r.err);
	tl_run_free(&r);
	return arr;
}

static json_t *load_expected(const char *path)
{
	json_error_t je;
	json_t *j = json_load_file(path, 0, &je);
	if (!j)
		fail_msg("%s: %s", path, je.text);
	if (json_is_object(j)) {
		json_t *e = json_incref(json_object_get(j, "expected"));
		json_decref(j);
		j = e;
	}
	assert_true(json_is_array(j));
	return j;
}

/* A file with the peer's expected output next to it. */
static void check_file(const char *rel, const char *fields, size_t want_records)
{
	char *path = conf(rel);
	char exp_rel[256];
	snprintf(exp_rel, sizeof(exp_rel), "%s-expected.json", rel);
	char *exp_path = conf(exp_rel);
	int status;
	char *err;
	json_t *ours = run_parse(path, fields, &status, &err);
	json_t *peer = load_expected(exp_path);
	if (status != 0)
		fail_msg("%s: exit %d: %s", rel, status, err);
	assert_int_equal(json_array_size(ours), json_array_size(peer));
	assert_int_equal(json_array_size(ours), want_records);
	int compared = 0;
	for (size_t i = 0; i < json_array_size(ours); i++)
		compared += compare(rel, (int)i, json_array_get(ours, i), json_array_get(peer, i));
	assert_true(compared >= (int)want_records * 4);
	json_decref(ours);
	json_decref(peer);
	free(err);
	free(path);
	free(exp_path);
}

static void test_dir_present(void **state)
{
	(void)state;
	struct stat st;
	char *b = conf("elastic-beats"), *i = conf("elastic-integrations"), *v = conf("vector-vrl-examples.json");
	if (stat(confdir, &st) != 0 || stat(b, &st) != 0 || stat(i, &st) != 0 || stat(v, &st) != 0)
		fail_msg("conformance inputs missing under %s", confdir);
	free(b);
	free(i);
	free(v);
}

static void test_beats(void **state)
{
	(void)state;
	/* files with a header line, detected */
	check_file("elastic-beats/accept-reject-traffic.log", NULL, 4);
	check_file("elastic-beats/custom-nat-gateway.log", NULL, 2);
	check_file("elastic-beats/custom-transit-gateway.log", NULL, 1);
	check_file("elastic-beats/tcp-flag-sequence.log", NULL, 3);
	check_file("elastic-beats/tcp-flag-sequence-skip-data.log", NULL, 2);
	/* header-less: the default v2 layout, and the same spelled out */
	check_file("elastic-beats/ipv6.log", NULL, 1);
	check_file("elastic-beats/no-data-skip-data.log", NULL, 2);
	check_file("elastic-beats/no-data-skip-data.log", "${version} ${account-id} ${interface-id} "
			"${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} "
			"${start} ${end} ${action} ${log-status}", 2);
}

static void test_beats_bad(void **state)
{
	(void)state;
	char *path = conf("elastic-beats/bad.log");
	const char *argv[] = {flowpath, "parse", "--stats", "--format", "jsonl", path, NULL};
	struct tl_run r;
	tl_run(argv, NULL, NULL, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "{\"metric\":\"malformed\",\"value\":1}"));
	assert_non_null(strstr(r.out, "{\"metric\":\"flows\",\"value\":0}"));
	assert_non_null(strstr(r.out, "{\"metric\":\"lines\",\"value\":1}"));
	assert_non_null(strstr(r.out, "{\"metric\":\"wrong_field_count\",\"value\":1}"));
	assert_non_null(strstr(r.err, "bad.log:1: wrong field count"));
	tl_run_free(&r);
	/* the peer keeps the line only as its original text, no parsed field */
	char *exp = conf("elastic-beats/bad.log-expected.json");
	json_t *peer = load_expected(exp);
	assert_int_equal(json_array_size(peer), 1);
	assert_null(peer_get(json_array_get(peer, 0), "aws.vpcflow.version"));
	assert_null(peer_get(json_array_get(peer, 0), "source.address"));
	json_decref(peer);
	free(exp);
	free(path);
}

static void test_integrations(void **state)
{
	(void)state;
	check_file("elastic-integrations/test-v5-all-fields.log", V5, 1);
	check_file("elastic-integrations/test-v8-samples.log", V8, 1);
	check_file("elastic-integrations/test-tcp-flag-sequence.log", V3_21, 3);
	check_file("elastic-integrations/test-with-message-field.log", NULL, 1);
}

/* Files without an expected document here: every value must be the
 * line's own column under the layout ("-" as null, numbers as numbers),
 * checked against an independent split of the raw line. */
static void check_against_lines(const char *rel, const char *fields, size_t want, int *ok, int *nodata,
				int *skipdata)
{
	char *path = conf(rel);
	int status;
	char *err;
	json_t *ours = run_parse(path, fields, &status, &err);
	if (status != 0)
		fail_msg("%s: exit %d: %s", rel, status, err);
	assert_int_equal(json_array_size(ours), want);
	char *text = tl_read_file(path, NULL);
	char names[64][64];
	int nn = 0;
	char fb[4096];
	snprintf(fb, sizeof(fb), "%s", fields);
	for (char *t = strtok(fb, " "); t; t = strtok(NULL, " "))
		snprintf(names[nn++], sizeof(names[0]), "%s", t);
	char *save = NULL;
	size_t rec = 0;
	*ok = *nodata = *skipdata = 0;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save), rec++) {
		json_t *o = json_array_get(ours, rec);
		assert_non_null(o);
		assert_int_equal(json_object_size(o), nn);
		char *s2 = NULL;
		int c = 0;
		for (char *tok = strtok_r(line, " ", &s2); tok; tok = strtok_r(NULL, " ", &s2), c++) {
			assert_true(c < nn);
			json_t *v = json_object_get(o, names[c]);
			if (!v)
				fail_msg("%s #%zu: no key %s", rel, rec, names[c]);
			if (strcmp(tok, "-") == 0) {
				assert_true(json_is_null(v));
			} else if (json_is_integer(v)) {
				char num[32];
				snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
				assert_string_equal(num, tok);
			} else if (!json_is_string(v)) {
				fail_msg("%s #%zu: %s is neither string nor number", rel, rec, names[c]);
			} else if (strstr(names[c], "addr")) {
				assert_true(addr_eq(json_string_value(v), tok));
			} else {
				assert_string_equal(json_string_value(v), tok);
			}
			if (strcmp(names[c], "log-status") == 0) {
				*ok += strcmp(tok, "OK") == 0;
				*nodata += strcmp(tok, "NODATA") == 0;
				*skipdata += strcmp(tok, "SKIPDATA") == 0;
			}
		}
		assert_int_equal(c, nn);
	}
	assert_int_equal(rec, want);
	free(text);
	json_decref(ours);
	free(err);
	free(path);
}

static void test_integrations_unexpected(void **state)
{
	(void)state;
	int ok, nodata, skipdata;
	check_against_lines("elastic-integrations/test-ecs-samples.log", ECS, 10, &ok, &nodata, &skipdata);
	assert_int_equal(ok + nodata + skipdata, 10);
	check_against_lines("elastic-integrations/test-extra-samples.log", V2, 7, &ok, &nodata, &skipdata);
	assert_int_equal(ok, 5);
	assert_int_equal(nodata, 1);
	assert_int_equal(skipdata, 1);
}

/* Transit Gateway flow logs: known names parse, the rest are ignored
 * columns kept under their names. Values checked against the peer's
 * published expected output for this file (elastic/integrations). */
static void test_tgw(void **state)
{
	(void)state;
	int ok, nodata, skipdata;
	check_against_lines("elastic-integrations/test-tgw-samples.log", TGW, 10, &ok, &nodata, &skipdata);
	assert_int_equal(ok + nodata + skipdata, 10);
	char *path = conf("elastic-integrations/test-tgw-samples.log");
	const char *argv[] = {flowpath, "parse", "--format", "jsonl", "--fields", TGW, path, NULL};
	struct tl_run r;
	tl_run(argv, NULL, NULL, &r);
	assert_int_equal(r.status, 0);
	char *nl = strchr(r.out, '\n');
	assert_non_null(nl);
	*nl = '\0';
	json_t *o = json_loads(r.out, 0, NULL);
	assert_non_null(o);
	static const struct {
		const char *k, *s;
		long long n;
	} want[] = {
		{"version", NULL, 3},
		{"account-id", "748335378900", 0},
		{"srcaddr", "1.128.0.0", 0},
		{"dstaddr", "2a02:cf40::", 0},
		{"srcport", NULL, 39464},
		{"dstport", NULL, 22},
		{"protocol", NULL, 6},
		{"packets", NULL, 49},
		{"bytes", NULL, 8947},
		{"start", NULL, 1755592533}, /* 2025-08-19T08:35:33Z */
		{"end", NULL, 1755592558},   /* 2025-08-19T08:35:58Z */
		{"log-status", "SKIPDATA", 0},
		{"flow-direction", "ingress", 0},
		{"tgw-id", "tgw-0a12bc34de56f7890", 0},
		{"tgw-attachment-id", "tgw-attach-0789ijkl", 0},
		{"tgw-src-vpc-id", "vpc-0jkl5678", 0},
		{"tgw-dst-eni", "eni-0cc3dd4ee5f66aa7b", 0},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		json_t *v = json_object_get(o, want[i].k);
		assert_non_null(v);
		if (want[i].s)
			assert_string_equal(json_string_value(v), want[i].s);
		else
			assert_int_equal(json_integer_value(v), want[i].n);
	}
	assert_true(json_is_null(json_object_get(o, "region")));
	assert_true(json_is_null(json_object_get(o, "resource-type")));
	assert_true(json_is_null(json_object_get(o, "tcp-flags")));
	json_decref(o);
	tl_run_free(&r);
	free(path);
}

/* Pull the string literals out of a VRL call: the value and the format. */
static int vrl_strings(const char *src, char out[2][1024])
{
	int n = 0;
	const char *p = src;
	while (n < 2 && (p = strchr(p, '"')) != NULL) {
		size_t o = 0;
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			if (o + 1 < 1024)
				out[n][o++] = *p;
		}
		out[n][o] = '\0';
		n++;
		if (*p)
			p++;
	}
	return n;
}

static void test_vector(void **state)
{
	(void)state;
	char *path = conf("vector-vrl-examples.json");
	json_error_t je;
	json_t *doc = json_load_file(path, 0, &je);
	assert_non_null(doc);
	json_t *examples = json_object_get(doc, "examples");
	assert_true(json_array_size(examples) >= 4);
	char *dir = tl_mkdtemp();
	char *line_path = tl_path(dir, "line.log");
	size_t i;
	json_t *ex;
	int checked = 0;
	json_array_foreach(examples, i, ex) {
		const char *src = json_string_value(json_object_get(ex, "source"));
		json_t *ret = json_object_get(ex, "return");
		char lit[2][1024];
		int n = vrl_strings(src, lit);
		assert_true(n >= 1);
		tl_write_file(line_path, lit[0], strlen(lit[0]));
		int status;
		char *err;
		json_t *ours = run_parse(line_path, n == 2 ? lit[1] : NULL, &status, &err);
		if (status != 0)
			fail_msg("example %zu: exit %d: %s", i, status, err);
		assert_int_equal(json_array_size(ours), 1);
		json_t *o = json_array_get(ours, 0);
		/* the same keys (Vector spells them with underscores) */
		assert_int_equal(json_object_size(o), json_object_size(ret));
		const char *key;
		json_t *want;
		json_object_foreach(ret, key, want) {
			char hy[64];
			snprintf(hy, sizeof(hy), "%s", key);
			for (char *c = hy; *c; c++)
				if (*c == '_')
					*c = '-';
			json_t *got = json_object_get(o, hy);
			if (!got)
				got = json_object_get(o, key); /* an ignored column keeps its spelling */
			if (!got)
				fail_msg("example %zu: no %s", i, key);
			int eq;
			if (json_is_string(want) && json_is_string(got) && strstr(key, "addr"))
				eq = addr_eq(json_string_value(want), json_string_value(got));
			else
				eq = json_equal(want, got);
			if (!eq)
				fail_msg("example %zu: %s: flowpath %s, Vector %s", i, key,
					 json_dumps(got, JSON_ENCODE_ANY), json_dumps(want, JSON_ENCODE_ANY));
			checked++;
		}
		json_decref(ours);
		free(err);
	}
	assert_true(checked >= 60);
	json_decref(doc);
	tl_rmtree(dir);
	free(dir);
	free(line_path);
	free(path);
}

/* Every conformance log at once, as a directory: the totals add up. */
static void test_all_at_once(void **state)
{
	(void)state;
	char *b = conf("elastic-beats");
	const char *argv[] = {flowpath, "parse", "--stats", "--format", "csv", b, NULL};
	struct tl_run r;
	tl_run(argv, NULL, NULL, &r);
	/* bad.log is malformed; the expected JSON files are not flow logs
	 * either, so only the exit status and the .log totals are checked */
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "metric,value\nfiles,16\n"));
	tl_run_free(&r);
	free(b);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: test_conformance FLOWPATH CONFORMANCE_DIR\n");
		return 2;
	}
	flowpath = argv[1];
	confdir = argv[2];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir_present),
		cmocka_unit_test(test_beats),
		cmocka_unit_test(test_beats_bad),
		cmocka_unit_test(test_integrations),
		cmocka_unit_test(test_integrations_unexpected),
		cmocka_unit_test(test_tgw),
		cmocka_unit_test(test_vector),
		cmocka_unit_test(test_all_at_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
