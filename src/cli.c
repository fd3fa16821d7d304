/* SPDX-License-Identifier: MIT */
/* Command line parsing and help from one table; see cli.h. */
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <string.h>
#include <time.h>

#include "fmt.h"
#include "report.h"
#include "util.h"

enum opt_key {
	OPT_FIELDS = 256,
	OPT_FORMAT,
	OPT_COLUMNS,
	OPT_STATS,
	OPT_GZIP,
	OPT_MAX_LINE,
	OPT_MAX_ERRORS,
	OPT_TOPOLOGY,
	OPT_IP_RANGES,
	OPT_REPORT,
	OPT_ENI,
	OPT_SUBNET,
	OPT_ACCOUNT,
	OPT_DST_SERVICE,
	OPT_SRC_SERVICE,
	OPT_PKT_SRC,
	OPT_PKT_DST,
	OPT_DIRECTION,
	OPT_REGION,
	OPT_VPC,
	OPT_PRICING,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_DAY,
	OPT_FILES_FROM,
	OPT_SHARD,
	OPT_EMIT,
	OPT_MAX_ROWS,
	OPT_MAX_TALKERS,
	OPT_MAX_TOPOLOGY_BYTES,
	OPT_MAX_RANGES,
};

#define ALL_CMDS (~0u)
#define READERS (CMDBIT(CMD_PARSE) | CMDBIT(CMD_ANALYZE))
#define MODEL (CMDBIT(CMD_ANALYZE) | CMDBIT(CMD_EXPLAIN) | CMDBIT(CMD_MERGE))
#define REPORTERS (CMDBIT(CMD_ANALYZE) | CMDBIT(CMD_MERGE))
/* options of the model's files, which topology check reads too */
#define MODEL_FILES (MODEL | CMDBIT(CMD_TOPOLOGY))

