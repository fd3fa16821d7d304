/* SPDX-License-Identifier: MIT */
/*
 * flowpath: argv to options, run the command, print diagnostics, exit
 * status. Nothing else lives here.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "cli.h"
#include "input.h"
#include "run.h"

struct ui_state {
	const struct options *o;
	uint64_t line_errors;
	uint64_t line_errors_shown;
};

static void print_diag(void *ctx, enum run_severity sev, const struct diag *d)
{
	struct ui_state *u = ctx;
	char buf[2048];

	if (sev == RUN_LINE) {
		u->line_errors++;
		if (u->line_errors_shown >= u->o->max_errors)
			return;
		u->line_errors_shown++;
	}
	if (sev == RUN_NOTE && u->o->quiet)
		return;
	fprintf(stderr, "flowpath: %s%s\n", sev == RUN_NOTE ? "note: " : "",
		diag_format(d, buf, sizeof(buf)));
}

static void print_summary(const struct ui_state *u, const struct run_result *r)
{
	const struct scan_stats *st = &r->stats;
	if (u->line_errors > u->line_errors_shown)
		fprintf(stderr, "flowpath: %" PRIu64 " more malformed lines not shown (--max-errors)\n",
			u->line_errors - u->line_errors_shown);
	if (u->o->quiet && st->malformed == 0 && r->input_errors == 0)
		return;
	fprintf(stderr,
		"flowpath: %" PRIu64 " files (%" PRIu64 " failed), %" PRIu64 " lines: %" PRIu64
		" flows, %" PRIu64 " NODATA, %" PRIu64 " SKIPDATA, %" PRIu64 " headers, %" PRIu64
		" blank, %" PRIu64 " malformed",
		st->files, r->input_errors, st->lines, st->flows, st->nodata, st->skipdata,
		st->header_lines, st->blank_lines, st->malformed);
	if (st->malformed) {
		const char *sep = " (";
		for (int i = 1; i < FL_NERRORS; i++) {
			if (!st->malformed_by[i])
				continue;
			fprintf(stderr, "%s%s %" PRIu64, sep, fl_strerror(i), st->malformed_by[i]);
			sep = ", ";
		}
		fputc(')', stderr);
	}
	fprintf(stderr, "; %" PRIu64 " bytes read, %" PRIu64 " flow bytes\n", st->bytes_read,
		st->flow_bytes);
}

/* A full disk or closed stdout must not look like success. */
static int close_stdout(void)
{
	int bad = ferror(stdout);
	if (fclose(stdout) != 0)
		bad = 1;
	return bad;
}

int main(int argc, char **argv)
{
	struct options o;
	char err[512];

	if (cli_parse(argc, argv, &o, err, sizeof(err)) != 0) {
		fprintf(stderr, "flowpath: %s\n", err);
		if (o.cmd != CMD_NONE)
			fprintf(stderr, "Try 'flowpath %s --help'.\n", cli_cmds[o.cmd].name);
		else
			fprintf(stderr, "Try 'flowpath --help'.\n");
		return EXIT_USAGE;
	}
	if (o.help) {
		cli_help(stdout, o.cmd);
		return close_stdout() ? EXIT_OUTPUT : EXIT_CLEAN;
	}
	if (o.version) {
		printf("flowpath %s (gzip backend %s)\n", FLOWPATH_VERSION, input_default_backend());
		return close_stdout() ? EXIT_OUTPUT : EXIT_CLEAN;
	}

	struct ui_state u = {&o, 0, 0};
	struct run_ui ui = {print_diag, &u};
	struct run_result r;
	int status = EXIT_CLEAN;

	struct diag d;
	char buf[2048];
	diag_clear(&d);
	memset(&r, 0, sizeof(r));
	switch (o.cmd) {
	case CMD_PARSE:
		run_parse(&o, stdout, &ui, &r);
		break;
	case CMD_ANALYZE:
		if (run_analyze(&o, stdout, &ui, &r, &d) == ANALYZE_E_MODEL) {
			fprintf(stderr, "flowpath: %s\n", diag_format(&d, buf, sizeof(buf)));
			free(o.topologies);
			return EXIT_USAGE;
		}
		break;
	case CMD_EXPLAIN:
	case CMD_TOPOLOGY: {
		int rc = o.cmd == CMD_EXPLAIN ? run_explain(&o, stdout, &d)
					      : run_topology_check(&o, stdout, &d);
		free(o.topologies);
		if (rc < 0) {
			fprintf(stderr, "flowpath: %s\n", diag_format(&d, buf, sizeof(buf)));
			return EXIT_USAGE;
		}
		if (close_stdout())
			return EXIT_OUTPUT;
		return rc > 0 ? EXIT_PARTIAL : EXIT_CLEAN;
	}
	default:
		fprintf(stderr, "flowpath: command not available\n");
		return EXIT_USAGE;
	}
	free(o.topologies);
	print_summary(&u, &r);
	if (r.input_errors || r.stats.malformed)
		status = EXIT_PARTIAL;
	if (close_stdout() || r.output_error) {
		fprintf(stderr, "flowpath: error writing output\n");
		status = EXIT_OUTPUT;
	}
	return status;
}
