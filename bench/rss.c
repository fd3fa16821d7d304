/* SPDX-License-Identifier: MIT */
/*
 * rss: run one command and report its wall time, CPU time and peak resident
 * set size, so that the benchmark needs nothing beyond a C compiler (no GNU
 * time, no hyperfine). Standard input, output and error of the command can
 * be redirected to files. The report is one line on stdout:
 *
 *     WALL_S USER_S SYS_S MAXRSS_KIB STATUS
 *
 * STATUS is the command's exit status, or 128 + signal number. rss exits
 * with the same status, or 127 when the command could not be started.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
	"Usage: rss [-i IN] [-o OUT] [-e ERR] [--] COMMAND [ARG...]\n"
	"\n"
	"Run COMMAND; print 'WALL_S USER_S SYS_S MAXRSS_KIB STATUS' on stdout.\n"
	"  -i IN   standard input of COMMAND from IN\n"
	"  -o OUT  standard output of COMMAND to OUT (created or truncated)\n"
	"  -e ERR  standard error of COMMAND to ERR (created or truncated)\n";

static void redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0666);
	if (f < 0 || dup2(f, fd) < 0) {
		fprintf(stderr, "rss: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (f != fd)
		close(f);
}

static double tv_s(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	const char *in = NULL, *out = NULL, *err = NULL;
	int c;

	while ((c = getopt(argc, argv, "+i:o:e:h")) != -1) {
		switch (c) {
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'e':
			err = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			fputs("Try 'rss -h'.\n", stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		fputs("rss: no command\nTry 'rss -h'.\n", stderr);
		return 2;
	}

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "rss: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		if (in)
			redirect(in, STDIN_FILENO, O_RDONLY);
		if (out)
			redirect(out, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
		if (err)
			redirect(err, STDERR_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "rss: %s: %s\n", argv[optind], strerror(errno));
		_exit(127);
	}

	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "rss: wait4: %s\n", strerror(errno));
			return 127;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	/* ru_maxrss is in KiB on Linux */
	printf("%.4f %.4f %.4f %ld %d\n", wall, tv_s(ru.ru_utime), tv_s(ru.ru_stime), ru.ru_maxrss,
	       code);
	if (fflush(stdout) != 0 || ferror(stdout))
		return 127;
	return code;
}