/* Options with a short name use the letter as key; long-only ones an OPT_. */
const struct cli_opt cli_opts[] = {
	{OPT_FIELDS, "fields", 0, "FORMAT", READERS,
	 "layout of input without a header line: field names separated by spaces or commas, "
	 "as AWS spells them (account-id), in the console's ${account-id} form or with "
	 "underscores; default: the version 2 format"},
	{OPT_TOPOLOGY, "topology", 0, "PATH", MODEL,
	 "topology: a JSON file as the AWS CLI prints it (describe-vpcs, describe-subnets, "
	 "describe-route-tables, ...) or a directory of them; repeatable"},
	{OPT_IP_RANGES, "ip-ranges", 0, "FILE", MODEL_FILES,
	 "AWS's ip-ranges.json: which addresses belong to which AWS service"},
	{OPT_REPORT, "report", 0, "LIST", REPORTERS,
	 "reports to write, comma-separated: summary, paths, recommendations, talkers, "
	 "timeline, inputs, nat-talkers (default: summary on a terminal, else paths; for html, summary, "
	 "recommendations and paths)"},
	{OPT_PRICING, "pricing", 0, "FILE", REPORTERS,
	 "prices to use instead of the built-in ones: a CSV with the header region,item,usd"},
	{OPT_SINCE, "since", 0, "TIME", CMDBIT(CMD_ANALYZE),
	 "count only flows whose end is at or after TIME (ISO 8601 UTC, e.g. 2026-11-25T00:00Z)"},
	{OPT_UNTIL, "until", 0, "TIME", CMDBIT(CMD_ANALYZE), "count only flows whose end is before TIME"},
	{OPT_DAY, "day", 0, "DATE", CMDBIT(CMD_ANALYZE),
	 "the same as --since DATE --until the next day (not with them); DATE is YYYY-MM-DD, or the word "
	 "today or yesterday (UTC)"},
	{'j', "jobs", 'j', "N", CMDBIT(CMD_ANALYZE),
	 "use N threads (default: the number of cores): up to N files are read in parallel, and "
	 "a single file gets two threads when N >= 2; the output is the same for any N"},
	{OPT_FILES_FROM, "files-from", 0, "FILE", CMDBIT(CMD_ANALYZE),
	 "read more INPUTs from FILE (- for standard input), one path per line, or "
	 "NUL-separated (find -print0) when FILE holds a NUL byte"},
	{OPT_SHARD, "shard", 0, "I/N", CMDBIT(CMD_ANALYZE),
	 "read only the I-th of N equal shares of the input list (0 <= I < N), e.g. "
	 "$AWS_BATCH_JOB_ARRAY_INDEX/$AWS_BATCH_JOB_ARRAY_SIZE"},
	{OPT_EMIT, "emit", 0, "partial", REPORTERS,
	 "write a partial aggregate (for flowpath merge) instead of reports"},
	{OPT_MAX_ROWS, "max-rows", 0, "N", REPORTERS,
	 "most distinct rows of the core aggregate; flows of further keys are counted in "
	 "row-limit rows, one per vantage, side, direction, action, path, whether it had a "
	 "remote VPC and whether its reason kept it out of totals (default 1000000)"},
	{OPT_MAX_TALKERS, "max-talkers", 0, "N", REPORTERS,
	 "most talker keys (a workload with one path, service, direction and action); further ones "
	 "are counted in one (other) row (default 200000); nat-talkers has a limit of its own, "
	 "the same N"},
	{OPT_MAX_TOPOLOGY_BYTES, "max-topology-bytes", 0, "N", MODEL_FILES,
	 "largest topology or ip-ranges JSON file to load (default 268435456)"},
	{OPT_MAX_RANGES, "max-ranges", 0, "N", MODEL_FILES,
	 "most ip-ranges prefixes to load (default 1000000)"},
	{'o', "output", 'o', "FILE", CMDBIT(CMD_PARSE) | REPORTERS,
	 "write to FILE (through a temporary file renamed at the end: never a half-written file; "
	 "a symbolic link is followed, a device or FIFO written directly; - is standard output)"},
	{OPT_ENI, "eni", 0, "ENI", CMDBIT(CMD_EXPLAIN),
	 "the interface that captured the flow (without it, the interface of the topology that "
	 "holds SRC, when only one does; - for a record without interface-id)"},
	{OPT_SUBNET, "subnet", 0, "SUBNET", CMDBIT(CMD_EXPLAIN), "the subnet of the source"},
	{OPT_ACCOUNT, "account", 0, "ID", CMDBIT(CMD_EXPLAIN), "the account of the flow log"},
	{OPT_DST_SERVICE, "dst-service", 0, "CODE", CMDBIT(CMD_EXPLAIN),
	 "the flow's pkt-dst-aws-service, as its record carries it (a service code such as S3 or "
	 "AMAZON): it names the service before ip-ranges does, as in analyze"},
	{OPT_SRC_SERVICE, "src-service", 0, "CODE", CMDBIT(CMD_EXPLAIN),
	 "the flow's pkt-src-aws-service (as --dst-service: a reply from the service, whose "
	 "source is the remote)"},
	{OPT_PKT_SRC, "pkt-src", 0, "ADDR", CMDBIT(CMD_EXPLAIN),
	 "the record's pkt-srcaddr, whenever the record has it (a NAT gateway's record is read "
	 "otherwise without it, even when it equals SRC)"},
	{OPT_PKT_DST, "pkt-dst", 0, "ADDR", CMDBIT(CMD_EXPLAIN),
	 "the record's pkt-dstaddr, whenever the record has it (as for --pkt-src)"},
	{OPT_DIRECTION, "direction", 0, "DIR", CMDBIT(CMD_EXPLAIN),
	 "the record's flow-direction, egress, ingress or - for none (with --subnet, egress unless "
	 "given)"},
	{OPT_REGION, "region", 0, "REGION", CMDBIT(CMD_EXPLAIN),
	 "the record's region (as analyze takes it from the field, or from the S3 file name): "
	 "it narrows the VPCs an interface the topology lacks may be in"},
	{OPT_VPC, "vpc", 0, "VPC", CMDBIT(CMD_EXPLAIN), "the record's vpc-id (as --region)"},
	{OPT_FORMAT, "format", 0, "FMT", CMDBIT(CMD_PARSE) | REPORTERS,
	 "output format: parse writes csv, tsv, jsonl or null (count only), default csv; "
	 "analyze writes table, csv, tsv, jsonl, json (one document holding every report) or html "
	 "(one page holding every report), default table on a terminal, else csv"},
	{OPT_COLUMNS, "columns", 0, "LIST", CMDBIT(CMD_PARSE),
	 "CSV/TSV columns: field names as for --fields, or 'all'; default: the known fields "
	 "of the first input's layout"},
	{OPT_STATS, "stats", 0, NULL, CMDBIT(CMD_PARSE),
	 "write the input accounting as a report (metric, value) in the output format "
	 "instead of the records"},
	{OPT_GZIP, "gzip-backend", 0, "NAME", READERS,
	 "gzip decompression: isal (fast, the default when built with ISA-L) or zlib"},
	{OPT_MAX_LINE, "max-line", 0, "BYTES", READERS,
	 "longest line accepted; longer lines are malformed (default 65536)"},
	{OPT_MAX_ERRORS, "max-errors", 0, "N", READERS,
	 "malformed-line messages shown on stderr before only counting (default 20)"},
	{'q', "quiet", 'q', NULL, ALL_CMDS, "no notes and no summary on stderr, unless input was lost; errors and warnings are still reported"},
	{'h', "help", 'h', NULL, ALL_CMDS, "show this help and exit"},
	{'V', "version", 'V', NULL, ALL_CMDS, "show the version and exit"},
	{0, NULL, 0, NULL, 0, NULL},
};

