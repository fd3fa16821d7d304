/* SPDX-License-Identifier: MIT */
/*
 * The command line: one option table drives getopt_long, --help and the
 * man page. cli_parse turns argv into struct options and never prints.
 */
#ifndef FLOWPATH_CLI_H
#define FLOWPATH_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flowlog.h"
#include "input.h"

/* Exit status, as documented in flowpath(1) and docs/. */
enum exit_status {
	EXIT_CLEAN = 0,   /* every input read cleanly */
	EXIT_PARTIAL = 1, /* done, but some inputs or lines were bad */
	EXIT_USAGE = 2,   /* usage or configuration error, nothing processed */
	EXIT_OUTPUT = 3,  /* output could not be written */
};

enum cli_cmd { CMD_NONE = 0, CMD_PARSE, CMD_ANALYZE, CMD_MERGE, CMD_EXPLAIN, CMD_TOPOLOGY, CMD_NCMDS };

#define CMDBIT(c) (1u << (c))

enum out_format {
	FMT_DEFAULT = 0,
	FMT_CSV,
	FMT_TSV,
	FMT_JSONL,
	FMT_JSON,
	FMT_TABLE,
	FMT_NULL,
	FMT_HTML,
};

/* Said when the standard input is named twice: by cli_parse for the
 * arguments, by the runner for a "-" inside a --files-from list. */
#define CLI_STDIN_TWICE                                                            \
	"the standard input is named more than once (as an input or in the --files-from " \
	"list): it can be read once"

struct options {
	enum cli_cmd cmd;
	int help, version, quiet, stats, man;
	enum out_format format;
	int have_fields;
	struct fl_layout fields;
	int have_columns;
	struct fl_layout columns;
	enum input_backend backend;
	size_t max_line;
	uint64_t max_errors; /* malformed-line messages shown per run */
	const char *output;  /* -o FILE, NULL for stdout */
	/* the -o file and its temporary file (device, inode), which
	 * directory walks leave out; main sets them once the output is open */
	uint64_t out_dev[2], out_ino[2];
	int nout;
	const char **topologies; /* --topology, repeatable */
	int ntopologies;
	const char *ip_ranges;   /* --ip-ranges */
	const char *reports;     /* --report LIST */
	const char *eni, *subnet, *account; /* explain's context */
	const char *dst_service;            /* explain's pkt-dst-aws-service */
	const char *src_service;            /* explain's pkt-src-aws-service */
	const char *pkt_src, *pkt_dst;      /* explain's pkt-srcaddr, pkt-dstaddr */
	const char *direction;              /* explain's flow-direction */
	const char *region, *vpc;           /* explain's region and vpc-id */
	const char *pricing;     /* --pricing FILE.csv */
	int64_t since, until;    /* --since/--until/--day; INT64_MIN/MAX if not given */
	int jobs;                /* -j: workers (0: the number of cores) */
	const char *files_from;  /* --files-from FILE or - */
	uint64_t shard_i, shard_n; /* --shard I/N; shard_n 0 when not given */
	int emit_partial;        /* --emit partial */
	uint64_t max_rows, max_talkers;          /* 0: the defaults */
	uint64_t max_topology_bytes, max_ranges; /* 0: the defaults */
	char **inputs;
	int ninputs;
};

struct cli_opt {
	int key;             /* getopt value: the short letter or an OPT_ code */
	const char *name;    /* long name */
	int short_name;      /* 0 if none */
	const char *argname; /* NULL: takes no argument */
	unsigned cmds;       /* CMDBIT()s of the commands it applies to */
	const char *help;
};

struct cli_cmd_info {
	const char *name;
	const char *args;
	const char *summary;
};

extern const struct cli_opt cli_opts[];
extern const struct cli_cmd_info cli_cmds[CMD_NCMDS];

/*
 * Parse argv. Returns 0 with o filled, or -1 with a one-line message in err
 * for a usage error. --help and --version set o->help / o->version and
 * return 0 (o->cmd may be CMD_NONE).
 */
int cli_parse(int argc, char **argv, struct options *o, char *err, size_t errlen);

/* Write --help for a command (CMD_NONE: the overview) to f. */
void cli_help(FILE *f, enum cli_cmd cmd);

/* Write the man page (roff) to f. */
void cli_man(FILE *f);

#endif
