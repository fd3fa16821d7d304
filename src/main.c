/* SPDX-License-Identifier: MIT */
/*
 * flowpath: argv to options, run the command, print diagnostics, exit
 * status. Nothing else lives here.
 */
#include <inttypes.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyze.h"
#include "cli.h"
#include "flowlog.h"
#include "fmt.h"
#include "input.h"
#include "run.h"
#include "runner.h"

struct ui_state {
	const struct options *o;
	uint64_t line_errors;
	uint64_t line_errors_shown;
	_Atomic int progress_shown; /* a progress line is on the terminal */
	struct timespec t0;
};

/* One message line on stderr: "flowpath: " + what + the diagnostic, its
 * control characters made visible (file names may hold any byte). */
static void print_message(const char *what, const struct diag *d)
{
	char buf[2048], vis[4 * sizeof(buf)];
	diag_format(d, buf, sizeof(buf));
	fprintf(stderr, "flowpath: %s%s\n", what, fmt_visible(buf, strlen(buf), vis, sizeof(vis)));
}

static void print_diag(void *ctx, enum run_severity sev, const struct diag *d)
{
	struct ui_state *u = ctx;

	if (sev == RUN_LINE) {
		u->line_errors++;
		if (u->line_errors_shown >= u->o->max_errors)
			return;
		u->line_errors_shown++;
	}
	if (sev == RUN_NOTE && u->o->quiet)
		return;
	if (atomic_exchange(&u->progress_shown, 0))
		fputs("\r\033[K", stderr); /* the message replaces the progress line */
	print_message(sev == RUN_NOTE ? "note: " : sev == RUN_WARN ? "warning: " : "", d);
}

static void count_suppressed(void *ctx, uint64_t lines)
{
	struct ui_state *u = ctx;
	u->line_errors += lines;
}

/* A progress line on a terminal's stderr, erased at the end. */
static void print_progress(void *ctx, const struct runner_progress *p, int final)
{
	struct ui_state *u = ctx;
	if (u->o->quiet || !isatty(STDERR_FILENO))
		return;
	if (final) {
		if (u->progress_shown)
			fputs("\r\033[K", stderr);
		u->progress_shown = 0;
		return;
	}
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double secs = (double)(now.tv_sec - u->t0.tv_sec) + (double)(now.tv_nsec - u->t0.tv_nsec) / 1e9;
	uint64_t done = p->bytes_read, files = p->files_done;
	double rate = secs > 0 ? (double)done / secs : 0;
	char eta[32] = "?";
	if (rate > 0 && p->bytes_total >= done) {
		double left = (double)(p->bytes_total - done) / rate;
		snprintf(eta, sizeof(eta), "%d:%02d", (int)left / 60, (int)left % 60);
	}
	fprintf(stderr, "\r\033[Kflowpath: %llu/%llu files, %.1f of %.1f MB read, %.1f MB/s, ETA %s",
		(unsigned long long)files, (unsigned long long)p->files_total, (double)done / 1e6,
		(double)p->bytes_total / 1e6, rate / 1e6, eta);
	fflush(stderr);
	u->progress_shown = 1;
}