const struct cli_cmd_info cli_cmds[CMD_NCMDS] = {
	[CMD_NONE] = {"", "COMMAND [options] ...", "where the network money of a VPC goes"},
	[CMD_PARSE] = {"parse", "[options] INPUT...",
		       "print flow log records normalised, for other tools"},
	[CMD_ANALYZE] = {"analyze", "--topology PATH [--ip-ranges FILE] [options] INPUT...",
			 "decide every flow's path and aggregate bytes by path"},
	[CMD_MERGE] = {"merge", "[--topology PATH] [options] PARTIAL...",
		       "combine partial aggregates (analyze --emit partial) and write reports"},
	[CMD_EXPLAIN] = {"explain", "--topology PATH [--ip-ranges FILE] [--eni ENI | --subnet SUBNET "
				    "| --account ID] [SRC] DST",
			 "show step by step how a flow's path is decided"},
	[CMD_TOPOLOGY] = {"topology", "check [--ip-ranges FILE] PATH...", "load a topology, count what it holds and lint it"},
};

static enum cli_cmd find_cmd(const char *name)
{
	for (int c = 1; c < CMD_NCMDS; c++)
		if (strcmp(cli_cmds[c].name, name) == 0)
			return (enum cli_cmd)c;
	return CMD_NONE;
}

static enum out_format parse_format(const char *s)
{
	static const char *const names[] = {
		[FMT_CSV] = "csv",     [FMT_TSV] = "tsv",     [FMT_JSONL] = "jsonl",
		[FMT_JSON] = "json",   [FMT_TABLE] = "table", [FMT_NULL] = "null",
		[FMT_HTML] = "html",
	};
	for (int i = FMT_CSV; i <= FMT_HTML; i++)
		if (strcmp(names[i], s) == 0)
			return (enum out_format)i;
	return FMT_DEFAULT;
}

/* A value explain can write as a record's field: one word, not the
 * "-" of an absent one. */
static int record_word(const char *s)
{
	return s[0] && strcspn(s, " \t\r\n") == strlen(s) && strcmp(s, "-") != 0;
}

static int usage(char *err, size_t errlen, const char *fmt, const char *arg)
	__attribute__((format(printf, 3, 0)));

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
/* fmt is always one of this file's literals with a single %s. */
static int usage(char *err, size_t errlen, const char *fmt, const char *arg)
{
	snprintf(err, errlen, fmt, arg);
	return -1;
}
#pragma GCC diagnostic pop

