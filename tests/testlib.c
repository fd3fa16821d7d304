/* SPDX-License-Identifier: MIT */
/* Test helpers; see testlib.h. */
#include "testlib.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "testlib: %s %s: %s\n", what, arg ? arg : "", strerror(errno));
	abort();
}

char *tl_mkdtemp(void)
{
	const char *t = getenv("TMPDIR");
	char *p = tl_path(t && *t ? t : "/tmp", "flowpath-test-XXXXXX");
	if (!mkdtemp(p))
		die("mkdtemp", p);
	return p;
}

void tl_rmtree(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	if (!dp) {
		unlink(dir);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *p = tl_path(dir, de->d_name);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			tl_rmtree(p);
		else
			unlink(p);
		free(p);
	}
	closedir(dp);
	rmdir(dir);
}

char *tl_dir;

int tl_dir_setup(void **state)
{
	(void)state;
	tl_dir = tl_mkdtemp();
	return 0;
}

int tl_dir_teardown(void **state)
{
	(void)state;
	tl_rmtree(tl_dir);
	free(tl_dir);
	tl_dir = NULL;
	return 0;
}

char *tl_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (!p)
		abort();
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

void tl_write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		die("fopen", path);
	if (n && fwrite(p, 1, n, f) != n)
		die("fwrite", path);
	if (fclose(f) != 0)
		die("fclose", path);
}

char *tl_read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	if (!f || !buf)
		die("fopen", path);
	for (;;) {
		if (len + 1 >= cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		size_t r = fread(buf + len, 1, cap - len - 1, f);
		if (r == 0)
			break;
		len += r;
	}
	fclose(f);
	buf[len] = '\0';
	if (n)
		*n = len;
	return buf;
}

size_t tl_gzip(const void *p, size_t n, unsigned char **out)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	size_t cap = deflateBound(&z, (uLong)n) + 64;
	*out = malloc(cap);
	if (!*out)
		abort();
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = *out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	size_t len = cap - z.avail_out;
	deflateEnd(&z);
	return len;
}

size_t tl_write_gzip(const char *path, const void *p, size_t n)
{
	unsigned char *gz;
	size_t len = tl_gzip(p, n, &gz);
	tl_write_file(path, gz, len);
	free(gz);
	return len;
}

void tl_run(const char *const *argv, const char *stdin_path, const char *stdout_path,
	    struct tl_run *r)
{
	char *dir = tl_mkdtemp();
	char *outp = tl_path(dir, "stdout");
	char *errp = tl_path(dir, "stderr");
	memset(r, 0, sizeof(*r));
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		die("fork", argv[0]);
	if (pid == 0) {
		int in = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY);
		int out = open(stdout_path ? stdout_path : outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int err = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (in < 0 || out < 0 || err < 0)
			_exit(126);
		dup2(in, 0);
		dup2(out, 1);
		dup2(err, 2);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die("waitpid", argv[0]);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	if (!stdout_path) {
		r->out = tl_read_file(outp, &r->outlen);
	} else {
		r->out = calloc(1, 1);
	}
	r->err = tl_read_file(errp, &r->errlen);
	tl_rmtree(dir);
	free(outp);
	free(errp);
	free(dir);
}

void tl_run_free(struct tl_run *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

size_t tl_count(const char *hay, const char *needle)
{
	size_t n = 0, k = strlen(needle);
	for (const char *p = hay; k && (p = strstr(p, needle)) != NULL; p += k)
		n++;
	return n;
}

uint64_t tl_xorshift(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}