static void print_summary(const struct ui_state *u, const struct run_result *r)
{
	const struct scan_stats *st = &r->stats;
	if (u->line_errors > u->line_errors_shown)
		fprintf(stderr, "flowpath: %" PRIu64 " more malformed-line messages not shown (--max-errors)\n",
			u->line_errors - u->line_errors_shown);
	if (u->o->quiet && st->malformed == 0 && r->input_errors == 0)
		return;
	/* flows read, and of them those the window left out, so that the
	 * reports' count (the rest) can be told from this one */
	char outside[64] = "";
	if (r->outside_window)
		snprintf(outside, sizeof(outside), " (%" PRIu64 " outside the window)", r->outside_window);
	char skipped[64] = "";
	if (r->files_skipped)
		snprintf(skipped, sizeof(skipped), " (%" PRIu64 " more skipped by their names)",
			 r->files_skipped);
	fprintf(stderr,
		"flowpath: %" PRIu64 " files%s, %" PRIu64 " input errors, %" PRIu64 " lines: %" PRIu64
		" flows%s, %" PRIu64 " NODATA, %" PRIu64 " SKIPDATA, %" PRIu64 " headers, %" PRIu64
		" blank, %" PRIu64 " malformed",
		st->files, skipped, r->input_errors, st->lines, st->flows, outside, st->nodata, st->skipdata,
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

/* A full disk or closed stdout must not look like success: says why on
 * stderr. */
static int close_stdout(void)
{
	int bad = ferror(stdout);
	errno = 0;
	if (fflush(stdout) != 0 || fclose(stdout) != 0 || bad) {
		fprintf(stderr, "flowpath: standard output: %s\n",
			errno ? strerror(errno) : "write error");
		return 1;
	}
	return 0;
}

/* -o FILE: write to a temporary file beside it, renamed over FILE only
 * when everything was written; a failed run leaves no half file. A
 * symbolic link is followed (the file it names is replaced), and a FILE
 * that exists but is not a regular file (a device, a FIFO) is written
 * directly, never replaced. */
struct output {
	FILE *f;
	const char *path;
	char *real; /* a symbolic link's target, malloc'd */
	char *tmp;  /* NULL: stdout, or written directly */
};

/* -o's temporary file while it is being written: removed when a signal
 * (SIGINT, SIGTERM, SIGHUP) ends the run, so that none is left behind. */
static _Atomic(char *) sig_tmp;

static void on_fatal_signal(int sig)
{
	char *p = atomic_load(&sig_tmp);
	if (p)
		unlink(p);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Catch the signals that end a run, except those the caller ignores
 * (nohup, a background job's SIGINT). */
static void catch_fatal_signals(void)
{
	/* SIGPIPE: stderr into a pipe whose reader left (2>&1 | head) */
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction sa, old;
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

/* The file a chain of symbolic links names, whether it exists or not
 * (malloc'd), or NULL when path is no link or the chain is too long. */
static char *link_target(const char *path)
{
	char *cur = strdup(path);
	struct stat st;
	for (int hops = 0; cur && hops < 40; hops++) {
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return hops ? cur : (free(cur), NULL);
		char buf[4096];
		ssize_t n = readlink(cur, buf, sizeof(buf) - 1);
		if (n < 0)
			break;
		buf[n] = '\0';
		const char *slash = strrchr(cur, '/');
		size_t dir = buf[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
		char *next = malloc(dir + (size_t)n + 1);
		if (!next)
			break;
		memcpy(next, cur, dir);
		memcpy(next + dir, buf, (size_t)n + 1);
		free(cur);
		cur = next;
	}
	free(cur);
	return NULL;
}

/* -o naming the standard output itself */
static int is_stdout(const char *path)
{
	return strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0 || strcmp(path, "/dev/fd/1") == 0 ||
	       strcmp(path, "/proc/self/fd/1") == 0;
}

static int output_open(struct output *out, const char *path)
{
	struct stat st;
	out->path = path;
	out->tmp = out->real = NULL;
	if (!path || is_stdout(path)) {
		out->path = NULL; /* the standard output as it is (appending too) */
		out->f = stdout;
		return 0;
	}
	/* a device, FIFO or descriptor is written as it is, never replaced */
	if (strncmp(path, "/dev/fd/", 8) == 0 || strcmp(path, "/dev/stderr") == 0 ||
	    strncmp(path, "/proc/self/fd/", 14) == 0 || (stat(path, &st) == 0 && !S_ISREG(st.st_mode))) {
		out->f = fopen(path, "w");
		if (!out->f) {
			fprintf(stderr, "flowpath: %s: cannot open output: %s\n", path, strerror(errno));
			return -1;
		}
		return 0;
	}
	if ((out->real = link_target(path)))
		path = out->real;
	size_t n = strlen(path) + 16;
	out->tmp = malloc(n);
	if (!out->tmp)
		return -1;
	snprintf(out->tmp, n, "%s.tmp.XXXXXX", path);
	catch_fatal_signals();
	int fd = mkstemp(out->tmp);
	if (fd < 0) {
		fprintf(stderr,
			"flowpath: %s: cannot create a temporary file beside it, to replace it "
			"whole: %s\n",
			path, strerror(errno));
		free(out->tmp);
		free(out->real);
		out->tmp = out->real = NULL;
		return -1;
	}
	atomic_store(&sig_tmp, out->tmp);
	/* the mode of the file it replaces, else what a new file would get
	 * (mkstemp's is 0600 whatever the umask) */
	mode_t mode;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		mode = st.st_mode & 07777;
	} else {
		mode = umask(0);
		umask(mode);
		mode = 0666 & ~mode;
	}
	fchmod(fd, mode);
	out->f = fdopen(fd, "w");
	if (!out->f) {
		atomic_store(&sig_tmp, NULL);
		close(fd);
		unlink(out->tmp);
		return -1;
	}
	return 0;
}

/* Finish the output; ok says whether the run produced it completely.
 * Returns 0, or -1 when writing failed (the message is printed). */
static int output_close(struct output *out, int ok)
{
	if (!out->path)
		return close_stdout() ? -1 : 0;
	const char *target = out->real ? out->real : out->path;
	int err = 0;
	errno = 0;
	if (fflush(out->f) != 0 || ferror(out->f))
		err = errno ? errno : EIO;
	if (!err && out->tmp && fsync(fileno(out->f)) != 0)
		err = errno;
	if (fclose(out->f) != 0 && !err)
		err = errno ? errno : EIO;
	if (!err && ok && out->tmp && rename(out->tmp, target) != 0)
		err = errno;
	if (out->tmp && (err || !ok))
		unlink(out->tmp);
	/* only now: a signal before the rename still removes the file */
	atomic_store(&sig_tmp, NULL);
	int rc = 0;
	if (err) {
		fprintf(stderr, "flowpath: %s: cannot write output: %s\n", out->path, strerror(err));
		rc = -1;
	}
	free(out->tmp);
	free(out->real);
	if (close_stdout())
		rc = -1;
	return rc;
}

int main(int argc, char **argv)
{
	struct options o;
	char err[512];
	/* every input takes its buffers (a few MiB) and gives them back:
	 * keep them in the heap for the next one rather than have the kernel
	 * map and zero them again (6,000 small S3 objects: 3x faster) */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	/* a file size limit (ulimit -f) fails the write (EFBIG), which ends
	 * the run with exit 3 and removes the temporary file, rather than
	 * killing it with the temporary file left behind */
	signal(SIGXFSZ, SIG_IGN);
	/* a closed standard output would hand its descriptor to the first file
	 * opened (the -o temporary file, an input): hold it with /dev/null,
	 * and refuse to write a report there below */
	int stdout_closed = fcntl(STDOUT_FILENO, F_GETFD) < 0;
	if (stdout_closed && open("/dev/null", O_WRONLY) != STDOUT_FILENO)
		return EXIT_OUTPUT;

	if (cli_parse(argc, argv, &o, err, sizeof(err)) != 0) {
		fprintf(stderr, "flowpath: %s\n", err);
		if (o.cmd != CMD_NONE)
			fprintf(stderr, "Try 'flowpath %s --help'.\n", cli_cmds[o.cmd].name);
		else
			fprintf(stderr, "Try 'flowpath --help'.\n");
		free(o.topologies);
		return EXIT_USAGE;
	}
	/* what would go to stdout (help, version, explain, topology check, a
	 * report without -o) would go nowhere: refuse it up front */
	if (stdout_closed && (!o.output || is_stdout(o.output))) {
		fprintf(stderr, "flowpath: standard output is closed\n");
		free(o.topologies);
		return EXIT_OUTPUT;
	}
	if (o.help) {
		cli_help(stdout, o.cmd);
		return close_stdout() ? EXIT_OUTPUT : EXIT_CLEAN;
	}
	if (o.man) {
		cli_man(stdout);
		return close_stdout() ? EXIT_OUTPUT : EXIT_CLEAN;
	}
	/* once, before any thread parses: FLOWPATH_SIMD=off forces the
	 * portable line parser */
	const char *simd = getenv("FLOWPATH_SIMD");
	int off = simd && (strcasecmp(simd, "off") == 0 || strcmp(simd, "0") == 0 ||
			   strcasecmp(simd, "no") == 0);
	int level = fl_simd_select(off ? FL_SIMD_OFF : FL_SIMD_AUTO);
	if (o.version) {
		printf("flowpath %s (gzip backend %s, line parser %s)\n", FLOWPATH_VERSION,
		       input_default_backend(), level == FL_SIMD_AVX512 ? "avx512" : "portable");
		return close_stdout() ? EXIT_OUTPUT : EXIT_CLEAN;
	}

	struct ui_state u = {&o, 0, 0, 0, {0, 0}};
	struct run_ui ui = {print_diag, count_suppressed,
			    !o.quiet && isatty(STDERR_FILENO) ? print_progress : NULL, &u};
	clock_gettime(CLOCK_MONOTONIC, &u.t0);
	struct run_result r;
	struct output out;
	int status = EXIT_CLEAN;
	struct diag d;

	diag_clear(&d);
	memset(&r, 0, sizeof(r));
	if (o.cmd == CMD_EXPLAIN || o.cmd == CMD_TOPOLOGY) {
		int rc = o.cmd == CMD_EXPLAIN ? run_explain(&o, stdout, &d)
					      : run_topology_check(&o, stdout, &d);
		free(o.topologies);
		if (rc < 0) {
			print_message("", &d);
			return EXIT_USAGE;
		}
		if (close_stdout())
			return EXIT_OUTPUT;
		return rc > 0 ? EXIT_PARTIAL : EXIT_CLEAN;
	}
	if (output_open(&out, o.output) != 0) {
		free(o.topologies);
		return EXIT_OUTPUT;
	}
	/* directory walks leave out the report being written (its temporary
	 * file) and the one it replaces */
	struct stat ost;
	if (out.tmp && fstat(fileno(out.f), &ost) == 0) {
		o.out_dev[o.nout] = (uint64_t)ost.st_dev;
		o.out_ino[o.nout++] = (uint64_t)ost.st_ino;
	}
	if (out.tmp && stat(out.real ? out.real : out.path, &ost) == 0 && S_ISREG(ost.st_mode)) {
		o.out_dev[o.nout] = (uint64_t)ost.st_dev;
		o.out_ino[o.nout++] = (uint64_t)ost.st_ino;
	}
	int model_error = 0;
	switch (o.cmd) {
	case CMD_PARSE:
		run_parse(&o, out.f, &ui, &r);
		break;
	case CMD_ANALYZE:
	case CMD_MERGE:
		if ((o.cmd == CMD_ANALYZE ? run_analyze(&o, out.f, &ui, &r, &d)
					  : run_merge(&o, out.f, &ui, &r, &d)) == ANALYZE_E_MODEL) {
			print_message("", &d);
			model_error = 1;
		}
		break;
	default:
		break;
	}
	free(o.topologies);
	if (model_error) {
		output_close(&out, 0);
		return EXIT_USAGE;
	}
	print_summary(&u, &r);
	if (r.input_errors || r.stats.malformed)
		status = EXIT_PARTIAL;
	/* nothing could be read at all (a log folder that is not mounted,
	 * files the job may not read, empty objects): a report of nothing
	 * must not replace the last good one. A partial is written all the
	 * same: it carries the input errors to the merge, which would not
	 * know of them otherwise (a shard of missing paths alone) */
	int none = !o.emit_partial && r.input_errors && r.stats.files_failed >= r.stats.files &&
		   r.stats.lines == 0 && !r.output_error;
	if (none && out.tmp)
		fprintf(stderr, "flowpath: no input could be read: %s is left as it was\n", o.output);
	if (output_close(&out, !r.output_error && !none) != 0 || r.output_error)
		status = EXIT_OUTPUT;
	return status;
}