int cli_parse(int argc, char **argv, struct options *o, char *err, size_t errlen)
{
	struct option longopts[sizeof(cli_opts) / sizeof(cli_opts[0])];
	char shortopts[64];
	size_t nl = 0, ns = 0;
	uint64_t v;

	memset(o, 0, sizeof(*o));
	o->max_errors = 20;
	o->since = INT64_MIN;
	o->until = INT64_MAX;
	if (argc < 2) {
		snprintf(err, errlen, "no command given");
		return -1;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		o->help = 1;
		return 0;
	}
	if (strcmp(argv[1], "--man") == 0) {
		o->man = 1;
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		o->version = 1;
		return 0;
	}
	o->cmd = find_cmd(argv[1]);
	if (o->cmd == CMD_NONE)
		return usage(err, errlen, "unknown command '%s'", argv[1]);

	shortopts[ns++] = ':';
	for (const struct cli_opt *op = cli_opts; op->name; op++) {
		if (!(op->cmds & CMDBIT(o->cmd)))
			continue;
		longopts[nl].name = op->name;
		longopts[nl].has_arg = op->argname ? required_argument : no_argument;
		longopts[nl].flag = NULL;
		longopts[nl].val = op->key;
		nl++;
		if (op->short_name) {
			shortopts[ns++] = (char)op->short_name;
			if (op->argname)
				shortopts[ns++] = ':';
		}
	}
	memset(&longopts[nl], 0, sizeof(longopts[nl]));
	shortopts[ns] = '\0';

	optind = 1;
	opterr = 0;
	int c, window_opts = 0; /* 1: --since/--until given, 2: --day */
	while ((c = getopt_long(argc - 1, argv + 1, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			o->help = 1;
			return 0;
		case 'V':
			o->version = 1;
			return 0;
		case 'q':
			o->quiet = 1;
			break;
		case OPT_FIELDS: {
			char why[128];
			if (fl_layout_from_spec(&o->fields, optarg, strlen(optarg), why, sizeof(why)))
				return usage(err, errlen, "--fields: %s", why);
			if (o->fields.fields == 0)
				return usage(err, errlen, "--fields: no field flowpath knows in '%s'", optarg);
			o->have_fields = 1;
			break;
		}
		case OPT_COLUMNS: {
			char why[128];
			if (strcmp(optarg, "all") == 0) {
				char all[2048] = "";
				for (int f = 0; f < FL_NFIELDS; f++) {
					strcat(all, fl_fields[f].name);
					strcat(all, " ");
				}
				fl_layout_from_spec(&o->columns, all, strlen(all), why, sizeof(why));
			} else if (fl_layout_from_spec(&o->columns, optarg, strlen(optarg), why,
						       sizeof(why))) {
				return usage(err, errlen, "--columns: %s", why);
			}
			if (o->columns.nignored > 0)
				return usage(err, errlen,
					     "--columns: '%s' is not a field flowpath knows (CSV and TSV hold "
					     "known fields; --format jsonl keeps every column)",
					     o->columns.ignored[o->columns.ignored_col[0]]);
			o->have_columns = 1;
			break;
		}
		case OPT_FORMAT:
			o->format = parse_format(optarg);
			if (o->format == FMT_DEFAULT)
				return usage(err, errlen,
					     "--format: unknown format '%s' (known: csv, tsv, jsonl, json, table, "
					     "html, null; not every command takes each)",
					     optarg);
			break;
		case OPT_TOPOLOGY:
			o->topologies = xrealloc(o->topologies,
						 (size_t)(o->ntopologies + 1) * sizeof(*o->topologies));
			o->topologies[o->ntopologies++] = optarg;
			break;
		case OPT_IP_RANGES:
			o->ip_ranges = optarg;
			break;
		case OPT_REPORT:
			o->reports = optarg;
			break;
		case OPT_ENI:
			o->eni = optarg;
			break;
		case OPT_SUBNET:
			o->subnet = optarg;
			break;
		case OPT_ACCOUNT:
			o->account = optarg;
			break;
		case OPT_DST_SERVICE:
		case OPT_SRC_SERVICE:
			if (!record_word(optarg))
				return usage(err, errlen,
					     c == OPT_DST_SERVICE ? "--dst-service: '%s' is not a service code"
								  : "--src-service: '%s' is not a service code",
					     optarg);
			*(c == OPT_DST_SERVICE ? &o->dst_service : &o->src_service) = optarg;
			break;
		case OPT_PKT_SRC:
			o->pkt_src = optarg;
			break;
		case OPT_PKT_DST:
			o->pkt_dst = optarg;
			break;
		case OPT_DIRECTION:
			if (strcmp(optarg, "egress") != 0 && strcmp(optarg, "ingress") != 0 &&
			    strcmp(optarg, "-") != 0)
				return usage(err, errlen, "--direction: '%s' is not egress, ingress or -", optarg);
			o->direction = optarg;
			break;
		case OPT_REGION:
		case OPT_VPC:
			if (!record_word(optarg))
				return usage(err, errlen,
					     c == OPT_REGION ? "--region: '%s' is not a region" : "--vpc: '%s' is not a VPC id",
					     optarg);
			*(c == OPT_REGION ? &o->region : &o->vpc) = optarg;
			break;
		case OPT_PRICING:
			o->pricing = optarg;
			break;
		case OPT_SINCE:
		case OPT_UNTIL: {
			int64_t tv;
			if (fmt_parse_time(optarg, &tv) != 0)
				return usage(err, errlen,
					     c == OPT_SINCE
						     ? "--since: '%s' is not a time (YYYY-MM-DD[THH:MM[:SS]][Z], UTC)"
						     : "--until: '%s' is not a time (YYYY-MM-DD[THH:MM[:SS]][Z], UTC)",
					     optarg);
			/* a second one would silently replace the first */
			int again = c == OPT_SINCE ? o->since != INT64_MIN : o->until != INT64_MAX;
			if (again && !(window_opts & 2))
				return usage(err, errlen, "%s given twice: one window a run",
					     c == OPT_SINCE ? "--since" : "--until");
			if (c == OPT_SINCE)
				o->since = tv;
			else
				o->until = tv;
			window_opts |= 1;
			break;
		}
		case OPT_DAY: {
			int64_t tv;
			if (strcmp(optarg, "today") == 0 || strcmp(optarg, "yesterday") == 0) {
				int64_t now = (int64_t)time(NULL);
				tv = now - now % 86400 - (optarg[0] == 'y' ? 86400 : 0);
			} else if (strlen(optarg) != 10 || fmt_parse_time(optarg, &tv) != 0) {
				int shape = strlen(optarg) == 10 && strspn(optarg, "0123456789") == 4 &&
					    optarg[4] == '-' && strspn(optarg + 5, "0123456789") == 2 &&
					    optarg[7] == '-' && strspn(optarg + 8, "0123456789") == 2;
				return usage(err, errlen,
					     shape ? "--day: '%s' is not a day of the calendar"
						   : "--day: '%s' is not YYYY-MM-DD, today or yesterday",
					     optarg);
			}
			if (window_opts & 2)
				return usage(err, errlen, "%s", "--day given twice: one day a run (merge the "
							  "days' partials for several)");
			o->since = tv;
			o->until = tv + 86400;
			window_opts |= 2;
			break;
		}
		case 'o':
			if (!optarg[0])
				return usage(err, errlen, "%s", "-o: an empty file name (- is standard output)");
			o->output = optarg;
			break;
		case 'j':
			if (parse_u64(optarg, strlen(optarg), 1024, &v) || v < 1)
				return usage(err, errlen, "-j: '%s' is not a number from 1 to 1024", optarg);
			o->jobs = (int)v;
			break;
		case OPT_MAX_ROWS:
		case OPT_MAX_TALKERS:
		case OPT_MAX_TOPOLOGY_BYTES:
		case OPT_MAX_RANGES:
			if (parse_u64(optarg, strlen(optarg), (uint64_t)1 << 40, &v) || v < 1)
				return usage(err, errlen, "'%s' is not a positive number", optarg);
			if (c == OPT_MAX_ROWS)
				o->max_rows = v;
			else if (c == OPT_MAX_TALKERS)
				o->max_talkers = v;
			else if (c == OPT_MAX_TOPOLOGY_BYTES)
				o->max_topology_bytes = v;
			else
				o->max_ranges = v;
			break;
		case OPT_FILES_FROM:
			if (o->files_from)
				return usage(err, errlen, "%s", "--files-from given twice (join the lists)");
			o->files_from = optarg;
			break;
		case OPT_SHARD: {
			const char *slash = strchr(optarg, '/');
			if (!slash || parse_u64(optarg, (size_t)(slash - optarg), UINT32_MAX, &o->shard_i) ||
			    parse_u64(slash + 1, strlen(slash + 1), UINT32_MAX, &o->shard_n) ||
			    o->shard_n == 0 || o->shard_i >= o->shard_n)
				return usage(err, errlen, "--shard: '%s' is not I/N with 0 <= I < N", optarg);
			break;
		}
		case OPT_EMIT:
			if (strcmp(optarg, "partial") != 0)
				return usage(err, errlen, "--emit: '%s' is not 'partial'", optarg);
			o->emit_partial = 1;
			break;
		case OPT_STATS:
			o->stats = 1;
			break;
		case OPT_GZIP:
			if (strcmp(optarg, "zlib") == 0)
				o->backend = INPUT_BACKEND_ZLIB;
			else if (strcmp(optarg, "isal") == 0)
				o->backend = INPUT_BACKEND_ISAL;
			else
				return usage(err, errlen, "--gzip-backend: unknown backend '%s'", optarg);
			if (!input_have_backend(o->backend))
				return usage(err, errlen, "--gzip-backend: %s is not in this build", optarg);
			break;
		case OPT_MAX_LINE:
			if (parse_u64(optarg, strlen(optarg), (uint64_t)1 << 30, &v) || v < 64)
				return usage(err, errlen, "--max-line: '%s' is not a number from 64 to 2^30",
					     optarg);
			o->max_line = (size_t)v;
			break;
		case OPT_MAX_ERRORS:
			if (parse_u64(optarg, strlen(optarg), UINT64_MAX, &v))
				return usage(err, errlen, "--max-errors: '%s' is not a number", optarg);
			o->max_errors = v;
			break;
		case ':':
		case '?':
		default: {
			/* getopt ran on argv + 1: a long option is the element
			 * before its optind; a short one is named by optopt (it
			 * may sit inside a group such as -xq) */
			char opt[8];
			const char *name = argv[optind];
			int short_opt = optopt > 0 && optopt < 128 && isgraph(optopt);
			if (short_opt) {
				snprintf(opt, sizeof(opt), "-%c", optopt);
				name = opt;
			}
			if (c == ':')
				return usage(err, errlen, "option '%s' needs an argument", name);
			if (!short_opt && optopt && strchr(name, '=')) {
				snprintf(err, errlen, "option '%.*s' takes no argument",
					 (int)(strchr(name, '=') - name), name);
				return -1;
			}
			return usage(err, errlen, "unknown option '%s'", name);
		}
		}
	}
	o->inputs = argv + 1 + optind;
	o->ninputs = argc - 1 - optind;
	if (window_opts == 3)
		return usage(err, errlen, "%s", "--day and --since/--until set the same window: give one");
	if (o->cmd == CMD_PARSE && o->format != FMT_DEFAULT && o->format != FMT_CSV &&
	    o->format != FMT_TSV && o->format != FMT_JSONL && o->format != FMT_NULL)
		return usage(err, errlen, "--format: parse writes csv, tsv, jsonl or null, not %s",
			     "this one");
	if (o->cmd == CMD_PARSE && o->ninputs == 0)
		return usage(err, errlen, "%s", "no INPUT given (use - for standard input)");
	if (o->cmd == CMD_ANALYZE && o->ninputs == 0 && !o->files_from)
		return usage(err, errlen, "%s", "no INPUT given (use - for standard input)");
	if (o->emit_partial && (o->reports || o->format != FMT_DEFAULT))
		return usage(err, errlen, "%s",
			     "--emit partial writes a partial aggregate, not reports: --report and "
			     "--format belong to the flowpath merge that reads it");
	if (o->cmd == CMD_ANALYZE || o->cmd == CMD_MERGE) {
		if (o->format == FMT_NULL)
			return usage(err, errlen,
				     "--format: analyze writes table, csv, tsv, jsonl, json or html, not %s",
				     "null");
		if (o->reports) {
			int list[16];
			char bad[64];
			if (report_parse_list(o->reports, list, 16, bad, sizeof(bad)) <= 0)
				return usage(err, errlen,
					     "--report: unknown report '%s' (known: summary, paths, "
					     "recommendations, talkers, timeline, inputs, nat-talkers)",
					     bad);
		}
		if (o->since != INT64_MIN && o->until != INT64_MAX && o->until <= o->since)
			return usage(err, errlen, "%s", "--until must be after --since");
	}
	if (o->cmd == CMD_PARSE || o->cmd == CMD_ANALYZE || o->cmd == CMD_MERGE) {
		/* refused before anything is read: the second reader of the
		 * standard input would find it empty */
		int stdin_uses = o->files_from && strcmp(o->files_from, "-") == 0;
		for (int i = 0; i < o->ninputs; i++)
			stdin_uses += strcmp(o->inputs[i], "-") == 0;
		if (stdin_uses > 1)
			return usage(err, errlen, "%s", CLI_STDIN_TWICE);
	}
	if (o->cmd == CMD_MERGE && o->ninputs == 0)
		return usage(err, errlen, "%s", "no PARTIAL given (use - for standard input)");
	if ((o->cmd == CMD_ANALYZE || o->cmd == CMD_EXPLAIN) && o->ntopologies == 0)
		return usage(err, errlen, "%s", "--topology is required");
	if (o->cmd == CMD_EXPLAIN && (o->ninputs < 1 || o->ninputs > 2))
		return usage(err, errlen, "%s", "explain takes one or two addresses: [SRC] DST");
	/* the record's account-id beside its interface-id is a record's
	 * own; --subnet makes the flow start there, a context of its own */
	if (o->cmd == CMD_EXPLAIN && o->subnet && ((o->eni && strcmp(o->eni, "-") != 0) || o->account))
		return usage(err, errlen, "%s", "give --subnet alone (or with --eni -), or --eni, --account or both");
	if (o->cmd == CMD_TOPOLOGY) {
		if (o->ninputs < 1 || strcmp(o->inputs[0], "check") != 0)
			return usage(err, errlen, "%s", "usage: flowpath topology check [--ip-ranges FILE] PATH...");
		if (o->ninputs < 2)
			return usage(err, errlen, "%s", "topology check needs a PATH");
	}
	return 0;
}

static void wrap(FILE *f, const char *text, int indent, int width)
{
	int col = indent;
	const char *p = text;
	while (*p) {
		const char *sp = strchr(p, ' ');
		int wl = sp ? (int)(sp - p) : (int)strlen(p);
		if (col > indent && col + 1 + wl > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			putc(' ', f);
			col++;
		}
		fwrite(p, 1, (size_t)wl, f);
		col += wl;
		p += wl;
		while (*p == ' ')
			p++;
	}
	putc('\n', f);
}

void cli_help(FILE *f, enum cli_cmd cmd)
{
	const struct cli_cmd_info *ci = &cli_cmds[cmd];
	if (cmd == CMD_NONE) {
		fprintf(f, "Usage: flowpath %s\n\nflowpath: %s.\n\nCommands:\n", ci->args, ci->summary);
		for (int c = 1; c < CMD_NCMDS; c++)
			fprintf(f, "  %-10s %s\n", cli_cmds[c].name, cli_cmds[c].summary);
		fprintf(f, "\nRun 'flowpath COMMAND --help' for a command's options, 'flowpath --man' for\n"
			   "the manual page (man -l -), 'flowpath --version' for the version.\n"
			   "Exit status: 0 clean, 1 some input was bad (the rest was processed),\n"
			   "2 usage or configuration error, 3 output could not be written.\n");
		return;
	}
	fprintf(f, "Usage: flowpath %s %s\n\n%c%s.\n\nOptions:\n", ci->name, ci->args,
		ci->summary[0] >= 'a' && ci->summary[0] <= 'z' ? ci->summary[0] - 'a' + 'A' : ci->summary[0],
		ci->summary + 1);
	for (const struct cli_opt *op = cli_opts; op->name; op++) {
		if (!(op->cmds & CMDBIT(cmd)))
			continue;
		char head[64];
		if (op->short_name)
			snprintf(head, sizeof(head), "-%c, --%s%s%s", op->short_name, op->name,
				 op->argname ? " " : "", op->argname ? op->argname : "");
		else
			snprintf(head, sizeof(head), "    --%s%s%s", op->name, op->argname ? " " : "",
				 op->argname ? op->argname : "");
		fprintf(f, "  %-24s", head);
		if (strlen(head) > 24)
			fprintf(f, "\n%26s", "");
		wrap(f, op->help, 26, 79);
	}
	if (strstr(ci->args, "INPUT"))
		fprintf(f, "\nINPUT is a file (gzip or plain text, told apart by content), a directory\n"
			   "(read recursively in sorted order) or - for standard input.\n");
}

static void roff_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			putc(*s, f);
	}
}

void cli_man(FILE *f)
{
	fprintf(f, ".TH FLOWPATH 1 \"\" \"flowpath %s\" \"User Commands\"\n", FLOWPATH_VERSION);
	fputs(".SH NAME\nflowpath \\- ", f);
	roff_text(f, cli_cmds[CMD_NONE].summary);
	fputs("\n.SH SYNOPSIS\n", f);
	for (int c = 1; c < CMD_NCMDS; c++) {
		fprintf(f, ".B flowpath %s\n", cli_cmds[c].name);
		roff_text(f, cli_cmds[c].args);
		fputs("\n.br\n", f);
	}
	fputs(".SH DESCRIPTION\n"
	      "flowpath reads AWS VPC Flow Log archives (gzip or text files, directories, standard "
	      "input), decides each flow's network path against a topology loaded from the JSON "
	      "that the AWS CLI prints, aggregates bytes by path, prices them and recommends "
	      "changes, such as gateway endpoints, with the money each would save.\n",
	      f);
	for (int c = 1; c < CMD_NCMDS; c++) {
		fprintf(f, ".SH flowpath %s\n", cli_cmds[c].name);
		char sum[256];
		snprintf(sum, sizeof(sum), "%s", cli_cmds[c].summary);
		if (sum[0] >= 'a' && sum[0] <= 'z')
			sum[0] = (char)(sum[0] - 'a' + 'A');
		roff_text(f, sum);
		fputs(".\n", f);
		for (const struct cli_opt *op = cli_opts; op->name; op++) {
			if (!(op->cmds & CMDBIT(c)) || op->key == 'h' || op->key == 'V')
				continue;
			fputs(".TP\n", f);
			if (op->short_name)
				fprintf(f, "\\fB\\-%c\\fR, ", op->short_name);
			fputs("\\fB\\-\\-", f);
			roff_text(f, op->name);
			fputs("\\fR", f);
			if (op->argname) {
				fputs(" \\fI", f);
				roff_text(f, op->argname);
				fputs("\\fR", f);
			}
			fputs("\n", f);
			roff_text(f, op->help);
			fputs("\n", f);
		}
	}
	fputs(".SH COMMON OPTIONS\n.TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nShow the help of the "
	      "command and exit.\n.TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nShow the version "
	      "and exit.\n.TP\n\\fB\\-\\-man\\fR\nWrite this manual page (roff) to standard "
	      "output and exit.\n",
	      f);
	fputs(".SH EXIT STATUS\n.TP\n0\nEvery input was read cleanly.\n.TP\n1\nDone, but some "
	      "inputs or lines were bad (stderr and the inputs report say which; the results for "
	      "the rest are written).\n.TP\n2\nUsage or configuration error (a bad option; a "
	      "topology, ip-ranges, pricing or --files-from file that cannot be loaded; merge of "
	      "partials that read one input over overlapping windows): nothing "
	      "processed.\n.TP\n3\nThe "
	      "output could not be written.\n",
	      f);
	fputs(".SH ENVIRONMENT\n.TP\nFLOWPATH_SIMD\n\\fBoff\\fR (or \\fB0\\fR, \\fBno\\fR) makes the line parser use its "
	      "portable code even where the CPU has AVX-512 (\\fB\\-\\-version\\fR names the "
	      "one in use). Both give the same results.\n",
	      f);
	fputs(".SH SEE ALSO\nREADME.md, docs/reports.md, docs/behaviour.md and docs/prices.md in "
	      "flowpath's source tree.\n",
	      f);
}
